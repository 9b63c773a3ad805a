//! The handshake by hand on hyper 1, and the connection on tokio-tungstenite: the crate
//! answers every handshake header from hyper's `HeaderMap` (the `http` feature).
//!
//! ```text
//! cargo run --example hyper                           # serve on 127.0.0.1:9003
//! cargo run --example server -- client ws://127.0.0.1:9003/close/1013
//! ```
//!
//! One path, `/close/{code}`: it checks `Sec-WebSocket-Version` (426 and the versions it
//! speaks, RFC 6455 section 4.4), selects the client's first registered subprotocol it speaks,
//! reads the permessage-deflate offers and declines them (tungstenite cannot compress), then
//! closes with `code` and its name as the reason. `tests/hyper.rs` runs it on 127.0.0.1.

use std::convert::Infallible;

use futures_util::SinkExt;
use futures_util::StreamExt;
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{
    HeaderValue, CONNECTION, SEC_WEBSOCKET_ACCEPT, SEC_WEBSOCKET_KEY, SEC_WEBSOCKET_PROTOCOL,
    UPGRADE,
};
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::frame::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::Role;
use tokio_tungstenite::WebSocketStream;
use websocket_registry::{
    CloseCode, ClosePayload, DeflatePolicy, PerMessageDeflate, Subprotocol, Version,
};

/// The subprotocols this server speaks; the client's order of preference decides.
pub const SPEAKS: [Subprotocol; 2] = [Subprotocol::Ocpp2_0_1, Subprotocol::Ocpp1_6];

/// The versions of `Sec-WebSocket-Version` this server speaks.
pub const VERSIONS: &[Version] = &[Version::RFC_6455];

type Body = Full<Bytes>;

fn refuse(status: StatusCode, why: String) -> Response<Body> {
    let mut response = Response::new(Body::from(why));
    *response.status_mut() = status;
    response
}

/// Answers one request: the handshake, then (after the upgrade) the Close frame.
pub async fn handle(mut request: Request<Incoming>) -> Result<Response<Body>, Infallible> {
    let Some(code) = request.uri().path().strip_prefix("/close/") else {
        return Ok(refuse(StatusCode::NOT_FOUND, "try /close/{code}".into()));
    };
    let code: CloseCode = match code.parse() {
        Ok(code) => code,
        Err(err) => return Ok(refuse(StatusCode::BAD_REQUEST, format!("{code:?}: {err}"))),
    };
    let reason = code.to_string();
    if let Err(err) = ClosePayload::new(code, &reason) {
        return Ok(refuse(StatusCode::BAD_REQUEST, err.to_string()));
    }
    let headers = request.headers();
    if let Err(error) = Version::check_in_headers(headers, VERSIONS) {
        return Ok(error.to_response().map(|()| Body::from(error.to_string())));
    }
    let Some(key) = headers.get(SEC_WEBSOCKET_KEY) else {
        return Ok(refuse(
            StatusCode::BAD_REQUEST,
            "no Sec-WebSocket-Key".into(),
        ));
    };
    let accept = derive_accept_key(key.as_bytes());
    let protocol = Subprotocol::negotiate_in_headers(headers, |p| SPEAKS.contains(&p));
    // The crate would accept a valid offer; tungstenite cannot compress, so the server
    // declines by sending no `Sec-WebSocket-Extensions`. A malformed header fails the
    // handshake, with the byte where it breaks the grammar.
    if let Err(error) = PerMessageDeflate::negotiate_in_headers(headers, &DeflatePolicy::default())
    {
        return Ok(refuse(StatusCode::BAD_REQUEST, error.to_string()));
    }
    let upgrade = hyper::upgrade::on(&mut request);
    tokio::spawn(async move {
        let Ok(upgraded) = upgrade.await else { return };
        let mut socket =
            WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, None).await;
        let frame = CloseFrame {
            code: code.into(),
            reason: reason.into(),
        };
        if socket.close(Some(frame)).await.is_ok() {
            while let Some(Ok(_)) = socket.next().await {}
        }
        let _ = socket.flush().await;
    });
    let mut response = Response::new(Body::default());
    *response.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    let headers = response.headers_mut();
    headers.insert(UPGRADE, HeaderValue::from_static("websocket"));
    headers.insert(CONNECTION, HeaderValue::from_static("Upgrade"));
    headers.insert(
        SEC_WEBSOCKET_ACCEPT,
        HeaderValue::from_str(&accept).unwrap_or_else(|_| HeaderValue::from_static("")),
    );
    if let Some(protocol) = protocol {
        headers.insert(SEC_WEBSOCKET_PROTOCOL, HeaderValue::from(protocol));
    }
    Ok(response)
}

/// Serves [`handle`] on `listener` until the process ends.
pub async fn serve(listener: TcpListener) -> std::io::Result<()> {
    loop {
        let (stream, _) = listener.accept().await?;
        tokio::spawn(async move {
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service_fn(handle))
                .with_upgrades()
                .await;
        });
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:9003".to_string());
    let listener = match TcpListener::bind(&addr).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("error: cannot listen on {addr}: {err}");
            std::process::exit(2);
        }
    };
    println!("listening on ws://{addr}/close/{{code}} (hyper)");
    if let Err(err) = serve(listener).await {
        eprintln!("error: {err}");
        std::process::exit(1);
    }
}
