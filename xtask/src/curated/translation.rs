//! One language file of `registry/l10n/` (`de.toml`): the curated texts in another language.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use toml::de::DeTable;

use super::fields::unknown_field;
use super::Language;
use crate::error::{Error, Result};
use crate::explain_texts::ExplainTexts;
use crate::toml_reader::{pos_of, Reader};

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

impl TranslatedTexts {
    /// A close code's or range's texts.
    pub(super) fn read(reader: &Reader<'_>, fields: &DeTable<'_>) -> Result<TranslatedTexts> {
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
    pub(super) fn read_record(
        reader: &Reader<'_>,
        fields: &DeTable<'_>,
    ) -> Result<TranslatedTexts> {
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
    pub(super) fn entry_error(&self, table: &str, key: &str, message: &str) -> Error {
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
