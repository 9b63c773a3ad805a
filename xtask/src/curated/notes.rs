//! What the project adds to each record: the notes of `registry/curated.toml`, read.
//!
//! The close-code, range and name notes, each read from its table with every unknown field
//! refused.

use toml::de::DeTable;

use super::fields::unknown_field;
use super::Reconnect;
use crate::close_code_rules::CloseCodeRange;
use crate::error::Result;
use crate::toml_reader::Reader;

/// What the project adds to a close-code record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CloseCodeNotes {
    /// A short readable name (`Bad Gateway` for 1014, whose IANA text is a sentence).
    pub label: Option<String>,
    /// One line in the project's own words.
    pub description: Option<String>,
    /// RFC 6455 section 7.4.1 keeps the code off the wire (`not-on-wire = true`): it must
    /// never appear in a Close frame. Only a code of the protocol range can be; whether any
    /// other code may be sent follows from its range (`close_code_rules.rs`).
    pub not_on_wire: bool,
    /// Why it is kept off the wire (`not-on-wire-reason`): given exactly when `not_on_wire`.
    pub not_on_wire_reason: Option<String>,
    /// Overrides the derived constant name.
    pub rust_name: Option<String>,
    /// What a client should do after receiving the code.
    pub reconnect: Option<Reconnect>,
    /// One line on why.
    pub reconnect_why: Option<String>,
    /// What peers measured by the project's tests do with the code that a user would not
    /// expect, and what to do about it (`peer-note`): a paragraph of the constant's docs,
    /// in English only, as all of rustdoc is.
    pub peer_note: Option<String>,
}

/// The range whose key (`private-use`) names a `[close-code-range.R]` table.
pub fn range_of_key(key: &str) -> Option<CloseCodeRange> {
    CloseCodeRange::ALL
        .iter()
        .copied()
        .find(|range| range.key() == key)
}

/// What the project says about a range of close codes, and about any code of it that has no
/// entry of its own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RangeNotes {
    /// A short readable name (`Private use`).
    pub label: Option<String>,
    /// One line in the project's own words.
    pub description: Option<String>,
    /// What a client should do after receiving a code of the range.
    pub reconnect: Option<Reconnect>,
    /// One line on why.
    pub reconnect_why: Option<String>,
    /// Why a code of the range that has no reason of its own may not be sent in a Close
    /// frame (`not-on-wire-reason`). Refused for the ranges whose codes are all valid on the
    /// wire.
    pub not_on_wire_reason: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameNotes {
    /// Overrides the derived variant name (opcodes, subprotocols, extensions).
    pub rust_name: Option<String>,
    /// A short readable name (opcodes, extensions, versions, header bits; subprotocols keep
    /// IANA's).
    pub label: Option<String>,
    /// One line in the project's own words.
    pub description: Option<String>,
}

impl CloseCodeNotes {
    pub(super) fn read(reader: &Reader<'_>, fields: &DeTable<'_>) -> Result<CloseCodeNotes> {
        let mut notes = CloseCodeNotes::default();
        for (key, value) in fields.iter() {
            let slot = match key.get_ref().as_ref() {
                "label" => &mut notes.label,
                "description" => &mut notes.description,
                "not-on-wire" => {
                    notes.not_on_wire = reader.boolean(value, key.get_ref())?;
                    continue;
                }
                "not-on-wire-reason" => &mut notes.not_on_wire_reason,
                "rust-name" => &mut notes.rust_name,
                "reconnect-why" => &mut notes.reconnect_why,
                "peer-note" => &mut notes.peer_note,
                "reconnect" => {
                    notes.reconnect = Some(reader.reconnect(value, key.get_ref())?);
                    continue;
                }
                other => {
                    return Err(reader.error(
                        key,
                        format!(
                            "unknown field `{other}`, expected one of `label`, `description`, \
                             `not-on-wire`, `not-on-wire-reason`, `rust-name`, `reconnect`, \
                             `reconnect-why`, `peer-note`"
                        ),
                    ))
                }
            };
            *slot = Some(reader.string(value, key.get_ref())?);
        }
        Ok(notes)
    }
}

impl RangeNotes {
    pub(super) fn read(reader: &Reader<'_>, fields: &DeTable<'_>) -> Result<RangeNotes> {
        let mut notes = RangeNotes::default();
        for (key, value) in fields.iter() {
            match key.get_ref().as_ref() {
                "label" => notes.label = Some(reader.string(value, key.get_ref())?),
                "description" => notes.description = Some(reader.string(value, key.get_ref())?),
                "reconnect-why" => notes.reconnect_why = Some(reader.string(value, key.get_ref())?),
                "reconnect" => notes.reconnect = Some(reader.reconnect(value, key.get_ref())?),
                "not-on-wire-reason" => {
                    notes.not_on_wire_reason = Some(reader.string(value, key.get_ref())?)
                }
                other => {
                    return Err(reader.error(
                        key,
                        format!(
                            "unknown field `{other}`, expected one of `label`, `description`, \
                             `reconnect`, `reconnect-why`, `not-on-wire-reason`"
                        ),
                    ))
                }
            }
        }
        Ok(notes)
    }
}

impl NameNotes {
    /// A subprotocol's notes: only its Rust name (subprotocols keep IANA's names).
    pub(super) fn read_rust_name(reader: &Reader<'_>, fields: &DeTable<'_>) -> Result<NameNotes> {
        Self::read_fields(reader, fields, &["rust-name"])
    }

    /// An opcode's notes: its Rust name and description (its label is IANA's text without
    /// "Frame", see `emit/opcodes.rs`).
    pub(super) fn read_opcode(reader: &Reader<'_>, fields: &DeTable<'_>) -> Result<NameNotes> {
        Self::read_fields(reader, fields, &["rust-name", "description"])
    }

    /// An extension's notes: its Rust name, label and description.
    pub(super) fn read_named(reader: &Reader<'_>, fields: &DeTable<'_>) -> Result<NameNotes> {
        Self::read_fields(reader, fields, &["rust-name", "label", "description"])
    }

    /// A version's or header bit's notes: label and description.
    pub(super) fn read_texts(reader: &Reader<'_>, fields: &DeTable<'_>) -> Result<NameNotes> {
        Self::read_fields(reader, fields, &["label", "description"])
    }

    fn read_fields(
        reader: &Reader<'_>,
        fields: &DeTable<'_>,
        allowed: &[&str],
    ) -> Result<NameNotes> {
        let mut notes = NameNotes::default();
        for (key, value) in fields.iter() {
            let name = key.get_ref().as_ref();
            if !allowed.contains(&name) {
                return Err(reader.error(key, unknown_field(name, allowed)));
            }
            let text = reader.string(value, name)?;
            if name != "rust-name" && text.trim().is_empty() {
                return Err(reader.error(value, format!("`{name}` is empty")));
            }
            match name {
                "rust-name" => notes.rust_name = Some(text),
                "label" => notes.label = Some(text),
                _ => notes.description = Some(text),
            }
        }
        Ok(notes)
    }
}
