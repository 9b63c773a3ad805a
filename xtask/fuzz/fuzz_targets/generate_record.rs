//! Arbitrary text spliced into a valid registry (as a subprotocol record's identifier, common
//! name and definition, and a close code's description), so the fuzzer spends its time past
//! the XML layer, in the parser's checks, naming and emitting. Whatever it finds, generation
//! returns `Ok` or `Err`; when it is `Ok`, every generated `.rs` file parses as Rust.
#![no_main]

use libfuzzer_sys::fuzz_target;

const BASE: &str = include_str!("../../tests/data/hostile/minimal.xml");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.splitn(3, '\u{1f}');
    let id = parts.next().unwrap_or_default();
    let common = parts.next().unwrap_or_default();
    let description = parts.next().unwrap_or_default();
    let xml = BASE
        .replacen("<id>example</id>", &format!("<id>{id}</id>"), 1)
        .replacen(
            "<common>Example subprotocol</common>",
            &format!("<common>{common}</common>"),
            1,
        )
        .replacen(
            "<description>Normal Closure</description>",
            &format!("<description>{description}</description>"),
            1,
        );
    let inputs = xtask::Inputs {
        xml_name: "fuzz.xml".to_owned(),
        xml: xml.into_bytes(),
        curated: None,
        translations: Vec::new(),
        names_lock: None,
    };
    if let Ok(set) = xtask::generate(&inputs) {
        for file in set.files.iter().filter(|f| f.name.ends_with(".rs")) {
            assert!(
                syn::parse_file(&file.contents).is_ok(),
                "{} does not parse",
                file.name
            );
        }
    }
});
