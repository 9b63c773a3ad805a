//! The texts for people in every language, and the reconnect advice, against the project's
//! data files read here by string search (`registry/curated.toml`, `registry/l10n/*.toml`).

mod oracle;

use websocket_registry::close_codes::ASSIGNED;
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
        ASSIGNED.len(),
        oracle::assigned_values("close-code-number").len()
    );
    for &code in ASSIGNED {
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
                code.label_in(language),
                label.as_deref(),
                "{code} {language:?}"
            );
            assert_eq!(
                code.description_in(language),
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
            .into_iter()
            .find(|r| r.as_str() == text)
            .expect("a known advice")
    };
    for &code in ASSIGNED {
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
    for language in Language::ALL {
        assert_eq!(
            unassigned.reconnect_reason_in(language),
            CloseCodeRange::PrivateUse.reconnect_reason_in(language)
        );
        assert_eq!(unassigned.label_in(language), None);
        assert_eq!(unassigned.description_in(language), None);
    }
    assert_eq!(CloseCode::from_u16(1016).reconnect(), Reconnect::No);
    assert_eq!(CloseCode::from_u16(5000).reconnect(), Reconnect::No);
    assert_eq!(CloseCode::from_u16(0).reconnect(), Reconnect::No);
}

#[test]
fn languages_and_advice_have_stable_spellings() {
    for language in Language::ALL {
        assert_eq!(Language::from_code(language.code()), Some(language));
        assert_eq!(language.to_string(), language.code());
    }
    assert_eq!(
        Language::ALL.map(Language::native_name),
        ["English", "Deutsch", "日本語"]
    );
    assert_eq!(Language::from_code("DE"), None);
    assert_eq!(Language::from_code(""), None);
    assert_eq!(
        Reconnect::ALL.map(|r| r.to_string()),
        ["no", "after-delay", "with-backoff", "application-defined"]
    );
    assert_eq!(
        Reconnect::ALL.map(Reconnect::allows_reconnect),
        [false, true, true, false]
    );
    for advice in Reconnect::ALL {
        let texts = Language::ALL.map(|language| advice.text_in(language));
        assert!(texts.iter().all(|t| !t.is_empty()), "{advice:?}");
        assert!(texts[0] != texts[1] && texts[1] != texts[2], "{texts:?}");
    }
}
