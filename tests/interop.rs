//! The optional features: serde (wire forms, round trips, clear errors) and the tungstenite
//! conversions (the number survives both ways, for every `u16`). `cargo test` enables both
//! features through the crate's dev-dependency on itself.

use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCloseCode;
use websocket_registry::{CloseCode, Extension, Opcode, Subprotocol, Version};

#[test]
fn serde_uses_the_wire_forms() {
    assert_eq!(
        serde_json::to_string(&CloseCode::BAD_GATEWAY).unwrap(),
        "1014"
    );
    assert_eq!(
        serde_json::to_string(&Subprotocol::Ocpp1_6).unwrap(),
        "\"ocpp1.6\""
    );
    assert_eq!(
        serde_json::to_string(&Extension::PermessageDeflate).unwrap(),
        "\"permessage-deflate\""
    );
    assert_eq!(
        serde_json::to_string(&Opcode::from_u8(9).unwrap()).unwrap(),
        "9"
    );
    assert_eq!(serde_json::to_string(&Version::RFC_6455).unwrap(), "13");
}

#[test]
fn serde_round_trips_every_value() {
    for code in 0..=u16::MAX {
        let code = CloseCode::from_u16(code);
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(serde_json::from_str::<CloseCode>(&json).unwrap(), code);
    }
    for &protocol in Subprotocol::ALL {
        let json = serde_json::to_string(&protocol).unwrap();
        assert_eq!(
            serde_json::from_str::<Subprotocol>(&json).unwrap(),
            protocol
        );
    }
    for &extension in Extension::ALL {
        let json = serde_json::to_string(&extension).unwrap();
        assert_eq!(serde_json::from_str::<Extension>(&json).unwrap(), extension);
    }
    for value in 0..=u8::MAX {
        let version = Version::from_u8(value);
        let json = serde_json::to_string(&version).unwrap();
        assert_eq!(serde_json::from_str::<Version>(&json).unwrap(), version);
        if let Some(opcode) = Opcode::from_u8(value) {
            let json = serde_json::to_string(&opcode).unwrap();
            assert_eq!(serde_json::from_str::<Opcode>(&json).unwrap(), opcode);
        }
    }
}

#[test]
fn serde_errors_name_the_value_and_the_rule() {
    let err = serde_json::from_str::<Subprotocol>("\"OCPP1.6\"")
        .unwrap_err()
        .to_string();
    assert!(err.contains("\"OCPP1.6\""), "{err}");
    assert!(
        err.contains("registered with IANA (exact, case-sensitive)"),
        "{err}"
    );
    let err = serde_json::from_str::<Extension>("\"deflate\"")
        .unwrap_err()
        .to_string();
    assert!(err.contains("extension identifier"), "{err}");
    let err = serde_json::from_str::<Opcode>("3").unwrap_err().to_string();
    assert!(err.contains("3") && err.contains("opcode"), "{err}");
    assert!(serde_json::from_str::<CloseCode>("65536").is_err());
    assert!(serde_json::from_str::<Version>("256").is_err());
    assert!(serde_json::from_str::<Subprotocol>("13").is_err());
}

#[test]
fn tungstenite_conversions_keep_the_number_both_ways() {
    for value in 0..=u16::MAX {
        let ours = CloseCode::from_u16(value);
        let theirs = TungsteniteCloseCode::from(ours);
        assert_eq!(u16::from(theirs), value);
        assert_eq!(CloseCode::from(theirs), ours);
    }
    // The names differ: tungstenite calls 1014 `Bad`.
    assert_eq!(
        TungsteniteCloseCode::from(CloseCode::BAD_GATEWAY),
        TungsteniteCloseCode::Bad(1014)
    );
}

/// A canary on the dependency, not a property of this crate: tungstenite 0.30 refuses 1014,
/// which RFC 6455 and the registry allow.
#[test]
fn canary_tungstenite_is_allowed_still_refuses_1014() {
    assert!(CloseCode::BAD_GATEWAY.is_valid_on_wire());
    assert!(
        !TungsteniteCloseCode::from(CloseCode::BAD_GATEWAY).is_allowed(),
        "canary on tungstenite: its is_allowed now accepts 1014. tungstenite has been fixed: \
         drop this canary and the notes about 1014 in the server example and the README"
    );
}

#[test]
fn handshake_negotiation_reads_every_protocol_line_in_order() {
    use tungstenite::http::{HeaderValue, Request};

    let speaks = [Subprotocol::Ocpp1_6, Subprotocol::Ocpp2_0_1];
    let request = |lines: &[&[u8]]| {
        let mut request = Request::new(());
        for line in lines {
            request.headers_mut().append(
                "sec-websocket-protocol",
                HeaderValue::from_bytes(line).unwrap(),
            );
        }
        request
    };
    let negotiate =
        |lines: &[&[u8]]| Subprotocol::negotiate_request(&request(lines), |p| speaks.contains(&p));
    assert_eq!(negotiate(&[]), None);
    assert_eq!(
        negotiate(&[b"chat", b"ocpp2.0.1, ocpp1.6"]),
        Some(Subprotocol::Ocpp2_0_1)
    );
    assert_eq!(
        negotiate(&[b"ocpp1.6", b"ocpp2.0.1"]),
        Some(Subprotocol::Ocpp1_6)
    );
    // A line that is not visible ASCII is skipped, not fatal.
    assert_eq!(
        negotiate(&[b"caf\xc3\xa9", b"ocpp1.6"]),
        Some(Subprotocol::Ocpp1_6)
    );
    assert_eq!(negotiate(&[b"mqtt, OCPP1.6"]), None);
}

