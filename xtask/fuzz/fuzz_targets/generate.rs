//! Arbitrary bytes as the registry file: parse + curated check + emit must return `Ok` or
//! `Err`, never panic, hang or exhaust memory.
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
    let _ = xtask::generate(&inputs);
});
