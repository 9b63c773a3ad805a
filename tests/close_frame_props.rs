//! Property tests of the Close payload parser and encoder (bounded case counts).

use iana_websocket::{BrowserCloseEvent, CloseCode, CloseFrame, MAX_CLOSE_REASON};
use proptest::prelude::*;

fn reason_of_at_most(max_bytes: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..=max_bytes).prop_map(move |chars| {
        let mut reason = String::new();
        for ch in chars {
            if reason.len() + ch.len_utf8() > max_bytes {
                break;
            }
            reason.push(ch);
        }
        reason
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn parse_never_panics_and_agrees_with_the_rules(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let result = CloseFrame::parse(&bytes);
        match result {
            Ok(CloseFrame::NoStatus) => prop_assert!(bytes.is_empty()),
            Ok(CloseFrame::Status { code, reason }) => {
                prop_assert!(bytes.len() >= 2 && bytes.len() <= 125);
                prop_assert!(code.is_valid_on_wire());
                prop_assert_eq!(reason.as_bytes(), &bytes[2..]);
            }
            Err(err) => {
                let code = err.response_code().as_u16();
                prop_assert!(code == 1002 || code == 1007);
            }
        }
    }

    #[test]
    fn a_page_sees_every_frame_a_strict_endpoint_accepts_and_more(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let event = BrowserCloseEvent::after_close_payload(&bytes);
        match CloseFrame::parse(&bytes) {
            // What a strict endpoint accepts, a page sees unchanged.
            Ok(frame) => {
                prop_assert_eq!(event.code(), frame.reported_code());
                prop_assert_eq!(event.reason(), frame.reason());
                prop_assert!(event.was_clean());
            }
            // The browser is lenient about the code only, never about the framing or the
            // reason, and never for the three codes RFC 6455 forbids outright.
            Err(_) if event.was_clean() => {
                let code = event.code().as_u16();
                prop_assert!(!event.code().is_valid_on_wire());
                prop_assert!(!matches!(code, 1005 | 1006 | 1015));
                prop_assert_eq!(&bytes[..2], &code.to_be_bytes()[..]);
                prop_assert_eq!(event.reason().as_bytes(), &bytes[2..]);
            }
            Err(_) => {
                prop_assert_eq!(event.code(), CloseCode::ABNORMAL_CLOSURE);
                prop_assert_eq!(event.reason(), "");
            }
        }
    }

    #[test]
    fn encode_then_parse_round_trips(code in 3000u16..5000, reason in reason_of_at_most(MAX_CLOSE_REASON)) {
        let code = CloseCode::from_u16(code);
        let mut buf = [0u8; 125];
        let n = CloseFrame::encode(code, &reason, &mut buf).expect("valid input encodes");
        prop_assert_eq!(CloseFrame::parse(&buf[..n]), Ok(CloseFrame::Status { code, reason: &reason }));
    }

    #[test]
    fn every_wire_valid_registered_code_round_trips_with_every_reason_length(len in 0usize..=MAX_CLOSE_REASON) {
        let reason = "a".repeat(len);
        for &code in iana_websocket::close_codes::ASSIGNED.iter().filter(|c| c.is_valid_on_wire()) {
            let mut buf = [0u8; 125];
            let n = CloseFrame::encode(code, &reason, &mut buf).expect("encodes");
            prop_assert_eq!(n, 2 + len);
            prop_assert_eq!(CloseFrame::parse(&buf[..n]), Ok(CloseFrame::Status { code, reason: &reason }));
        }
    }
}
