//! The optional features: serde (wire forms, round trips, clear errors) and the tungstenite
//! conversions (the number survives both ways, for every `u16`). `cargo test` enables both
//! features through the crate's dev-dependency on itself.

use iana_websocket::{CloseCode, Extension, Opcode, Subprotocol, Version};
use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCloseCode;

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
    // And so do the rules: tungstenite refuses 1014, which RFC 6455 allows.
    assert!(!TungsteniteCloseCode::from(CloseCode::BAD_GATEWAY).is_allowed());
    assert!(CloseCode::BAD_GATEWAY.is_valid_on_wire());
}
