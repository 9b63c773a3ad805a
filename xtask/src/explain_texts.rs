//! The rules of the `[explain]` tables: the words of `cargo xtask explain`.
//!
//! The words of `cargo xtask explain`: the `[explain]` table of `registry/curated.toml`
//! (English, which names every text the tool has) and of each `registry/l10n/*.toml` file
//! (the same texts in that language).
//!
//! A text is a template: `{name}` stands for a value the tool fills in (`Close code {code}`).
//! A translation must use exactly the placeholders of the English text, and may only
//! translate texts English has; a text it lacks is shown in English, and `cargo xtask check`
//! lists it. The emitter (`emit/explain_texts.rs`) turns the keys into the fields of one
//! struct, so the tool cannot ask for a text that does not exist. The table is read with the
//! other curated TOML, by `curated::Reader::explain_texts`, which applies the rules here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::error::{Error, Pos, Result};

/// One `[explain]` table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExplainTexts {
    /// The texts by key (`field-label`), in key order.
    pub texts: BTreeMap<String, ExplainText>,
    /// The file the table was read from, for error messages.
    pub path: PathBuf,
}

/// One text and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplainText {
    /// The template.
    pub value: String,
    /// The position of its key.
    pub pos: Pos,
}

impl ExplainTexts {
    /// Checks a translation's table against this (English) one: every key must be one
    /// English has, with the same placeholders.
    pub fn check_translation(&self, translation: &ExplainTexts) -> Result<()> {
        for (key, text) in &translation.texts {
            let error = |message: String| Error {
                pos: Some(text.pos),
                ..Error::new(&translation.path, message)
            };
            let Some(english) = self.texts.get(key) else {
                return Err(error(format!(
                    "`explain.{key}` is not a text of `cargo xtask explain`: \
                     registry/curated.toml's [explain] table has no such key"
                )));
            };
            // Both were checked when read.
            let ours = placeholders(&text.value).unwrap_or_default();
            let theirs = placeholders(&english.value).unwrap_or_default();
            if ours != theirs {
                return Err(error(format!(
                    "`explain.{key}` has the placeholders {} but the English text has {}",
                    list(&ours),
                    list(&theirs)
                )));
            }
        }
        Ok(())
    }

    /// The English keys this translation lacks.
    pub fn missing_in(&self, translation: &ExplainTexts) -> Vec<String> {
        self.texts
            .keys()
            .filter(|key| !translation.texts.contains_key(*key))
            .cloned()
            .collect()
    }
}

fn list(names: &BTreeSet<String>) -> String {
    if names.is_empty() {
        return "none".to_owned();
    }
    names
        .iter()
        .map(|name| format!("{{{name}}}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// True for a key of the `[explain]` table: lowercase words joined by `-`.
pub(crate) fn is_kebab_case(key: &str) -> bool {
    !key.is_empty()
        && key.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        && key.as_bytes()[0].is_ascii_lowercase()
}

/// The `{name}` placeholders of a template. A `{` or `}` that is not part of one is an error:
/// the tool could not tell a brace from a placeholder.
pub fn placeholders(text: &str) -> std::result::Result<BTreeSet<String>, String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest.as_bytes()[open] == b'}' {
            return Err(format!("a `}}` without its `{{` in {text:?}"));
        }
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("a `{{` without its `}}` in {text:?}"))?;
        let name = &after[..close];
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
            return Err(format!(
                "`{{{name}}}` is not a placeholder (lowercase letters and `-` between braces)"
            ));
        }
        names.insert(name.to_owned());
        rest = &after[close + 1..];
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_names_in_braces() {
        assert_eq!(
            placeholders("Close code {code}, {engine}").unwrap(),
            ["code", "engine"].iter().map(|s| s.to_string()).collect()
        );
        assert!(placeholders("plain").unwrap().is_empty());
        assert!(placeholders("a { b").is_err());
        assert!(placeholders("a } b").is_err());
        assert!(placeholders("{Code}").is_err());
        assert!(placeholders("{}").is_err());
    }

    #[test]
    fn keys_are_kebab_case() {
        assert!(is_kebab_case("field-label"));
        assert!(is_kebab_case("wire-yes2"));
        assert!(!is_kebab_case("Field"));
        assert!(!is_kebab_case("field_label"));
        assert!(!is_kebab_case("-x"));
        assert!(!is_kebab_case("x--y"));
        assert!(!is_kebab_case("2x"));
    }
}
