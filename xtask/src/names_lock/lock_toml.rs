//! `registry/names.toml` as text: reading the lock and writing it back.
//!
//! Errors give their line and column; the lock is written in a fixed order.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::{Alias, Identity, LockedRecord, NameLock, NameStyle};
use crate::error::{Error, Result};
use crate::toml_reader::{pos_of, Reader};

impl NameLock {
    /// Parses the lock's TOML `text` (`path` names it in errors). Every refusal gives the
    /// line and column; names that are not identifiers of their sub-registry's style, a name
    /// given twice, and unknown sub-registries or fields are refused.
    pub fn parse(path: &Path, text: &str, styles: &[(&str, NameStyle)]) -> Result<NameLock> {
        let document = DeTable::parse(text).map_err(|err| Error {
            pos: err.span().map(|span| pos_of(text, span.start)),
            ..Error::new(path, format!("invalid name lock: {}", err.message()))
        })?;
        let reader = Reader { path, text };
        let mut lock = NameLock::default();
        for (id, value) in document.get_ref().iter() {
            let Some(&(_, style)) = styles.iter().find(|(known, _)| *known == id.get_ref()) else {
                let known: Vec<&str> = styles.iter().map(|(id, _)| *id).collect();
                return Err(reader.error(
                    id,
                    format!(
                        "unknown sub-registry `{}`, expected one of {}",
                        id.get_ref(),
                        known.join(", ")
                    ),
                ));
            };
            let mut names_given = BTreeSet::new();
            let mut table = BTreeMap::new();
            for (key, entry) in reader.table(value, id.get_ref())?.iter() {
                let (record, names) = read_record(&reader, entry, key.get_ref())?;
                for (name, offset) in names {
                    let at = |message: String| Error {
                        pos: Some(pos_of(text, offset)),
                        ..Error::new(path, message)
                    };
                    if !style.accepts(&name) {
                        return Err(at(format!(
                            "`{name}` is not a valid name for `{}`",
                            id.get_ref()
                        )));
                    }
                    if !names_given.insert(name.clone()) {
                        return Err(at(format!(
                            "the name `{name}` is given twice in `{}`",
                            id.get_ref()
                        )));
                    }
                }
                table.insert(key.get_ref().to_string(), record);
            }
            lock.tables.insert(id.get_ref().to_string(), table);
        }
        Ok(lock)
    }

    /// The lock as TOML, deterministic: sub-registries in `order`, records by key.
    pub fn to_toml(&self, order: &[&str]) -> String {
        let mut out = String::from(HEADER);
        for id in order {
            let Some(table) = self.tables.get(*id) else {
                continue;
            };
            for (key, record) in table {
                let _ = writeln!(out, "\n[{}.{}]", id, quoted(key));
                let _ = writeln!(out, "name = {}", quoted(&record.name));
                let _ = writeln!(out, "source = {}", quoted(&record.source));
                if let Some(identity) = &record.identity {
                    if let Some(date) = &identity.registered {
                        let _ = writeln!(out, "registered = {}", quoted(date));
                    }
                    if let Some(date) = &identity.updated {
                        let _ = writeln!(out, "updated = {}", quoted(date));
                    }
                    let registrant: Vec<String> =
                        identity.registrant.iter().map(|r| quoted(r)).collect();
                    let _ = writeln!(out, "registrant = [{}]", registrant.join(", "));
                }
                if let Some(date) = &record.removed {
                    let _ = writeln!(out, "removed = {}", quoted(date));
                }
                if !record.aliases.is_empty() {
                    out.push_str("aliases = [\n");
                    for alias in &record.aliases {
                        let _ = writeln!(
                            out,
                            "    {{ name = {}, since = {}, reason = {} }},",
                            quoted(&alias.name),
                            quoted(&alias.since),
                            quoted(&alias.reason)
                        );
                    }
                    out.push_str("]\n");
                }
            }
        }
        out
    }
}

