//! One consistent API across the registry types: `ALL` everywhere, the conversions people
//! expect from `http::StatusCode`, a reason for every code that may not be sent, and the
//! reserved opcodes a frame parser meets. Registry facts come from the vendored file through
//! `tests/oracle`.

mod oracle;

use websocket_registry::{
    CloseCode, ClosePayload, ClosePayloadError, EncodeCloseError, FrameOpcode, HeaderBit, Opcode,
    ParseOpcodeError, Version, VersionStatus, MAX_CLOSE_REASON,
};

#[test]
fn close_code_all_is_every_assigned_code_in_order() {
    let all: Vec<u16> = CloseCode::ALL.iter().map(|c| c.as_u16()).collect();
    let mut assigned = oracle::assigned_values("close-code-number");
    assigned.sort_unstable();
    assert_eq!(all, assigned);
    assert!(CloseCode::ALL.iter().all(|code| code.is_registered()));
}

#[test]
fn every_code_that_may_not_be_sent_says_why_and_no_other_does() {
    let assigned = oracle::assigned_values("close-code-number");
    for code in 0..=u16::MAX {
        let reason = CloseCode::from_u16(code).not_on_wire_reason();
        let valid = oracle::valid_on_wire(&assigned, code);
        assert_eq!(reason.is_none(), valid, "{code}: {reason:?}");
        if let Some(reason) = reason {
            assert!(reason.starts_with("RFC 6455"), "{code}: {reason}");
        }
    }
    // The local-only codes keep their own reasons, which name the code.
    for code in oracle::LOCAL_ONLY {
        let reason = CloseCode::from_u16(code).not_on_wire_reason().unwrap_or("");
        assert!(reason.contains(&code.to_string()), "{code}: {reason}");
    }
    let unassigned = CloseCode::from_u16(1016).not_on_wire_reason().unwrap_or("");
    assert!(unassigned.contains("unassigned"), "{unassigned}");
    let above = CloseCode::from_u16(5000).not_on_wire_reason().unwrap_or("");
    assert!(above.contains("above 4999"), "{above}");
}

#[test]
fn close_codes_compare_with_their_number_both_ways() {
    assert!(CloseCode::NORMAL_CLOSURE == 1000);
    assert!(1000 == CloseCode::NORMAL_CLOSURE);
    assert!(CloseCode::NORMAL_CLOSURE != 1001);
    assert!(1001 != CloseCode::NORMAL_CLOSURE);
    for code in [0u16, 1014, 3000, u16::MAX] {
        assert_eq!(CloseCode::from(code), code);
        assert_eq!(code, CloseCode::from(code));
        assert_eq!(u16::from(CloseCode::from(code)), code);
        assert_eq!(
            code.to_string().parse::<CloseCode>(),
            Ok(CloseCode::from(code))
        );
    }
}

#[test]
fn opcodes_convert_like_status_codes_and_carry_label_and_dates() {
    let assigned = oracle::assigned_values("opcode");
    let records = oracle::records("opcode");
    for value in 0..=u8::MAX {
        let is_assigned = assigned.contains(&u16::from(value));
        match Opcode::try_from(value) {
            Ok(opcode) => {
                assert!(is_assigned, "{value}");
                assert_eq!(u8::from(opcode), value);
                assert_eq!(value.to_string().parse::<Opcode>(), Ok(opcode));
            }
            Err(err) => {
                assert!(!is_assigned, "{value}");
                assert!(
                    err.to_string().starts_with(&format!("{value} is not")),
                    "{err}"
                );
                assert_eq!(err.as_u8(), value);
                assert_eq!(
                    value.to_string().parse::<Opcode>(),
                    Err::<Opcode, _>(parse_error())
                );
            }
        }
    }
    for text in ["", "+1", "-1", "01x", "0x1", "256", "1000", " 1", "Text"] {
        assert!(text.parse::<Opcode>().is_err(), "{text:?}");
    }
    assert_eq!("01".parse::<Opcode>(), Ok(Opcode::Text));
    assert_eq!(
        parse_error().to_string(),
        "an opcode is the decimal wire value of an opcode the registry assigns"
    );
    for opcode in Opcode::ALL {
        let record = records
            .iter()
            .find(|r| r.value.as_deref() == Some(&opcode.as_u8().to_string()))
            .expect("the opcode's record");
        let name = record.description.as_deref().unwrap_or("");
        assert_eq!(opcode.name(), Some(name));
        assert_eq!(opcode.label(), name.strip_suffix(" Frame").unwrap_or(name));
        assert_eq!(opcode.registered(), record.date.as_deref());
        assert_eq!(opcode.updated(), record.updated.as_deref());
    }
    assert_eq!(Opcode::Text.label(), "Text");
}

fn parse_error() -> ParseOpcodeError {
    "x".parse::<Opcode>().expect_err("not a number")
}

#[test]
fn a_frame_parser_sees_every_four_bit_opcode_assigned_or_reserved() {
    let assigned = oracle::assigned_values("opcode");
    for bits in 0..=u8::MAX {
        let opcode = FrameOpcode::from_bits(bits);
        if bits > 0x0f {
            assert_eq!(opcode, None, "{bits}");
            continue;
        }
        let opcode = opcode.expect("four bits");
        assert_eq!(opcode.as_u8(), bits);
        // RFC 6455 section 5.2: the high bit of the opcode marks control frames.
        assert_eq!(opcode.is_control(), bits >= 8, "{bits}");
        assert_eq!(opcode.is_data(), bits < 8, "{bits}");
        if assigned.contains(&u16::from(bits)) {
            let known = Opcode::from_u8(bits).expect("assigned");
            assert!(!opcode.is_reserved(), "{bits}");
            assert_eq!(opcode.assigned(), Some(known));
            assert_eq!(FrameOpcode::from(known), opcode);
            assert_eq!(opcode.to_string(), known.to_string());
        } else {
            assert!(opcode.is_reserved(), "{bits}");
            assert_eq!(opcode.assigned(), None);
            assert_eq!(opcode.to_string(), format!("{bits} (reserved)"));
        }
    }
}

