//! Arbitrary bytes as the registry file: the XML reader, the parser, the checks, naming and
//! the emitters must return `Ok` or `Err`, never panic, hang or exhaust memory, and an error
//! names the file. The formatting stage is left to `xtask/tests/fuzz_corpus.rs`, which runs
//! every input the corpus keeps through the whole pipeline (see `generate_record`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let inputs = xtask::Inputs {
        xml_name: "fuzz.xml".to_owned(),
        xml: data.to_vec(),
        curated: None,
        translations: Vec::new(),
        names_lock: None,
    };
    if let Err(error) = xtask::emit_unformatted(&inputs) {
        assert!(error.to_string().contains("fuzz.xml"), "{error}");
    }
});
