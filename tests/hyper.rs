//! `examples/hyper.rs` on 127.0.0.1: hyper 1 and tokio-tungstenite, with every handshake header
//! answered by the crate from hyper's `HeaderMap`, and a tokio-tungstenite client.

mod common;
#[path = "../examples/hyper.rs"]
#[allow(dead_code)]
mod hyper_example;

use std::net::SocketAddr;

use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;

async fn start() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(hyper_example::serve(listener));
    addr
}

#[tokio::test]
async fn a_tokio_tungstenite_client_gets_the_subprotocol_a_declined_deflate_and_the_close() {
    let addr = start().await;
    common::check_stack_handshake(addr).await;
}

/// hyper has no WebSocket handshake of its own: the crate's check is the only one.
#[tokio::test]
async fn version_8_gets_426_with_the_versions_spoken() {
    let addr = start().await;
    let (status, versions) = common::version_8_answer(addr, "/close/1000").await;
    assert!(status.starts_with("HTTP/1.1 426"), "{status}");
    assert_eq!(versions.as_deref(), Some("13"));
}

#[tokio::test]
async fn a_malformed_extensions_header_fails_the_handshake_with_its_offset() {
    let addr = start().await;
    let offers = "ocpp1.6\r\nSec-WebSocket-Extensions: permessage-deflate; x=\"";
    let (head, mut stream) = common::raw_handshake(addr, "/close/1000", offers).await;
    assert!(head.starts_with("HTTP/1.1 400"), "{head}");
    let len: usize = common::header(&head, "content-length")
        .unwrap()
        .parse()
        .unwrap();
    let mut body = vec![0; len];
    stream.read_exact(&mut body).await.unwrap();
    // `permessage-deflate; x="` is 23 bytes: the closing quote is missing at byte 23.
    let body = String::from_utf8(body).unwrap();
    assert!(body.ends_with("at byte 23"), "{body}");
}
