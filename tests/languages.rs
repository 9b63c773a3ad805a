//! The texts for people in every language, and the reconnect advice, against the project's
//! data files read here by string search (`registry/curated.toml`, `registry/l10n/*.toml`).

mod oracle;

use websocket_registry::{CloseCode, CloseCodeRange, Language, Reconnect};

const CURATED: &str = include_str!("../registry/curated.toml");
const GERMAN: &str = include_str!("../registry/l10n/de.toml");
const JAPANESE: &str = include_str!("../registry/l10n/ja.toml");

/// The string value of `key` in the table `[header]` of a TOML file, if present.
fn value(file: &str, header: &str, key: &str) -> Option<String> {
    let start = file.find(&format!("\n[{header}]\n"))?;
    let table = &file[start + header.len() + 3..];
    let table = &table[..table.find("\n[").unwrap_or(table.len())];
    let prefix = format!("{key} = \"");
    let line = table.lines().find(|line| line.starts_with(&prefix))?;
    Some(line[prefix.len()..line.len() - 1].replace("\\\"", "\""))
}

const RANGES: [(CloseCodeRange, &str); 5] = [
    (CloseCodeRange::NotUsed, "not-used"),
    (CloseCodeRange::Protocol, "protocol"),
    (CloseCodeRange::Registered, "registered"),
    (CloseCodeRange::PrivateUse, "private-use"),
    (CloseCodeRange::Undefined, "undefined"),
];

#[test]
fn every_registered_code_has_its_texts_in_every_language() {
    assert_eq!(
        CloseCode::ALL.len(),
        oracle::assigned_values("close-code-number").len()
    );
    for &code in CloseCode::ALL {
        let header = format!("close-code.{}", code.as_u16());
        for (language, file) in [
            (Language::English, CURATED),
            (Language::German, GERMAN),
            (Language::Japanese, JAPANESE),
        ] {
            let label = value(file, &header, "label");
            let description = value(file, &header, "description");
            let why = value(file, &header, "reconnect-why");
            assert!(
                label.is_some() && description.is_some() && why.is_some(),
                "{code} has no {language:?} texts"
            );
            assert_eq!(
                Some(code.label_in(language)),
                label.as_deref(),
                "{code} {language:?}"
            );
            assert_eq!(
                Some(code.description_in(language)),
                description.as_deref(),
                "{code} {language:?}"
            );
            assert_eq!(
                Some(code.reconnect_reason_in(language)),
                why.as_deref(),
                "{code} {language:?}"
            );
        }
        assert_eq!(code.label_in(Language::English), code.label());
        assert_eq!(code.description_in(Language::English), code.description());
        assert_ne!(
            code.label_in(Language::German),
            code.label_in(Language::Japanese)
        );
    }
}

#[test]
fn every_range_has_its_texts_in_every_language() {
    for (range, key) in RANGES {
        let header = format!("close-code-range.{key}");
        for (language, file) in [
            (Language::English, CURATED),
            (Language::German, GERMAN),
            (Language::Japanese, JAPANESE),
        ] {
            let description = value(file, &header, "description").expect("a description");
            assert_eq!(
                range.description_in(language),
                description,
                "{key} {language:?}"
            );
            let why = value(file, &header, "reconnect-why").expect("a reason");
            assert_eq!(
                range.reconnect_reason_in(language),
                why,
                "{key} {language:?}"
            );
        }
    }
}

#[test]
fn reconnect_advice_is_the_curated_one_and_ranges_cover_the_rest() {
    let parse = |text: &str| {
        Reconnect::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == text)
            .expect("a known advice")
    };
    for &code in CloseCode::ALL {
        let advice = value(
            CURATED,
            &format!("close-code.{}", code.as_u16()),
            "reconnect",
        )
        .expect("every registered code has advice");
        assert_eq!(code.reconnect(), parse(&advice), "{code}");
    }
    for (range, key) in RANGES {
        let advice = value(CURATED, &format!("close-code-range.{key}"), "reconnect")
            .expect("every range has advice");
        assert_eq!(range.reconnect(), parse(&advice), "{key}");
    }
    // A code without advice of its own takes its range's, in every language.
    let unassigned = CloseCode::from_u16(4321);
    assert_eq!(unassigned.reconnect(), Reconnect::ApplicationDefined);
    for &language in Language::ALL {
        assert_eq!(
            unassigned.reconnect_reason_in(language),
            CloseCodeRange::PrivateUse.reconnect_reason_in(language)
        );
        // A code without an entry reads as its range: the range's label and description.
        let file = FILES.iter().find(|(l, _)| *l == language).map(|(_, f)| *f);
        let range_label = file
            .and_then(|file| value(file, "close-code-range.private-use", "label"))
            .expect("a label for the private-use range");
        assert_eq!(unassigned.label_in(language), range_label);
        assert_eq!(
            unassigned.description_in(language),
            CloseCodeRange::PrivateUse.description_in(language)
        );
    }
    assert_eq!(CloseCode::from_u16(1016).reconnect(), Reconnect::No);
    assert_eq!(CloseCode::from_u16(5000).reconnect(), Reconnect::No);
    assert_eq!(CloseCode::from_u16(0).reconnect(), Reconnect::No);
}

