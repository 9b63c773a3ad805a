//! Property tests (bounded, part of `cargo test`): whatever text or bytes the registry holds,
//! the generator returns code or an error, never panics, and the code it returns is valid Rust
//! that carries the registry text exactly. `cargo fuzz` (README: Fuzzing) explores further.

mod common;

use std::cell::Cell;

use proptest::prelude::*;
use proptest::test_runner::TestRunner;

const BASE: &str = include_str!("data/hostile/minimal.xml");

/// XML-escaped `text`, so the property covers what any text can do once it is in the file.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
}

/// Text with the characters that matter most for escaping, plus anything else.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("\"".to_owned()),
        Just("\\".to_owned()),
        Just("*/".to_owned()),
        Just("/*".to_owned()),
        Just("#[".to_owned()),
        Just("]".to_owned()),
        Just("}".to_owned()),
        Just("`".to_owned()),
        Just("https://a.test/x_y".to_owned()),
        Just("\u{202e}".to_owned()),
        Just("\n".to_owned()),
        Just(" ".to_owned()),
        "[a-zA-Z0-9.+_-]{1,8}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(pieces, 0..12).prop_map(|parts| parts.concat())
}

fn generate(xml: String) -> xtask::Result<xtask::GeneratedSet> {
    xtask::generate(&xtask::Inputs {
        xml_name: "prop.xml".to_owned(),
        xml: xml.into_bytes(),
        curated: None,
        translations: Vec::new(),
        names_lock: None,
    })
}

/// The registry text as the generator normalises it: runs of XML whitespace (space, tab, CR,
/// LF; XML 1.0 section 2.3) become one space and the ends are trimmed. Other Unicode
/// whitespace (U+0085, U+00A0, ...) is text and stays as it is.
fn xml_normalized(text: &str) -> String {
    text.split([' ', '\t', '\r', '\n'])
        .filter(|piece| !piece.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Any identifier and common name: code that parses and quotes both exactly, or an error.
///
/// Run by hand rather than through `proptest!` so that it can count the cases the generator
/// accepted: a generator that refused every input would otherwise pass.
#[test]
fn any_record_text_is_data_or_an_error() {
    const CASES: u32 = 192;
    let mut runner = TestRunner::new(ProptestConfig {
        cases: CASES,
        ..ProptestConfig::default()
    });
    let accepted = Cell::new(0u32);
    let outcome = runner.run(&(hostile_text(), hostile_text()), |(id, common)| {
        let xml = BASE
            .replacen("<id>example</id>", &format!("<id>{}</id>", escape(&id)), 1)
            .replacen(
                "<common>Example subprotocol</common>",
                &format!("<common>{}</common>", escape(&common)),
                1,
            );
        let Ok(set) = generate(xml) else {
            return Ok(());
        };
        accepted.set(accepted.get() + 1);
        let literals = common::string_literals(&set);
        let (id, common) = (xml_normalized(&id), xml_normalized(&common));
        prop_assert!(literals.contains(&id), "id {:?} not quoted exactly", id);
        prop_assert!(
            literals.contains(&common),
            "common name {:?} not quoted exactly",
            common
        );
        for file in &set.files {
            prop_assert!(!file.contents.chars().any(xtask::text::is_bidi_control));
        }
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
    // Most generated text is valid registry text; an empty identifier or a character XML
    // forbids makes the rest an error. Far fewer accepted cases means the property tested
    // little.
    assert!(
        accepted.get() >= CASES / 2,
        "the generator accepted only {} of {CASES} cases",
        accepted.get()
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    /// Any byte-level damage to a valid file: never a panic.
    #[test]
    fn damaged_files_never_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8)
    ) {
        let mut bytes = BASE.as_bytes().to_vec();
        for (index, byte, kind) in edits {
            let at = index.index(bytes.len().max(1));
            match kind {
                0 => bytes[at] = byte,
                1 => bytes.insert(at, byte),
                _ => { bytes.remove(at); }
            }
        }
        let _ = xtask::generate(&xtask::Inputs {
            xml_name: "prop.xml".to_owned(),
            xml: bytes,
            curated: None,
            translations: Vec::new(),
            names_lock: None,
        });
    }
}
