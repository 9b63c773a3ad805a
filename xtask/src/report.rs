//! The change report of `cargo xtask diff` and `fetch`: text for people, JSON for tools.

use std::fmt::Write as _;

use crate::diff::{Field, FieldChange, RecordChange, RecordView, RegistryDiff, SectionDiff, Side};
use crate::json::{json_object, Json, ToJson};
use crate::release::ReleaseAdvice;
use crate::text::printable;

/// A comparison of two registry versions and what it means for a release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// True when both versions list the same content (`diff` exits 0).
    pub identical: bool,
    /// True when the two files are the same bytes.
    pub same_bytes: bool,
    /// Record-level differences.
    pub diff: RegistryDiff,
    /// The release the change calls for.
    pub release: ReleaseAdvice,
}

impl Report {
    /// Builds a report.
    pub fn new(diff: RegistryDiff, release: ReleaseAdvice, same_bytes: bool) -> Report {
        Report {
            identical: diff.is_identical(),
            same_bytes,
            diff,
            release,
        }
    }

    /// The report as pretty-printed JSON: one object with this struct's fields, the fields
    /// of [`RegistryDiff`] inlined.
    pub fn json(&self) -> String {
        let mut fields = vec![
            ("identical", self.identical.to_json()),
            ("same_bytes", self.same_bytes.to_json()),
        ];
        fields.extend(self.diff.to_json().into_fields());
        fields.push(("release", self.release.to_json()));
        Json::Object(fields).pretty() + "\n"
    }

    /// The report as text for people.
    pub fn text(&self) -> String {
        let diff = &self.diff;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "old: {} (updated {})",
            diff.old.source, diff.old.updated
        );
        let _ = writeln!(
            out,
            "new: {} (updated {})",
            diff.new.source, diff.new.updated
        );
        if self.identical {
            out.push_str(if self.same_bytes {
                "\nNo change: the files are identical.\n"
            } else {
                "\nNo change in content: the files differ only in layout (whitespace, \
                 processing instructions, attribute quoting).\n"
            });
            return out;
        }
        if !diff.registry.is_empty() {
            out.push_str("\nregistry:\n");
            field_changes(&mut out, "    ", &diff.registry);
        }
        let mut unchanged = Vec::new();
        for section in diff.sub_registries.iter().chain([&diff.people]) {
            if section.is_empty() {
                unchanged.push(section.id.as_str());
            } else {
                write_section(&mut out, section);
            }
        }
        if !unchanged.is_empty() {
            let _ = writeln!(out, "\nunchanged: {}", unchanged.join(", "));
        }
        let release = &self.release;
        let _ = writeln!(out, "\nrelease: {}", release.kind.explain());
        for item in &release.added_items {
            let _ = writeln!(out, "    + {item}");
        }
        for item in &release.removed_items {
            let _ = writeln!(out, "    - {item}");
        }
        for deprecated in &release.deprecated_items {
            let _ = writeln!(
                out,
                "    deprecated {}: {}",
                deprecated.item,
                printable(&deprecated.note)
            );
        }
        if !release.changed_files.is_empty() {
            let _ = writeln!(
                out,
                "    generated files that change: {}",
                release.changed_files.join(", ")
            );
        }
        if let Some(note) = &release.note {
            let _ = writeln!(out, "    note: {note}");
        }
        out
    }
}

fn write_section(out: &mut String, section: &SectionDiff) {
    let _ = writeln!(
        out,
        "\n{} ({}): {}",
        section.id,
        section.title,
        section.counts()
    );
    if let Some(note) = &section.note {
        let _ = writeln!(out, "  ! {note}");
    }
    if !section.metadata.is_empty() {
        out.push_str("  ~ (sub-registry metadata)\n");
        field_changes(out, "      ", &section.metadata);
    }
    for record in &section.added {
        let _ = writeln!(out, "  + {}", summary(record));
    }
    for record in &section.removed {
        let _ = writeln!(out, "  - {}", summary(record));
    }
    for change in &section.changed {
        if change.old_key == change.new_key {
            let _ = writeln!(out, "  ~ {}", printable(&change.old_key));
        } else {
            let _ = writeln!(
                out,
                "  ~ {} -> {}",
                printable(&change.old_key),
                printable(&change.new_key)
            );
        }
        field_changes(out, "      ", &change.fields);
    }
}

/// `camp: CAMP (registered 2026-06-10)`: the key and the field that says what the record is,
/// as text for a terminal.
fn summary(record: &RecordView) -> String {
    printable(&plain_summary(record))
}

/// [`summary`] without the escaping, for writers that escape in their own way (Markdown).
pub(crate) fn plain_summary(record: &RecordView) -> String {
    let describing = ["common name", "description", "status", "name"];
    let what = record
        .fields
        .iter()
        .find(|f| describing.contains(&f.name.as_str()))
        .map(|f| format!(": {}", f.value))
        .unwrap_or_default();
    let date = record
        .fields
        .iter()
        .find(|f| f.name == "date")
        .map(|f| format!(" (registered {})", f.value))
        .unwrap_or_default();
    format!("{}{what}{date}", record.key)
}

fn field_changes(out: &mut String, indent: &str, changes: &[FieldChange]) {
    let show = |value: &Option<String>| match value {
        Some(value) => format!("{value:?}"),
        None => "(none)".to_owned(),
    };
    for change in changes {
        let _ = writeln!(
            out,
            "{indent}{}: {} -> {}",
            change.field,
            show(&change.old),
            show(&change.new)
        );
    }
}

// How the report's parts look in `--format json`: one object per struct, keys named as the
// fields are.
json_object!(RegistryDiff {
    old,
    new,
    registry,
    sub_registries,
    people
});
json_object!(Side { source, updated });
json_object!(SectionDiff {
    id,
    title,
    metadata,
    added,
    removed,
    changed,
    note
});
json_object!(RecordView { key, fields });
json_object!(Field { name, value });
json_object!(RecordChange {
    old_key,
    new_key,
    fields
});
json_object!(FieldChange { field, old, new });
