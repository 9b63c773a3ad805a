//! The fuzz crate's committed parts, checked in the normal suite: every target has its
//! source, dictionary and seed corpus, and the generator's corpora pass the one check the fuzz
//! targets leave out for speed, the whole pipeline with formatting: every generated `.rs` file
//! parses as Rust.

use std::path::{Path, PathBuf};

use xtask::fuzz_command::targets;

#[path = "../fuzz/base/splice.rs"]
mod splice;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = fuzz_dir().join("corpus").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect()
}

/// The names other code looks targets up by (the issue that asked for them fixed them).
const NAMED_TARGETS: [&str; 8] = [
    "close_payload",
    "subprotocol_header",
    "extension_header",
    "deflate_response",
    "version_header",
    "name_lookup",
    "generate",
    "generate_record",
];

#[test]
fn every_target_has_its_source_dictionary_and_seed_corpus() {
    let manifest = std::fs::read_to_string(fuzz_dir().join("Cargo.toml")).unwrap();
    let targets = targets(&manifest).unwrap();
    for named in NAMED_TARGETS {
        assert!(targets.iter().any(|t| t == named), "no fuzz target {named}");
    }
    for target in &targets {
        let source = fuzz_dir().join("fuzz_targets").join(format!("{target}.rs"));
        assert!(source.is_file(), "{} is missing", source.display());
        let dict = fuzz_dir().join("dict").join(format!("{target}.dict"));
        let text = std::fs::read_to_string(&dict)
            .unwrap_or_else(|err| panic!("{}: {err}", dict.display()));
        // libFuzzer's dictionary format: comments, blank lines, and "quoted" entries.
        for (n, line) in text.lines().enumerate() {
            let ok = line.is_empty()
                || line.starts_with('#')
                || (line.len() >= 2 && line.starts_with('"') && line.ends_with('"'));
            assert!(
                ok,
                "{}:{}: not a dictionary entry: {line:?}",
                dict.display(),
                n + 1
            );
        }
        assert!(!corpus(target).is_empty(), "the {target} corpus is empty");
    }
}

/// Generates from `xml` and checks that every generated Rust file parses; `Err` is fine (the
/// input is hostile), a panic or invalid Rust is not.
fn assert_whole_pipeline(path: &Path, xml: Vec<u8>) -> bool {
    let inputs = xtask::Inputs {
        xml_name: "fuzz.xml".to_owned(),
        xml,
        curated: None,
        translations: Vec::new(),
        names_lock: None,
    };
    match xtask::generate(&inputs) {
        Ok(set) => {
            for file in set.files.iter().filter(|file| file.name.ends_with(".rs")) {
                if let Err(err) = syn::parse_file(&file.contents) {
                    panic!(
                        "{}: generated/{} is not Rust: {err}",
                        path.display(),
                        file.name
                    );
                }
            }
            true
        }
        Err(error) => {
            assert!(
                error.to_string().contains("fuzz.xml"),
                "{}: {error}",
                path.display()
            );
            false
        }
    }
}

#[test]
fn every_generate_record_input_in_the_corpus_generates_rust_that_parses() {
    let mut generated = 0;
    for (path, bytes) in corpus("generate_record") {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            generated += usize::from(assert_whole_pipeline(
                &path,
                splice::registry_xml(text).into_bytes(),
            ));
        }
    }
    // The corpus keeps inputs that reach the emitters; a corpus of refusals tests nothing.
    assert!(
        generated > 0,
        "no input of the generate_record corpus generates"
    );
}

#[test]
fn every_generate_input_in_the_corpus_generates_rust_that_parses_or_is_refused() {
    let mut generated = 0;
    for (path, bytes) in corpus("generate") {
        generated += usize::from(assert_whole_pipeline(&path, bytes));
    }
    assert!(generated > 0, "no input of the generate corpus generates");
}
