//! Chromium, Firefox and WebKitGTK, headless, against pages served from 127.0.0.1: what a
//! page's `CloseEvent` shows for every close code a server sends and the payload edge cases,
//! compared with `CloseEvent::after_close_payload`; which codes the page's own
//! `WebSocket.close(code)` accepts, compared with `ClientEngine::close_method_accepts`; and
//! the opening handshake and extension responses, compared with `DeflateResponse::check`; and
//! Chromium's handshake with `examples/axum.rs` (subprotocol, declined deflate, close).
//! The measurement and the server are `tests/clients/`, shared with `tests/runtimes.rs`.
//!
//! Needs the Debian packages `chromium`, `firefox-esr`, `webkit2gtk-driver` (for WebKitGTK's
//! `MiniBrowser`) and `xvfb`. The tests are ignored by a plain `cargo test`, which counts
//! them as ignored; `cargo xtask test` installs the browsers and runs them.

#[path = "../examples/axum.rs"]
#[allow(dead_code)]
mod axum_example;
mod clients;
mod common;
#[path = "../examples/server.rs"]
#[allow(dead_code)]
mod server;

use clients::{close_method, extension_negotiation, received_closes};
use websocket_registry::ClientEngine;

// One test per engine and question. They are ignored by a plain `cargo test` because they
// need three browsers installed; `cargo xtask test` installs them and runs these too.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs browsers: cargo xtask test"]
async fn chromium_page_sees_every_received_close_as_modelled() {
    received_closes(ClientEngine::Chromium).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs browsers: cargo xtask test"]
async fn chromium_close_method_accepts_exactly_the_whatwg_codes() {
    close_method(ClientEngine::Chromium).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs browsers: cargo xtask test"]
async fn firefox_page_sees_every_received_close_as_modelled() {
    received_closes(ClientEngine::Firefox).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs browsers: cargo xtask test"]
async fn firefox_close_method_accepts_exactly_the_whatwg_codes() {
    close_method(ClientEngine::Firefox).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs browsers: cargo xtask test"]
async fn webkit_page_sees_every_received_close_as_modelled() {
    received_closes(ClientEngine::WebKitGtk).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs browsers: cargo xtask test"]
async fn webkit_close_method_accepts_exactly_the_whatwg_codes() {
    close_method(ClientEngine::WebKitGtk).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs browsers: cargo xtask test"]
async fn chromium_extension_responses_are_judged_as_documented() {
    extension_negotiation(ClientEngine::Chromium).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs browsers: cargo xtask test"]
async fn firefox_extension_responses_are_judged_as_documented() {
    extension_negotiation(ClientEngine::Firefox).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs browsers: cargo xtask test"]
async fn webkit_extension_responses_are_judged_as_documented() {
    extension_negotiation(ClientEngine::WebKitGtk).await;
}

/// The page Chromium opens: it connects to the axum example on `ws_port`, offering a token the
/// registry does not have and then two it does, and posts what it saw to `/report`.
fn handshake_page(ws_port: u16) -> String {
    format!(
        r#"<!doctype html><script>
const ws = new WebSocket("ws://127.0.0.1:{ws_port}/close/1013", ["x-not-registered", "ocpp1.6", "ocpp2.0.1"]);
let opened = null;
ws.onopen = () => {{ opened = {{ protocol: ws.protocol, extensions: ws.extensions }}; }};
ws.onclose = (event) => {{
  fetch("/report", {{ method: "POST", body: JSON.stringify({{ opened, code: event.code, reason: event.reason, wasClean: event.wasClean }}) }});
}};
</script>"#
    )
}

/// Chromium against `examples/axum.rs`: the crate selects the subprotocol, the server declines
/// Chromium's permessage-deflate offer (axum cannot compress), and the page reads back the
/// registered close code and reason. The expected values are written out, not asked of the
/// crate.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs browsers: cargo xtask test"]
async fn chromium_handshake_through_axum_gets_the_subprotocol_no_deflate_and_the_close() {
    use axum::routing::{get, post};
    use std::time::Duration;

    let ws_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let ws_port = ws_listener.local_addr().unwrap().port();
    tokio::spawn(axum_example::serve(ws_listener));

    let (reports, mut reported) = tokio::sync::mpsc::channel::<String>(1);
    let page = handshake_page(ws_port);
    let app = axum::Router::new()
        .route("/", get(move || async move { axum::response::Html(page) }))
        .route(
            "/report",
            post(move |body: String| async move {
                let _ = reports.send(body).await;
            }),
        );
    let page_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", page_listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(page_listener, app).await });

    let _chromium = clients::launch::Client::launch(ClientEngine::Chromium, &base);
    let report = tokio::time::timeout(Duration::from_secs(120), reported.recv())
        .await
        .expect("Chromium reports within two minutes")
        .expect("a report");
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(report["opened"]["protocol"], "ocpp1.6", "{report}");
    assert_eq!(report["opened"]["extensions"], "", "{report}");
    assert_eq!(report["code"], 1013, "{report}");
    assert_eq!(report["reason"], "1013 Try Again Later", "{report}");
    assert_eq!(report["wasClean"], true, "{report}");
}
