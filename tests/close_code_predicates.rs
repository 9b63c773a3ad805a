//! Every close-code predicate over all 65,536 codes, against an oracle written here from
//! RFC 6455 section 7.4 and the registry file, not by calling the code under test.

mod oracle;

use oracle::valid_on_wire;
use websocket_registry::{CloseCode, CloseCodeRange};

/// The registry file, read independently of the generator: every `<value>` of the close-code
/// sub-registry that is a single number whose description is not "Unassigned".
fn registry_assigned_codes() -> Vec<u16> {
    oracle::assigned_values("close-code-number")
}

#[test]
fn the_oracle_reads_the_registry() {
    // A guard on the oracle itself: RFC 6455's own codes are always there, ranges never are.
    let assigned = registry_assigned_codes();
    assert!(
        (1000..=1011).all(|code| assigned.contains(&code)),
        "{assigned:?}"
    );
    assert!(
        !assigned.contains(&1016) && !assigned.contains(&4000),
        "{assigned:?}"
    );
}

#[test]
fn is_registered_matches_the_registry_for_every_code() {
    let assigned = registry_assigned_codes();
    for code in 0..=u16::MAX {
        assert_eq!(
            CloseCode::from_u16(code).is_registered(),
            assigned.contains(&code),
            "code {code}"
        );
    }
}

#[test]
fn is_valid_on_wire_follows_rfc_6455_for_every_code() {
    let assigned = registry_assigned_codes();
    for code in 0..=u16::MAX {
        assert_eq!(
            CloseCode::from_u16(code).is_valid_on_wire(),
            valid_on_wire(&assigned, code),
            "code {code}"
        );
    }
}

#[test]
fn is_valid_for_close_method_follows_whatwg_for_every_code() {
    for code in 0..=u16::MAX {
        let expected = code == 1000 || (3000..=4999).contains(&code);
        assert_eq!(
            CloseCode::from_u16(code).is_valid_for_close_method(),
            expected,
            "code {code}"
        );
    }
}

#[test]
fn range_follows_rfc_6455_section_7_4_2_for_every_code() {
    for code in 0..=u16::MAX {
        let expected = if code < 1000 {
            CloseCodeRange::NotUsed
        } else if code < 3000 {
            CloseCodeRange::Protocol
        } else if code < 4000 {
            CloseCodeRange::Registered
        } else if code < 5000 {
            CloseCodeRange::PrivateUse
        } else {
            CloseCodeRange::Undefined
        };
        let range = CloseCode::from_u16(code).range();
        assert_eq!(range, expected, "code {code}");
        assert!(range.first() <= code && code <= range.last(), "code {code}");
    }
}

#[test]
fn names_exist_exactly_for_registered_codes_and_every_code_has_words_for_people() {
    for code in 0..=u16::MAX {
        let code = CloseCode::from_u16(code);
        assert_eq!(code.name().is_some(), code.is_registered());
        // Every code reads as something: its own label, or its range's.
        assert!(!code.label().is_empty() && !code.description().is_empty());
        if !code.is_registered() {
            assert_eq!(code.description(), code.range().description(), "{code}");
        }
        let shown = code.to_string();
        assert!(shown.starts_with(&code.as_u16().to_string()));
        let number = shown.split(' ').next().unwrap_or_default();
        assert_eq!(number.parse::<CloseCode>(), Ok(code));
        assert_eq!(CloseCode::from(u16::from(code)), code);
    }
}

#[test]
fn display_shows_the_label_or_the_range() {
    assert_eq!(
        CloseCode::POLICY_VIOLATION.to_string(),
        "1008 Policy Violation"
    );
    assert_eq!(CloseCode::BAD_GATEWAY.to_string(), "1014 Bad Gateway");
    assert_eq!(CloseCode::from_u16(4001).to_string(), "4001 (private use)");
    // The first codes IANA has not assigned, in the protocol and the registered range, from
    // the file (so that a new registration does not break this test).
    let assigned = registry_assigned_codes();
    let unassigned_in = |range: std::ops::RangeInclusive<u16>| {
        range
            .into_iter()
            .find(|code| !assigned.contains(code))
            .expect("an unassigned code")
    };
    for code in [unassigned_in(1000..=2999), unassigned_in(3000..=3999)] {
        assert_eq!(
            CloseCode::from_u16(code).to_string(),
            format!("{code} (unassigned)")
        );
    }
    assert_eq!(CloseCode::from_u16(999).to_string(), "999 (not used)");
    assert_eq!(CloseCode::from_u16(5000).to_string(), "5000 (undefined)");
}

