//! The other generated registries, as a user meets them.

use core::mem::size_of;

use iana_websocket::{
    CloseCode, Extension, HeaderBit, Opcode, Subprotocol, Version, VersionStatus,
};

#[test]
fn sizes_are_those_of_the_wire_values() {
    assert_eq!(size_of::<CloseCode>(), 2);
    assert_eq!(size_of::<Option<Subprotocol>>(), 1);
    assert_eq!(size_of::<Option<Extension>>(), 1);
    assert_eq!(size_of::<Opcode>(), 1);
    assert_eq!(size_of::<Version>(), 1);
}

#[test]
fn subprotocols_are_exact_and_case_sensitive() {
    let xml = include_str!("../registry/websocket.xml");
    let section = &xml[xml.find("id=\"subprotocol-name\"").expect("sub-registry")..];
    let section = &section[..section.find("</registry>").expect("end")];
    assert_eq!(Subprotocol::ALL.len(), section.matches("<id>").count());
    for &protocol in Subprotocol::ALL {
        assert_eq!(Subprotocol::from_name(protocol.as_str()), Some(protocol));
        assert_eq!(protocol.to_string().parse(), Ok(protocol));
    }
    assert_eq!(
        Subprotocol::from_name("ocpp1.6"),
        Some(Subprotocol::Ocpp1_6)
    );
    assert_eq!(Subprotocol::from_name("OCPP1.6"), None);
    assert_eq!(Subprotocol::from_name(" ocpp1.6"), None);
    assert_eq!(Subprotocol::from_name("graphql-transport-ws"), None);
    assert_eq!(
        Subprotocol::from_name("2016.serverpush.dash.mpeg.org"),
        Some(Subprotocol::Id2016ServerpushDashMpegOrg)
    );
    let wamp = Subprotocol::Wamp;
    assert_eq!(
        wamp.common_name(),
        "WAMP (\"The WebSocket Application Messaging Protocol\")"
    );
    assert_eq!(wamp.registered(), Some("2012-07-10"));
    assert_eq!(wamp.updated(), Some("2026-01-12"));
    assert_eq!(wamp.controller()[0].text(), "Tobias Oberstein");
    assert_eq!(wamp.definition(), "https://wamp-proto.org/spec.html");
    let err = "nope".parse::<Subprotocol>().expect_err("unregistered");
    assert!(err
        .to_string()
        .contains("WebSocket Subprotocol Name Registry"));
}

#[test]
fn definitions_keep_text_around_references() {
    assert_eq!(
        Subprotocol::MbwsHuaweiCom.definition(),
        "http://www.ietf.org/id/draft-hapner-hybi-messagebroker-subprotocol-01.txt (page 9)"
    );
    assert!(Subprotocol::Ship.definition().starts_with(
        "SHIP (Smart Home IP) is a an IP based approach to plug and play home automation"
    ));
}

#[test]
fn extensions() {
    assert_eq!(
        Extension::ALL,
        &[Extension::PermessageDeflate, Extension::BbfUspProtocol]
    );
    assert_eq!(
        Extension::from_name("permessage-deflate"),
        Some(Extension::PermessageDeflate)
    );
    assert_eq!(Extension::from_name("Permessage-Deflate"), None);
    assert_eq!(Extension::PermessageDeflate.incompatible(), "None");
    assert_eq!(
        Extension::PermessageDeflate.common_name(),
        "WebSocket Per-Message Deflate"
    );
    assert_eq!(
        Extension::PermessageDeflate.references()[0].text(),
        "RFC 7692"
    );
}

#[test]
fn opcodes() {
    let all: Vec<u8> = Opcode::ALL.iter().map(|o| o.as_u8()).collect();
    assert_eq!(all, [0, 1, 2, 8, 9, 10]);
    for value in 0..=u8::MAX {
        let opcode = Opcode::from_u8(value);
        assert_eq!(opcode.is_some(), all.contains(&value), "{value}");
        if let Some(opcode) = opcode {
            assert_eq!(opcode.as_u8(), value);
            assert_eq!(opcode.is_control(), value >= 8);
            assert_eq!(opcode.is_data(), value < 8);
        }
    }
    assert_eq!(Opcode::Close.name(), "Connection Close Frame");
    assert_eq!(Opcode::Text.name(), "Text Frame");
    let unassigned: Vec<(u16, u16)> = iana_websocket::opcodes::RANGES
        .iter()
        .map(|r| (r.first(), r.last()))
        .collect();
    assert_eq!(unassigned, [(3, 7), (11, 15)]);
}

#[test]
fn versions() {
    assert_eq!(Version::RFC_6455, Version::V13);
    assert_eq!(Version::RFC_6455.status(), Some(VersionStatus::Standard));
    assert_eq!(Version::V8.status(), Some(VersionStatus::Interim));
    assert_eq!(Version::V9.status(), None);
    assert!(Version::V9.is_registered());
    assert!(!Version::from_u8(14).is_registered());
    assert_eq!(
        Version::V0.references()[0].text(),
        "draft-ietf-hybi-thewebsocketprotocol-00"
    );
    assert_eq!("13".parse(), Ok(Version::RFC_6455));
    assert_eq!("0".parse(), Ok(Version::V0));
    assert_eq!("255".parse(), Ok(Version::from_u8(255)));
    for bad in ["", "013", "256", " 13", "13 ", "+13", "1a", "1000"] {
        assert!(bad.parse::<Version>().is_err(), "{bad:?}");
    }
    assert_eq!(VersionStatus::Standard.as_str(), "Standard");
}

#[test]
fn header_bits() {
    assert_eq!(HeaderBit::ALL, &[HeaderBit::Rsv1]);
    assert_eq!(HeaderBit::Rsv1.mask(), 0x40);
    assert_eq!(HeaderBit::Rsv1.name(), "RSV1");
    assert!(HeaderBit::Rsv1
        .description()
        .starts_with("The \"Per-Message Compressed\" bit"));
}

#[test]
fn registry_version_is_exposed() {
    assert_eq!(iana_websocket::registry::UPDATED, "2026-06-10");
    assert_eq!(iana_websocket::registry::SHA256.len(), 64);
}

#[test]
fn display_reads_well() {
    assert_eq!(Opcode::Text.to_string(), "1 Text Frame");
    assert_eq!(Opcode::Close.to_string(), "8 Connection Close Frame");
    assert_eq!(HeaderBit::Rsv1.to_string(), "RSV1");
    assert_eq!(Version::RFC_6455.to_string(), "13");
    assert_eq!(Subprotocol::Mqtt.to_string(), "mqtt");
    assert_eq!(
        Extension::PermessageDeflate.to_string(),
        "permessage-deflate"
    );
}

#[test]
fn debug_prints_the_variant_name() {
    assert_eq!(format!("{:?}", Subprotocol::Ocpp1_6), "Ocpp1_6");
    assert_eq!(
        format!("{:?}", Some(Extension::PermessageDeflate)),
        "Some(PermessageDeflate)"
    );
    for protocol in Subprotocol::ALL {
        let debug = format!("{protocol:?}");
        assert!(
            debug.chars().next().is_some_and(|c| c.is_ascii_uppercase()),
            "{debug}"
        );
        assert!(
            debug.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "{debug}"
        );
    }
}
