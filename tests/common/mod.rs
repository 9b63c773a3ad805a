//! Helpers shared by the tests that run the example servers on 127.0.0.1.

#![allow(dead_code)] // each test file uses its own subset

use std::future::Future;
use std::net::SocketAddr;

use futures_util::StreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use websocket_registry::{CloseCode, ClosePayload};

#[path = "../oracle/mod.rs"]
pub mod oracle;

/// Every code valid on the wire by RFC 6455 and the registry file, in order: chosen by the
/// tests' own oracle (`tests/oracle`), not by [`CloseCode::is_valid_on_wire`], which the
/// servers under test call.
pub fn wire_valid_codes() -> impl Iterator<Item = CloseCode> {
    oracle::wire_valid_codes()
        .into_iter()
        .map(CloseCode::from_u16)
}

/// Runs `check` on every wire-valid code, 32 connections at a time.
pub async fn for_every_wire_valid_code<F, Fut>(check: F)
where
    F: Fn(CloseCode) -> Fut,
    Fut: Future<Output = ()>,
{
    let checked = futures_util::stream::iter(wire_valid_codes())
        .map(check)
        .buffer_unordered(32)
        .count()
        .await;
    // 1000-1003 and 1007-1014 today, plus 3000-4999.
    assert!(checked >= 12 + 2000, "only {checked} codes checked");
}

/// Opens a WebSocket connection without a WebSocket library, offering `offers` (if not
/// empty), and returns the server's response head and the stream after it.
pub async fn raw_handshake(addr: SocketAddr, path: &str, offers: &str) -> (String, TcpStream) {
    raw_handshake_version(addr, path, offers, "13").await
}

/// [`raw_handshake`] with `Sec-WebSocket-Version: {version}`.
pub async fn raw_handshake_version(
    addr: SocketAddr,
    path: &str,
    offers: &str,
    version: &str,
) -> (String, TcpStream) {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let mut request = format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\
         Sec-WebSocket-Version: {version}\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    );
    if !offers.is_empty() {
        request += &format!("Sec-WebSocket-Protocol: {offers}\r\n");
    }
    request += "\r\n";
    stream.write_all(request.as_bytes()).await.unwrap();
    let head = read_head(&mut stream).await.unwrap();
    (String::from_utf8(head).unwrap(), stream)
}

/// Reads an HTTP head, up to and including the empty line that ends it; a body or frames
/// follow in the stream.
pub async fn read_head(stream: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        head.push(stream.read_u8().await?);
    }
    Ok(head)
}

/// The value of the header field `name` (case-insensitive) in an HTTP head, if present.
pub fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

/// The payload of the first frame the server sends, which on `/close/{code}` is its Close.
pub async fn first_frame_payload(addr: SocketAddr, path: &str) -> Vec<u8> {
    let (head, mut stream) = raw_handshake(addr, path, "").await;
    assert!(head.starts_with("HTTP/1.1 101"), "{path}: {head}");
    let opcode_byte = stream.read_u8().await.unwrap();
    assert_eq!(opcode_byte, 0x88, "{path}: expected a final Close frame");
    let len = stream.read_u8().await.unwrap();
    assert!(len <= 125, "{path}: a server's Close is unmasked and short");
    let mut payload = vec![0; usize::from(len)];
    stream.read_exact(&mut payload).await.unwrap();
    payload
}

