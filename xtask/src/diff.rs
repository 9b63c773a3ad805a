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

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::model::*;

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

impl Flat {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.value.as_str())
    }

    fn same_registration(&self, other: &Flat) -> bool {
        let same = |name: &str| self.get(name).is_some() && self.get(name) == other.get(name);
        match self.kind {
            PairingRule::Name => {
                let same_id = self.key.eq_ignore_ascii_case(&other.key);
                let agreeing = [
                    same_id,
                    same("common name"),
                    same("definition"),
                    same("references"),
                    same("date"),
                ];
                agreeing.iter().filter(|&&agrees| agrees).count() >= 2
            }
            PairingRule::Value => {
                let overlaps = match (self.get("value"), other.get("value")) {
                    (Some(a), Some(b)) => ranges_overlap(a, b),
                    _ => false,
                };
                overlaps && (same("description") || same("status"))
            }
            PairingRule::Never => false,
        }
    }

    fn view(self) -> RecordView {
        RecordView {
            key: self.key,
            fields: self.fields,
        }
    }
}

/// `1016-3999` and `3000` overlap; the strings come from [`Value`]'s `Display`.
fn ranges_overlap(a: &str, b: &str) -> bool {
    let bounds = |text: &str| -> Option<(u64, u64)> {
        match text.split_once('-') {
            Some((first, last)) => Some((first.parse().ok()?, last.parse().ok()?)),
            None => text.parse().ok().map(|v| (v, v)),
        }
    };
    match (bounds(a), bounds(b)) {
        (Some((a1, a2)), Some((b1, b2))) => a1 <= b2 && b1 <= a2,
        _ => false,
    }
}

/// Compares one sub-registry between two versions, its records flattened by `flatten`.
pub fn section<R>(
    old: &SubRegistry<R>,
    new: &SubRegistry<R>,
    flatten: fn(&R) -> Flat,
) -> SectionDiff {
    let mut metadata = Vec::new();
    compare_fields(
        &meta_fields(&old.meta),
        &meta_fields(&new.meta),
        &mut metadata,
    );
    records_section(
        new.meta.id.clone(),
        new.meta.title.clone(),
        metadata,
        old.records.iter().map(flatten).collect(),
        new.records.iter().map(flatten).collect(),
    )
}

fn records_section(
    id: String,
    title: String,
    metadata: Vec<FieldChange>,
    old: Vec<Flat>,
    new: Vec<Flat>,
) -> SectionDiff {
    let mut new_by_key: BTreeMap<String, Flat> = BTreeMap::new();
    let mut new_order = Vec::new();
    for record in new {
        new_order.push(record.key.clone());
        new_by_key.insert(record.key.clone(), record);
    }
    let mut changed = Vec::new();
    let mut unmatched_old = Vec::new();
    for record in old {
        match new_by_key.remove(&record.key) {
            Some(counterpart) => {
                if let Some(change) = record_change(&record, &counterpart) {
                    changed.push(change);
                }
            }
            None => unmatched_old.push(record),
        }
    }
    // What is left on the new side, in file order.
    let mut unmatched_new: Vec<Flat> = new_order
        .iter()
        .filter_map(|key| new_by_key.remove(key))
        .collect();
    let mut removed = Vec::new();
    for record in unmatched_old {
        match unmatched_new
            .iter()
            .position(|candidate| record.same_registration(candidate))
        {
            Some(index) => {
                let counterpart = unmatched_new.remove(index);
                changed.extend(record_change(&record, &counterpart));
            }
            None => removed.push(record.view()),
        }
    }
    SectionDiff {
        id,
        title,
        metadata,
        added: unmatched_new.into_iter().map(Flat::view).collect(),
        removed,
        changed,
        note: None,
    }
}

fn record_change(old: &Flat, new: &Flat) -> Option<RecordChange> {
    let mut fields = Vec::new();
    compare_fields(&old.fields, &new.fields, &mut fields);
    (!fields.is_empty()).then(|| RecordChange {
        old_key: old.key.clone(),
        new_key: new.key.clone(),
        fields,
    })
}

