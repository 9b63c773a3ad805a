//! Stage 2: element tree -> typed `Registry` model.
//!
//! The checks follow IANA's RELAX NG schema for the file (`websocket.rng`): an element the
//! schema does not allow where it appears is an error, never skipped, so nothing in IANA's file
//! can be silently lost. Every error carries the file, line and column, the sub-registry and
//! the record.
//!
//! One file per job: this one walks the root and its sub-registries; [`clashes`] refuses
//! records that collide, [`records`] reads each kind of record, [`values`] the value and
//! date grammars, [`people`] people and references, [`rich_text`] text with references in
//! it, and [`fields`] walks a record's fields in the schema's order.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Pos, Result};
use crate::model::*;
use crate::xml::Element;

/// IANA's namespace for registry files.
pub const IANA_NAMESPACE: &str = "http://www.iana.org/assignments";

/// The parse stage's column of the sub-registry table ([`crate::registries`]): which
/// sub-registry, and how its records are read into the model.
#[derive(Clone, Copy)]
pub struct Column {
    /// IANA's `id` attribute (`close-code-number`).
    pub id: &'static str,
    /// Parses the `<registry>` element into its field of the model and refuses records that
    /// clash (two records with one value or identifier).
    pub parse: fn(&Parser, &Element, &mut Registry) -> Result<()>,
}

/// Parses the registry file at `file` from its bytes: every sub-registry of `columns` must be
/// there; any other is kept as a generic table. (`crate::registries::parse_registry` passes
/// the typed ones.)
pub fn parse_registry(file: &Path, bytes: &[u8], columns: &[Column]) -> Result<Registry> {
    let root = crate::xml::parse(file, bytes)?;
    Parser {
        file: file.to_path_buf(),
    }
    .registry(&root, columns)
}

/// Turns elements into model values, with errors that name the file, line and column.
/// The rows of [`crate::registries::SUB_REGISTRIES`] call its record parsers.
pub struct Parser {
    pub(super) file: PathBuf,
}

/// Metadata elements IANA's schema allows in any registry and that carry nothing this crate
/// publishes (display hints and export links).
const IGNORED_META: [&str; 5] = ["metadata", "hide", "category", "file", "description"];

mod clashes;
mod fields;
mod people;
mod records;
mod rich_text;
mod values;

use fields::record_label;

impl Parser {
    /// An error at `pos` of the file being parsed.
    pub fn err(&self, pos: Pos, message: impl Into<String>) -> Error {
        Error::at(&self.file, pos, message)
    }

