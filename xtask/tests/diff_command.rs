//! `cargo xtask diff --file` and the update step of `fetch`, without any network.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use xtask::update::{compare, Candidate};

use common::history_file;

fn checkout(name: &str) -> PathBuf {
    common::fixture_checkout(&format!("diff-{name}"))
}

fn xtask(root: &Path, args: &[&str]) -> Output {
    common::run_xtask(root, args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn diff_file_exit_codes() {
    let root = checkout("exit-codes");
    let same = history_file("2026-06-10-9db04fa975ba.xml");
    let output = xtask(&root, &["diff", "--file", &same.display().to_string()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("No change: the files are identical."));

    let older = history_file("2026-01-12-967aad0a4e1b.xml");
    let output = xtask(&root, &["diff", "--file", &older.display().to_string()]);
    assert_eq!(output.status.code(), Some(1));
    let report = text(&output.stdout);
    assert!(
        report.contains("- camp: Cryo Application Messaging Protocol"),
        "{report}"
    );
    assert!(
        report.contains("updated: \"2026-06-10\" -> \"2026-01-12\""),
        "{report}"
    );
    assert!(report.contains("release: major"), "{report}");
    assert!(
        report.contains("- subprotocols::Subprotocol::Camp"),
        "{report}"
    );

    let missing = root.join("no-such-file.xml");
    let output = xtask(&root, &["diff", "--file", &missing.display().to_string()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no-such-file.xml") && stderr.contains("cannot read"));

    let broken = root.join("broken.xml");
    std::fs::write(&broken, "<registry").expect("write");
    let output = xtask(&root, &["diff", "--file", &broken.display().to_string()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("broken.xml:1:"));
}

#[test]
fn usage_errors_exit_2() {
    let root = checkout("usage");
    for args in [
        &["diff", "--url", "http://x/", "--file", "y"][..],
        &["regen", "--url", "http://x/"],
        &["diff", "--format", "yaml"],
        &["fetch", "--timeout", "-1"],
        &["fetch", "--file", "x.xml"],
        &["frobnicate"],
        &[],
    ] {
        let output = xtask(&root, args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            text(&output.stderr).contains("usage: cargo xtask"),
            "{args:?}"
        );
    }
}

#[test]
fn a_failed_regeneration_puts_the_old_registry_and_changelog_back() {
    // With a changelog to restore, and without one (the entry's new file must go again).
    for changelog in [Some("# Changelog\n\n## [Unreleased]\n"), None] {
        let root = checkout(if changelog.is_some() {
            "restore"
        } else {
            "restore-new"
        });
        if let Some(text) = changelog {
            std::fs::write(root.join("CHANGELOG.md"), text).expect("write");
        }
        let vendored = std::fs::read(root.join("registry/websocket.xml")).expect("read");
        // generated/ cannot be created: a plain file stands in its way.
        std::fs::write(root.join("generated"), "not a directory").expect("write");
        let newer = std::fs::read(history_file("2026-01-12-967aad0a4e1b.xml")).expect("read");
        let candidate = Candidate {
            source: "older.xml".to_owned(),
            bytes: newer,
        };
        let comparison = compare(&root, &candidate).expect("compares");
        let body = root.join("pr-body.md");
        let err = comparison
            .apply_with_pr_body(&root, &candidate, true, &body)
            .expect_err("generated/ cannot be written");
        assert!(err.to_string().contains("generated"), "{err}");
        assert_eq!(
            std::fs::read(root.join("registry/websocket.xml")).expect("read"),
            vendored,
            "the registry file is restored"
        );
        assert_eq!(
            std::fs::read_to_string(root.join("CHANGELOG.md"))
                .ok()
                .as_deref(),
            changelog,
            "the changelog is restored"
        );
        assert!(!body.exists(), "no pull request body for a failed update");
        for dir in [root.clone(), root.join("registry")] {
            let leftovers: Vec<_> = std::fs::read_dir(&dir)
                .expect("list")
                .map(|e| e.expect("entry").file_name())
                .filter(|n| n.to_string_lossy().starts_with('.'))
                .collect();
            assert!(leftovers.is_empty(), "{leftovers:?}");
        }
    }
}

#[test]
fn curated_notes_that_do_not_fit_block_the_update_but_not_the_report() {
    let root = checkout("curated");
    std::fs::write(
        root.join("registry/curated.toml"),
        "[subprotocol.\"camp\"]\nrust-name = \"Camp\"\n",
    )
    .expect("write curated");
    let before = std::fs::read(root.join("registry/websocket.xml")).expect("read");
    let candidate = Candidate {
        source: "older.xml".to_owned(),
        bytes: std::fs::read(history_file("2026-01-12-967aad0a4e1b.xml")).expect("read"),
    };
    let comparison = compare(&root, &candidate).expect("the report is still produced");
    let note = comparison.report.release.note.clone().unwrap_or_default();
    assert!(note.contains("curated.toml"), "{note}");
    let err = comparison
        .apply(&root, &candidate, true)
        .expect_err("curated names a dropped record");
    assert!(err.to_string().contains("camp"), "{err}");
    assert_eq!(
        std::fs::read(root.join("registry/websocket.xml")).expect("read"),
        before
    );
    assert!(!root.join("generated").exists());
}

/// With the name lock `regen` writes, `diff` generates the candidate with the same lock: a
/// record IANA renamed or removed keeps its old name, and the advice is minor, not major.
#[test]
fn diff_knows_the_name_lock() {
    let root = checkout("name-lock");
    std::fs::copy(
        history_file("2023-08-08-2eb916101e40.xml"),
        root.join("registry/websocket.xml"),
    )
    .expect("copy");
    let output = xtask(&root, &["regen"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("wrote registry/names.toml"));
    let lock = std::fs::read_to_string(root.join("registry/names.toml")).expect("a lock");
    assert!(
        lock.contains("[subprotocol-name.\"Redfish WebSocket\"]"),
        "{lock}"
    );

    // IANA renamed `Redfish WebSocket` to `Redfish` on 2023-08-14.
    let renamed = history_file("2023-08-14-5f54b4938978.xml");
    let output = xtask(&root, &["diff", "--file", &renamed.display().to_string()]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let report = text(&output.stdout);
    assert!(report.contains("release: minor"), "{report}");
    assert!(
        report.contains("+ subprotocols::Subprotocol::Redfish"),
        "{report}"
    );
    assert!(
        !report.contains("- subprotocols::Subprotocol::RedfishWebSocket"),
        "{report}"
    );

    // Without the lock, the same change removes a public name.
    std::fs::remove_file(root.join("registry/names.toml")).expect("remove the lock");
    let output = xtask(&root, &["diff", "--file", &renamed.display().to_string()]);
    let report = text(&output.stdout);
    assert!(report.contains("release: major"), "{report}");
    assert!(
        report.contains("- subprotocols::Subprotocol::RedfishWebSocket"),
        "{report}"
    );

    // `check` notices a missing or edited lock; `regen` writes it back.
    let output = xtask(&root, &["check"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("registry/names.toml: out of date"),
        "{}",
        text(&output.stderr)
    );
    assert!(xtask(&root, &["regen"]).status.success());
    assert!(xtask(&root, &["check"]).status.success());
    // The lock is the names' source of truth: a hand edit makes `generated/` stale.
    let edited = lock.replace("name = \"RedfishWebSocket\"", "name = \"Redfish2\"");
    std::fs::write(root.join("registry/names.toml"), edited).expect("edit");
    let output = xtask(&root, &["check"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("-    RedfishWebSocket,") && stderr.contains("+    Redfish2,"),
        "{stderr}"
    );
}
