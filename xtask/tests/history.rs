//! The 75 published versions of IANA's `websocket.xml` (2015-2026) as a real-world corpus:
//! the format changed over time (processing instructions, `<controller>`, `<note>`,
//! `<incompatible>`, renamed and re-described records, a `1014-1014` range), and the generator
//! must handle every one of them.

mod common;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;

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
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("history-crates");
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work).expect("create work dir");
    let src = common::root().join("src");
    let mut members = String::new();
    for (index, path) in common::history().iter().enumerate() {
        let set = common::generate_ok(&common::history_inputs(path));
        let name = format!("v{index:02}");
        let krate = work.join(&name);
        fs::create_dir_all(krate.join("src")).expect("create crate");
        fs::create_dir_all(krate.join("generated")).expect("create crate");
        for entry in fs::read_dir(&src).expect("src/ readable") {
            let entry = entry.expect("entry");
            fs::copy(entry.path(), krate.join("src").join(entry.file_name())).expect("copy src");
        }
        set.write_atomically(&krate.join("generated"))
            .expect("write generated");
        fs::write(
            krate.join("Cargo.toml"),
            format!(
                "[package]\nname = \"history-{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\
                 # generated from {}\n[lib]\npath = \"src/lib.rs\"\ndoctest = false\n",
                path.file_name().unwrap_or_default().to_string_lossy()
            ),
        )
        .expect("write manifest");
        let _ = write!(members, "\"{name}\", ");
    }
    fs::write(
        work.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [{members}]\n"),
    )
    .expect("write workspace manifest");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["build", "--workspace", "--lib", "--offline", "--quiet"])
        .current_dir(&work)
        .env("CARGO_TARGET_DIR", work.join("target"))
        // Warnings are errors: missing docs or dead code in generated output would fail here.
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "generated code of some registry version does not compile:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