#[test]
fn versions_have_all_and_compare_with_their_number() {
    let all: Vec<u16> = Version::ALL.iter().map(|v| u16::from(v.as_u8())).collect();
    assert_eq!(all, oracle::assigned_values("version-number"));
    assert!(Version::RFC_6455 == 13);
    assert!(13 == Version::RFC_6455);
    assert!(Version::RFC_6455 != 8);
    assert!(8 != Version::RFC_6455);
    let mut statuses: Vec<String> = Vec::new();
    for record in oracle::records("version-number") {
        if let Some(status) = record.status.filter(|s| !s.is_empty()) {
            if !statuses.contains(&status) {
                statuses.push(status);
            }
        }
    }
    let all_statuses: Vec<&str> = VersionStatus::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(all_statuses, statuses);
}

#[test]
fn header_bits_parse_from_their_iana_name() {
    for bit in HeaderBit::ALL {
        assert_eq!(bit.as_str().parse::<HeaderBit>(), Ok(*bit));
    }
    let err = "RSV4".parse::<HeaderBit>().expect_err("not registered");
    assert_eq!(err.registry(), oracle::title("framing-header-bits"));
}

#[test]
fn a_close_payload_is_made_exactly_when_the_wire_rule_and_the_length_allow() {
    let long = "x".repeat(MAX_CLOSE_REASON + 1);
    let fits = "y".repeat(MAX_CLOSE_REASON);
    for code in (0..=u16::MAX)
        .step_by(7)
        .chain([1000, 1005, 1014, 3000, 4999])
    {
        let code = CloseCode::from_u16(code);
        for reason in ["", "bye", fits.as_str(), long.as_str()] {
            let expected = if !code.is_valid_on_wire() {
                Err(EncodeCloseError::InvalidCode(code))
            } else if reason.len() > MAX_CLOSE_REASON {
                Err(EncodeCloseError::ReasonTooLong { len: reason.len() })
            } else {
                Ok((Some(code), reason))
            };
            let made = ClosePayload::new(code, reason).map(|p| (p.status_code(), p.reason()));
            assert_eq!(made, expected, "{code} {}", reason.len());
        }
    }
    assert_eq!(
        ClosePayload::new(CloseCode::NORMAL_CLOSURE, &long).map(|_| ()),
        Err(EncodeCloseError::ReasonTooLong { len: long.len() })
    );
}

#[test]
fn close_payloads_convert_to_and_from_tungstenite() {
    use tungstenite::protocol::frame::coding::CloseCode as TCode;
    use tungstenite::protocol::CloseFrame as TFrame;

    let none: Option<TFrame> = ClosePayload::NO_STATUS.into();
    assert_eq!(none, None);
    let payload = ClosePayload::parse(b"\x03\xf6upstream down").expect("valid");
    let frame: Option<TFrame> = payload.into();
    let frame = frame.expect("a status");
    assert_eq!(u16::from(frame.code), 1014);
    assert_eq!(frame.reason.as_str(), "upstream down");
    assert_eq!(ClosePayload::try_from(&frame), Ok(payload));

    // tungstenite lets 1016 through; the payload rules do not.
    let unassigned = TFrame {
        code: TCode::from(1016),
        reason: "".into(),
    };
    assert_eq!(
        ClosePayload::try_from(&unassigned),
        Err(ClosePayloadError::InvalidCode(CloseCode::from_u16(1016)))
    );
    let longest = TFrame {
        code: TCode::Normal,
        reason: "z".repeat(MAX_CLOSE_REASON).into(),
    };
    assert!(ClosePayload::try_from(&longest).is_ok(), "123 bytes fit");
    let long = TFrame {
        code: TCode::Normal,
        reason: "z".repeat(MAX_CLOSE_REASON + 1).into(),
    };
    assert_eq!(
        ClosePayload::try_from(&long),
        Err(ClosePayloadError::TooLong { len: 126 })
    );
}

#[test]
fn the_ranges_cover_every_code_once_in_order() {
    use websocket_registry::CloseCodeRange;

    let mut next = 0u32;
    for &range in CloseCodeRange::ALL {
        assert_eq!(u32::from(range.first()), next, "{range:?}");
        next = u32::from(range.last()) + 1;
        assert_eq!(CloseCode::from_u16(range.first()).range(), range);
        assert_eq!(CloseCode::from_u16(range.last()).range(), range);
    }
    assert_eq!(next, 65536);
}

#[test]
fn errors_say_what_is_wrong_and_where() {
    use websocket_registry::SelectedSubprotocolError as E;

    let cases = [
        (
            E::SeveralLines { count: 2 },
            "the response has 2 Sec-WebSocket-Protocol lines; a server selects one subprotocol",
        ),
        (
            E::NotVisibleAscii { offset: 3 },
            "Sec-WebSocket-Protocol has a byte that is not visible ASCII at offset 3",
        ),
        (
            E::NotOneToken { offset: 4 },
            "Sec-WebSocket-Protocol is not exactly one token (at offset 4)",
        ),
    ];
    for (err, text) in cases {
        assert_eq!(err.to_string(), text);
    }
}
