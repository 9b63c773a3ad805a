//! Node.js's undici, Deno and Bun, the WHATWG WebSocket clients outside browsers, against
//! the same raw server on 127.0.0.1 as the browsers (`tests/clients/`): what the client's
//! `CloseEvent` shows for every close code 0-65535 and the payload edge cases, compared with
//! `CloseEvent::after_close_payload`; which codes `WebSocket.close(code)` accepts, compared
//! with `ClientEngine::close_method_accepts`; and the opening handshake and extension
//! responses, compared with `DeflateResponse::check`.
//!
//! Needs the npm packages `tests/runtimes/package.json` pins, installed into
//! `tests/runtimes/node_modules` (never globally). The tests are ignored by a plain
//! `cargo test`, which counts them as ignored; `cargo xtask test` installs the runtimes and
//! runs them.

mod clients;
mod common;
#[path = "../examples/server.rs"]
#[allow(dead_code)]
mod server;

use clients::{close_method, extension_negotiation, received_closes};
use websocket_registry::ClientEngine;

// One test per engine and question. They are ignored by a plain `cargo test` because they
// need the runtimes installed; `cargo xtask test` installs them and runs these too.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the runtimes: cargo xtask test"]
async fn undici_sees_every_received_close_as_modelled() {
    received_closes(ClientEngine::Undici).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the runtimes: cargo xtask test"]
async fn undici_close_method_accepts_the_measured_codes() {
    close_method(ClientEngine::Undici).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the runtimes: cargo xtask test"]
async fn undici_handshake_and_extension_responses_are_as_documented() {
    extension_negotiation(ClientEngine::Undici).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the runtimes: cargo xtask test"]
async fn deno_sees_every_received_close_as_modelled() {
    received_closes(ClientEngine::Deno).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the runtimes: cargo xtask test"]
async fn deno_close_method_accepts_the_measured_codes() {
    close_method(ClientEngine::Deno).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the runtimes: cargo xtask test"]
async fn deno_handshake_and_extension_responses_are_as_documented() {
    extension_negotiation(ClientEngine::Deno).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the runtimes: cargo xtask test"]
async fn bun_sees_every_received_close_as_modelled() {
    received_closes(ClientEngine::Bun).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the runtimes: cargo xtask test"]
async fn bun_close_method_accepts_the_measured_codes() {
    close_method(ClientEngine::Bun).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the runtimes: cargo xtask test"]
async fn bun_handshake_and_extension_responses_are_as_documented() {
    extension_negotiation(ClientEngine::Bun).await;
}
