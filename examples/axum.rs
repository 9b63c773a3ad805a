//! The server of `examples/server.rs` in axum, to show where this crate fills axum's gaps:
//! `axum::extract::ws::close_code` has no constant for 1014 Bad Gateway (and offers 1005 and
//! 1006, which may never be sent), and `WebSocketUpgrade` keeps the client's subprotocol
//! offers in a sorted set, so neither `protocols()` nor `requested_protocols()` can follow the
//! client's order of preference. This server reads the header itself.
//!
//! ```text
//! cargo run --example axum                            # serve on 127.0.0.1:9002
//! cargo run --example server -- client ws://127.0.0.1:9002/close/1014
//! ```
//!
//! Paths: `/` echoes messages; `/close/{code}` closes at once with `code` and its name as the
//! reason, or answers 400 if the code may not be sent. On `/close/{code}` the crate checks
//! `Sec-WebSocket-Version` before axum does (axum would answer 400 without the versions it
//! speaks; RFC 6455 section 4.4 asks for 426 and a `Sec-WebSocket-Version` header), and reads
//! the client's permessage-deflate offers through `TypedHeader`: axum's WebSocket cannot
//! compress, so the server declines them. `tests/axum.rs` and `tests/browser.rs` run it on
//! 127.0.0.1.

use axum::body::Body;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{CloseFrame as AxumCloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use axum_extra::TypedHeader;
use tokio::net::TcpListener;
use websocket_registry::{
    CloseCode, ClosePayload, DeflatePolicy, SecWebSocketExtensionsRequest, Subprotocol, Version,
};

/// The subprotocols this server speaks; the client's order of preference decides between
/// them.
pub const SPEAKS: [Subprotocol; 2] = [Subprotocol::Ocpp2_0_1, Subprotocol::Ocpp1_6];

/// The versions of `Sec-WebSocket-Version` this server speaks.
pub const VERSIONS: &[Version] = &[Version::RFC_6455];

/// The application: `/` and `/close/{code}`.
pub fn app() -> Router {
    Router::new()
        .route("/", any(echo))
        .route("/close/{code}", any(close))
}

/// Serves [`app`] on `listener` until the process ends.
pub async fn serve(listener: TcpListener) -> std::io::Result<()> {
    axum::serve(listener, app()).await
}

/// Selects the client's first offer that this server speaks, looked up in the registry, from
/// the request's `Sec-WebSocket-Protocol` lines in order.
fn negotiate(mut upgrade: WebSocketUpgrade, headers: &HeaderMap) -> WebSocketUpgrade {
    let chosen = Subprotocol::negotiate_in_headers(headers, |protocol| SPEAKS.contains(&protocol));
    if let Some(protocol) = chosen {
        upgrade.set_selected_protocol(HeaderValue::from(protocol));
    }
    upgrade
}

async fn echo(upgrade: WebSocketUpgrade, headers: HeaderMap) -> Response {
    negotiate(upgrade, &headers).on_upgrade(|mut socket| async move {
        while let Some(Ok(message)) = socket.recv().await {
            if matches!(message, Message::Text(_) | Message::Binary(_))
                && socket.send(message).await.is_err()
            {
                break;
            }
        }
    })
}

async fn close(
    headers: HeaderMap,
    Path(code): Path<String>,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
    deflate_offers: Option<TypedHeader<SecWebSocketExtensionsRequest>>,
) -> Response {
    // RFC 6455 section 4.4's answer, before axum's extractor gives its own (400, no versions).
    if let Err(error) = Version::check_in_headers(&headers, VERSIONS) {
        return error.to_response().map(|()| Body::from(error.to_string()));
    }
    let upgrade = match upgrade {
        Ok(upgrade) => upgrade,
        Err(rejection) => return rejection.into_response(),
    };
    // A valid offer would be accepted by the crate, but axum's WebSocket cannot compress:
    // declining is sending no `Sec-WebSocket-Extensions`, which axum does not.
    if let Some(TypedHeader(offers)) = deflate_offers {
        let _declined = offers.negotiate(&DeflatePolicy::default());
    }
    let code: CloseCode = match code.parse() {
        Ok(code) => code,
        Err(err) => return (StatusCode::BAD_REQUEST, format!("{code:?}: {err}")).into_response(),
    };
    // axum's `close_code` stops at 1013: the crate has every registered code, and refuses
    // the ones that may not be sent before the upgrade happens.
    let reason = code.to_string();
    if let Err(err) = ClosePayload::new(code, &reason) {
        return (StatusCode::BAD_REQUEST, err.to_string()).into_response();
    }
    negotiate(upgrade, &headers).on_upgrade(move |socket| close_with(socket, code, reason))
}

/// Sends a Close frame and waits for the client's answer.
async fn close_with(mut socket: WebSocket, code: CloseCode, reason: String) {
    let frame = AxumCloseFrame {
        code: code.as_u16(),
        reason: reason.into(),
    };
    if socket.send(Message::Close(Some(frame))).await.is_ok() {
        while let Some(Ok(_)) = socket.recv().await {}
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:9002".to_string());
    let listener = match TcpListener::bind(&addr).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("error: cannot listen on {addr}: {err}");
            std::process::exit(2);
        }
    };
    println!("listening on ws://{addr}/ (axum)");
    if let Err(err) = serve(listener).await {
        eprintln!("error: {err}");
        std::process::exit(1);
    }
}