#[test]
fn names_quote_iana_and_labels_read_well() {
    // IANA's words, as the file has them today.
    let record = |code: &str| {
        oracle::records("close-code-number")
            .into_iter()
            .find(|r| r.value.as_deref() == Some(code))
            .expect("a registered code")
    };
    assert_eq!(
        CloseCode::PROTOCOL_ERROR.name(),
        record("1002").description.as_deref()
    );
    assert_eq!(
        CloseCode::MANDATORY_EXTENSION.name(),
        record("1010").description.as_deref()
    );
    assert_eq!(
        CloseCode::MANDATORY_EXTENSION.label(),
        "Mandatory Extension"
    );
    assert_eq!(
        CloseCode::BAD_GATEWAY.name(),
        record("1014").description.as_deref()
    );
    assert_eq!(CloseCode::BAD_GATEWAY.as_u16(), 1014);
    assert_eq!(CloseCode::UNAUTHORIZED.as_u16(), 3000);
    assert_eq!(CloseCode::FORBIDDEN.as_u16(), 3003);
    assert_eq!(CloseCode::TIMEOUT.as_u16(), 3008);
    assert_eq!(
        CloseCode::TIMEOUT.registered(),
        record("3008").date.as_deref()
    );
    assert_eq!(
        CloseCode::TIMEOUT.updated(),
        record("3008").updated.as_deref()
    );
    assert!(CloseCode::NO_STATUS_RECEIVED.not_on_wire_reason().is_some());
    assert!(CloseCode::NORMAL_CLOSURE.not_on_wire_reason().is_none());
    assert_eq!(CloseCode::NORMAL_CLOSURE.references()[0].text(), "RFC 6455");
    assert_eq!(
        CloseCode::NORMAL_CLOSURE.references()[0].url(),
        Some("https://www.rfc-editor.org/rfc/rfc6455.html")
    );
}

#[test]
fn ranges_state_the_registrys_registration_rules() {
    let rule = |value| oracle::range_rule("close-code-number", value);
    assert!(rule("1000-2999").is_some() && rule("3000-3999").is_some());
    assert_eq!(
        CloseCodeRange::Protocol.registration_rule(),
        rule("1000-2999").as_deref()
    );
    assert_eq!(
        CloseCodeRange::Registered.registration_rule(),
        rule("3000-3999").as_deref()
    );
    assert_eq!(CloseCodeRange::PrivateUse.registration_rule(), None);
}

#[test]
fn from_str_parses_decimal_only() {
    assert_eq!("1000".parse(), Ok(CloseCode::NORMAL_CLOSURE));
    assert_eq!("65535".parse(), Ok(CloseCode::from_u16(65535)));
    for bad in ["", "65536", "+1000", " 1000", "0x3e8", "10.0"] {
        assert!(bad.parse::<CloseCode>().is_err(), "{bad:?}");
    }
}

/// `registry/curated.toml`, read by string search: `(code, key) -> value` for the keys of each
/// `[close-code.N]` table (the project's own data, checked the way the registry is).
fn curated(key: &str) -> Vec<(u16, String)> {
    let toml = include_str!("../registry/curated.toml");
    let mut out = Vec::new();
    for table in toml.split("\n[close-code.").skip(1) {
        let code: u16 = table[..table.find(']').expect("]")]
            .parse()
            .expect("a code");
        let prefix = format!("\n{key} = \"");
        if let Some(start) = table.find(&prefix) {
            let value = &table[start + prefix.len()..];
            out.push((
                code,
                value[..value.find("\"\n").expect("end")].replace("\\\"", "\""),
            ));
        }
    }
    out
}

#[test]
fn labels_and_descriptions_are_the_curated_ones() {
    let labels = curated("label");
    let descriptions = curated("description");
    assert!(labels.len() >= 12 && descriptions.len() >= 12);
    for (code, label) in labels {
        assert_eq!(CloseCode::from_u16(code).label(), label.as_str(), "{code}");
    }
    for (code, description) in descriptions {
        assert_eq!(
            CloseCode::from_u16(code).description(),
            description.as_str(),
            "{code}"
        );
    }
}

#[test]
fn registration_and_update_dates_are_the_registrys() {
    let mut with_update = 0;
    for record in oracle::records("close-code-number") {
        let Some(value) = record.value.as_deref().and_then(|v| v.parse::<u16>().ok()) else {
            continue; // a range
        };
        let code = CloseCode::from_u16(value);
        if !code.is_registered() {
            continue;
        }
        assert_eq!(code.registered(), record.date.as_deref(), "{value}");
        assert_eq!(code.updated(), record.updated.as_deref(), "{value}");
        with_update += usize::from(record.updated.is_some());
    }
    assert!(
        with_update > 0,
        "no close code with an update date to check"
    );
}

#[test]
fn a_parse_error_says_what_a_close_code_is() {
    let err = "x".parse::<CloseCode>().expect_err("not a number");
    assert_eq!(
        err.to_string(),
        "a close code is a decimal number from 0 to 65535"
    );
}
