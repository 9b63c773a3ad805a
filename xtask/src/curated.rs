//! The project's own data about registry records: `registry/curated.toml`.
//!
//! IANA's file is vendored unchanged; what it does not say but the crate needs lives here,
//! apart from IANA's text: short labels where IANA's text is a sentence or abbreviated,
//! one-line descriptions in the project's own words, RFC 6455 rules per close code, and
//! `rust-name` overrides. Every entry must name a record that the registry has: a stale entry
//! is an error, not something silently ignored.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::error::{Error, Pos, Result};
use crate::model::{Registry, Value};

/// The whole curated file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Curated {
    /// `[close-code.NNNN]` tables.
    pub close_code: BTreeMap<String, CloseCodeNotes>,
    /// `[opcode.N]` tables.
    pub opcode: BTreeMap<String, NameNotes>,
    /// `[subprotocol."id"]` tables.
    pub subprotocol: BTreeMap<String, NameNotes>,
    /// `[extension."id"]` tables.
    pub extension: BTreeMap<String, NameNotes>,
    /// Where the file came from, for error messages (not part of the TOML).
    pub source: Option<(PathBuf, String)>,
}

/// What the project adds to a close-code record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
    ///
    /// The file is read through `toml`'s spanned document tree rather than a derive, so that
    /// every refusal (an unknown table or key, a value of the wrong type) points at the line
    /// and column of the offending key or value.
    pub fn parse(path: &Path, text: &str) -> Result<Curated> {
        let document = DeTable::parse(text).map_err(|err| Error {
            pos: err.span().map(|span| pos_of(text, span.start)),
            ..Error::new(path, format!("invalid curated data: {}", err.message()))
        })?;
        let reader = Reader { path, text };
        let mut curated = Curated::default();
        for (table, value) in document.get_ref().iter() {
            let entries = reader.table(value, table.get_ref())?;
            match table.get_ref().as_ref() {
                "close-code" => {
                    curated.close_code = reader.entries(entries, CloseCodeNotes::read)?
                }
                "opcode" => curated.opcode = reader.entries(entries, NameNotes::read)?,
                "subprotocol" => curated.subprotocol = reader.entries(entries, NameNotes::read)?,
                "extension" => curated.extension = reader.entries(entries, NameNotes::read)?,
                other => {
                    return Err(reader.error(
                        table,
                        format!(
                            "unknown table `{other}`, expected one of `close-code`, `opcode`, \
                             `subprotocol`, `extension`"
                        ),
                    ))
                }
            }
        }
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

impl CloseCodeNotes {
    fn read(reader: &Reader<'_>, fields: &DeTable<'_>) -> Result<CloseCodeNotes> {
        let mut notes = CloseCodeNotes::default();
        for (key, value) in fields.iter() {
            let slot = match key.get_ref().as_ref() {
                "label" => &mut notes.label,
                "description" => &mut notes.description,
                "not-on-wire" => &mut notes.not_on_wire,
                "rust-name" => &mut notes.rust_name,
                other => {
                    return Err(reader.error(
                        key,
                        format!(
                            "unknown field `{other}`, expected one of `label`, `description`, \
                             `not-on-wire`, `rust-name`"
                        ),
                    ))
                }
            };
            *slot = Some(reader.string(value, key.get_ref())?);
        }
        Ok(notes)
    }
}

impl NameNotes {
    fn read(reader: &Reader<'_>, fields: &DeTable<'_>) -> Result<NameNotes> {
        let mut notes = NameNotes::default();
        for (key, value) in fields.iter() {
            match key.get_ref().as_ref() {
                "rust-name" => notes.rust_name = Some(reader.string(value, key.get_ref())?),
                other => {
                    return Err(reader.error(
                        key,
                        format!("unknown field `{other}`, expected `rust-name`"),
                    ))
                }
            }
        }
        Ok(notes)
    }
}

/// Reads the spanned TOML tree of one curated file, turning each refusal into an [`Error`]
/// positioned at the key or value it is about.
struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Reader<'_> {
    fn error<T>(&self, at: &Spanned<T>, message: String) -> Error {
        Error {
            pos: Some(pos_of(self.text, at.span().start)),
            ..Error::new(self.path, message)
        }
    }

    fn table<'v, 'i>(&self, value: &'v Spanned<DeValue<'i>>, key: &str) -> Result<&'v DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(table) => Ok(table),
            other => Err(self.error(
                value,
                format!("`{key}` must be a table, found {}", type_name(other)),
            )),
        }
    }

    fn string(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<String> {
        match value.get_ref() {
            DeValue::String(text) => Ok(text.to_string()),
            other => Err(self.error(
                value,
                format!("`{key}` must be a string, found {}", type_name(other)),
            )),
        }
    }

    /// One entry per sub-table (`[close-code.1000]`, `[subprotocol."mqtt"]`), each read by
    /// `read`. TOML itself refuses a key defined twice.
    fn entries<T>(
        &self,
        tables: &DeTable<'_>,
        read: fn(&Self, &DeTable<'_>) -> Result<T>,
    ) -> Result<BTreeMap<String, T>> {
        let mut out = BTreeMap::new();
        for (key, value) in tables.iter() {
            let fields = self.table(value, key.get_ref())?;
            out.insert(key.get_ref().to_string(), read(self, fields)?);
        }
        Ok(out)
    }
}

fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
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
