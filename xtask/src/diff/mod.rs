//! Record-level comparison of two registry versions.
//!
//! What `cargo xtask diff` and `fetch` report.
//!
//! Each record is flattened into named fields (its key, texts, references, dates) rendered as
//! plain strings, so two versions compare field by field and the report can say
//! `definition: old -> new`. Positions in the file are not fields: moving a record or
//! re-wrapping a line is not a change.
//!
//! Records are matched by their key (the identifier, value or bit). A record whose key changed
//! (IANA renamed `CLUE` to `clue`, or shrank an unassigned range to make room for a new code)
//! would otherwise show up as one removal plus one addition; when a removed and an added record
//! of the same sub-registry are evidently the same registration (see [`Flat::same_registration`])
//! they are paired and reported as one change of key.
//!
//! One file per job: `flatten.rs` turns each kind of record into fields, `pairing.rs` pairs
//! the records of two versions and compares their fields, `render.rs` writes references and
//! rich text as the plain strings the fields hold.

mod flatten;
mod pairing;
mod render;

use crate::model::*;

pub use flatten::{code_record, generic_record, header_bit_record, name_record, version_record};
use flatten::{fields, person};
pub use pairing::section;
use pairing::{compare_fields, records_section};

/// Everything that differs between two registry versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryDiff {
    /// The version compared against (usually the vendored copy).
    pub old: Side,
    /// The version compared (usually the downloaded one).
    pub new: Side,
    /// Changes to the root registry's own fields (title, created, updated).
    pub registry: Vec<FieldChange>,
    /// One entry per sub-registry, in IANA's order, changed or not.
    pub sub_registries: Vec<SectionDiff>,
    /// Changes to `<people>` (the contacts that references name).
    pub people: SectionDiff,
}

/// One side of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// Where it came from: a path or a URL.
    pub source: String,
    /// The registry's `<updated>` date.
    pub updated: String,
}

/// The changes within one sub-registry (or `<people>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionDiff {
    /// `close-code-number`, ..., or `people`.
    pub id: String,
    /// The sub-registry's title (new side).
    pub title: String,
    /// Changes to the sub-registry's own fields: title, rules, notes, range rules.
    pub metadata: Vec<FieldChange>,
    /// Records only the new side has.
    pub added: Vec<RecordView>,
    /// Records only the old side has.
    pub removed: Vec<RecordView>,
    /// Records on both sides whose fields differ.
    pub changed: Vec<RecordChange>,
    /// Set when the whole sub-registry arrived or went: what that means for the generated
    /// code.
    pub note: Option<String>,
}

/// A record, flattened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordView {
    /// The identifier, value or bit that names the record.
    pub key: String,
    /// Its fields, in a fixed order; absent optional fields are left out.
    pub fields: Vec<Field>,
}

/// One named field of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// `description`, `references`, `updated`, `note 2`, ...
    pub name: String,
    /// The field rendered as text.
    pub value: String,
}

/// A record present on both sides, with what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordChange {
    /// The key on the old side.
    pub old_key: String,
    /// The key on the new side (differs from `old_key` when the record was renamed).
    pub new_key: String,
    /// The fields that differ.
    pub fields: Vec<FieldChange>,
}

/// One field that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The field's name.
    pub field: String,
    /// The old value; `None` when the old side lacks the field.
    pub old: Option<String>,
    /// The new value; `None` when the new side lacks the field.
    pub new: Option<String>,
}

impl SectionDiff {
    /// What changed, counted: `2 added, 1 changed, metadata changed`.
    pub fn counts(&self) -> String {
        let mut counts = Vec::new();
        for (n, what) in [
            (self.added.len(), "added"),
            (self.removed.len(), "removed"),
            (self.changed.len(), "changed"),
        ] {
            if n > 0 {
                counts.push(format!("{n} {what}"));
            }
        }
        if !self.metadata.is_empty() {
            counts.push("metadata changed".to_owned());
        }
        counts.join(", ")
    }

    /// True when nothing in the section changed.
    pub fn is_empty(&self) -> bool {
        self.note.is_none()
            && self.metadata.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
    }
}

