//! Pairs the records of two versions and compares them field by field.
//!
//! Records pair by key, or, for a changed key, by evident sameness.

use std::collections::BTreeMap;

use super::flatten::meta_fields;
use super::{Field, FieldChange, Flat, PairingRule, RecordChange, RecordView, SectionDiff};
use crate::model::SubRegistry;

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

/// `1016-3999` and `3000` overlap; the strings come from [`Value`](crate::model::Value)'s `Display`.
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

pub(super) fn records_section(
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
pub(super) fn compare_fields(old: &[Field], new: &[Field], out: &mut Vec<FieldChange>) {
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