/// Checks that the server at `addr`, which speaks ocpp2.0.1 and ocpp1.6, selects the client's
/// first offer it speaks, exactly (identifiers are case-sensitive), over one or several
/// `Sec-WebSocket-Protocol` lines.
pub async fn check_negotiation(addr: SocketAddr) {
    for (offers, expected) in [
        ("ocpp1.6, ocpp2.0.1", Some("ocpp1.6")),
        ("ocpp2.0.1, ocpp1.6", Some("ocpp2.0.1")),
        ("graphql-ws,,\tocpp1.6", Some("ocpp1.6")),
        // Registered, but not spoken by these servers.
        ("mqtt", None),
        ("OCPP1.6", None),
        ("", None),
    ] {
        let (head, _) = raw_handshake(addr, "/", offers).await;
        assert!(head.starts_with("HTTP/1.1 101"), "{offers:?}: {head}");
        assert_eq!(
            header(&head, "sec-websocket-protocol"),
            expected,
            "offers {offers:?}"
        );
    }
    // Several field lines are one list, in order (RFC 9110 section 5.3).
    let (head, _) = raw_handshake(addr, "/", "mqtt\r\nSec-WebSocket-Protocol: ocpp1.6").await;
    assert_eq!(header(&head, "sec-websocket-protocol"), Some("ocpp1.6"));
}

/// Checks that the server at `addr` answers `/close/{code}`, for every code valid on the wire,
/// with a Close frame of that code and its `Display` text as the reason, byte for byte as the
/// crate encodes it (read without a WebSocket library, so no client can hide a code).
pub async fn check_every_wire_valid_close(addr: SocketAddr) {
    for_every_wire_valid_code(|code| async move {
        let path = format!("/close/{}", code.as_u16());
        let payload = first_frame_payload(addr, &path).await;
        let reason = code.to_string();
        assert_eq!(
            ClosePayload::parse(&payload),
            Ok(ClosePayload::new(code, &reason).expect("a valid payload")),
            "{path}"
        );
    })
    .await;
}

/// The end-to-end handshake every server stack's example passes, with tokio-tungstenite as the
/// client: on `/close/1013` the server selects `ocpp1.6` (the client's first registered offer
/// it speaks, after a token the registry does not have), declines permessage-deflate (none of
/// the stacks can compress), and closes with 1013 and the reason `1013 Try Again Later`,
/// which the client reads back. The expected values are written out here, not asked of the
/// crate.
pub async fn check_stack_handshake(addr: SocketAddr) {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    use tokio_tungstenite::tungstenite::Message;
    use websocket_registry::{
        ClientMaxWindowBits, DeflateResponse, PerMessageDeflate, Subprotocol,
    };

    let offered =
        [PerMessageDeflate::new().with_client_max_window_bits(ClientMaxWindowBits::Unspecified)];
    let mut request = format!("ws://{addr}/close/1013")
        .into_client_request()
        .unwrap();
    let headers = request.headers_mut();
    headers.insert(
        "sec-websocket-protocol",
        "x-not-registered, ocpp1.6, ocpp2.0.1".parse().unwrap(),
    );
    let offer = PerMessageDeflate::offers_header_value(&offered);
    assert_eq!(offer, "permessage-deflate; client_max_window_bits");
    headers.insert("sec-websocket-extensions", offer);
    let (mut socket, response) = tokio_tungstenite::connect_async(request)
        .await
        .expect("the handshake succeeds");
    let selected = Subprotocol::selected_in_headers(response.headers())
        .expect("one token")
        .expect("a subprotocol is selected");
    assert_eq!(selected.token(), "ocpp1.6");
    assert!(response.headers().get("sec-websocket-extensions").is_none());
    assert_eq!(
        DeflateResponse::check_in_headers(response.headers(), &offered),
        Ok(None)
    );
    match socket.next().await {
        Some(Ok(Message::Close(Some(frame)))) => {
            assert_eq!(u16::from(frame.code), 1013);
            assert_eq!(frame.reason.as_str(), "1013 Try Again Later");
        }
        other => panic!("expected a Close frame, got {other:?}"),
    }
}

/// What the server at `addr` answers a version-8 request (draft hybi-08) on `path`: its
/// status line and its `Sec-WebSocket-Version` header, if any.
pub async fn version_8_answer(addr: SocketAddr, path: &str) -> (String, Option<String>) {
    let (head, _) = raw_handshake_version(addr, path, "", "8").await;
    let status = head.lines().next().unwrap_or_default().to_owned();
    let versions = header(&head, "sec-websocket-version").map(str::to_owned);
    (status, versions)
}
