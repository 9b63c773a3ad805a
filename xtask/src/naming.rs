//! Rust identifiers derived mechanically from registry text.
//!
//! The rules, which the README repeats for users:
//! - Split the text at every character that is not an ASCII letter or digit.
//! - Enum variants (`UpperCamelCase`, with acronyms as words, as the Rust API Guidelines'
//!   C-CASE asks): each piece starts with a capital; a run of capitals is lower-cased after its
//!   first letter (`MBWS` -> `Mbws`, `WebREPL` -> `WebRepl`), except a last capital that starts
//!   a lower-case word (`HTTPServer` -> `HttpServer`); single capitals keep their place
//!   (`oneM2M` -> `OneM2M`), and capitals that one-letter pieces put in a row are lower-cased
//!   after the first (`s.f.d` -> `SfD`). Where a piece ending in a digit meets one starting with a digit,
//!   an `_` keeps them apart (`ocpp1.6` -> `Ocpp1_6`, never `Ocpp16`).
//! - Constants (`SCREAMING_SNAKE_CASE`): pieces upper-cased and joined with `_`.
//! - A name that would be empty, start with a digit, or be the keyword `Self` gets a prefix
//!   (`Id` for names, the caller's choice for numbers): `2016.serverpush.dash.mpeg.org` ->
//!   `Id2016ServerpushDashMpegOrg`.
//! - Collisions (`v1.usp` and `v1-usp`, or `CLUE` and `clue`): the record that comes first in
//!   IANA's file keeps the name, each later one gets the first free suffix `2`, `3`, ... (after an
//!   `_` when the name ends in a digit). IANA appends new records, so an existing name never
//!   changes when a colliding one is registered later.
//! - `registry/curated.toml` may set `rust-name` for a record; an override is checked like any
//!   other name and wins over the derived one.

use std::collections::BTreeSet;

/// Splits `text` into its ASCII alphanumeric pieces.
fn pieces(text: &str) -> impl Iterator<Item = &str> {
    text.split(|ch: char| !ch.is_ascii_alphanumeric())
        .filter(|piece| !piece.is_empty())
}

/// `UpperCamelCase` form of `text` (may be empty or start with a digit; see [`variant_name`]).
pub fn upper_camel(text: &str) -> String {
    let mut out = String::new();
    for piece in pieces(text) {
        let starts_with_digit = piece.starts_with(|ch: char| ch.is_ascii_digit());
        if starts_with_digit && out.ends_with(|ch: char| ch.is_ascii_digit()) {
            out.push('_');
        }
        // `pieces` keeps ASCII letters and digits only, so bytes are characters here.
        let bytes = piece.as_bytes();
        for (i, &byte) in bytes.iter().enumerate() {
            let after_capital = i > 0 && bytes[i - 1].is_ascii_uppercase();
            let starts_word = bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase);
            let ch = if i == 0 {
                byte.to_ascii_uppercase()
            } else if byte.is_ascii_uppercase() && after_capital && !starts_word {
                byte.to_ascii_lowercase()
            } else {
                byte
            };
            out.push(char::from(ch));
        }
    }
    words_across_pieces(out)
}