#[test]
fn languages_and_advice_have_stable_spellings() {
    for &language in Language::ALL {
        assert_eq!(Language::from_code(language.as_str()), Some(language));
        assert_eq!(language.to_string(), language.as_str());
    }
    assert_eq!(
        Language::ALL
            .iter()
            .copied()
            .map(Language::label)
            .collect::<Vec<_>>(),
        ["English", "Deutsch", "日本語"]
    );
    assert_eq!(Language::from_code("DE"), None);
    assert_eq!(Language::from_code(""), None);
    assert_eq!(
        Reconnect::ALL
            .iter()
            .copied()
            .map(|r| r.to_string())
            .collect::<Vec<_>>(),
        ["no", "after-delay", "with-backoff", "application-defined"]
    );
    assert_eq!(
        Reconnect::ALL
            .iter()
            .copied()
            .map(Reconnect::allows_reconnect)
            .collect::<Vec<_>>(),
        [false, true, true, false]
    );
    for &advice in Reconnect::ALL {
        let texts: Vec<&str> = Language::ALL
            .iter()
            .copied()
            .map(|language| advice.description_in(language))
            .collect();
        assert!(texts.iter().all(|t| !t.is_empty()), "{advice:?}");
        assert!(texts[0] != texts[1] && texts[1] != texts[2], "{texts:?}");
    }
}

const FILES: [(Language, &str); 3] = [
    (Language::English, CURATED),
    (Language::German, GERMAN),
    (Language::Japanese, JAPANESE),
];

/// The text of `key` in `[header]` of `language`'s file, or English's when that file has
/// none (the crate's fallback).
fn text_in(language: Language, header: &str, key: &str) -> Option<String> {
    let file = FILES.iter().find(|(l, _)| *l == language).map(|(_, f)| *f);
    file.and_then(|file| value(file, header, key))
        .or_else(|| value(CURATED, header, key))
}

#[test]
fn opcodes_have_their_label_and_description_in_every_language() {
    use websocket_registry::Opcode;
    assert_eq!(Opcode::ALL.len(), oracle::assigned_values("opcode").len());
    for &opcode in Opcode::ALL {
        let header = format!("opcode.{}", opcode.as_u8());
        assert_eq!(opcode.label_in(Language::English), opcode.label());
        assert_eq!(
            Some(opcode.description()),
            value(CURATED, &header, "description").as_deref()
        );
        for (language, file) in FILES {
            let description = text_in(language, &header, "description");
            assert!(
                description.is_some(),
                "opcode {opcode} has no {language:?} description"
            );
            assert_eq!(
                Some(opcode.description_in(language)),
                description.as_deref()
            );
            if language != Language::English {
                let label = value(file, &header, "label");
                assert_eq!(
                    Some(opcode.label_in(language)),
                    label.as_deref(),
                    "{opcode}"
                );
                assert_ne!(opcode.description_in(language), opcode.description());
            }
        }
    }
}

