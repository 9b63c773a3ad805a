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

use crate::close_code_rules::CloseCodeRange;
use crate::error::{Error, Result};
use crate::explain_texts::{self, ExplainText, ExplainTexts};
use crate::model::{Registry, Value};
use crate::toml_reader::{pos_of, Reader};

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

/// The runtime crate's `Reconnect` and `Language`, compiled in from `src/language.rs`: one
/// list of the kinds of advice, their spellings and their texts, for the curated file, the
/// generated code and the reference tables.
#[path = "../../src/language.rs"]
#[allow(dead_code)]
// `has_core_error` is the runtime's build-script cfg (build.rs); the generator never sets it.
#[allow(unexpected_cfgs)]
mod runtime_language;

pub use runtime_language::{Language, Reconnect};

/// The languages `registry/l10n/` may hold: every `Language` but English, whose texts are
/// `registry/curated.toml` itself. A file is named by the language's code (`de.toml`).
fn translated_languages() -> impl Iterator<Item = Language> {
    Language::ALL
        .iter()
        .copied()
        .filter(|&language| language != Language::English)
}

/// One language file of `registry/l10n/`: the curated texts in another language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    /// The language, named by the file's stem.
    pub language: Language,
    /// `[close-code.N]` tables.
    pub close_code: BTreeMap<String, TranslatedTexts>,
    /// `[close-code-range.R]` tables.
    pub close_code_range: BTreeMap<String, TranslatedTexts>,
    /// `[opcode.N]` tables: label and description.
    pub opcode: BTreeMap<String, TranslatedTexts>,
    /// `[version.N]` tables: label and description.
    pub version: BTreeMap<String, TranslatedTexts>,
    /// `[header-bit.NAME]` tables: label and description.
    pub header_bit: BTreeMap<String, TranslatedTexts>,
    /// `[extension."id"]` tables: label and description.
    pub extension: BTreeMap<String, TranslatedTexts>,
    /// The `[explain]` table: the words of `cargo xtask explain` in this language.
    pub explain: ExplainTexts,
    /// The `[reconnect-advice]` table in this language.
    pub reconnect_advice: BTreeMap<String, String>,
    /// The `[close-code-table]` table: the words of the reference tables
    /// (`generated/close_codes.{en,de,ja}.md`), by key ([`TABLE_WORDS`]).
    pub close_code_table: BTreeMap<String, String>,
    /// Where the file came from, for error messages.
    pub source: Option<(PathBuf, String)>,
}

/// The texts of one entry in another language; each may be missing (English is shown then).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TranslatedTexts {
    /// The label.
    pub label: Option<String>,
    /// The description.
    pub description: Option<String>,
    /// Why the reconnect advice is what it is.
    pub reconnect_why: Option<String>,
    /// Why the code (or the range's codes) may not be sent in a Close frame.
    pub not_on_wire_reason: Option<String>,
}

