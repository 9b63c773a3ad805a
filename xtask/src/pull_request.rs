//! The pull request body `cargo xtask fetch --pr-body FILE` writes.
//!
//! The pull request body that `cargo xtask fetch --pr-body FILE` writes for a registry update:
//! the report of [`crate::report`] in Markdown, for the maintainer who reviews the bot's pull
//! request (`.github/workflows/registry-update.yml`).
//!
//! Every piece of registry text (keys, field values, notes) goes in as a code span
//! ([`markdown_code`]), so that nothing IANA writes is read as Markdown, HTML or a mention.

use std::fmt::Write as _;

use crate::diff::{FieldChange, SectionDiff};
use crate::report::{plain_summary, Report};
use crate::text::markdown_code;

/// The body, or `None` when the two files are the same bytes (then nothing is written: there
/// is nothing to propose).
pub fn body(report: &Report) -> Option<String> {
    if report.same_bytes {
        return None;
    }
    let diff = &report.diff;
    let release = &report.release;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## IANA's WebSocket registry of {}\n",
        markdown_code(&diff.new.updated)
    );
    out.push_str(
        "`cargo xtask fetch` found a new version of IANA's WebSocket Protocol Registries. This \
         pull request replaces `registry/websocket.xml` with it, byte for byte, and carries what \
         `fetch` regenerated from it: `generated/`, `registry/names.toml` and the entry in \
         `CHANGELOG.md`.\n\n",
    );
    out.push_str("| | `<updated>` | file |\n|---|---|---|\n");
    let _ = writeln!(
        out,
        "| vendored (old) | {} | {} |",
        markdown_code(&diff.old.updated),
        markdown_code(&diff.old.source)
    );
    let _ = writeln!(
        out,
        "| IANA's (new) | {} | {} |\n",
        markdown_code(&diff.new.updated),
        markdown_code(&diff.new.source)
    );

    let _ = writeln!(out, "### Release: {}\n", release.kind.as_str());
    let _ = writeln!(
        out,
        "{}: {}.\n",
        crate::text::capitalized(release.kind.explain()),
        release.reason()
    );
    if let Some(note) = &release.note {
        let _ = writeln!(out, "Note: {}\n", markdown_code(note));
    }

    out.push_str("### What changed\n\n");
    if report.identical {
        out.push_str(
            "No record changed: the files differ only in layout (whitespace, processing \
             instructions, attribute quoting).\n\n",
        );
    } else {
        if !diff.registry.is_empty() {
            out.push_str("#### The registry itself\n\n");
            field_changes(&mut out, "", &diff.registry);
            out.push('\n');
        }
        let mut unchanged = Vec::new();
        for section in diff.sub_registries.iter().chain([&diff.people]) {
            if section.is_empty() {
                unchanged.push(markdown_code(&section.id));
            } else {
                write_section(&mut out, section);
            }
        }
        if !unchanged.is_empty() {
            let _ = writeln!(out, "Unchanged: {}.\n", unchanged.join(", "));
        }
    }

    out.push_str("### Public names\n\n");
    item_list(&mut out, "Added", &release.added_items);
    item_list(&mut out, "Removed", &release.removed_items);
    if release.deprecated_items.is_empty() {
        out.push_str("Deprecated aliases created: none.\n\n");
    } else {
        out.push_str(
            "Deprecated aliases created (code written against them still compiles, with a \
             warning):\n\n",
        );
        for deprecated in &release.deprecated_items {
            let _ = writeln!(
                out,
                "- {}: {}",
                markdown_code(&deprecated.item),
                markdown_code(&deprecated.note)
            );
        }
        out.push('\n');
    }
    if !release.changed_files.is_empty() {
        let files: Vec<String> = release
            .changed_files
            .iter()
            .map(|name| markdown_code(&format!("generated/{name}")))
            .collect();
        let _ = writeln!(out, "Generated files that change: {}.\n", files.join(", "));
    }

    out.push_str(
        "### Review\n\n\
         - [ ] The changes above are what IANA published (the registry's own page lists its \
         recent edits).\n\
         - [ ] A new close code has a `[close-code.N]` entry with a `label` and a `description` \
         in `registry/curated.toml`, and German and Japanese texts in `registry/l10n/` \
         (`cargo xtask check` lists what is missing).\n\
         - [ ] The release kind fits; the `Unreleased` section of `CHANGELOG.md` says it.\n",
    );
    Some(out)
}

fn write_section(out: &mut String, section: &SectionDiff) {
    let _ = writeln!(
        out,
        "#### {} ({}): {}\n",
        markdown_code(&section.id),
        markdown_code(&section.title),
        section.counts()
    );
    if let Some(note) = &section.note {
        let _ = writeln!(out, "{}\n", markdown_code(note));
    }
    if !section.metadata.is_empty() {
        out.push_str("- The sub-registry's own fields:\n");
        field_changes(out, "  ", &section.metadata);
    }
    for record in &section.added {
        let _ = writeln!(out, "- Added {}", markdown_code(&plain_summary(record)));
        for field in &record.fields {
            let _ = writeln!(
                out,
                "  - {}: {}",
                markdown_code(&field.name),
                markdown_code(&field.value)
            );
        }
    }
    for record in &section.removed {
        let _ = writeln!(out, "- Removed {}", markdown_code(&plain_summary(record)));
    }
    for change in &section.changed {
        if change.old_key == change.new_key {
            let _ = writeln!(out, "- Changed {}", markdown_code(&change.old_key));
        } else {
            let _ = writeln!(
                out,
                "- Changed {} -> {}",
                markdown_code(&change.old_key),
                markdown_code(&change.new_key)
            );
        }
        field_changes(out, "  ", &change.fields);
    }
    out.push('\n');
}

/// `- name: old -> new` per field, an absent side shown as `(none)`.
fn field_changes(out: &mut String, indent: &str, changes: &[FieldChange]) {
    let show = |value: &Option<String>| match value {
        Some(value) => markdown_code(value),
        None => "(none)".to_owned(),
    };
    for change in changes {
        let _ = writeln!(
            out,
            "{indent}- {}: {} -> {}",
            markdown_code(&change.field),
            show(&change.old),
            show(&change.new)
        );
    }
}

fn item_list(out: &mut String, what: &str, items: &[String]) {
    if items.is_empty() {
        let _ = writeln!(out, "{what}: none.\n");
        return;
    }
    let _ = writeln!(out, "{what}:\n");
    for item in items {
        let _ = writeln!(out, "- {}", markdown_code(item));
    }
    out.push('\n');
}
