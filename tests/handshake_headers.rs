//! The `http` and `headers` features and the version check: every reader takes every line of
//! its header, every writer writes what the byte-level writer writes, the typed headers refuse
//! what their grammar refuses, and `Version::check` answers each request as RFC 6455 sections
//! 4.4 and 11.3.5 say. Expected values are written out by hand.

use headers::{Header, HeaderMapExt};
use http::{HeaderMap, HeaderValue, StatusCode};
use websocket_registry::{
    ClientMaxWindowBits, DeflatePolicy, DeflateResponse, PerMessageDeflate,
    SecWebSocketExtensionsRequest, SecWebSocketExtensionsResponse, SecWebSocketProtocolRequest,
    SecWebSocketProtocolResponse, Subprotocol, Version,
};

const SPEAKS_13: &[Version] = &[Version::RFC_6455];

#[test]
fn only_the_spoken_version_passes_and_every_other_number_gets_426() {
    for number in 0..=255u8 {
        let result = Version::check(&number.to_string(), SPEAKS_13);
        if number == 13 {
            assert_eq!(result, Ok(Version::RFC_6455));
            continue;
        }
        let error = result.unwrap_err();
        assert_eq!(error.http_status(), 426, "{number}");
        assert_eq!(error.requested(), Some(Version::from_u8(number)));
        assert!(error.to_string().ends_with("(13)"), "{error}");
    }
}

#[test]
fn the_drafts_are_named_in_the_error() {
    let error = Version::check("8", SPEAKS_13).unwrap_err();
    assert_eq!(
        error.to_string(),
        "Sec-WebSocket-Version 8 (hybi-08 draft) is not a version this server speaks (13)"
    );
    let error = Version::check("0", SPEAKS_13).unwrap_err();
    assert!(error.to_string().contains("(hybi-00 draft)"), "{error}");
}

#[test]
fn a_value_that_is_no_version_gets_426_with_the_first_wrong_byte() {
    for (value, offset) in [
        ("013", 0),
        ("256", 0),
        ("", 0),
        ("13 ", 2),
        ("1a", 1),
        ("13, 8", 2),
    ] {
        let error = Version::check(value, SPEAKS_13).unwrap_err();
        assert_eq!(error.http_status(), 426, "{value:?}");
        assert_eq!(error.requested(), None, "{value:?}");
        assert!(
            error.to_string().contains(&format!("at byte {offset}")),
            "{value:?}: {error}"
        );
    }
}

#[test]
fn no_line_or_several_lines_get_400() {
    let none: [&str; 0] = [];
    assert_eq!(
        Version::check_lines(&none, SPEAKS_13)
            .unwrap_err()
            .http_status(),
        400
    );
    let twice = Version::check_lines(&["13", "13"], SPEAKS_13).unwrap_err();
    assert_eq!(twice.http_status(), 400);
    assert_eq!(
        twice.to_string(),
        "Sec-WebSocket-Version is sent on 2 lines; a request has exactly one"
    );
}

#[test]
fn the_answer_lists_the_spoken_versions_in_order() {
    const THREE: &[Version] = &[Version::RFC_6455, Version::V8, Version::V7];
    let error = Version::check("100", THREE).unwrap_err();
    let mut buf = [0u8; 8];
    let len = error.write_supported(&mut buf).unwrap();
    assert_eq!(&buf[..len], b"13, 8, 7");
    let too_small = error.write_supported(&mut [0u8; 7]).unwrap_err();
    assert_eq!((too_small.needed(), too_small.available()), (8, 7));
    assert_eq!(error.supported_header_value(), "13, 8, 7");
    let response = error.to_response();
    assert_eq!(response.status(), StatusCode::UPGRADE_REQUIRED);
    assert_eq!(response.headers()["sec-websocket-version"], "13, 8, 7");
}

#[test]
fn the_readers_take_every_line_in_order() {
    let mut headers = HeaderMap::new();
    headers.append("sec-websocket-protocol", HeaderValue::from_static("mqtt"));
    headers.append(
        "sec-websocket-protocol",
        HeaderValue::from_static("x, ocpp1.6"),
    );
    headers.append(
        "sec-websocket-extensions",
        HeaderValue::from_static("x-webkit-deflate-frame"),
    );
    headers.append(
        "sec-websocket-extensions",
        HeaderValue::from_static("permessage-deflate; x"),
    );
    let tokens: Vec<_> = Subprotocol::offers_in_headers(&headers)
        .map(|o| o.token())
        .collect();
    assert_eq!(tokens, ["mqtt", "x", "ocpp1.6"]);
    let chosen = Subprotocol::negotiate_in_headers(&headers, |p| p == Subprotocol::Ocpp1_6);
    assert_eq!(chosen, Some(Subprotocol::Ocpp1_6));
    // `x` is no parameter of permessage-deflate: refused, at its offset in the joined lines
    // ("x-webkit-deflate-frame, permessage-deflate; x": 44).
    let offers: Vec<_> = PerMessageDeflate::offers_in_headers(&headers).collect();
    assert_eq!(offers.len(), 2);
    assert_eq!(
        PerMessageDeflate::negotiate_in_headers(&headers, &DeflatePolicy::default()),
        Ok(None)
    );
    // Several response lines are refused.
    assert!(Subprotocol::selected_in_headers(&headers).is_err());
}

