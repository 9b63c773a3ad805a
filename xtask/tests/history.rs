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

/// Removes the TOML table `[table.key]` (or `[table."key"]`) from `text`, up to the next
/// table header.
fn without_table(text: &str, table: &str, key: &str) -> String {
    let headers = [
        format!("[{table}.{key}]\n"),
        format!("[{table}.\"{key}\"]\n"),
    ];
    let start = headers
        .iter()
        .find_map(|header| text.find(header.as_str()))
        .unwrap_or_else(|| panic!("no [{table}.{key}] to remove"));
    let end = text[start + 1..]
        .find("\n[")
        .map_or(text.len(), |at| start + 1 + at + 1);
    format!("{}{}", &text[..start], &text[end..])
}

/// A maintainer regenerating from an old registry with today's curated data: one run names
/// every entry for a record the old file lacks, in every file, and once those are removed the
/// next run succeeds. (Removing exactly what was listed and succeeding is the oracle: an entry
/// the error left out would fail the second run.)
#[test]
fn an_older_registry_lists_every_stale_curated_entry_in_one_run() {
    let mut inputs = common::committed_inputs();
    inputs.xml = fs::read(common::history_file("2015-07-30-31bbc4b699b7.xml")).unwrap();
    let error = xtask::generate(&inputs).expect_err("today's curated data names newer records");
    let problems: Vec<&xtask::Error> = std::iter::once(&error).chain(&error.also).collect();
    // The 2015 file lacks 1014, the 3000s, RSV1's record and both extensions: in English,
    // German and Japanese, each at its own line.
    assert!(problems.len() >= 20, "{error}");
    assert_eq!(error.to_string().lines().count(), problems.len(), "{error}");
    for problem in &problems {
        assert!(problem.pos.is_some(), "no line given: {problem}");
        assert!(
            problem.message.contains("fix or remove the entry"),
            "{problem}"
        );
        let entry = problem.context[0]
            .trim_start_matches('[')
            .trim_end_matches(']');
        let (table, key) = entry.split_once('.').unwrap();
        let file = problem.file.to_str().unwrap();
        let (_, text) = inputs
            .curated
            .iter_mut()
            .chain(inputs.translations.iter_mut())
            .find(|(name, _)| name == file)
            .unwrap_or_else(|| panic!("{file} is no input"));
        *text = without_table(text, table, key);
    }
    xtask::generate(&inputs).unwrap_or_else(|err| panic!("after removing what was listed: {err}"));
}
