//! `regen` writes all of `generated/` or nothing: a failure injected at every stage leaves the
//! directory byte for byte as it was.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .expect("readable dir")
        .map(|e| {
            let e = e.expect("entry");
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).expect("readable file"),
            )
        })
        .collect()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

#[test]
fn a_failure_at_any_stage_leaves_the_directory_unchanged() {
    let old = common::generate_ok(&common::fixture_inputs());
    let new = common::generate_ok(&common::edited_inputs(|xml| {
        xml.replace(
            "<description>Timeout</description>",
            "<description>Time Out</description>",
        )
        .replace("<common>Transit</common>", "<common>Transit 2</common>")
    }));
    // The edit and the registry's sha256 in every header make every file differ, so every
    // file goes through every stage.
    for file in &new.files {
        assert_ne!(
            Some(file),
            old.files.iter().find(|f| f.name == file.name),
            "{}",
            file.name
        );
    }
    // Record the stages of a successful run (with a stale file to remove), then fail at
    // each of them in turn.
    let mut stages = Vec::new();
    {
        let dir = temp_dir("atomic-stages");
        old.write_atomically(&dir).expect("initial write");
        fs::write(dir.join("obsolete.rs"), "// stale\n").expect("write");
        new.write_with(&dir, &mut |step| {
            stages.push(step.to_owned());
            Ok(())
        })
        .expect("write without failures");
    }
    for kind in ["write:", "backup:", "rename:", "remove:"] {
        assert!(
            stages.iter().any(|s| s.starts_with(kind)),
            "no {kind} stage in {stages:?}"
        );
    }
    assert_eq!(stages.len(), new.files.len() * 3 + 2, "{stages:?}");
    for stage in &stages {
        let dir = temp_dir("atomic-fail");
        old.write_atomically(&dir).expect("initial write");
        fs::write(dir.join("obsolete.rs"), "// stale\n").expect("write");
        let before = snapshot(&dir);
        let result = new.write_with(&dir, &mut |step| {
            if step == stage {
                Err(std::io::Error::other("injected failure"))
            } else {
                Ok(())
            }
        });
        let err = result.expect_err("injected failure surfaces");
        assert!(err.to_string().contains("injected failure"), "{err}");
        assert_eq!(
            snapshot(&dir),
            before,
            "directory changed after a failure at {stage}"
        );
    }
}

#[test]
fn leftovers_of_an_interrupted_run_are_removed() {
    let dir = temp_dir("atomic-leftovers");
    let set = common::generate_ok(&common::fixture_inputs());
    set.write_atomically(&dir).expect("initial write");
    fs::write(dir.join(".close_codes.rs.tmp-12345"), "half").expect("write");
    fs::write(dir.join(".opcodes.rs.bak-12345"), "old").expect("write");
    set.write_atomically(&dir).expect("second write");
    assert!(
        snapshot(&dir).keys().all(|name| !name.starts_with('.')),
        "{:?}",
        snapshot(&dir).keys()
    );
}

#[test]
fn a_generation_error_writes_nothing() {
    let dir = temp_dir("atomic-error");
    let old = common::generate_ok(&common::fixture_inputs());
    old.write_atomically(&dir).expect("initial write");
    let before = snapshot(&dir);
    let bad =
        common::edited_inputs(|xml| xml.replace("<value>1009</value>", "<value>99999</value>"));
    let result = xtask::generate(&bad).and_then(|set| set.write_atomically(&dir));
    assert!(result.is_err());
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn a_successful_write_replaces_exactly_the_changed_files_and_removes_stale_ones() {
    let dir = temp_dir("atomic-ok");
    let old = common::generate_ok(&common::fixture_inputs());
    old.write_atomically(&dir).expect("initial write");
    fs::write(dir.join("obsolete.rs"), "// from an older generator\n").expect("write");
    let new = common::generate_ok(&common::edited_inputs(|xml| {
        xml.replace(
            "<description>Timeout</description>",
            "<description>Time Out</description>",
        )
    }));
    let changed = new.write_atomically(&dir).expect("write");
    // Every .rs header carries the registry's sha256, so all of them change with it.
    for name in [
        "close_codes.md",
        "close_codes.rs",
        "subprotocols.rs",
        "obsolete.rs",
    ] {
        assert!(
            changed.iter().any(|c| c == name),
            "{name} not in {changed:?}"
        );
    }
    assert!(!dir.join("obsolete.rs").exists());
    assert!(new.compare(&dir).expect("compare").is_fresh());
    assert!(
        snapshot(&dir).keys().all(|name| !name.starts_with('.')),
        "no temp files left"
    );
}

#[test]
fn a_checkout_with_crlf_line_endings_is_not_stale() {
    // What a Windows clone with core.autocrlf does to generated/ if .gitattributes is ignored.
    let dir = temp_dir("crlf");
    let set = common::generate_ok(&common::fixture_inputs());
    set.write_atomically(&dir).expect("write");
    for (name, bytes) in snapshot(&dir) {
        let text = String::from_utf8(bytes).expect("utf-8");
        assert!(!text.contains('\r'), "{name} is written with LF");
        fs::write(dir.join(&name), text.replace('\n', "\r\n")).expect("rewrite");
    }
    assert!(set.compare(&dir).expect("compare").is_fresh());

    // A real change still counts, with or without CRLF around it.
    let path = dir.join("opcodes.rs");
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, text.replacen("Text Frame", "Text Frames", 1)).expect("edit");
    let staleness = set.compare(&dir).expect("compare");
    assert!(!staleness.is_fresh());
    assert_eq!(staleness.changed.len(), 1, "{}", staleness.report());
}
