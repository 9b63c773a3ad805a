//! The 75 published versions of IANA's `websocket.xml` (2015-2026) as a real-world corpus:
//! the format changed over time (processing instructions, `<controller>`, `<note>`,
//! `<incompatible>`, renamed and re-described records, a `1014-1014` range), and the generator
//! must handle every one of them.

mod common;

use std::fs;

#[test]
fn the_corpus_is_complete() {
    assert_eq!(common::history().len(), 75);
}

#[test]
fn every_published_version_generates() {
    for path in common::history() {
        let set = xtask::generate(&common::history_inputs(&path))
            .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        let codes = common::file(&set, "close_codes.rs");
        assert!(
            codes.contains("pub const NORMAL_CLOSURE: CloseCode = CloseCode(1000);"),
            "{}",
            path.display()
        );
        let opcodes = common::file(&set, "opcodes.rs");
        assert!(opcodes.contains("Text = 1,"), "{}", path.display());
    }
}

#[test]
fn generation_of_every_version_is_deterministic() {
    for path in common::history().iter().step_by(10) {
        let inputs = common::history_inputs(path);
        assert_eq!(
            common::generate_ok(&inputs),
            common::generate_ok(&inputs),
            "{}",
            path.display()
        );
    }
}

#[test]
fn the_vendored_registry_is_not_older_than_the_corpus() {
    let updated = |xml: &str| -> String {
        let start = xml.find("<updated>").expect("updated") + "<updated>".len();
        xml[start..start + 10].to_owned()
    };
    let newest = common::history().pop().expect("non-empty corpus");
    let newest = fs::read_to_string(newest).expect("readable");
    let vendored =
        fs::read_to_string(common::root().join("registry/websocket.xml")).expect("readable");
    assert!(
        updated(&vendored) >= updated(&newest),
        "registry/websocket.xml went back in time"
    );
}

/// The honest proof: generate every version into its own copy of the runtime crate and
/// build them all (one Cargo workspace, so the 75 small crates share one build).
#[test]
fn every_published_version_compiles_into_the_runtime_crate() {
    let sets: Vec<(String, xtask::GeneratedSet)> = common::history()
        .iter()
        .enumerate()
        .map(|(index, path)| {
            (
                format!("v{index:02}"),
                common::generate_ok(&common::history_inputs(path)),
            )
        })
        .collect();
    common::build_runtime_crates("history-crates", &sets, false);
}
