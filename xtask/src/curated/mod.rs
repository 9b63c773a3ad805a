//! The project's own data about registry records: `registry/curated.toml`.
//!
//! IANA's file is vendored unchanged; what it does not say but the crate needs lives here,
//! apart from IANA's text: short labels where IANA's text is a sentence or abbreviated,
//! one-line descriptions in the project's own words, RFC 6455 rules per close code, and
//! `rust-name` overrides. Every entry must name a record that the registry has: a stale entry
//! is an error, not something silently ignored.
//!
//! One file per job: `notes.rs` reads what the project adds to each record, `translation.rs`
//! reads a language file of `registry/l10n/`, `fields.rs` holds the TOML readers they share,
//! `check.rs` checks every entry against the registry and `missing.rs` reports what the
//! translations lack.

mod check;
mod fields;
mod missing;
mod notes;
mod translation;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use toml::de::DeTable;

use crate::error::{Error, Result};
use crate::explain_texts::ExplainTexts;
use crate::toml_reader::{pos_of, Reader};

pub use notes::{range_of_key, CloseCodeNotes, NameNotes, RangeNotes};
pub use translation::{TranslatedTexts, Translation};

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
    /// `[version.N]` tables: a label and a description (no `rust-name`: versions are
    /// constants named by their number).
    pub version: BTreeMap<String, NameNotes>,
    /// `[header-bit.NAME]` tables (`[header-bit.RSV1]`): a label and a description.
    pub header_bit: BTreeMap<String, NameNotes>,
    /// The `[explain]` table: the English words of `cargo xtask explain`.
    pub explain: ExplainTexts,
    /// The `[reconnect-advice]` table: each kind of [`Reconnect`] advice in a few English
    /// words, keyed by its spelling (`after-delay`).
    pub reconnect_advice: BTreeMap<String, String>,
    /// The `[close-code-table]` table: the words of the reference tables
    /// (`generated/close_codes.{en,de,ja}.md`), by key ([`TABLE_WORDS`]).
    pub close_code_table: BTreeMap<String, String>,
    /// `[close-code-range.R]` tables, by range key ([`CloseCodeRange`]'s, see [`range_of_key`]).
    pub close_code_range: BTreeMap<String, RangeNotes>,
    /// The translations of the texts above, one per language file in `registry/l10n/`.
    pub translations: Vec<Translation>,
    /// Where the file came from, for error messages (not part of the TOML).
    pub source: Option<(PathBuf, String)>,
}

/// The words of the close-code reference tables (`[close-code-table]`): the six column
/// headings, the two answers, and the word a range row shows in the label column.
pub const TABLE_WORDS: [&str; 9] = [
    "code",
    "label",
    "description",
    "on-wire",
    "close",
    "reconnect",
    "yes",
    "no",
    "range",
];

/// The key of `[version.other]`: the label and description of every version number that has
/// no table of its own (one the registry does not list, or one the project has not described).
pub const OTHER_VERSION: &str = "other";

/// The runtime crate's `Reconnect` and `Language`, compiled in from `src/language.rs`: one
/// list of the kinds of advice, their spellings and their texts, for the curated file, the
/// generated code and the reference tables.
#[path = "../../../src/language.rs"]
#[allow(dead_code)]
// `has_core_error` is the runtime's build-script cfg (build.rs); the generator never sets it.
#[allow(unexpected_cfgs)]
mod runtime_language;

pub use runtime_language::{Language, Reconnect};

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
                "opcode" => curated.opcode = reader.entries(entries, NameNotes::read_opcode)?,
                "subprotocol" => {
                    curated.subprotocol = reader.entries(entries, NameNotes::read_rust_name)?
                }
                "extension" => {
                    curated.extension = reader.entries(entries, NameNotes::read_named)?
                }
                "version" => curated.version = reader.entries(entries, NameNotes::read_texts)?,
                "header-bit" => {
                    curated.header_bit = reader.entries(entries, NameNotes::read_texts)?
                }
                "close-code-range" => {
                    curated.close_code_range = reader.entries(entries, RangeNotes::read)?
                }
                "explain" => curated.explain = reader.explain_texts(entries)?,
                "reconnect-advice" => {
                    curated.reconnect_advice = reader.reconnect_advice(entries)?
                }
                "close-code-table" => curated.close_code_table = reader.table_words(entries)?,
                other => {
                    return Err(reader.error(
                        table,
                        format!(
                            "unknown table `{other}`, expected one of `close-code`, \
                             `close-code-range`, `opcode`, `subprotocol`, `extension`, \
                             `version`, `header-bit`, `reconnect-advice`, `explain`, \
                             `close-code-table`"
                        ),
                    ))
                }
            }
        }
        curated.source = Some((path.to_path_buf(), text.to_owned()));
        Ok(curated)
    }

    /// Every `rust-name` override of the table `table` (`close-code`, `opcode`,
    /// `subprotocol`, `extension`), by entry key; none for any other table.
    pub fn rust_names(&self, table: &str) -> Vec<(&str, &str)> {
        fn of_names(notes: &BTreeMap<String, NameNotes>) -> Vec<(&str, &str)> {
            notes
                .iter()
                .filter_map(|(key, n)| Some((key.as_str(), n.rust_name.as_deref()?)))
                .collect()
        }
        match table {
            "close-code" => self
                .close_code
                .iter()
                .filter_map(|(key, n)| Some((key.as_str(), n.rust_name.as_deref()?)))
                .collect(),
            "opcode" => of_names(&self.opcode),
            "subprotocol" => of_names(&self.subprotocol),
            "extension" => of_names(&self.extension),
            _ => Vec::new(),
        }
    }

    /// The reference tables' word `key` ([`TABLE_WORDS`]) in `language`: the translation's,
    /// else the English one, else the key itself (`cargo xtask check` lists what is missing).
    pub fn table_word<'a>(&'a self, key: &'a str, language: Language) -> &'a str {
        self.translations
            .iter()
            .find(|t| t.language == language)
            .and_then(|t| t.close_code_table.get(key))
            .or_else(|| self.close_code_table.get(key))
            .map_or(key, String::as_str)
    }

    /// The advice `kind` in a few words in `language`: the translation's, else the English
    /// one, else its spelling (`after-delay`) when the curated file has none.
    pub fn reconnect_text(&self, kind: Reconnect, language: Language) -> &str {
        self.translations
            .iter()
            .find(|t| t.language == language)
            .and_then(|t| t.reconnect_advice.get(kind.as_str()))
            .or_else(|| self.reconnect_advice.get(kind.as_str()))
            .map_or(kind.as_str(), String::as_str)
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
}
