//! The Autobahn|Testsuite close cases (sections 7.7, 7.9, 7.13) and its payload cases, as
//! this crate's parser sees each Close payload.

use websocket_registry::{CloseCode, ClosePayload, ClosePayloadError, MAX_CLOSE_REASON};

fn payload(code: u16, reason: &[u8]) -> Vec<u8> {
    let mut bytes = code.to_be_bytes().to_vec();
    bytes.extend_from_slice(reason);
    bytes
}

#[test]
fn case_7_7_x_valid_codes_are_accepted() {
    let valid = [
        1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999,
    ];
    for code in valid {
        let bytes = payload(code, b"");
        assert_eq!(
            ClosePayload::parse(&bytes),
            Ok(ClosePayload::new(CloseCode::from_u16(code), "").expect("a valid payload")),
            "code {code}"
        );
    }
}

#[test]
fn case_7_9_x_invalid_codes_are_protocol_errors() {
    for code in [0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999] {
        let bytes = payload(code, b"");
        let err = ClosePayload::parse(&bytes).expect_err("invalid code");
        assert_eq!(
            err,
            ClosePayloadError::InvalidCode(CloseCode::from_u16(code))
        );
        assert_eq!(
            err.response_code(),
            CloseCode::PROTOCOL_ERROR,
            "code {code}"
        );
    }
}

#[test]
fn case_7_13_x_codes_above_4999_are_invalid() {
    for code in [5000, 65535] {
        let bytes = payload(code, b"");
        assert_eq!(
            ClosePayload::parse(&bytes),
            Err(ClosePayloadError::InvalidCode(CloseCode::from_u16(code)))
        );
    }
}

#[test]
fn codes_1012_to_1014_are_valid_unlike_in_older_peers() {
    for code in [1012, 1013, 1014] {
        assert!(
            ClosePayload::parse(&payload(code, b"bye")).is_ok(),
            "{code}"
        );
    }
    assert!(ClosePayload::parse(&payload(1015, b"")).is_err());
}

#[test]
fn an_empty_payload_is_no_status_reported_as_1005() {
    let frame = ClosePayload::parse(&[]).expect("empty is valid");
    assert_eq!(frame, ClosePayload::NO_STATUS);
    assert_eq!(frame.status_code(), None);
    assert_eq!(frame.connection_close_code(), CloseCode::from_u16(1005));
    assert_eq!(frame.reason(), "");
}

#[test]
fn a_one_byte_payload_is_a_protocol_error() {
    let err = ClosePayload::parse(&[0x03]).expect_err("1 byte");
    assert_eq!(err, ClosePayloadError::OneByte);
    assert_eq!(err.response_code().as_u16(), 1002);
}

#[test]
fn payloads_of_125_bytes_pass_and_126_fail() {
    let reason = "x".repeat(MAX_CLOSE_REASON);
    let bytes = payload(1000, reason.as_bytes());
    assert_eq!(bytes.len(), 125);
    assert_eq!(
        ClosePayload::parse(&bytes).map(|f| f.reason().len()),
        Ok(123)
    );
    let long = payload(1000, "x".repeat(124).as_bytes());
    assert_eq!(long.len(), 126);
    let err = ClosePayload::parse(&long).expect_err("too long");
    assert_eq!(err, ClosePayloadError::TooLong { len: 126 });
    assert_eq!(err.response_code().as_u16(), 1002);
}

#[test]
fn invalid_utf8_in_the_reason_is_1007_with_its_offset() {
    let bytes = payload(
        1000,
        b"ok\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80edited",
    );
    let err = ClosePayload::parse(&bytes).expect_err("bad utf-8");
    // "ok" (2) + "κόσμε" (11 bytes) are valid; the surrogate 0xED 0xA0 0x80 starts at 13.
    assert_eq!(err, ClosePayloadError::InvalidUtf8 { offset: 13 });
    assert_eq!(err.response_code(), CloseCode::INVALID_FRAME_PAYLOAD_DATA);
    let valid = payload(1000, "κόσμε".as_bytes());
    assert_eq!(ClosePayload::parse(&valid).map(|f| f.reason()), Ok("κόσμε"));
}

#[test]
fn encode_writes_code_and_reason_and_refuses_what_is_invalid() {
    let mut buf = [0u8; 125];
    let busy = ClosePayload::new(CloseCode::TRY_AGAIN_LATER, "busy").expect("valid");
    let n = busy.write(&mut buf).expect("fits");
    assert_eq!(&buf[..n], b"\x03\xf5busy");

    let reason_123 = "r".repeat(123);
    let longest = ClosePayload::new(CloseCode::NORMAL_CLOSURE, &reason_123).expect("valid");
    assert_eq!(longest.write(&mut buf), Ok(125));
    let reason_124 = "r".repeat(124);
    assert_eq!(
        ClosePayload::new(CloseCode::NORMAL_CLOSURE, &reason_124),
        Err(websocket_registry::EncodeCloseError::ReasonTooLong { len: 124 })
    );
    for code in [1005, 1006, 1015, 1004, 999, 5000, 2000] {
        assert_eq!(
            ClosePayload::new(CloseCode::from_u16(code), ""),
            Err(websocket_registry::EncodeCloseError::InvalidCode(
                CloseCode::from_u16(code)
            ))
        );
    }
    let mut small = [0u8; 3];
    let before = small;
    let bye = ClosePayload::new(CloseCode::NORMAL_CLOSURE, "bye").expect("valid");
    let err = bye.write(&mut small).expect_err("5 bytes do not fit in 3");
    assert_eq!((err.needed(), err.available()), (5, 3));
    assert_eq!(small, before, "nothing written on error");
    assert_eq!(ClosePayload::NO_STATUS.write(&mut []), Ok(0));
}
