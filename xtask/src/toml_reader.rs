//! Reading the project's own TOML files with errors that point at the key or value.
//!
//! The curated notes, their translations and the name lock are all read from toml's spanned
//! tree through one [`Reader`], so that every refusal names the file, line and column.

use std::collections::BTreeMap;
use std::path::Path;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::error::{Error, Pos, Result};

/// Reads the spanned TOML tree of one of the project's files (the curated notes, their
/// translations, the name lock), turning each refusal into an [`Error`] positioned at the key
/// or value it is about.
pub(crate) struct Reader<'a> {
    /// The file, as errors name it.
    pub(crate) path: &'a Path,
    /// Its text, to turn byte offsets into lines and columns.
    pub(crate) text: &'a str,
}

impl Reader<'_> {
    pub(crate) fn error<T>(&self, at: &Spanned<T>, message: String) -> Error {
        Error {
            pos: Some(pos_of(self.text, at.span().start)),
            ..Error::new(self.path, message)
        }
    }

    pub(crate) fn table<'v, 'i>(
        &self,
        value: &'v Spanned<DeValue<'i>>,
        key: &str,
    ) -> Result<&'v DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(table) => Ok(table),
            other => Err(self.error(
                value,
                format!("`{key}` must be a table, found {}", type_name(other)),
            )),
        }
    }

    pub(crate) fn array<'v, 'i>(
        &self,
        value: &'v Spanned<DeValue<'i>>,
        key: &str,
    ) -> Result<&'v [Spanned<DeValue<'i>>]> {
        match value.get_ref() {
            DeValue::Array(items) => Ok(items.as_ref()),
            other => Err(self.error(
                value,
                format!("`{key}` must be an array, found {}", type_name(other)),
            )),
        }
    }

    pub(crate) fn string(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<String> {
        match value.get_ref() {
            DeValue::String(text) => Ok(text.to_string()),
            other => Err(self.error(
                value,
                format!("`{key}` must be a string, found {}", type_name(other)),
            )),
        }
    }

    pub(crate) fn boolean(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<bool> {
        match value.get_ref() {
            DeValue::Boolean(flag) => Ok(*flag),
            other => Err(self.error(
                value,
                format!("`{key}` must be true or false, found {}", type_name(other)),
            )),
        }
    }

    /// One entry per sub-table (`[close-code.1000]`, `[subprotocol."mqtt"]`), each read by
    /// `read`. TOML itself refuses a key defined twice.
    pub(crate) fn entries<T>(
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

pub(crate) fn type_name(value: &DeValue<'_>) -> &'static str {
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

pub(crate) fn pos_of(text: &str, offset: usize) -> Pos {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Pos {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
    }
}
