//! `examples/actix.rs` on 127.0.0.1: actix-web and actix-ws, with the handshake headers read
//! by the crate's byte-level readers, and a tokio-tungstenite client.

#[path = "../examples/actix.rs"]
#[allow(dead_code)]
mod actix_example;
mod common;

use std::net::SocketAddr;

/// Starts the server on its own thread and actix runtime (the tests run on tokio's).
fn start() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(actix_example::serve(listener))
    });
    addr
}

#[tokio::test]
async fn a_tokio_tungstenite_client_gets_the_subprotocol_a_declined_deflate_and_the_close() {
    let addr = start();
    common::check_stack_handshake(addr).await;
}

#[tokio::test]
async fn version_8_gets_426_with_the_versions_spoken_where_the_crate_checks_it() {
    let addr = start();
    let (status, versions) = common::version_8_answer(addr, "/close/1000").await;
    assert!(status.starts_with("HTTP/1.1 426"), "{status}");
    assert_eq!(versions.as_deref(), Some("13"));
}

/// actix-ws's own check (on `/`) answers version 8 as RFC 6455 section 4.4 asks: 426 with
/// `Sec-WebSocket-Version: 13`.
#[tokio::test]
async fn actix_alone_answers_version_8_with_426_and_version_13() {
    let addr = start();
    let (status, versions) = common::version_8_answer(addr, "/").await;
    assert!(status.starts_with("HTTP/1.1 426"), "{status}");
    assert_eq!(versions.as_deref(), Some("13"));
}
