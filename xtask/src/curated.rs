//! The project's own data about registry records: `registry/curated.toml`.
//!
//! IANA's file is vendored unchanged; what it does not say but the crate needs lives here,
//! apart from IANA's text: short labels where IANA's text is a sentence or abbreviated,
//! one-line descriptions in the project's own words, RFC 6455 rules per close code, and
//! `rust-name` overrides. Every entry must name a record that the registry has: a stale entry
//! is an error, not something silently ignored.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Pos, Result};
use crate::model::{Registry, Value};

/// The whole curated file.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Curated {
    /// `[close-code.NNNN]` tables.
    #[serde(default)]
    pub close_code: BTreeMap<String, CloseCodeNotes>,
    /// `[opcode.N]` tables.
    #[serde(default)]
    pub opcode: BTreeMap<String, NameNotes>,
    /// `[subprotocol."id"]` tables.
    #[serde(default)]
    pub subprotocol: BTreeMap<String, NameNotes>,
    /// `[extension."id"]` tables.
    #[serde(default)]
    pub extension: BTreeMap<String, NameNotes>,
    /// Where the file came from, for error messages (not part of the TOML).
    #[serde(skip)]
    pub source: Option<(PathBuf, String)>,
}

/// What the project adds to a close-code record.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CloseCodeNotes {
    /// A short readable name (`Bad Gateway` for 1014, whose IANA text is a sentence).
    pub label: Option<String>,
    /// One line in the project's own words.
    pub description: Option<String>,
    /// Why the code must never appear in a Close frame (RFC 6455 section 7.4.1), if it must not.
    pub not_on_wire: Option<String>,
    /// Overrides the derived constant name.
    pub rust_name: Option<String>,
}

/// What the project adds to an opcode, subprotocol or extension record.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NameNotes {
    /// Overrides the derived variant name.
    pub rust_name: Option<String>,
}

impl Curated {
    /// Reads and parses `path`.
    pub fn load(path: &Path) -> Result<Curated> {
        let text = std::fs::read_to_string(path).map_err(|err| Error::io(path, "read", err))?;
        Curated::parse(path, &text)
    }

    /// Parses the TOML `text` of `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Curated> {
        let mut curated: Curated = toml::from_str(text).map_err(|err| {
            let pos = err.span().map(|span| pos_of(text, span.start));
            Error {
                pos,
                ..Error::new(path, format!("invalid curated data: {}", err.message()))
            }
        })?;
        curated.source = Some((path.to_path_buf(), text.to_owned()));
        Ok(curated)
    }

    /// The notes for close code `code`, if any.
    pub fn close_code(&self, code: u16) -> Option<&CloseCodeNotes> {
        self.close_code.get(&code.to_string())
    }

    /// An error about the entry `[table.key]`, positioned at its header when it can be found.
    pub fn entry_error(&self, table: &str, key: &str, message: impl Into<String>) -> Error {
        let Some((path, text)) = &self.source else {
            return Error::new("registry/curated.toml", message).within(format!("[{table}.{key}]"));
        };
        let quoted = format!("[{table}.\"{key}\"]");
        let bare = format!("[{table}.{key}]");
        let pos = [quoted, bare]
            .iter()
            .find_map(|header| text.find(header.as_str()))
            .map(|offset| pos_of(text, offset));
        Error {
            pos,
            ..Error::new(path, message)
        }
        .within(format!("[{table}.{key}]"))
    }

    /// Checks that every entry names a record the registry has.
    pub fn check_against(&self, registry: &Registry) -> Result<()> {
        for (key, notes) in &self.close_code {
            let assigned = key.parse::<u16>().ok().filter(|code| {
                registry
                    .close_codes
                    .records
                    .iter()
                    .any(|r| r.is_assignment() && r.value == Value::Single(*code))
            });
            if assigned.is_none() {
                return Err(self.entry_error(
                    "close-code",
                    key,
                    "the registry has no close code record that assigns this number; fix or remove the entry",
                ));
            }
            if notes.label.as_deref().is_some_and(|l| l.trim().is_empty()) {
                return Err(self.entry_error("close-code", key, "label is empty"));
            }
        }
        for key in self.opcode.keys() {
            let found = key.parse::<u8>().ok().filter(|op| {
                registry
                    .opcodes
                    .records
                    .iter()
                    .any(|r| r.is_assignment() && r.value == Value::Single(*op))
            });
            if found.is_none() {
                return Err(self.entry_error(
                    "opcode",
                    key,
                    "the registry has no opcode record that assigns this number; fix or remove the entry",
                ));
            }
        }
        for (table, names, records) in [
            (
                "subprotocol",
                &self.subprotocol,
                &registry.subprotocols.records,
            ),
            ("extension", &self.extension, &registry.extensions.records),
        ] {
            for key in names.keys() {
                if !records.iter().any(|record| record.id == *key) {
                    return Err(self.entry_error(
                        table,
                        key,
                        format!("the registry has no {table} with this exact identifier; fix or remove the entry"),
                    ));
                }
            }
        }
        Ok(())
    }
}

fn pos_of(text: &str, offset: usize) -> Pos {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Pos {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
    }
}
