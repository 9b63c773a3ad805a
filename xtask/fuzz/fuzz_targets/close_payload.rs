//! Close frame payloads (RFC 6455 section 5.5.1) on arbitrary bytes.
//!
//! Properties, each checked against the bytes themselves rather than the parser's own
//! helpers:
//! - `ClosePayload::parse` accepts exactly the empty payload and payloads of 2-125 bytes whose
//!   code is valid on the wire and whose reason is UTF-8; every refusal names the rule the
//!   bytes break, and the code to fail the connection with;
//! - a parsed payload encodes back to the same bytes;
//! - every client engine's `CloseEvent` is either clean and carries exactly the payload's
//!   code and reason (1005 and no reason for an empty payload, and for Firefox one byte), or
//!   is the engine's failed-connection code (1006; 0 in Deno), not clean, with no reason;
//!   only Deno is clean on a payload over 125 bytes;
//! - `shows_as_sent` is true exactly when the engine's event is clean with the sent code, and
//!   for a payload RFC 6455 allows, `CloseCode::is_shown_by_every_client_engine` is its
//!   conjunction over all six engines.
#![no_main]

use libfuzzer_sys::fuzz_target;
use websocket_registry::{
    ClientEngine, CloseCode, CloseEvent, ClosePayload, ClosePayloadError, MAX_CLOSE_PAYLOAD,
};

fuzz_target!(|data: &[u8]| {
    let wire_code = match data {
        [high, low, ..] => Some(CloseCode::from_u16(u16::from_be_bytes([*high, *low]))),
        _ => None,
    };
    match ClosePayload::parse(data) {
        Ok(parsed) if parsed.is_empty() => {
            assert!(data.is_empty());
            assert_eq!(parsed, ClosePayload::NO_STATUS);
        }
        Ok(parsed) => {
            let (code, reason) = (parsed.status_code().expect("a status"), parsed.reason());
            assert!((2..=MAX_CLOSE_PAYLOAD).contains(&data.len()));
            assert_eq!(Some(code), wire_code);
            assert!(code.is_valid_on_wire());
            assert_eq!(reason.as_bytes(), &data[2..]);
            assert_eq!(parsed.connection_close_code(), code);
            let made = ClosePayload::new(code, reason).expect("what parses may be sent");
            assert_eq!(made, parsed);
            let mut buf = [0u8; MAX_CLOSE_PAYLOAD];
            assert_eq!(made.write(&mut buf), Ok(data.len()));
            assert_eq!(&buf[..data.len()], data);
            // One byte short of room: refused, and nothing written.
            if let Some(short) = buf.get_mut(..data.len() - 1) {
                short.fill(0);
                assert!(made.write(short).is_err());
                assert!(short.iter().all(|&byte| byte == 0));
            }
        }
        Err(error) => {
            match error {
                ClosePayloadError::TooLong { len } => {
                    assert_eq!(len, data.len());
                    assert!(len > MAX_CLOSE_PAYLOAD);
                }
                ClosePayloadError::OneByte => assert_eq!(data.len(), 1),
                ClosePayloadError::InvalidCode(code) => {
                    assert!(data.len() <= MAX_CLOSE_PAYLOAD);
                    assert_eq!(Some(code), wire_code);
                    assert!(!code.is_valid_on_wire());
                }
                ClosePayloadError::InvalidUtf8 { offset } => {
                    assert!(data.len() <= MAX_CLOSE_PAYLOAD);
                    assert!(wire_code.is_some_and(CloseCode::is_valid_on_wire));
                    let utf8 = std::str::from_utf8(&data[2..]).expect_err("reported as not UTF-8");
                    assert_eq!(offset, utf8.valid_up_to());
                }
                other => panic!("an error this target does not know: {other:?}"),
            }
            let expected = if matches!(error, ClosePayloadError::InvalidUtf8 { .. }) {
                1007
            } else {
                1002
            };
            assert_eq!(error.response_code().as_u16(), expected);
            assert!(!error.to_string().is_empty());
        }
    }

    // What the payload says, read from the bytes: an empty payload is reported as 1005.
    let sent = match data {
        [] => Some(1005),
        [_] => None,
        [high, low, ..] => Some(u16::from_be_bytes([*high, *low])),
    };
    let reason_sent = data.get(2..).unwrap_or_default();
    let mut clients_show_as_sent = true;
    for &engine in ClientEngine::ALL {
        let event = CloseEvent::after_close_payload(engine, data);
        if event.was_clean() {
            let firefox_one_byte = engine == ClientEngine::Firefox && data.len() == 1;
            if firefox_one_byte {
                assert_eq!((event.code().as_u16(), event.reason()), (1005, ""));
            } else {
                assert!(data.len() <= MAX_CLOSE_PAYLOAD || engine == ClientEngine::Deno);
                assert_eq!(Some(event.code().as_u16()), sent);
                assert_eq!(event.reason().as_bytes(), reason_sent);
                assert!(data.is_empty() || engine.accepts_received_code(event.code()));
            }
        } else {
            let failed = if engine == ClientEngine::Deno {
                0
            } else {
                1006
            };
            assert_eq!((event.code().as_u16(), event.reason()), (failed, ""));
        }
        let shown = event.was_clean() && Some(event.code().as_u16()) == sent;
        assert_eq!(engine.shows_as_sent(data), shown, "{engine:?}");
        clients_show_as_sent &= shown;
    }
    // For a payload RFC 6455 allows, every engine shows it as sent exactly when every
    // engine shows its code.
    if let Some(code) = ClosePayload::parse(data).ok().and_then(|p| p.status_code()) {
        assert_eq!(code.is_shown_by_every_client_engine(), clients_show_as_sent);
    }
});