    pub(super) fn registry(&self, root: &Element, columns: &[Column]) -> Result<Registry> {
        if root.name != "registry" {
            return Err(self.err(
                root.pos,
                format!(
                    "the root element is <{}>; expected IANA's <registry>",
                    root.name
                ),
            ));
        }
        match root.attr("xmlns") {
            Some(IANA_NAMESPACE) => {}
            other => {
                return Err(self.err(
                    root.pos,
                    format!(
                        "the root <registry> has namespace {:?}; expected {IANA_NAMESPACE:?}",
                        other.unwrap_or("(none)")
                    ),
                ))
            }
        }
        match root.attr("id") {
            Some("websocket") => {}
            other => {
                return Err(self.err(
                    root.pos,
                    format!(
                        "this is IANA's {:?} registry, not the WebSocket one (expected id=\"websocket\")",
                        other.unwrap_or("(no id)")
                    ),
                ))
            }
        }
        self.no_loose_text(root, "the root <registry>")?;

        let mut title = None;
        let mut created = None;
        let mut updated = None;
        // Sub-registries in file order, each id once.
        let mut subs: Vec<(&str, &Element)> = Vec::new();
        let mut people = BTreeMap::new();
        for child in root.elements() {
            match child.name.as_str() {
                "title" => title = Some(self.plain_text(child)?),
                "created" => created = Some(self.plain_text(child)?),
                "updated" => updated = Some(self.plain_text(child)?),
                "registry" => {
                    let id = child
                        .attr("id")
                        .ok_or_else(|| self.err(child.pos, "a sub-registry has no id attribute"))?;
                    if let Some((_, first)) = subs.iter().find(|(seen, _)| *seen == id) {
                        return Err(self.err(
                            child.pos,
                            format!(
                                "sub-registry {id:?} appears twice (first at line {})",
                                first.pos.line
                            ),
                        ));
                    }
                    subs.push((id, child));
                }
                "people" => people = self.people(child)?,
                name if IGNORED_META.contains(&name) || name == "note" || name == "xref" => {}
                other => {
                    return Err(self.err(
                        child.pos,
                        format!("unexpected <{other}> in the root <registry>"),
                    ))
                }
            }
        }
        let updated = updated
            .filter(|u| !u.is_empty())
            .ok_or_else(|| self.err(root.pos, "the root <registry> has no <updated> date"))?;
        let mut registry = Registry {
            title: title.unwrap_or_default(),
            created,
            updated,
            people,
            ..Registry::default()
        };
        let within = |id: &str| {
            let context = format!("sub-registry {id}");
            move |err: Error| err.within(context)
        };
        for kind in columns {
            let element = subs
                .iter()
                .find(|(id, _)| *id == kind.id)
                .map(|(_, element)| *element)
                .ok_or_else(|| {
                    let known: Vec<&str> = columns.iter().map(|kind| kind.id).collect();
                    self.err(
                        root.pos,
                        format!(
                            "the sub-registry {:?} is missing; expected all of {}",
                            kind.id,
                            known.join(", ")
                        ),
                    )
                })?;
            (kind.parse)(self, element, &mut registry).map_err(within(kind.id))?;
        }
        // A sub-registry IANA added after this generator was written: keep every record as a
        // generic one, so that `regen`, `fetch` and the drift job go on working.
        for (id, element) in subs {
            if columns.iter().all(|kind| kind.id != id) {
                let sub = self
                    .sub_registry(element, |r| self.generic_record(r))
                    .map_err(within(id))?;
                registry.untyped.push(sub);
            }
        }
        Ok(registry)
    }

    /// A sub-registry's metadata, and its records parsed by `record`.
    pub fn sub_registry<R>(
        &self,
        element: &Element,
        record: impl Fn(&Element) -> Result<R>,
    ) -> Result<SubRegistry<R>> {
        self.no_loose_text(element, "a sub-registry")?;
        let mut meta = SubRegistryMeta {
            id: element.attr("id").unwrap_or_default().to_owned(),
            pos: element.pos,
            ..SubRegistryMeta::default()
        };
        let mut records = Vec::new();
        for child in element.elements() {
            match child.name.as_str() {
                "title" => meta.title = self.plain_text(child)?,
                "registration_rule" => meta.registration_rule = Some(self.rich_text(child)?),
                "expert" => meta.expert = Some(self.plain_text(child)?),
                "xref" => meta.references.push(self.reference(child)?),
                "note" => meta.notes.push(self.rich_text(child)?),
                "range" => meta.range_rules.push(self.range_rule(child)?),
                "record" => {
                    let index = records.len() + 1;
                    let parsed = record(child).map_err(|err| {
                        let label = record_label(child).unwrap_or_else(|| format!("#{index}"));
                        err.within(format!("record {label}"))
                    })?;
                    records.push(parsed);
                }
                name if IGNORED_META.contains(&name) || name == "created" || name == "updated" => {}
                other => {
                    return Err(
                        self.err(child.pos, format!("unexpected <{other}> in a sub-registry"))
                    )
                }
            }
        }
        Ok(SubRegistry { meta, records })
    }

    pub(super) fn range_rule(&self, element: &Element) -> Result<RangeRule> {
        let mut value = None;
        let mut rule = None;
        for child in element.elements() {
            match child.name.as_str() {
                "value" => value = Some(self.plain_text(child)?),
                "registration_rule" => rule = Some(self.rich_text(child)?),
                "hex" | "entry_size" | "note" | "xref" => {}
                other => {
                    return Err(self.err(child.pos, format!("unexpected <{other}> in <range>")))
                }
            }
        }
        Ok(RangeRule {
            value: value.ok_or_else(|| self.err(element.pos, "<range> has no <value>"))?,
            rule: rule
                .ok_or_else(|| self.err(element.pos, "<range> has no <registration_rule>"))?,
        })
    }
}
