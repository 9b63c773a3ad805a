//! The other generated registries, as a user meets them. Registry facts (which records exist,
//! IANA's texts and dates) come from the vendored file through `tests/oracle`, so that the
//! tests follow `cargo xtask fetch`; how the generator renders a particular record is checked
//! on a pinned fixture in `xtask/tests/`.

mod oracle;

use core::mem::size_of;

use websocket_registry::{
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
    let ids: Vec<String> = oracle::records("subprotocol-name")
        .into_iter()
        .map(|r| r.id.expect("an <id>"))
        .collect();
    let all: Vec<&str> = Subprotocol::ALL.iter().map(|p| p.as_str()).collect();
    assert_eq!(all, ids);
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
    let wamp_record = oracle::records("subprotocol-name")
        .into_iter()
        .find(|r| r.id.as_deref() == Some("wamp"))
        .expect("wamp is registered");
    let wamp = Subprotocol::Wamp;
    assert_eq!(Some(wamp.common_name()), wamp_record.common.as_deref());
    assert_eq!(wamp.registered(), wamp_record.date.as_deref());
    assert_eq!(wamp.updated(), wamp_record.updated.as_deref());
    let err = "nope".parse::<Subprotocol>().expect_err("unregistered");
    assert!(err
        .to_string()
        .contains("WebSocket Subprotocol Name Registry"));
}

#[test]
fn extensions() {
    let records = oracle::records("extension-name");
    let ids: Vec<&str> = records
        .iter()
        .map(|r| r.id.as_deref().expect("an <id>"))
        .collect();
    let all: Vec<&str> = Extension::ALL.iter().map(|e| e.as_str()).collect();
    assert_eq!(all, ids);
    for (extension, record) in Extension::ALL.iter().zip(&records) {
        assert_eq!(Extension::from_name(extension.as_str()), Some(*extension));
        assert_eq!(Some(extension.common_name()), record.common.as_deref());
        assert_eq!(
            extension.incompatible_text(),
            record.incompatible.as_deref()
        );
        // The typed list: every registered identifier the text names ("None" names none).
        let named: Vec<&str> = record
            .incompatible
            .as_deref()
            .unwrap_or("")
            .split([',', ';', ' '])
            .filter(|token| ids.contains(token))
            .collect();
        let typed: Vec<&str> = extension
            .incompatible()
            .iter()
            .map(|e| e.as_str())
            .collect();
        assert_eq!(typed, named, "{}", extension.as_str());
    }
    assert_eq!(
        Extension::from_name("permessage-deflate"),
        Some(Extension::PermessageDeflate)
    );
    assert_eq!(Extension::from_name("Permessage-Deflate"), None);
    assert_eq!(
        Extension::PermessageDeflate.references()[0].text(),
        "RFC 7692"
    );
}

#[test]
fn opcodes() {
    let all: Vec<u8> = Opcode::ALL.iter().map(|o| o.as_u8()).collect();
    let assigned: Vec<u8> = oracle::assigned_values("opcode")
        .into_iter()
        .map(|v| u8::try_from(v).expect("4 bits"))
        .collect();
    assert_eq!(all, assigned);
    // RFC 6455 section 5.2: 0-7 are data frames, 8-15 control frames.
    assert!(all.contains(&1) && all.contains(&8));
    for value in 0..=u8::MAX {
        let opcode = Opcode::from_u8(value);
        assert_eq!(opcode.is_some(), all.contains(&value), "{value}");
        if let Some(opcode) = opcode {
            assert_eq!(opcode.as_u8(), value);
            assert_eq!(opcode.is_control(), value >= 8);
            assert_eq!(opcode.is_data(), value < 8);
        }
    }
    for record in oracle::records("opcode") {
        let value = record.value.expect("a <value>");
        if let Ok(value) = value.parse::<u8>() {
            let opcode = Opcode::from_u8(value).expect("assigned");
            assert_eq!(opcode.name(), record.description.as_deref());
        }
    }
    let ranges: Vec<(u16, u16)> = websocket_registry::opcodes::RANGES
        .iter()
        .map(|r| (r.first(), r.last()))
        .collect();
    assert_eq!(ranges, oracle::ranges("opcode"));
}