/// Pieces of one letter each (`s.f.d` -> `SFD`) put capitals in a row that
/// [`acronyms_are_words`] refuses: each such capital is lower-cased, left to right
/// (`SfD`). A name that already passes is returned unchanged.
fn words_across_pieces(name: String) -> String {
    let mut bytes = name.into_bytes();
    for i in 1..bytes.len() {
        let pair = bytes[i - 1].is_ascii_uppercase() && bytes[i].is_ascii_uppercase();
        let allowed = bytes
            .get(i + 1)
            .is_none_or(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if pair && !allowed {
            bytes[i] = bytes[i].to_ascii_lowercase();
        }
    }
    // Only ASCII letters changed case: still the same valid UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// `SCREAMING_SNAKE_CASE` form of `text` (may be empty or start with a digit).
pub fn screaming_snake(text: &str) -> String {
    pieces(text)
        .map(|piece| piece.to_ascii_uppercase())
        .collect::<Vec<_>>()
        .join("_")
}

/// A valid enum variant name for `text`, before collision handling.
pub fn variant_name(text: &str, prefix: &str) -> String {
    let name = upper_camel(text);
    if name.is_empty() || name.starts_with(|ch: char| ch.is_ascii_digit()) || name == "Self" {
        format!("{prefix}{name}")
    } else {
        name
    }
}

/// A valid constant name for `text`, before collision handling; `fallback` when `text` yields
/// nothing usable.
pub fn const_name(text: &str, prefix: &str) -> String {
    let name = screaming_snake(text);
    if name.is_empty() || name.starts_with(|ch: char| ch.is_ascii_digit()) {
        format!("{prefix}{name}")
    } else {
        name
    }
}

/// Makes every name in `names` unique, in order: the first keeps its name, later duplicates
/// get the first free numeric suffix. `taken` holds names that are already in use (for example
/// hand-written items of the same type) and is extended with the result.
pub fn deduplicate(names: Vec<String>, taken: &mut BTreeSet<String>) -> Vec<String> {
    names
        .into_iter()
        .map(|name| {
            let mut candidate = name.clone();
            let mut n = 2;
            while taken.contains(&candidate) {
                let sep = if name.ends_with(|ch: char| ch.is_ascii_digit()) {
                    "_"
                } else {
                    ""
                };
                candidate = format!("{name}{sep}{n}");
                n += 1;
            }
            taken.insert(candidate.clone());
            candidate
        })
        .collect()
}

/// True when `name` is a plain Rust identifier in `UpperCamelCase` whose acronyms are words
/// (C-CASE; used to check overrides): see [`acronyms_are_words`].
pub fn is_upper_camel(name: &str) -> bool {
    name.starts_with(|ch: char| ch.is_ascii_uppercase())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !name.contains("__")
        && name != "Self"
        && acronyms_are_words(name)
}

/// True when no capital follows a capital, except where the second one starts a word (before
/// a small letter: `AQuotedName`, from `a quoted name`) or ends a piece (before a digit, an
/// `_` or the end: `OneM2MR2_0Json`, from `oneM2M.R2.0.json`). `WebREPL` and `HTTPServer`
/// fail; `WebRepl` and `HttpServer` pass.
pub fn acronyms_are_words(name: &str) -> bool {
    let bytes = name.as_bytes();
    (1..bytes.len()).all(|i| {
        let pair = bytes[i - 1].is_ascii_uppercase() && bytes[i].is_ascii_uppercase();
        !pair
            || bytes
                .get(i + 1)
                .is_none_or(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    })
}

/// True when `name` is a plain Rust identifier in `SCREAMING_SNAKE_CASE`.
pub fn is_screaming_snake(name: &str) -> bool {
    name.starts_with(|ch: char| ch.is_ascii_uppercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_duplicates_count_up_and_skip_taken_suffixes() {
        let names = ["A", "A", "A", "A", "V1", "V1", "V1"]
            .map(str::to_owned)
            .to_vec();
        let mut taken = BTreeSet::from(["A3".to_owned()]);
        assert_eq!(
            deduplicate(names, &mut taken),
            ["A", "A2", "A4", "A5", "V1", "V1_2", "V1_3"]
        );
        assert!(taken.contains("A5") && taken.contains("V1_3"));
    }

    #[test]
    fn overrides_must_be_plain_identifiers_in_their_case() {
        for good in ["Foo", "Foo_Bar", "V1", "Ocpp1_6"] {
            assert!(is_upper_camel(good), "{good}");
        }
        for bad in [
            "foo",
            "Foo-Bar",
            "Foo Bar",
            "Foo__Bar",
            "Self",
            "",
            "Ünder",
            "Foo.Bar",
            "WebREPL",
            "HTTPServer",
            "IOBuffer",
        ] {
            assert!(!is_upper_camel(bad), "{bad}");
        }
        for good in ["FOO", "FOO_BAR", "CODE_1000"] {
            assert!(is_screaming_snake(good), "{good}");
        }
        for bad in ["Foo", "FOO-BAR", "_FOO", "1FOO", "", "FOO BAR"] {
            assert!(!is_screaming_snake(bad), "{bad}");
        }
    }

    #[test]
    fn one_letter_pieces_make_no_capitals_in_a_row() {
        // The fuzz target's find: `S%f_d.f_l` gave `SFDFL`, which C-CASE refuses.
        for (text, name) in [
            ("S%f_d.f_l", "SfDfL"),
            ("a.b", "AB"),
            ("x-y-z", "XyZ"),
            ("a.b1", "AB1"),
        ] {
            assert_eq!(variant_name(text, "Id"), name, "{text}");
            assert!(is_upper_camel(name), "{name}");
        }
    }

    #[test]
    fn variants_from_real_identifiers() {
        let cases = [
            ("MBWS.huawei.com", "MbwsHuaweiCom"),
            ("ocpp1.6", "Ocpp1_6"),
            ("ocpp2.0.1", "Ocpp2_0_1"),
            ("TLCP-2.0.0.lightstreamer.com", "Tlcp2_0_0LightstreamerCom"),
            ("oneM2M.R2.0.json", "OneM2MR2_0Json"),
            (
                "2016.serverpush.dash.mpeg.org",
                "Id2016ServerpushDashMpegOrg",
            ),
            ("v1.swindon-lattice+json", "V1SwindonLatticeJson"),
            ("permessage-deflate", "PermessageDeflate"),
            ("WebREPL.binary.v1", "WebReplBinaryV1"),
            ("HTTPServer", "HttpServer"),
            ("self", "IdSelf"),
            ("+++", "Id"),
        ];
        for (id, expected) in cases {
            assert_eq!(variant_name(id, "Id"), expected, "{id}");
            assert!(acronyms_are_words(expected), "{expected}");
        }
        for capitals in ["WebREPL", "HTTPServer", "IOStream", "WebREPLBinaryV1"] {
            assert!(!acronyms_are_words(capitals), "{capitals}");
        }
        for words in ["AQuotedName", "OneM2MR2_0Json", "V1", "ABc"] {
            assert!(acronyms_are_words(words), "{words}");
        }
    }

    #[test]
    fn consts_from_descriptions() {
        assert_eq!(const_name("Normal Closure", "CODE_"), "NORMAL_CLOSURE");
        assert_eq!(const_name("Mandatory Ext.", "CODE_"), "MANDATORY_EXT");
        assert_eq!(const_name("3rd thing", "CODE_"), "CODE_3RD_THING");
        assert_eq!(const_name("!!", "CODE_1234"), "CODE_1234");
    }

    #[test]
    fn collisions_keep_the_first_and_number_the_rest() {
        let mut taken = BTreeSet::new();
        let names = vec![
            "Clue".into(),
            "V1Usp".into(),
            "Clue".into(),
            "V1Usp".into(),
            "Ocpp1_6".into(),
            "Ocpp1_6".into(),
        ];
        assert_eq!(
            deduplicate(names, &mut taken),
            ["Clue", "V1Usp", "Clue2", "V1Usp2", "Ocpp1_6", "Ocpp1_6_2"]
        );
    }

    #[test]
    fn overrides_are_checked() {
        assert!(is_upper_camel("Close"));
        assert!(!is_upper_camel("close"));
        assert!(!is_upper_camel("Self"));
        assert!(is_screaming_snake("BAD_GATEWAY"));
        assert!(!is_screaming_snake("Bad"));
    }
}