/// Appends a [`FieldChange`] for every field name whose value differs, in the order the
/// fields are listed (old side first, then names only the new side has).
fn compare_fields(old: &[Field], new: &[Field], out: &mut Vec<FieldChange>) {
    let lookup = |fields: &[Field], name: &str| {
        fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.value.clone())
    };
    let mut names: Vec<&str> = Vec::new();
    for f in old.iter().chain(new) {
        if !names.contains(&f.name.as_str()) {
            names.push(&f.name);
        }
    }
    for name in names {
        let (before, after) = (lookup(old, name), lookup(new, name));
        if before != after {
            out.push(FieldChange {
                field: name.to_owned(),
                old: before,
                new: after,
            });
        }
    }
}

/// Fields as a list, leaving out empty ones.
fn fields(pairs: Vec<(&str, String)>) -> Vec<Field> {
    pairs
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| Field {
            name: name.to_owned(),
            value,
        })
        .collect()
}

fn meta_fields(meta: &SubRegistryMeta) -> Vec<Field> {
    let pairs = vec![
        ("title", meta.title.clone()),
        (
            "registration rule",
            meta.registration_rule
                .as_ref()
                .map(render_rich)
                .unwrap_or_default(),
        ),
        ("expert", meta.expert.clone().unwrap_or_default()),
        ("references", render_refs(&meta.references)),
    ];
    let mut out = fields(pairs);
    out.extend(numbered("note", meta.notes.iter().map(render_rich)));
    out.extend(numbered(
        "range rule",
        meta.range_rules
            .iter()
            .map(|r| format!("{}: {}", r.value, render_rich(&r.rule))),
    ));
    out
}

/// `note 1`, `note 2`, ...: numbered so that one edited note reads as one change.
fn numbered(base: &str, values: impl Iterator<Item = String>) -> Vec<Field> {
    values
        .enumerate()
        .map(|(index, value)| Field {
            name: format!("{base} {}", index + 1),
            value,
        })
        .collect()
}