impl RegistryDiff {
    /// True when the two versions have the same content (they may still differ in layout,
    /// whitespace or processing instructions).
    pub fn is_identical(&self) -> bool {
        self.registry.is_empty()
            && self.people.is_empty()
            && self.sub_registries.iter().all(SectionDiff::is_empty)
    }

    /// Records the new side drops (renamed records are not counted: they are changes).
    pub fn removed_records(&self) -> impl Iterator<Item = (&str, &RecordView)> {
        self.sub_registries
            .iter()
            .flat_map(|s| s.removed.iter().map(move |r| (s.id.as_str(), r)))
    }
}

/// The diff stage's column of the sub-registry table ([`crate::registries`]): how one typed
/// sub-registry is compared between two versions of the registry.
pub type Column = fn(old: &Registry, new: &Registry) -> SectionDiff;

/// Compares two parsed registries: the typed sub-registries by `columns`, in order, then the
/// generic ones. (`crate::registries::diff` passes the typed ones.)
pub fn diff(
    old: &Registry,
    old_source: &str,
    new: &Registry,
    new_source: &str,
    columns: &[Column],
) -> RegistryDiff {
    let root_fields = |registry: &Registry| {
        fields(vec![
            ("title", registry.title.clone()),
            ("created", registry.created.clone().unwrap_or_default()),
            ("updated", registry.updated.clone()),
        ])
    };
    let mut registry = Vec::new();
    compare_fields(&root_fields(old), &root_fields(new), &mut registry);
    let mut sub_registries: Vec<SectionDiff> =
        columns.iter().map(|column| column(old, new)).collect();
    sub_registries.extend(untyped_sections(old, new));
    let people = records_section(
        "people".to_owned(),
        "People".to_owned(),
        Vec::new(),
        old.people.values().map(person).collect(),
        new.people.values().map(person).collect(),
    );
    RegistryDiff {
        old: Side {
            source: old_source.to_owned(),
            updated: old.updated.clone(),
        },
        new: Side {
            source: new_source.to_owned(),
            updated: new.updated.clone(),
        },
        registry,
        sub_registries,
        people,
    }
}

/// A record flattened for comparison: its key and its fields (the key is a field too, so a
/// renamed record reports its old and new key).
pub struct Flat {
    key: String,
    fields: Vec<Field>,
    /// Used only to pair a removed record with an added one.
    kind: PairingRule,
}

/// How to recognise a record whose key changed as the same registration.
#[derive(Clone, Copy)]
enum PairingRule {
    /// Identifiers: the same registration if at least two of these agree: the identifier
    /// ignoring case, the common name, the definition, the references, the registration date.
    Name,
    /// Numbers: the same registration if the values overlap and the description (or status)
    /// is the same, as when IANA shrinks an "Unassigned" range around a new code.
    Value,
    /// Header bits and people: the key is the whole identity; never paired.
    Never,
}

/// The sub-registries without a typed row, matched by id: one that only the new side has
/// arrived (every record added), one that only the old side has went away.
fn untyped_sections(old: &Registry, new: &Registry) -> Vec<SectionDiff> {
    let find = |registry: &Registry, id: &str| {
        registry
            .untyped
            .iter()
            .find(|sub| sub.meta.id == id)
            .cloned()
    };
    let mut sections = Vec::new();
    for sub in &new.untyped {
        let (before, note) = match find(old, &sub.meta.id) {
            Some(before) => (before, None),
            None => (
                SubRegistry::default(),
                Some(
                    "new sub-registry, generated as a generic table; a typed emitter can follow"
                        .to_owned(),
                ),
            ),
        };
        let mut section = section(&before, sub, generic_record);
        if note.is_some() {
            // Its metadata is all new; the note says so once instead of field by field.
            section.metadata.clear();
        }
        section.note = note;
        sections.push(section);
    }
    for sub in &old.untyped {
        if find(new, &sub.meta.id).is_none() {
            let mut section = section(sub, &SubRegistry::default(), generic_record);
            section.id = sub.meta.id.clone();
            section.title = sub.meta.title.clone();
            section.metadata.clear();
            section.note = Some("sub-registry removed from IANA's file".to_owned());
            sections.push(section);
        }
    }
    sections
}