/// What the project adds to an opcode, subprotocol, extension, version or header-bit record.
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

    /// The close code `key` names, if the registry assigns it.
    fn registered_close_code(&self, registry: &Registry, key: &str) -> Option<u16> {
        key.parse::<u16>().ok().filter(|code| {
            registry
                .close_codes
                .records
                .iter()
                .any(|r| r.is_assignment() && r.value == Value::Single(*code))
        })
    }

    /// What the translations lack, one line per language: the assigned close codes and the
    /// ranges without a translated label, description, reconnect reason or (where English
    /// has one) reason to keep the code off the wire; the opcodes, versions, header bits and
    /// extensions without a translation of each text English gives them; and the texts of
    /// `cargo xtask explain`. `cargo xtask check` prints it; a missing text never stops
    /// `regen` (the English one is shown).
    pub fn missing_translations(&self, registry: &Registry) -> Vec<String> {
        let codes: Vec<u16> = registry
            .close_codes
            .records
            .iter()
            .filter(|r| r.is_assignment())
            .map(|r| r.value.first())
            .collect();
        let mut out = Vec::new();
        let english_words: Vec<&str> = TABLE_WORDS
            .iter()
            .copied()
            .filter(|word| !self.close_code_table.contains_key(*word))
            .collect();
        if self.source.is_some() && !english_words.is_empty() {
            out.push(format!(
                "English words missing from [close-code-table]: {} (the reference tables show \
                 the key instead)",
                english_words.join(", ")
            ));
        }
        for translation in &self.translations {
            let complete = |texts: Option<&TranslatedTexts>, label: bool, off_wire: bool| {
                texts.is_some_and(|t| {
                    t.description.is_some()
                        && t.reconnect_why.is_some()
                        && (!label || t.label.is_some())
                        && (!off_wire || t.not_on_wire_reason.is_some())
                })
            };
            let mut missing: Vec<String> = codes
                .iter()
                .filter(|code| {
                    let key = code.to_string();
                    let off_wire = self.close_code.get(&key).is_some_and(|n| n.not_on_wire);
                    !complete(translation.close_code.get(&key), true, off_wire)
                })
                .map(u16::to_string)
                .collect();
            missing.extend(
                CloseCodeRange::ALL
                    .iter()
                    .map(|range| range.key())
                    .filter(|key| {
                        let off_wire = self
                            .close_code_range
                            .get(*key)
                            .is_some_and(|n| n.not_on_wire_reason.is_some());
                        !complete(translation.close_code_range.get(*key), false, off_wire)
                    })
                    .map(|key| format!("range {key}")),
            );
            for (table, english, translated) in [
                ("opcode", &self.opcode, &translation.opcode),
                ("version", &self.version, &translation.version),
                ("header-bit", &self.header_bit, &translation.header_bit),
                ("extension", &self.extension, &translation.extension),
            ] {
                for (key, notes) in english {
                    let texts = translated.get(key);
                    let lacks = |english: &Option<String>, pick: fn(&TranslatedTexts) -> bool| {
                        english.is_some() && !texts.is_some_and(pick)
                    };
                    if lacks(&notes.label, |t| t.label.is_some())
                        || lacks(&notes.description, |t| t.description.is_some())
                    {
                        missing.push(format!("{table} {key}"));
                    }
                }
            }
            missing.extend(
                Reconnect::ALL
                    .iter()
                    .filter(|kind| !translation.reconnect_advice.contains_key(kind.as_str()))
                    .map(|kind| format!("reconnect-advice.{kind}")),
            );
            missing.extend(
                TABLE_WORDS
                    .iter()
                    .filter(|key| !translation.close_code_table.contains_key(**key))
                    .map(|key| format!("close-code-table.{key}")),
            );
            missing.extend(
                self.explain
                    .missing_in(&translation.explain)
                    .into_iter()
                    .map(|key| format!("explain.{key}")),
            );
            if !missing.is_empty() {
                out.push(format!(
                    "{:?} texts missing for: {}",
                    translation.language,
                    missing.join(", ")
                ));
            }
        }
        out
    }

    /// Checks that every entry names a record the registry has.
    pub fn check_against(&self, registry: &Registry) -> Result<()> {
        // Every problem is collected, not only the first: a maintainer regenerating from an
        // older registry sees every stale entry in one run.
        let mut problems = Vec::new();
        for (key, notes) in &self.close_code {
            if self.registered_close_code(registry, key).is_none() {
                problems.push(self.entry_error(
                    "close-code",
                    key,
                    "the registry has no close code record that assigns this number; fix or remove the entry",
                ));
            }
            if notes.not_on_wire != notes.not_on_wire_reason.is_some() {
                problems.push(self.entry_error(
                    "close-code",
                    key,
                    "`not-on-wire = true` and `not-on-wire-reason` go together: give both or \
                     neither",
                ));
            }
            let protocol = key
                .parse::<u16>()
                .is_ok_and(|code| CloseCodeRange::of(code) == CloseCodeRange::Protocol);
            if notes.not_on_wire && !protocol {
                problems.push(self.entry_error(
                    "close-code",
                    key,
                    "`not-on-wire` for a code outside the protocol range (RFC 6455 section \
                     7.4.2): whether it may be sent follows from its range; remove it",
                ));
            }
            if notes.label.as_deref().is_some_and(|l| l.trim().is_empty()) {
                problems.push(self.entry_error("close-code", key, "label is empty"));
            }
            if notes.reconnect.is_some() != notes.reconnect_why.is_some() {
                problems.push(self.entry_error(
                    "close-code",
                    key,
                    "`reconnect` and `reconnect-why` go together: give both or neither",
                ));
            }
        }
        for (key, notes) in &self.close_code_range {
            if range_of_key(key).is_none() {
                problems.push(self.entry_error(
                    "close-code-range",
                    key,
                    "not a range of RFC 6455 section 7.4.2; expected not-used, protocol, \
                     registered, private-use or undefined",
                ));
            }
            if notes.reconnect.is_some() != notes.reconnect_why.is_some() {
                problems.push(self.entry_error(
                    "close-code-range",
                    key,
                    "`reconnect` and `reconnect-why` go together: give both or neither",
                ));
            }
        }
        for translation in &self.translations {
            for key in translation.close_code.keys() {
                if self.registered_close_code(registry, key).is_none() {
                    problems.push(translation.entry_error(
                        "close-code",
                        key,
                        "the registry has no close code record that assigns this number; fix or remove the entry",
                    ));
                }
            }
            for key in translation.close_code_range.keys() {
                if range_of_key(key).is_none() {
                    problems.push(translation.entry_error(
                        "close-code-range",
                        key,
                        "not a range of RFC 6455 section 7.4.2; expected not-used, protocol, \
                         registered, private-use or undefined",
                    ));
                }
            }
        }
        for (key, notes) in &self.close_code_range {
            let whole_range_on_wire =
                range_of_key(key).is_some_and(CloseCodeRange::is_valid_on_wire_as_a_whole);
            if notes.not_on_wire_reason.is_some() && whole_range_on_wire {
                problems.push(self.entry_error(
                    "close-code-range",
                    key,
                    "`not-on-wire-reason` for a range whose every code is valid on the wire \
                     (RFC 6455 section 7.4.2); remove it",
                ));
            }
        }
        let has_opcode = |key: &str| {
            key.parse::<u8>().ok().is_some_and(|op| {
                registry
                    .opcodes
                    .records
                    .iter()
                    .any(|r| r.is_assignment() && r.value == Value::Single(op))
            })
        };
        // `[version.other]`: the texts of every version without its own.
        let has_version = |key: &str| {
            key == OTHER_VERSION
                || key.parse::<u8>().ok().is_some_and(|version| {
                    registry
                        .versions
                        .records
                        .iter()
                        .any(|r| r.value == Value::Single(version))
                })
        };
        let has_header_bit = |key: &str| registry.header_bits.records.iter().any(|r| r.name == key);
        let has_extension = |key: &str| registry.extensions.records.iter().any(|r| r.id == key);
        const NO_OPCODE: &str = "the registry has no opcode record that assigns this number";
        const NO_VERSION: &str = "the registry has no version record with this number";
        const NO_BIT: &str = "the registry has no framing header bit with this name";
        const NO_EXTENSION: &str = "the registry has no extension with this exact identifier";
        let stale = |problem: &str| format!("{problem}; fix or remove the entry");
        for (table, keys, exists, problem) in [
            (
                "opcode",
                &self.opcode,
                &has_opcode as &dyn Fn(&str) -> bool,
                NO_OPCODE,
            ),
            ("version", &self.version, &has_version, NO_VERSION),
            ("header-bit", &self.header_bit, &has_header_bit, NO_BIT),
        ] {
            for key in keys.keys().filter(|key| !exists(key)) {
                problems.push(self.entry_error(table, key, stale(problem)));
            }
        }
        for translation in &self.translations {
            for (table, keys, exists, problem) in [
                (
                    "opcode",
                    &translation.opcode,
                    &has_opcode as &dyn Fn(&str) -> bool,
                    NO_OPCODE,
                ),
                ("version", &translation.version, &has_version, NO_VERSION),
                (
                    "header-bit",
                    &translation.header_bit,
                    &has_header_bit,
                    NO_BIT,
                ),
                (
                    "extension",
                    &translation.extension,
                    &has_extension,
                    NO_EXTENSION,
                ),
            ] {
                for key in keys.keys().filter(|key| !exists(key)) {
                    problems.push(translation.entry_error(table, key, &stale(problem)));
                }
            }
            let untranslatable =
                "`not-on-wire-reason` translates a reason registry/curated.toml does \
                                  not give; add the English one there first, or remove this one";
            for (key, texts) in &translation.close_code {
                let english = self
                    .close_code
                    .get(key)
                    .and_then(|n| n.not_on_wire_reason.as_ref());
                if texts.not_on_wire_reason.is_some() && english.is_none() {
                    problems.push(translation.entry_error("close-code", key, untranslatable));
                }
            }
            for (key, texts) in &translation.close_code_range {
                let english = self
                    .close_code_range
                    .get(key)
                    .and_then(|n| n.not_on_wire_reason.as_ref());
                if texts.not_on_wire_reason.is_some() && english.is_none() {
                    problems.push(translation.entry_error("close-code-range", key, untranslatable));
                }
            }
            if let Err(error) = self.explain.check_translation(&translation.explain) {
                problems.push(error);
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
                    problems.push(self.entry_error(
                        table,
                        key,
                        format!("the registry has no {table} with this exact identifier; fix or remove the entry"),
                    ));
                }
            }
        }
        // File by file, top to bottom: the order a maintainer fixes them in.
        problems.sort_by(|a, b| (&a.file, a.pos).cmp(&(&b.file, b.pos)));
        Error::all(problems)
    }
}

