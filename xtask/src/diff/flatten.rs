//! Flattens each kind of record into named plain-text fields, the unit the diff compares.
//!
//! A sub-registry's metadata is flattened too. A new record kind adds one function here.

use super::render::{render_controller, render_refs, render_rich};
use super::{Field, Flat, PairingRule};
use crate::model::*;

/// Fields as a list, leaving out empty ones.
pub(super) fn fields(pairs: Vec<(&str, String)>) -> Vec<Field> {
    pairs
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| Field {
            name: name.to_owned(),
            value,
        })
        .collect()
}

pub(super) fn meta_fields(meta: &SubRegistryMeta) -> Vec<Field> {
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

pub(super) fn person(person: &Person) -> Flat {
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
