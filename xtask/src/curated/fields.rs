//! The TOML readers the curated file and the language files share.
//!
//! Reconnect advice, the `[explain]` texts, keyed word tables, and the "unknown field"
//! message.

use std::collections::BTreeMap;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::{Reconnect, TABLE_WORDS};
use crate::error::Result;
use crate::explain_texts::{self, ExplainText, ExplainTexts};
use crate::toml_reader::{pos_of, Reader};

/// `unknown field `x`, expected one of `a`, `b``.
pub(super) fn unknown_field(name: &str, allowed: &[&str]) -> String {
    let expected: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
    match expected.as_slice() {
        [one] => format!("unknown field `{name}`, expected {one}"),
        _ => format!(
            "unknown field `{name}`, expected one of {}",
            expected.join(", ")
        ),
    }
}

impl Reader<'_> {
    pub(super) fn reconnect(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<Reconnect> {
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
    pub(super) fn explain_texts(&self, table: &DeTable<'_>) -> Result<ExplainTexts> {
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
    pub(super) fn table_words(&self, table: &DeTable<'_>) -> Result<BTreeMap<String, String>> {
        self.keyed_texts(table, "close-code-table", "word", &TABLE_WORDS)
    }

    /// The `[reconnect-advice]` table: one text per kind of advice, keyed by its spelling.
    pub(super) fn reconnect_advice(&self, table: &DeTable<'_>) -> Result<BTreeMap<String, String>> {
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