#[test]
fn versions() {
    assert_eq!(Version::RFC_6455, Version::V13);
    let mut registered = Vec::new();
    for record in oracle::records("version-number") {
        let value = record.value.expect("a <value>");
        let number = match value.parse::<u8>() {
            Ok(number) => number,
            Err(_) => continue, // a range such as 14-255
        };
        registered.push(number);
        let version = Version::from_u8(number);
        let status = match record.status.as_deref() {
            Some("Standard") => Some(VersionStatus::Standard),
            Some("Interim") => Some(VersionStatus::Interim),
            Some("") | None => None,
            Some(other) => panic!("version {number}: unknown status {other:?}"),
        };
        assert_eq!(version.status(), status, "version {number}");
    }
    assert!(registered.contains(&13), "{registered:?}");
    for number in 0..=u8::MAX {
        assert_eq!(
            Version::from_u8(number).is_registered(),
            registered.contains(&number),
            "version {number}"
        );
    }
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
    let records = oracle::records("framing-header-bits");
    let names: Vec<&str> = HeaderBit::ALL.iter().map(|b| b.as_str()).collect();
    let values: Vec<&str> = records
        .iter()
        .map(|r| r.value.as_deref().expect("a <value>"))
        .collect();
    assert_eq!(names, values);
    for (bit, record) in HeaderBit::ALL.iter().zip(&records) {
        assert_eq!(Some(bit.meaning()), record.description.as_deref());
        assert_eq!(bit.registered(), record.date.as_deref());
        assert_eq!(bit.updated(), record.updated.as_deref());
        assert_eq!(bit.as_str().parse::<HeaderBit>(), Ok(*bit));
        assert_eq!(HeaderBit::from_name(bit.as_str()), Some(*bit));
    }
    assert!("rsv1".parse::<HeaderBit>().is_err());
    // RFC 6455 section 5.2: RSV1 is the first header byte's 0x40.
    assert_eq!(HeaderBit::Rsv1.mask(), 0x40);
    assert_eq!(HeaderBit::Rsv1.as_str(), "RSV1");
}

#[test]
fn registry_version_is_exposed() {
    assert_eq!(websocket_registry::registry::UPDATED, oracle::updated());
    assert_eq!(websocket_registry::registry::SHA256.len(), 64);
}

#[test]
fn display_reads_well() {
    assert_eq!(
        Opcode::Text.to_string(),
        format!("1 {}", Opcode::Text.name().unwrap())
    );
    assert_eq!(
        Opcode::Close.to_string(),
        format!("8 {}", Opcode::Close.name().unwrap())
    );
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

#[test]
fn range_rows_contain_exactly_their_values() {
    let rows = websocket_registry::opcodes::RANGES
        .iter()
        .chain(websocket_registry::close_codes::RANGES);
    let mut checked = 0;
    for row in rows {
        let (first, last) = (row.first(), row.last());
        assert!(first <= last, "{row:?}");
        assert!(row.contains(first) && row.contains(last), "{row:?}");
        assert!(row.contains(first + (last - first) / 2), "{row:?}");
        if let Some(before) = first.checked_sub(1) {
            assert!(!row.contains(before), "{row:?}");
        }
        if let Some(after) = last.checked_add(1) {
            assert!(!row.contains(after), "{row:?}");
        }
        assert!(row.name().is_some_and(|name| !name.is_empty()));
        checked += 1;
    }
    assert!(checked >= 4, "{checked}");
}

#[test]
fn unregistered_names_say_which_registry_was_searched() {
    let subprotocol = "nope".parse::<Subprotocol>().expect_err("unregistered");
    let extension = "nope".parse::<Extension>().expect_err("unregistered");
    assert_eq!(subprotocol.registry(), oracle::title("subprotocol-name"));
    assert_eq!(extension.registry(), oracle::title("extension-name"));
    assert_eq!(
        extension.to_string(),
        format!(
            "not an identifier in the IANA {} (matching is exact and case-sensitive)",
            oracle::title("extension-name")
        )
    );
}

#[test]
fn references_show_their_text_and_address() {
    let rfc = Extension::PermessageDeflate.references()[0];
    assert_eq!(rfc.kind(), websocket_registry::ReferenceKind::Rfc);
    assert_eq!(
        rfc.to_string(),
        "RFC 7692 <https://www.rfc-editor.org/rfc/rfc7692.html>"
    );
}

#[test]
fn versions_carry_the_registrys_dates_and_convert_both_ways() {
    // Today no version record has a date: this checks that none is made up (and will check
    // real dates once IANA adds some).
    for record in oracle::records("version-number") {
        let Ok(number) = record.value.as_deref().unwrap_or("").parse::<u8>() else {
            continue;
        };
        let version = Version::from_u8(number);
        assert_eq!(version.registered(), record.date.as_deref(), "{number}");
        assert_eq!(version.updated(), record.updated.as_deref(), "{number}");
    }
    for number in 0..=u8::MAX {
        assert_eq!(u8::from(Version::from(number)), number);
    }
    assert_eq!(
        "013".parse::<Version>().unwrap_err().to_string(),
        "a WebSocket version is a decimal number from 0 to 255 without leading zeros"
    );
}

#[test]
fn every_reference_shows_its_text_then_its_address_unless_they_are_the_same() {
    let all = Subprotocol::ALL
        .iter()
        .flat_map(|p| p.references().iter().chain(p.definition_references()))
        .chain(Extension::ALL.iter().flat_map(|e| e.references()));
    let (mut with_address, mut address_only) = (0, 0);
    for reference in all {
        let expected = match reference.url() {
            Some(url) if url != reference.text() => {
                with_address += 1;
                format!("{} <{url}>", reference.text())
            }
            _ => {
                address_only += usize::from(reference.url().is_some());
                reference.text().to_owned()
            }
        };
        assert_eq!(reference.to_string(), expected);
    }
    // Both shapes occur in today's registry, so both branches are checked.
    assert!(
        with_address > 0 && address_only > 0,
        "{with_address} {address_only}"
    );
}
