//! Chromium, Firefox and WebKitGTK, headless, against pages served from 127.0.0.1: what a
//! page's `CloseEvent` shows for every close code a server sends and the payload edge cases,
//! compared with `CloseEvent::after_close_payload`; which codes the page's own
//! `WebSocket.close(code)` accepts, compared with `ClientEngine::close_method_accepts`; and
//! the opening handshake and extension responses, compared with `DeflateResponse::check`.
//! The measurement and the server are `tests/clients/`, shared with `tests/runtimes.rs`.
//!
//! Needs the Debian packages `chromium`, `firefox-esr`, `webkit2gtk-driver` (for WebKitGTK's
//! `MiniBrowser`) and `xvfb`. The tests are ignored by a plain `cargo test`, which counts
//! them as ignored; `cargo xtask test` installs the browsers and runs them.

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
