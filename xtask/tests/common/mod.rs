//! Helpers shared by the generator's integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use xtask::{generate, GeneratedSet, Inputs};

/// The workspace root.
pub fn root() -> PathBuf {
    xtask::workspace_root()
}

/// The inputs as committed.
pub fn committed_inputs() -> Inputs {
    Inputs::from_workspace(&root()).expect("registry/ is readable")
}

/// A fixed registry version (IANA's file of 2026-06-10) without curated notes: tests that
/// edit a registry use it, so that they keep passing when `registry/` is updated.
pub fn fixture_inputs() -> Inputs {
    history_inputs(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/history/2026-06-10-9db04fa975ba.xml"),
    )
}

/// The fixture with the registry XML passed through `edit`.
pub fn edited_inputs(edit: impl FnOnce(&str) -> String) -> Inputs {
    let mut inputs = fixture_inputs();
    let xml = String::from_utf8(inputs.xml).expect("registry is UTF-8");
    inputs.xml = edit(&xml).into_bytes();
    inputs
}

/// Generates from `inputs`, panicking with the generator's error.
pub fn generate_ok(inputs: &Inputs) -> GeneratedSet {
    generate(inputs).unwrap_or_else(|err| panic!("generation failed: {err}"))
}

/// The contents of generated file `name`.
pub fn file<'a>(set: &'a GeneratedSet, name: &str) -> &'a str {
    &set.files
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no generated file {name}"))
        .contents
}

/// The historical registry versions kept as test data, oldest first.
pub fn history() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/history");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("history corpus present")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    files
}

/// Inputs for a historical version, without curated notes (they describe today's registry).
pub fn history_inputs(path: &Path) -> Inputs {
    Inputs {
        xml_name: format!(
            "history/{}",
            path.file_name().unwrap_or_default().to_string_lossy()
        ),
        xml: std::fs::read(path).expect("readable history file"),
        curated: None,
    }
}