#[test]
fn handshake_selected_protocol_keeps_the_token_as_sent_and_refuses_anything_but_one_token() {
    use tungstenite::http::{HeaderValue, Response};
    use websocket_registry::SelectedSubprotocolError as E;

    let response = |lines: &[&[u8]]| {
        let mut response = Response::new(());
        for value in lines {
            response.headers_mut().append(
                "sec-websocket-protocol",
                HeaderValue::from_bytes(value).unwrap(),
            );
        }
        response
    };
    let selected = |lines: &[&[u8]]| {
        Subprotocol::selected_in_response(&response(lines))
            .map(|offer| offer.map(|offer| (offer.token().to_owned(), offer.subprotocol())))
    };
    assert_eq!(selected(&[]), Ok(None));
    assert_eq!(
        selected(&[b"mqtt"]),
        Ok(Some(("mqtt".to_owned(), Some(Subprotocol::Mqtt))))
    );
    assert_eq!(selected(&[b" chat\t"]), Ok(Some(("chat".to_owned(), None))));
    // RFC 6455 section 4.1: one token on one line, or the client fails the connection.
    assert_eq!(
        selected(&[b"mqtt", b"mqtt"]),
        Err(E::SeveralLines { count: 2 })
    );
    assert_eq!(
        selected(&[b"mqtt", b"", b"x"]),
        Err(E::SeveralLines { count: 3 })
    );
    assert_eq!(
        selected(&[b"caf\xc3\xa9"]),
        Err(E::NotVisibleAscii { offset: 3 })
    );
    assert_eq!(selected(&[b""]), Err(E::NotOneToken { offset: 0 }));
    assert_eq!(selected(&[b"  "]), Err(E::NotOneToken { offset: 2 }));
    assert_eq!(
        selected(&[b"mqtt, wamp"]),
        Err(E::NotOneToken { offset: 4 })
    );
    assert_eq!(
        selected(&[b" mqtt wamp"]),
        Err(E::NotOneToken { offset: 5 })
    );
    assert_eq!(selected(&[b"\"mqtt\""]), Err(E::NotOneToken { offset: 0 }));
}

#[test]
fn permessage_deflate_reads_every_extensions_line_as_one_list() {
    use tungstenite::http::{HeaderValue, Request, Response};
    use websocket_registry::{
        DeflatePolicy, DeflateResponse, DeflateResponseError, ExtensionHeaderExpected,
        PerMessageDeflate,
    };

    let request = |lines: &[&[u8]]| {
        let mut request = Request::builder();
        for line in lines {
            request = request.header(
                "Sec-WebSocket-Extensions",
                HeaderValue::from_bytes(line).unwrap(),
            );
        }
        request.body(()).unwrap()
    };
    let policy = DeflatePolicy::default();
    // The first acceptable offer over all lines, in order; an empty line is an empty element.
    let two = request(&[
        b"",
        b"permessage-deflate; foo",
        b"permessage-deflate; server_max_window_bits=9",
    ]);
    let response = PerMessageDeflate::negotiate_request(&two, &policy)
        .unwrap()
        .unwrap();
    assert_eq!(
        response.server_max_window_bits().map(|bits| bits.get()),
        Some(9)
    );
    assert_eq!(
        PerMessageDeflate::negotiate_request(&request(&[]), &policy),
        Ok(None)
    );
    // Offsets count in the lines joined with ", ": "a, b c" fails at byte 5, the "c".
    let error =
        PerMessageDeflate::negotiate_request(&request(&[b"a", b"b c"]), &policy).unwrap_err();
    assert_eq!(
        (error.offset(), error.expected()),
        (5, ExtensionHeaderExpected::SeparatorOrEnd)
    );
    let error =
        PerMessageDeflate::negotiate_request(&request(&[b"a", b"b\xff"]), &policy).unwrap_err();
    assert_eq!(
        (error.offset(), error.expected()),
        (4, ExtensionHeaderExpected::VisibleAscii)
    );

    let offers = [PerMessageDeflate::default()];
    let answer = |lines: &[&str]| {
        let mut response = Response::builder();
        for line in lines {
            response = response.header("Sec-WebSocket-Extensions", *line);
        }
        response.body(()).unwrap()
    };
    let accepted = answer(&["permessage-deflate; client_no_context_takeover"]);
    assert!(DeflateResponse::check_response(&accepted, &offers)
        .unwrap()
        .is_some_and(|r| r.client_no_context_takeover()));
    assert_eq!(
        DeflateResponse::check_response(&answer(&[]), &offers),
        Ok(None)
    );
    // Accepting permessage-deflate on two lines is accepting it twice.
    let twice = answer(&["permessage-deflate", "permessage-deflate"]);
    assert_eq!(
        DeflateResponse::check_response(&twice, &offers),
        Err(DeflateResponseError::AcceptedTwice { offset: 20 })
    );
}