fn dates(meta: &RecordMeta) -> [(&'static str, String); 2] {
    [
        ("date", meta.date.clone().unwrap_or_default()),
        ("updated", meta.updated.clone().unwrap_or_default()),
    ]
}

/// Flattens one record of this shape for comparison.
pub fn name_record(record: &NameRecord) -> Flat {
    let mut pairs = vec![
        ("id", record.id.clone()),
        ("common name", record.common.clone()),
        ("definition", render_rich(&record.definition)),
        (
            "incompatible",
            record.incompatible.clone().unwrap_or_default(),
        ),
        ("references", render_refs(&record.references)),
        ("controller", render_controller(&record.controller)),
    ];
    pairs.extend(dates(&record.meta));
    Flat {
        key: record.id.clone(),
        fields: fields(pairs),
        kind: PairingRule::Name,
    }
}

/// Flattens one record of this shape for comparison.
pub fn code_record<T: std::fmt::Display + Copy>(record: &CodeRecord<T>) -> Flat {
    let mut pairs = vec![
        ("value", record.value.to_string()),
        ("description", record.description.clone()),
        ("references", render_refs(&record.references)),
        ("contact", render_refs(&record.contact)),
        ("controller", render_controller(&record.controller)),
    ];
    pairs.extend(dates(&record.meta));
    Flat {
        key: record.value.to_string(),
        fields: fields(pairs),
        kind: PairingRule::Value,
    }
}

/// Flattens one record of this shape for comparison.
pub fn version_record(record: &VersionRecord) -> Flat {
    let mut pairs = vec![
        ("value", record.value.to_string()),
        ("status", record.status.clone().unwrap_or_default()),
        ("references", render_refs(&record.references)),
        ("controller", render_controller(&record.controller)),
    ];
    pairs.extend(dates(&record.meta));
    Flat {
        key: record.value.to_string(),
        fields: fields(pairs),
        kind: PairingRule::Value,
    }
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

/// Flattens a record of a sub-registry without a typed row.
pub fn generic_record(record: &GenericRecord) -> Flat {
    let key = record
        .value
        .clone()
        .or_else(|| record.identifier.clone())
        .or_else(|| record.description.clone())
        .unwrap_or_default();
    let mut pairs = vec![
        ("value", record.value.clone().unwrap_or_default()),
        ("identifier", record.identifier.clone().unwrap_or_default()),
        (
            "description",
            record.description.clone().unwrap_or_default(),
        ),
        ("references", render_refs(&record.references)),
    ];
    pairs.extend(dates(&record.meta));
    let mut fields = fields(pairs);
    // A field that repeats (several `<note>`s) is numbered from its second occurrence on, so
    // that every field has its own name to compare by.
    for (index, (name, value)) in record.fields.iter().enumerate() {
        let earlier = record.fields[..index]
            .iter()
            .filter(|(n, _)| n == name)
            .count();
        fields.push(Field {
            name: if earlier == 0 {
                name.clone()
            } else {
                format!("{name} {}", earlier + 1)
            },
            value: value.clone(),
        });
    }
    Flat {
        key,
        fields,
        kind: PairingRule::Never,
    }
}

/// Flattens one record of this shape for comparison.
pub fn header_bit_record(record: &HeaderBitRecord) -> Flat {
    let mut pairs = vec![
        ("value", record.name.clone()),
        ("description", record.description.clone()),
        ("references", render_refs(&record.references)),
    ];
    pairs.extend(dates(&record.meta));
    Flat {
        key: record.name.clone(),
        fields: fields(pairs),
        kind: PairingRule::Never,
    }
}

fn person(person: &Person) -> Flat {
    Flat {
        key: person.id.clone(),
        fields: fields(vec![
            ("id", person.id.clone()),
            ("name", person.name.clone().unwrap_or_default()),
            ("org", person.org.clone().unwrap_or_default()),
            ("uri", person.uris.join(", ")),
            ("updated", person.updated.clone().unwrap_or_default()),
        ]),
        kind: PairingRule::Never,
    }
}

/// A reference as IANA wrote it, compactly: `[rfc6455, section 7.4.1]`, `<https://...>`,
/// `[person Alexey_Melnikov]`.
pub fn render_ref(reference: &Reference) -> String {
    let mut out = match reference.kind {
        RefKind::Uri => format!("<{}>", reference.data),
        RefKind::Text => String::new(),
        RefKind::Rfc | RefKind::Draft => format!("[{}", reference.data),
        kind => format!("[{} {}", kind.as_attr(), reference.data),
    };
    if let Some((attr, value)) = &reference.fragment {
        let _ = write!(out, ", {attr} {value}");
    }
    if out.starts_with('[') {
        out.push(']');
    }
    if !reference.text.is_empty() {
        if !out.is_empty() {
            out.push(' ');
        }
        let _ = write!(out, "{:?}", reference.text);
    }
    out
}

fn render_refs(references: &[Reference]) -> String {
    references
        .iter()
        .map(render_ref)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A record's `<controller>`, or nothing (which [`fields`] leaves out).
fn render_controller(controller: &Option<RichText>) -> String {
    controller.as_ref().map(render_rich).unwrap_or_default()
}

fn render_rich(text: &RichText) -> String {
    let mut out = String::new();
    for inline in &text.0 {
        let piece = match inline {
            Inline::Text(text) => text.clone(),
            Inline::Ref(reference) => render_ref(reference),
        };
        if !out.is_empty() && !out.ends_with(' ') && !piece.starts_with([' ', ',', '.', ')']) {
            out.push(' ');
        }
        out.push_str(&piece);
    }
    out.trim().to_owned()
}
