//! Property tests (bounded, part of `cargo test`): whatever text or bytes the registry holds,
//! the generator returns code or an error, never panics, and the code it returns is valid Rust
//! that carries the registry text exactly. `cargo fuzz` (README: Fuzzing) explores further.

mod common;

use proptest::prelude::*;

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
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    /// Any identifier and common name: code that parses and quotes both exactly, or an error.
    #[test]
    fn any_record_text_is_data_or_an_error(id in hostile_text(), common in hostile_text()) {
        let xml = BASE
            .replacen("<id>example</id>", &format!("<id>{}</id>", escape(&id)), 1)
            .replacen(
                "<common>Example subprotocol</common>",
                &format!("<common>{}</common>", escape(&common)),
                1,
            );
        if let Ok(set) = generate(xml) {
            let literals = common::string_literals(&set);
            let normalized = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert!(literals.contains(&normalized(&id)), "id {:?} not quoted exactly", id);
            prop_assert!(literals.contains(&normalized(&common)), "common name {:?} not quoted exactly", common);
            for file in &set.files {
                prop_assert!(!file.contents.chars().any(xtask::text::is_bidi_control));
            }
        }
    }

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
        });
    }
}
