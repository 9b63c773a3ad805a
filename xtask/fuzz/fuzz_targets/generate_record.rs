//! Arbitrary text spliced into a small valid registry (`base/record.xml`: one record in the
//! sub-registries it reaches, none in the others), as a subprotocol record's identifier and
//! common name and a close code's description (`base/splice.rs`), so the fuzzer spends its
//! time past the XML layer: in the parser's checks, naming and the emitters. Properties:
//! every stage returns `Ok` or `Err`; an error names the input file; when the stages succeed,
//! the record's identifier reaches the generated code as a string literal.
//!
//! Only the subprotocol emitter runs, and not the last stage (parsing the tokens back and
//! pretty-printing them, which costs more than all the others together): this target then
//! runs about 1,100 inputs a second here, against 77 for the whole pipeline.
//! `xtask/tests/fuzz_corpus.rs` runs the whole pipeline, formatting included, on every input
//! this target's corpus keeps, and checks that every generated `.rs` file parses as Rust.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xtask::registries::SUB_REGISTRIES;

#[path = "../base/splice.rs"]
mod splice;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let xml = splice::registry_xml(text);
    let inputs = xtask::Inputs {
        xml_name: "fuzz.xml".to_owned(),
        xml: xml.into_bytes(),
        curated: None,
        translations: Vec::new(),
        names_lock: None,
    };
    let prepared = match xtask::prepare(&inputs) {
        Ok(prepared) => prepared,
        Err(error) => {
            assert!(error.to_string().contains("fuzz.xml"), "{error}");
            return;
        }
    };
    let record = prepared
        .registry
        .subprotocols
        .records
        .first()
        .expect("the base registry's subprotocol");
    let identifier = proc_macro2::Literal::string(&record.id).to_string();
    // The subprotocol emitter alone: the splice reaches it with three fields, and the other
    // emitters' output costs as much for no new path (the close code's description is only
    // ever a string literal, which the name stage has already seen).
    let row = SUB_REGISTRIES
        .iter()
        .find(|row| row.id == "subprotocol-name")
        .expect("a subprotocol row");
    match (row.emit)(&prepared.context()) {
        Ok(tokens) => assert!(
            tokens.to_string().contains(&identifier),
            "the identifier {identifier} is not in {}",
            row.file
        ),
        Err(error) => assert!(error.to_string().contains("fuzz.xml"), "{error}"),
    }
});
