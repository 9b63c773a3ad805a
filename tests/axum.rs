//! `examples/axum.rs` on 127.0.0.1: every wire-valid code goes out as the crate encodes it
//! (1014 included, which axum has no constant for), the rest are refused before the upgrade,
//! and negotiation follows the client's order.

#[path = "../examples/axum.rs"]
#[allow(dead_code)]
mod axum_example;
mod common;

use std::net::SocketAddr;

use common::{check_every_wire_valid_close, check_negotiation, header, raw_handshake};
use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;
use websocket_registry::CloseCode;

async fn start() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(axum_example::serve(listener));
    addr
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_wire_valid_code_goes_out_as_the_crate_encodes_it() {
    let addr = start().await;
    check_every_wire_valid_close(addr).await;
}

#[tokio::test]
async fn codes_that_may_not_be_sent_are_refused_with_400() {
    let addr = start().await;
    for number in [0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535] {
        let path = format!("/close/{number}");
        let (head, mut stream) = raw_handshake(addr, &path, "").await;
        assert!(head.starts_with("HTTP/1.1 400"), "{path}: {head}");
        // The connection stays open (keep-alive): read the body by its length.
        let len: usize = header(&head, "content-length").unwrap().parse().unwrap();
        let mut body = vec![0; len];
        stream.read_exact(&mut body).await.unwrap();
        let body = String::from_utf8(body).unwrap();
        let code = CloseCode::from_u16(number);
        assert_eq!(
            body,
            format!("close code {code} may not be sent in a Close frame"),
            "{path}"
        );
    }
    let (head, _) = raw_handshake(addr, "/close/1000x", "").await;
    assert!(head.starts_with("HTTP/1.1 400"), "{head}");
}

#[tokio::test]
async fn negotiation_follows_the_clients_order_not_the_servers() {
    let addr = start().await;
    // axum's own `protocols()` would answer ocpp2.0.1 to "ocpp1.6, ocpp2.0.1": it keeps the
    // offers in a sorted set.
    check_negotiation(addr).await;
}

#[tokio::test]
async fn a_tokio_tungstenite_client_gets_the_subprotocol_a_declined_deflate_and_the_close() {
    let addr = start().await;
    common::check_stack_handshake(addr).await;
}

#[tokio::test]
async fn version_8_gets_426_with_the_versions_spoken_where_the_crate_checks_it() {
    let addr = start().await;
    let (status, versions) = common::version_8_answer(addr, "/close/1000").await;
    assert!(status.starts_with("HTTP/1.1 426"), "{status}");
    assert_eq!(versions.as_deref(), Some("13"));
}

/// axum's own check (`WebSocketUpgrade`, on `/`) refuses version 8 with 400 and no
/// `Sec-WebSocket-Version`: not the 426 and version list RFC 6455 section 4.4 asks for,
/// which is why the example checks the version with the crate first.
#[tokio::test]
async fn axum_alone_answers_version_8_with_400_and_no_versions() {
    let addr = start().await;
    let (status, versions) = common::version_8_answer(addr, "/").await;
    assert!(status.starts_with("HTTP/1.1 400"), "{status}");
    assert_eq!(versions, None);
}
