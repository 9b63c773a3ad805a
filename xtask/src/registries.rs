//! The composition root: the table of typed sub-registries, the one module that sees every stage.
//!
//! As golang/net's `internal/iana/gen.go` keeps its table of registries in `main`, this table
//! lives above the stages it wires together. Each stage defines the column it needs
//! ([`parse::Column`], [`names_lock::Column`], [`emit::Column`], [`diff::Column`]) and gets
//! only that column, through the functions below; no stage imports this module or another
//! stage's rows. A sub-registry that is not here is generated as a generic table; one that is
//! here but missing from the file is an error.
//!
//! Adding a typed sub-registry: its record type and its field in [`Registry`] (`model.rs`),
//! a row here, and its emitter in its own file under `emit/` (with, for records of a new
//! shape, their parser on [`Parser`] and their diff flattening).

use std::path::Path;

use crate::diff::{self, RegistryDiff};
use crate::emit;
use crate::emit::{close_codes, header_bits, names, opcodes, versions};
use crate::error::{Pos, Result};
use crate::model::{NameRecord, Registry, SubRegistry, SubRegistryMeta};
use crate::names_lock::{self, NameStyle};
use crate::parse::{self, Parser};

/// One typed sub-registry: what every stage does with it.
pub struct Row {
    /// IANA's `id` attribute (`close-code-number`).
    pub id: &'static str,
    /// The file it is generated into, inside `generated/`.
    pub file: &'static str,
    /// How its records are parsed and which clashes are refused.
    pub parse: fn(&Parser, &crate::xml::Element, &mut Registry) -> Result<()>,
    /// Its title, rules and notes, from the model.
    pub meta: fn(&Registry) -> &SubRegistryMeta,
    /// The name each record asks for, before the name lock resolves them.
    pub names: fn(&Registry, &crate::curated::Curated) -> Vec<names_lock::NameRequest>,
    /// How those names look.
    pub name_style: NameStyle,
    /// The table of `registry/curated.toml` that may set `rust-name` for its records.
    pub curated_table: Option<&'static str>,
    /// Its emitter.
    pub emit: emit::Emitter,
    /// How two versions of it are compared.
    pub diff: diff::Column,
}