#[test]
fn the_writers_write_what_the_byte_writers_write() {
    let offers = [
        PerMessageDeflate::new().with_client_max_window_bits(ClientMaxWindowBits::Unspecified),
        PerMessageDeflate::new().with_server_no_context_takeover(true),
    ];
    assert_eq!(
        PerMessageDeflate::offers_header_value(&offers),
        "permessage-deflate; client_max_window_bits, permessage-deflate; server_no_context_takeover"
    );
    assert_eq!(
        HeaderValue::from(offers[1]),
        "permessage-deflate; server_no_context_takeover"
    );
    let response = PerMessageDeflate::negotiate(
        "permessage-deflate; client_max_window_bits",
        &DeflatePolicy::default(),
    )
    .unwrap()
    .unwrap();
    assert_eq!(HeaderValue::from(response), "permessage-deflate");
    assert_eq!(
        Subprotocol::offers_header_value(&[Subprotocol::Ocpp2_0_1, Subprotocol::Mqtt]),
        "ocpp2.0.1, mqtt"
    );
    assert_eq!(Subprotocol::offers_header_value(&[]), "");
    for &protocol in Subprotocol::ALL {
        assert_eq!(HeaderValue::from(protocol), protocol.as_str());
    }
}

fn decode<H: Header>(lines: &[&'static str]) -> Result<H, headers::Error> {
    let values: Vec<HeaderValue> = lines.iter().map(|l| HeaderValue::from_static(l)).collect();
    H::decode(&mut values.iter())
}

fn encode<H: Header>(header: &H) -> Vec<HeaderValue> {
    let mut values = Vec::new();
    header.encode(&mut values);
    values
}

#[test]
fn the_protocol_request_reads_every_line_and_refuses_a_header_without_a_token() {
    let offered: SecWebSocketProtocolRequest = decode(&["x", "ocpp2.0.1, ocpp1.6"]).unwrap();
    let tokens: Vec<_> = offered.offers().map(|o| o.token()).collect();
    assert_eq!(tokens, ["x", "ocpp2.0.1", "ocpp1.6"]);
    assert_eq!(encode(&offered), ["x", "ocpp2.0.1, ocpp1.6"]);
    assert!(decode::<SecWebSocketProtocolRequest>(&[]).is_err());
    assert!(decode::<SecWebSocketProtocolRequest>(&[" , "]).is_err());
    let written = SecWebSocketProtocolRequest::new(&[Subprotocol::Ocpp1_6, Subprotocol::Mqtt]);
    assert_eq!(encode(&written), ["ocpp1.6, mqtt"]);
}

#[test]
fn the_protocol_response_is_one_token_on_one_line() {
    let selected: SecWebSocketProtocolResponse = decode(&[" ocpp1.6 "]).unwrap();
    assert_eq!(selected.offer().token(), "ocpp1.6");
    assert_eq!(selected.offer().subprotocol(), Some(Subprotocol::Ocpp1_6));
    assert_eq!(encode(&selected), ["ocpp1.6"]);
    let unregistered: SecWebSocketProtocolResponse = decode(&["x-mine"]).unwrap();
    assert_eq!(
        (
            unregistered.offer().token(),
            unregistered.offer().subprotocol()
        ),
        ("x-mine", None)
    );
    for refused in [&["ocpp1.6, mqtt"][..], &["ocpp1.6", "mqtt"], &[""], &[]] {
        assert!(
            decode::<SecWebSocketProtocolResponse>(refused).is_err(),
            "{refused:?}"
        );
    }
    let mut headers = HeaderMap::new();
    headers.typed_insert(SecWebSocketProtocolResponse::from(Subprotocol::Ocpp2_0_1));
    assert_eq!(headers["sec-websocket-protocol"], "ocpp2.0.1");
}

#[test]
fn the_extensions_headers_refuse_what_the_grammar_refuses() {
    let offers: SecWebSocketExtensionsRequest = decode(&[
        "x-webkit-deflate-frame",
        "permessage-deflate; client_max_window_bits",
    ])
    .unwrap();
    assert_eq!(offers.deflate_offers().count(), 2);
    let answer = offers
        .negotiate(&DeflatePolicy::default())
        .expect("the second is valid");
    assert_eq!(HeaderValue::from(answer), "permessage-deflate");
    assert_eq!(encode(&offers).len(), 2);
    for refused in [&["permessage-deflate;"][..], &["a; b=\"c"], &[","], &[]] {
        assert!(
            decode::<SecWebSocketExtensionsRequest>(refused).is_err(),
            "{refused:?}"
        );
        assert!(
            decode::<SecWebSocketExtensionsResponse>(refused).is_err(),
            "{refused:?}"
        );
    }
    let offered = [PerMessageDeflate::new()];
    let accepted: SecWebSocketExtensionsResponse = decode(&["permessage-deflate"]).unwrap();
    assert!(accepted.check(&offered).unwrap().is_some());
    let unasked: SecWebSocketExtensionsResponse =
        decode(&["permessage-deflate; server_max_window_bits=10"]).unwrap();
    assert!(unasked.check(&[]).is_err());
    assert_eq!(
        DeflateResponse::check_in_headers(&HeaderMap::new(), &offered),
        Ok(None)
    );
    let written = SecWebSocketExtensionsResponse::from(answer);
    assert_eq!(encode(&written), ["permessage-deflate"]);
}
