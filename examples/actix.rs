//! The server of `examples/axum.rs` on actix-web and actix-ws, through the byte-level
//! readers: actix-web has header types of its own, whose values give bytes just the same.
//!
//! ```text
//! cargo run --example actix                           # serve on 127.0.0.1:9004
//! cargo run --example server -- client ws://127.0.0.1:9004/close/1013
//! ```
//!
//! Paths: `/` is actix-ws alone (its own version check, no subprotocol), then closes with
//! 1000; `/close/{code}` checks `Sec-WebSocket-Version` with the crate (426 and the versions
//! it speaks, RFC 6455 section 4.4), selects the client's first registered subprotocol it
//! speaks, reads the permessage-deflate offers and declines them (actix-ws cannot compress),
//! then closes with `code` and its name as the reason. `tests/actix.rs` runs it on 127.0.0.1.

use actix_web::http::header::{HeaderValue, SEC_WEBSOCKET_PROTOCOL, SEC_WEBSOCKET_VERSION};
use actix_web::http::StatusCode;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use futures_util::StreamExt;
use websocket_registry::{
    CloseCode, ClosePayload, DeflatePolicy, PerMessageDeflate, Subprotocol, Version,
};

/// The subprotocols this server speaks; the client's order of preference decides.
pub const SPEAKS: [Subprotocol; 2] = [Subprotocol::Ocpp2_0_1, Subprotocol::Ocpp1_6];

/// The versions of `Sec-WebSocket-Version` this server speaks.
pub const VERSIONS: &[Version] = &[Version::RFC_6455];

/// Upgrades with actix-ws, then sends a Close frame of `code` with `reason` and waits for the
/// client's answer.
fn upgrade_and_close(
    request: &HttpRequest,
    body: web::Payload,
    code: CloseCode,
    reason: String,
) -> actix_web::Result<HttpResponse> {
    let (response, session, mut messages) = actix_ws::handle(request, body)?;
    actix_web::rt::spawn(async move {
        let close = actix_ws::CloseReason {
            code: code.as_u16().into(),
            description: Some(reason),
        };
        if session.close(Some(close)).await.is_ok() {
            while let Some(Ok(_)) = messages.next().await {}
        }
    });
    Ok(response)
}

async fn plain(request: HttpRequest, body: web::Payload) -> actix_web::Result<HttpResponse> {
    upgrade_and_close(&request, body, CloseCode::NORMAL_CLOSURE, String::new())
}

async fn close(
    request: HttpRequest,
    body: web::Payload,
    code: web::Path<String>,
) -> actix_web::Result<HttpResponse> {
    let code: CloseCode = match code.parse() {
        Ok(code) => code,
        Err(err) => return Ok(HttpResponse::BadRequest().body(format!("{code:?}: {err}"))),
    };
    let reason = code.to_string();
    if let Err(err) = ClosePayload::new(code, &reason) {
        return Ok(HttpResponse::BadRequest().body(err.to_string()));
    }
    let headers = request.headers();
    if let Err(error) = Version::check_lines(headers.get_all(SEC_WEBSOCKET_VERSION), VERSIONS) {
        let mut versions = [0u8; 64];
        let len = error.write_supported(&mut versions).unwrap_or(0);
        let status = StatusCode::from_u16(error.http_status()).unwrap_or(StatusCode::BAD_REQUEST);
        return Ok(HttpResponse::build(status)
            .insert_header((SEC_WEBSOCKET_VERSION, &versions[..len]))
            .body(error.to_string()));
    }
    let protocol = Subprotocol::negotiate_lines(headers.get_all(SEC_WEBSOCKET_PROTOCOL), |p| {
        SPEAKS.contains(&p)
    });
    // The crate would accept a valid offer; actix-ws cannot compress, so the server declines
    // by sending no `Sec-WebSocket-Extensions`. A malformed header fails the handshake.
    let offers = headers.get_all(actix_web::http::header::SEC_WEBSOCKET_EXTENSIONS);
    if let Err(error) = PerMessageDeflate::negotiate_lines(offers, &DeflatePolicy::default()) {
        return Ok(HttpResponse::BadRequest().body(error.to_string()));
    }
    let mut response = upgrade_and_close(&request, body, code, reason)?;
    if let Some(protocol) = protocol {
        response.headers_mut().insert(
            SEC_WEBSOCKET_PROTOCOL,
            HeaderValue::from_static(protocol.as_str()),
        );
    }
    Ok(response)
}

/// Serves the application on `listener` until the process ends: call it on an actix
/// runtime (`actix_web::rt::System`).
pub async fn serve(listener: std::net::TcpListener) -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .route("/", web::get().to(plain))
            .route("/close/{code}", web::get().to(close))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)?
    .run()
    .await
}

#[actix_web::main]
async fn main() {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:9004".to_string());
    let listener = match std::net::TcpListener::bind(&addr) {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("error: cannot listen on {addr}: {err}");
            std::process::exit(2);
        }
    };
    println!("listening on ws://{addr}/ (actix-web)");
    if let Err(err) = serve(listener).await {
        eprintln!("error: {err}");
        std::process::exit(1);
    }
}