/// The sub-registries the generator has typed code for, in the order IANA's file lists them.
pub const SUB_REGISTRIES: [Row; 6] = [
    Row {
        id: "extension-name",
        file: "extensions.rs",
        parse: |p, element, registry| {
            registry.extensions = p.sub_registry(element, |r| p.name_record(r, true))?;
            p.unique("extension-name", identifiers(&registry.extensions))
        },
        meta: |registry| &registry.extensions.meta,
        names: |registry, curated| names::name_requests(registry, curated, names::Kind::Extension),
        name_style: NameStyle::UpperCamel,
        curated_table: Some("extension"),
        emit: names::emit_extensions,
        diff: |old, new| diff::section(&old.extensions, &new.extensions, diff::name_record),
    },
    Row {
        id: "subprotocol-name",
        file: "subprotocols.rs",
        parse: |p, element, registry| {
            registry.subprotocols = p.sub_registry(element, |r| p.name_record(r, false))?;
            p.unique("subprotocol-name", identifiers(&registry.subprotocols))
        },
        meta: |registry| &registry.subprotocols.meta,
        names: |registry, curated| {
            names::name_requests(registry, curated, names::Kind::Subprotocol)
        },
        name_style: NameStyle::UpperCamel,
        curated_table: Some("subprotocol"),
        emit: names::emit_subprotocols,
        diff: |old, new| diff::section(&old.subprotocols, &new.subprotocols, diff::name_record),
    },
    Row {
        id: "version-number",
        file: "versions.rs",
        parse: |p, element, registry| {
            registry.versions = p.sub_registry(element, |r| p.version_record(r))?;
            let values = registry.versions.records.iter();
            p.no_overlap(
                "version-number",
                values.map(|r| (r.value, r.meta.pos)).collect(),
            )
        },
        meta: |registry| &registry.versions.meta,
        names: |registry, _| versions::name_requests(registry),
        name_style: NameStyle::Constant,
        curated_table: None,
        emit: versions::emit,
        diff: |old, new| diff::section(&old.versions, &new.versions, diff::version_record),
    },
    Row {
        id: "close-code-number",
        file: "close_codes.rs",
        parse: |p, element, registry| {
            registry.close_codes = p.sub_registry(element, |r| p.code_record(r, true))?;
            let values = registry.close_codes.records.iter();
            p.no_overlap(
                "close-code-number",
                values.map(|r| (r.value, r.meta.pos)).collect(),
            )
        },
        meta: |registry| &registry.close_codes.meta,
        names: close_codes::name_requests,
        name_style: NameStyle::Constant,
        curated_table: Some("close-code"),
        emit: close_codes::emit,
        diff: |old, new| diff::section(&old.close_codes, &new.close_codes, diff::code_record),
    },
    Row {
        id: "opcode",
        file: "opcodes.rs",
        parse: |p, element, registry| {
            registry.opcodes = p.sub_registry(element, |r| p.opcode_record(r))?;
            let values = registry.opcodes.records.iter();
            p.no_overlap("opcode", values.map(|r| (r.value, r.meta.pos)).collect())
        },
        meta: |registry| &registry.opcodes.meta,
        names: opcodes::name_requests,
        name_style: NameStyle::UpperCamel,
        curated_table: Some("opcode"),
        emit: opcodes::emit,
        diff: |old, new| diff::section(&old.opcodes, &new.opcodes, diff::code_record),
    },
    Row {
        id: "framing-header-bits",
        file: "header_bits.rs",
        parse: |p, element, registry| {
            registry.header_bits = p.sub_registry(element, |r| p.header_bit_record(r))?;
            let bits = registry.header_bits.records.iter();
            p.unique(
                "framing-header-bits",
                bits.map(|r| (r.name.clone(), r.meta.pos)),
            )
        },
        meta: |registry| &registry.header_bits.meta,
        names: |registry, _| header_bits::name_requests(registry),
        name_style: NameStyle::UpperCamel,
        curated_table: None,
        emit: header_bits::emit,
        diff: |old, new| diff::section(&old.header_bits, &new.header_bits, diff::header_bit_record),
    },
];

/// Identifiers are exact and case-sensitive on the wire: only identical ones clash.
fn identifiers(sub: &SubRegistry<NameRecord>) -> impl Iterator<Item = (String, Pos)> + '_ {
    sub.records
        .iter()
        .map(|r| (format!("identifier {:?}", r.id), r.meta.pos))
}

/// The parse stage's column.
pub fn parse_columns() -> Vec<parse::Column> {
    SUB_REGISTRIES
        .iter()
        .map(|row| parse::Column {
            id: row.id,
            parse: row.parse,
        })
        .collect()
}

/// The naming stage's column.
pub fn name_columns() -> Vec<names_lock::Column> {
    SUB_REGISTRIES
        .iter()
        .map(|row| names_lock::Column {
            id: row.id,
            requests: row.names,
            style: row.name_style,
            curated_table: row.curated_table,
        })
        .collect()
}

/// The emit stage's column.
pub fn emit_columns() -> Vec<emit::Column> {
    SUB_REGISTRIES
        .iter()
        .map(|row| emit::Column {
            id: row.id,
            file: row.file,
            meta: row.meta,
            emit: row.emit,
        })
        .collect()
}

/// The diff stage's column.
pub fn diff_columns() -> Vec<diff::Column> {
    SUB_REGISTRIES.iter().map(|row| row.diff).collect()
}

/// Each typed sub-registry's id with the style of its Rust names, for reading the lock.
pub fn name_styles() -> Vec<(&'static str, NameStyle)> {
    SUB_REGISTRIES
        .iter()
        .map(|row| (row.id, row.name_style))
        .collect()
}

/// Parses the registry file at `file`, with every typed sub-registry.
pub fn parse_registry(file: &Path, bytes: &[u8]) -> Result<Registry> {
    parse::parse_registry(file, bytes, &parse_columns())
}

/// Compares two parsed registries, every typed sub-registry by its own rules.
pub fn diff(old: &Registry, old_source: &str, new: &Registry, new_source: &str) -> RegistryDiff {
    diff::diff(old, old_source, new, new_source, &diff_columns())
}