#[test]
fn versions_header_bits_and_extensions_have_their_texts_in_every_language() {
    use websocket_registry::{Extension, HeaderBit, Version};
    for &version in Version::ALL {
        let header = format!("version.{}", version.as_u8());
        for (language, _) in FILES {
            let label = text_in(language, &header, "label");
            let description = text_in(language, &header, "description");
            assert!(
                label.is_some() && description.is_some(),
                "{version} {language:?}"
            );
            assert_eq!(Some(version.label_in(language)), label.as_deref());
            assert_eq!(
                Some(version.description_in(language)),
                description.as_deref()
            );
        }
        assert_eq!(version.label(), version.label_in(Language::English));
        assert_eq!(
            version.description(),
            version.description_in(Language::English)
        );
    }
    // A number the registry does not list reads as `[version.other]`.
    let unlisted = Version::from_u8(200);
    assert!(!unlisted.is_registered());
    for (language, _) in FILES {
        assert_eq!(
            Some(unlisted.label_in(language)),
            text_in(language, "version.other", "label").as_deref()
        );
        assert_eq!(
            Some(unlisted.description_in(language)),
            text_in(language, "version.other", "description").as_deref()
        );
    }
    for &bit in HeaderBit::ALL {
        let header = format!("header-bit.{}", bit.as_str());
        for (language, _) in FILES {
            let label = text_in(language, &header, "label").expect("a label");
            assert_eq!(bit.label_in(language), label);
            assert_eq!(
                Some(bit.description_in(language)),
                text_in(language, &header, "description").as_deref()
            );
        }
        assert_eq!(bit.label(), bit.label_in(Language::English));
        assert_ne!(bit.label(), bit.as_str(), "RSV1 has a project label");
    }
    for &extension in Extension::ALL {
        let header = format!("extension.\"{}\"", extension.as_str());
        for (language, _) in FILES {
            let label = text_in(language, &header, "label").expect("a label");
            assert_eq!(extension.label_in(language), label);
            assert_eq!(
                Some(extension.description_in(language)),
                text_in(language, &header, "description").as_deref()
            );
        }
        assert_eq!(extension.label(), extension.label_in(Language::English));
        assert_eq!(
            extension.description(),
            extension.description_in(Language::English)
        );
    }
}

#[test]
fn reasons_to_keep_a_code_off_the_wire_come_in_every_language() {
    // Each range's reason per language, read once.
    let range_reasons: Vec<(Language, CloseCodeRange, Option<String>)> = FILES
        .iter()
        .flat_map(|&(language, _)| {
            RANGES.iter().map(move |&(range, key)| {
                let header = format!("close-code-range.{key}");
                (
                    language,
                    range,
                    text_in(language, &header, "not-on-wire-reason"),
                )
            })
        })
        .collect();
    for code in 0..=u16::MAX {
        let code = CloseCode::from_u16(code);
        for (language, _) in FILES {
            let reason = code.not_on_wire_reason_in(language);
            assert_eq!(reason.is_none(), code.is_valid_on_wire(), "{code}");
            let Some(reason) = reason else { continue };
            // A code's own reason (1004-1006, 1015), else its range's.
            let own = if code.is_registered() {
                text_in(
                    language,
                    &format!("close-code.{}", code.as_u16()),
                    "not-on-wire-reason",
                )
            } else {
                None
            };
            let range = range_reasons
                .iter()
                .find(|(l, r, _)| *l == language && *r == code.range())
                .and_then(|(_, _, reason)| reason.clone());
            assert_eq!(
                Some(reason.to_owned()),
                own.or(range),
                "{code} {language:?}"
            );
        }
        assert_eq!(
            code.not_on_wire_reason(),
            code.not_on_wire_reason_in(Language::English)
        );
    }
    // The German and Japanese reasons are their own.
    let reserved = CloseCode::from_u16(1005);
    assert_ne!(
        reserved.not_on_wire_reason_in(Language::German),
        reserved.not_on_wire_reason_in(Language::English)
    );
}

#[test]
fn reconnect_advice_reads_in_every_language() {
    for &advice in Reconnect::ALL {
        for (language, file) in FILES {
            assert_eq!(
                Some(advice.description_in(language).to_owned()),
                value(file, "reconnect-advice", advice.as_str()),
                "{advice} {language:?}"
            );
        }
    }
}

/// `FromStr` reads exactly the spellings the types write.
#[test]
fn language_reconnect_and_version_status_parse_what_they_print() {
    use websocket_registry::VersionStatus;
    for &language in Language::ALL {
        assert_eq!(language.to_string().parse::<Language>(), Ok(language));
    }
    for &kind in Reconnect::ALL {
        assert_eq!(kind.to_string().parse::<Reconnect>(), Ok(kind));
    }
    for &status in VersionStatus::ALL {
        assert_eq!(status.as_str().parse::<VersionStatus>(), Ok(status));
    }
    for (text, message) in [
        ("EN", "not a language code: expected en, de or ja (exactly)"),
        (
            " de",
            "not a language code: expected en, de or ja (exactly)",
        ),
        ("", "not a language code: expected en, de or ja (exactly)"),
    ] {
        assert_eq!(text.parse::<Language>().unwrap_err().to_string(), message);
    }
    let error = "After-Delay".parse::<Reconnect>().unwrap_err();
    assert_eq!(
        error.to_string(),
        "not a reconnect advice: expected no, after-delay, with-backoff or application-defined \
         (exactly)"
    );
    assert!("standard".parse::<VersionStatus>().is_err());
    assert!("Standard ".parse::<VersionStatus>().is_err());
}