const HEADER: &str = "\
# The Rust name given to every record of IANA's WebSocket registry, so that names survive
# IANA's edits (see xtask/src/names_lock/ and MAINTAINING.md's \"Names that survive
# IANA's edits\"). Written by `cargo xtask regen`; commit it together with generated/.
#
# A record keeps its name. When the text it is derived from (`source`) changes its name, or
# IANA renames the record, the old name stays as a deprecated alias. A record IANA removes
# stays as a deprecated item (`removed`). To rename a record on purpose, give it a
# `rust-name` in registry/curated.toml: the old name then becomes an alias too.
";

/// A TOML basic string (the JSON writer's escapes are TOML's too).
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    crate::json::write_string(&mut out, text);
    out
}

// The lock's own parts of the TOML tree (records and aliases), read with the curated files'
// [`Reader`], which gives every refusal its line and column.

/// The record, with every name it gives (its own and its aliases') and where each is.
fn read_record(
    reader: &Reader<'_>,
    value: &Spanned<DeValue<'_>>,
    key: &str,
) -> Result<(LockedRecord, Vec<(String, usize)>)> {
    let fields = reader.table(value, key)?;
    let mut names = Vec::new();
    let mut name = None;
    let mut source = None;
    let mut identity: Option<Identity> = None;
    let mut aliases = Vec::new();
    let mut removed = None;
    for (field, value) in fields.iter() {
        let field_name = field.get_ref().as_ref();
        match field_name {
            "name" => {
                let text = reader.string(value, field_name)?;
                names.push((text.clone(), value.span().start));
                name = Some(text);
            }
            "source" => source = Some(reader.string(value, field_name)?),
            "registered" => {
                identity.get_or_insert_with(Identity::default).registered =
                    Some(reader.string(value, field_name)?)
            }
            "updated" => {
                identity.get_or_insert_with(Identity::default).updated =
                    Some(reader.string(value, field_name)?)
            }
            "registrant" => {
                let mut registrant = Vec::new();
                for item in reader.array(value, field_name)? {
                    registrant.push(reader.string(item, field_name)?);
                }
                identity.get_or_insert_with(Identity::default).registrant = registrant;
            }
            "removed" => removed = Some(reader.string(value, field_name)?),
            "aliases" => {
                for item in reader.array(value, field_name)? {
                    let alias = read_alias(reader, item)?;
                    names.push((alias.name.clone(), item.span().start));
                    aliases.push(alias);
                }
            }
            other => {
                return Err(reader.error(
                    field,
                    format!(
                        "unknown field `{other}`, expected `name`, `source`, `registered`, \
                         `updated`, `registrant`, `removed` or `aliases`"
                    ),
                ))
            }
        }
    }
    let missing = |what: &str| reader.error(value, format!("`{key}` has no `{what}`"));
    let record = LockedRecord {
        name: name.ok_or_else(|| missing("name"))?,
        source: source.ok_or_else(|| missing("source"))?,
        identity,
        aliases,
        removed,
    };
    Ok((record, names))
}

fn read_alias(reader: &Reader<'_>, value: &Spanned<DeValue<'_>>) -> Result<Alias> {
    let fields = reader.table(value, "aliases")?;
    let get = |wanted: &str| -> Result<String> {
        match fields.get(wanted) {
            Some(value) => reader.string(value, wanted),
            None => Err(reader.error(value, format!("an alias has no `{wanted}`"))),
        }
    };
    let alias = Alias {
        name: get("name")?,
        since: get("since")?,
        reason: get("reason")?,
    };
    if let Some((field, _)) = fields
        .iter()
        .find(|(field, _)| !["name", "since", "reason"].contains(&field.get_ref().as_ref()))
    {
        return Err(reader.error(
            field,
            format!(
                "unknown alias field `{}`, expected `name`, `since` or `reason`",
                field.get_ref()
            ),
        ));
    }
    Ok(alias)
}