impl CloseCodeNotes {
    fn read(reader: &Reader<'_>, fields: &DeTable<'_>) -> Result<CloseCodeNotes> {
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
    fn read(reader: &Reader<'_>, fields: &DeTable<'_>) -> Result<RangeNotes> {
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

impl TranslatedTexts {
    /// A close code's or range's texts.
    fn read(reader: &Reader<'_>, fields: &DeTable<'_>) -> Result<TranslatedTexts> {
        Self::read_fields(
            reader,
            fields,
            &[
                "label",
                "description",
                "reconnect-why",
                "not-on-wire-reason",
            ],
        )
    }

    /// An opcode's, version's, header bit's or extension's texts.
    fn read_record(reader: &Reader<'_>, fields: &DeTable<'_>) -> Result<TranslatedTexts> {
        Self::read_fields(reader, fields, &["label", "description"])
    }

    fn read_fields(
        reader: &Reader<'_>,
        fields: &DeTable<'_>,
        allowed: &[&str],
    ) -> Result<TranslatedTexts> {
        let mut texts = TranslatedTexts::default();
        for (key, value) in fields.iter() {
            let name = key.get_ref().as_ref();
            let slot = match name {
                "label" => &mut texts.label,
                "description" => &mut texts.description,
                "reconnect-why" => &mut texts.reconnect_why,
                "not-on-wire-reason" => &mut texts.not_on_wire_reason,
                _ => return Err(reader.error(key, unknown_field(name, allowed))),
            };
            if !allowed.contains(&name) {
                return Err(reader.error(key, unknown_field(name, allowed)));
            }
            let text = reader.string(value, name)?;
            if text.trim().is_empty() {
                return Err(reader.error(value, format!("`{name}` is empty")));
            }
            *slot = Some(text);
        }
        Ok(texts)
    }
}

/// `unknown field `x`, expected one of `a`, `b``.
fn unknown_field(name: &str, allowed: &[&str]) -> String {
    let expected: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
    match expected.as_slice() {
        [one] => format!("unknown field `{name}`, expected {one}"),
        _ => format!(
            "unknown field `{name}`, expected one of {}",
            expected.join(", ")
        ),
    }
}

impl Translation {
    /// Parses the language file `path` (`registry/l10n/de.toml`); its stem names the
    /// language.
    pub fn parse(path: &Path, text: &str) -> Result<Translation> {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let is_toml = path.extension().is_some_and(|e| e == "toml");
        let language = translated_languages()
            .find(|language| language.as_str() == stem && is_toml)
            .ok_or_else(|| {
                let known: Vec<String> = translated_languages()
                    .map(|language| format!("{}.toml", language.as_str()))
                    .collect();
                Error::new(
                    path,
                    format!(
                        "not a language this crate has texts in; the files are {}",
                        known.join(", ")
                    ),
                )
            })?;
        let document = DeTable::parse(text).map_err(|err| Error {
            pos: err.span().map(|span| pos_of(text, span.start)),
            ..Error::new(path, format!("invalid translation: {}", err.message()))
        })?;
        let reader = Reader { path, text };
        let mut translation = Translation {
            language,
            close_code: BTreeMap::new(),
            close_code_range: BTreeMap::new(),
            opcode: BTreeMap::new(),
            version: BTreeMap::new(),
            header_bit: BTreeMap::new(),
            extension: BTreeMap::new(),
            explain: ExplainTexts::default(),
            reconnect_advice: BTreeMap::new(),
            close_code_table: BTreeMap::new(),
            source: None,
        };
        for (table, value) in document.get_ref().iter() {
            let entries = reader.table(value, table.get_ref())?;
            let record = TranslatedTexts::read_record;
            match table.get_ref().as_ref() {
                "close-code" => {
                    translation.close_code = reader.entries(entries, TranslatedTexts::read)?
                }
                "close-code-range" => {
                    translation.close_code_range = reader.entries(entries, TranslatedTexts::read)?
                }
                "opcode" => translation.opcode = reader.entries(entries, record)?,
                "version" => translation.version = reader.entries(entries, record)?,
                "header-bit" => translation.header_bit = reader.entries(entries, record)?,
                "extension" => translation.extension = reader.entries(entries, record)?,
                "explain" => translation.explain = reader.explain_texts(entries)?,
                "reconnect-advice" => {
                    translation.reconnect_advice = reader.reconnect_advice(entries)?
                }
                "close-code-table" => translation.close_code_table = reader.table_words(entries)?,
                other => {
                    return Err(reader.error(
                        table,
                        format!(
                            "unknown table `{other}`, expected one of `close-code`, \
                             `close-code-range`, `opcode`, `version`, `header-bit`, \
                             `extension`, `reconnect-advice`, `explain`, `close-code-table`"
                        ),
                    ))
                }
            }
        }
        translation.source = Some((path.to_path_buf(), text.to_owned()));
        Ok(translation)
    }

    /// An error about the entry `[table.key]` of this file.
    fn entry_error(&self, table: &str, key: &str, message: &str) -> Error {
        let (path, text) = match &self.source {
            Some((path, text)) => (path.clone(), text.as_str()),
            None => (PathBuf::from("registry/l10n"), ""),
        };
        let header = format!("[{table}.{key}]");
        let pos = [format!("[{table}.\"{key}\"]"), header.clone()]
            .iter()
            .find_map(|header| text.find(header.as_str()))
            .map(|offset| pos_of(text, offset));
        Error {
            pos,
            ..Error::new(path, message.to_owned())
        }
        .within(header)
    }
}

impl NameNotes {
    /// A subprotocol's notes: only its Rust name (subprotocols keep IANA's names).
    fn read_rust_name(reader: &Reader<'_>, fields: &DeTable<'_>) -> Result<NameNotes> {
        Self::read_fields(reader, fields, &["rust-name"])
    }

    /// An opcode's notes: its Rust name and description (its label is IANA's text without
    /// "Frame", see `emit/opcodes.rs`).
    fn read_opcode(reader: &Reader<'_>, fields: &DeTable<'_>) -> Result<NameNotes> {
        Self::read_fields(reader, fields, &["rust-name", "description"])
    }

    /// An extension's notes: its Rust name, label and description.
    fn read_named(reader: &Reader<'_>, fields: &DeTable<'_>) -> Result<NameNotes> {
        Self::read_fields(reader, fields, &["rust-name", "label", "description"])
    }

    /// A version's or header bit's notes: label and description.
    fn read_texts(reader: &Reader<'_>, fields: &DeTable<'_>) -> Result<NameNotes> {
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

impl Reader<'_> {
    fn reconnect(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<Reconnect> {
        let text = self.string(value, key)?;
        text.parse::<Reconnect>().map_err(|_| {
            let known: Vec<String> = Reconnect::ALL
                .iter()
                .map(|kind| format!("\"{kind}\""))
                .collect();
            self.error(
                value,
                format!("`{key}` is {text:?}, expected one of {}", known.join(", ")),
            )
        })
    }

    /// The `[explain]` table: `key = "text"` lines, keys in kebab-case, each text a template
    /// whose placeholders are well-formed (see [`crate::explain_texts`]).
    fn explain_texts(&self, table: &DeTable<'_>) -> Result<ExplainTexts> {
        let mut texts = BTreeMap::new();
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            if !explain_texts::is_kebab_case(name) {
                return Err(self.error(
                    key,
                    format!(
                        "`explain.{name}`: a key is lowercase words joined by `-` \
                         (`field-label`), because it becomes a field name"
                    ),
                ));
            }
            let text = self.string(value, name)?;
            if text.trim().is_empty() {
                return Err(self.error(value, format!("`explain.{name}` is empty")));
            }
            if let Err(message) = explain_texts::placeholders(&text) {
                return Err(self.error(value, format!("`explain.{name}`: {message}")));
            }
            let pos = pos_of(self.text, key.span().start);
            texts.insert(name.to_owned(), ExplainText { value: text, pos });
        }
        Ok(ExplainTexts {
            texts,
            path: self.path.to_path_buf(),
        })
    }

    /// The `[close-code-table]` table: one text per word of [`TABLE_WORDS`].
    fn table_words(&self, table: &DeTable<'_>) -> Result<BTreeMap<String, String>> {
        self.keyed_texts(table, "close-code-table", "word", &TABLE_WORDS)
    }

    /// The `[reconnect-advice]` table: one text per kind of advice, keyed by its spelling.
    fn reconnect_advice(&self, table: &DeTable<'_>) -> Result<BTreeMap<String, String>> {
        let kinds: Vec<&str> = Reconnect::ALL.iter().map(|kind| kind.as_str()).collect();
        self.keyed_texts(table, "reconnect-advice", "advice", &kinds)
    }

    /// A table of `key = "text"` lines whose keys are `allowed` (`what` names one in errors):
    /// an unknown key or an empty text is refused where it is written.
    fn keyed_texts(
        &self,
        table: &DeTable<'_>,
        table_name: &str,
        what: &str,
        allowed: &[&str],
    ) -> Result<BTreeMap<String, String>> {
        let mut out = BTreeMap::new();
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            if !allowed.contains(&name) {
                let known: Vec<String> = allowed.iter().map(|k| format!("`{k}`")).collect();
                return Err(self.error(
                    key,
                    format!(
                        "unknown {what} `{name}` in [{table_name}], expected one of {}",
                        known.join(", ")
                    ),
                ));
            }
            let text = self.string(value, name)?;
            if text.trim().is_empty() {
                return Err(self.error(value, format!("`{name}` is empty")));
            }
            out.insert(name.to_owned(), text);
        }
        Ok(out)
    }
}
