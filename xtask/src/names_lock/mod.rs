//! `registry/names.toml`: the Rust name given to every record, kept across IANA's edits.
//!
//! Names are derived from registry text (an identifier, a description, a curated label), and
//! that text changes: IANA renamed the subprotocol `AMQPWSB10` to `amqp` (2016-05-31) and
//! `Redfish WebSocket` to `Redfish` (2023-08-14). A downstream build must not break when it
//! does, so the generator remembers, per sub-registry and per record, the name it gave:
//!
//! - a record keeps its name while the text it was derived from does not change, and also
//!   when it does but derives the same name (or the name was only numbered against a clash);
//! - a record whose text now derives a different name gets the new name, and its old one
//!   stays, as a deprecated alias of the same value, with the date and the reason;
//! - a record IANA renamed (a subprotocol or extension whose identifier changed) is
//!   recognised by what did not change: its registration date and its registrant, unique
//!   among the records that left and the records that arrived, with an `updated` date;
//! - a record IANA removed keeps its name as a deprecated item that lookups no longer
//!   return; if it comes back, it gets its name back;
//! - no name once given is ever given to another record.
//!
//! `cargo xtask regen` reads the lock, derives the names, and writes the lock back; the
//! committed lock and `generated/` are checked together by `cargo xtask check`.
//!
//! This file resolves the names; [`lock_toml`] reads and writes the lock's TOML.

use std::collections::{BTreeMap, BTreeSet};

use crate::curated::Curated;
use crate::error::{Error, Result};
use crate::model::Registry;
use crate::naming;

mod lock_toml;

/// The naming stage's column of the sub-registry table ([`crate::registries`]): the name each
/// record of one typed sub-registry asks for, and how those names look.
#[derive(Clone, Copy)]
pub struct Column {
    /// IANA's `id` attribute (`close-code-number`), under which the lock keeps the names.
    pub id: &'static str,
    /// The name each record asks for, keyed by what identifies it.
    pub requests: fn(&Registry, &Curated) -> Vec<NameRequest>,
    /// How those names look (checked when the lock is read, and for every `rust-name`).
    pub style: NameStyle,
    /// The table of `registry/curated.toml` whose entries may set `rust-name` for these
    /// records (`close-code`), if any.
    pub curated_table: Option<&'static str>,
}

/// The one check of every `rust-name` in `registry/curated.toml`: it must have the style of
/// its sub-registry's names. Every bad one is reported, not only the first.
pub fn check_rust_names(curated: &Curated, columns: &[Column]) -> Result<()> {
    let mut problems = Vec::new();
    for column in columns {
        let Some(table) = column.curated_table else {
            continue;
        };
        for (key, name) in curated.rust_names(table) {
            if !column.style.accepts(name) {
                problems.push(curated.entry_error(
                    table,
                    key,
                    format!("rust-name {name:?} is not {}", column.style.description()),
                ));
            }
        }
    }
    Error::all(problems)
}

/// One record's name request, from its sub-registry's emitter ([`crate::emit`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameRequest {
    /// What identifies the record within its sub-registry: its value (`"1000"`) or, for the
    /// name registries, its identifier (`"amqp"`).
    pub key: String,
    /// The name the record's text derives today, before clashes are numbered.
    pub candidate: String,
    /// The text `candidate` was derived from (a description, a label, an identifier, a
    /// curated `rust-name`).
    pub source: String,
    /// For the name registries, what survives IANA renaming the identifier.
    pub identity: Option<Identity>,
}

/// What identifies a registration when its identifier changes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Identity {
    /// The record's `date` (registration).
    pub registered: Option<String>,
    /// The record's `updated`, if IANA changed it since.
    pub updated: Option<String>,
    /// The record's own references (the registrant), by their `data`.
    pub registrant: Vec<String>,
}

/// An old name kept as a deprecated alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The old Rust name.
    pub name: String,
    /// The registry's `updated` date of the version in which the name changed.
    pub since: String,
    /// Why it changed, for the deprecation note.
    pub reason: String,
}

/// What the lock holds for one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedRecord {
    /// The Rust name.
    pub name: String,
    /// The text it was derived from.
    pub source: String,
    /// Kept for the name registries, to recognise a record IANA renames.
    pub identity: Option<Identity>,
    /// Old names, oldest first.
    pub aliases: Vec<Alias>,
    /// When IANA removed the record (the registry's `updated` date), if it did.
    pub removed: Option<String>,
}

/// The whole lock: per sub-registry id, per record key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NameLock {
    /// `sub-registry id -> record key -> record`.
    pub tables: BTreeMap<String, BTreeMap<String, LockedRecord>>,
}

/// The names of one sub-registry after resolution, for its emitter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResolvedTable {
    /// The records in the lock, present and removed.
    pub records: BTreeMap<String, LockedRecord>,
}

impl ResolvedTable {
    /// The Rust name of the record `key`. Every requested key has one; an unknown key (an
    /// emitter bug) gets a name that cannot compile, so it is caught at once.
    pub fn name(&self, key: &str) -> &str {
        self.records
            .get(key)
            .map_or("__unresolved_name__", |r| r.name.as_str())
    }

    /// The deprecated aliases of the record `key`.
    pub fn aliases(&self, key: &str) -> &[Alias] {
        self.records.get(key).map_or(&[], |r| &r.aliases)
    }

    /// The records IANA removed, by key: `(key, record)`.
    pub fn removed(&self) -> impl Iterator<Item = (&str, &LockedRecord)> {
        self.records
            .iter()
            .filter(|(_, r)| r.removed.is_some())
            .map(|(key, r)| (key.as_str(), r))
    }
}

/// How a name must look in a sub-registry (to refuse a hand-edited lock that would not
/// compile).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameStyle {
    /// Enum variants (`Amqp`).
    UpperCamel,
    /// Constants (`NORMAL_CLOSURE`, `V13`).
    Constant,
}

impl NameStyle {
    fn accepts(self, name: &str) -> bool {
        match self {
            NameStyle::UpperCamel => naming::is_upper_camel(name),
            NameStyle::Constant => naming::is_screaming_snake(name),
        }
    }

    /// `an UpperCamelCase identifier`, for error messages.
    fn description(self) -> &'static str {
        match self {
            NameStyle::UpperCamel => "an UpperCamelCase identifier",
            NameStyle::Constant => "a SCREAMING_SNAKE_CASE identifier",
        }
    }
}

impl NameLock {
    /// Resolves the names of one sub-registry against the lock; `registry_updated` dates any
    /// change. Pure: the lock itself is not changed.
    pub fn resolve(
        &self,
        sub_registry: &str,
        requests: &[NameRequest],
        registry_updated: &str,
    ) -> ResolvedTable {
        let mut pending = self.tables.get(sub_registry).cloned().unwrap_or_default();
        // 1. Records whose key is in the lock.
        let mut matched: Vec<Option<(String, LockedRecord)>> = requests
            .iter()
            .map(|request| {
                pending
                    .remove(&request.key)
                    .map(|record| (request.key.clone(), record))
            })
            .collect();
        // 2. Records IANA renamed: a record that arrived, matched to one that left by its
        //    registration date and registrant, when exactly one pairing fits either way.
        //    Grouped by that identity, so that a registry of any size is one pass.
        type RegistrationKey<'k> = (&'k str, &'k [String]);
        fn registration(identity: Option<&Identity>) -> Option<RegistrationKey<'_>> {
            let identity = identity?;
            Some((
                identity.registered.as_deref()?,
                identity.registrant.as_slice(),
            ))
        }
        let mut left: BTreeMap<RegistrationKey<'_>, Vec<&String>> = BTreeMap::new();
        for (key, record) in &pending {
            if record.removed.is_none() {
                if let Some(id) = registration(record.identity.as_ref()) {
                    left.entry(id).or_default().push(key);
                }
            }
        }
        let mut arrived: BTreeMap<RegistrationKey<'_>, Vec<usize>> = BTreeMap::new();
        if !left.is_empty() {
            for (i, request) in requests.iter().enumerate() {
                let renamable = request.identity.as_ref().is_some_and(is_renamable);
                if matched[i].is_none() && renamable {
                    if let Some(id) = registration(request.identity.as_ref()) {
                        arrived.entry(id).or_default().push(i);
                    }
                }
            }
        }
        let renames: Vec<(usize, String)> = arrived
            .iter()
            .filter_map(
                |(id, newcomers)| match (newcomers.as_slice(), left.get(id)?.as_slice()) {
                    ([i], [old_key]) => Some((*i, (*old_key).clone())),
                    _ => None,
                },
            )
            .collect();
        for (i, old_key) in renames {
            if let Some(record) = pending.remove(&old_key) {
                matched[i] = Some((old_key, record));
            }
        }
        // 3. Names: those kept first, so that a new name never takes one of them.
        let mut taken: BTreeSet<String> = BTreeSet::new();
        for record in matched
            .iter()
            .flatten()
            .map(|(_, r)| r)
            .chain(pending.values())
        {
            taken.insert(record.name.clone());
            taken.extend(record.aliases.iter().map(|a| a.name.clone()));
        }
        let mut out = BTreeMap::new();
        let mut fresh = Vec::new();
        for (request, matched) in requests.iter().zip(matched) {
            let Some((old_key, mut record)) = matched else {
                fresh.push(request);
                continue;
            };
            let renamed_by_iana = old_key != request.key;
            let keeps_name =
                record.source == request.source || is_numbered(&record.name, &request.candidate);
            if !keeps_name {
                let reason = if renamed_by_iana {
                    format!("IANA renamed `{old_key}` to `{}`", request.key)
                } else {
                    format!(
                        "the name was derived from `{}`, which is now `{}`",
                        record.source, request.source
                    )
                };
                let old = Alias {
                    name: record.name.clone(),
                    since: registry_updated.to_owned(),
                    reason,
                };
                if let Some(at) = record
                    .aliases
                    .iter()
                    .position(|a| a.name == request.candidate)
                {
                    // The text went back to what an old name was derived from: that name
                    // becomes the name again.
                    record.aliases.remove(at);
                    record.name = request.candidate.clone();
                } else {
                    let mut names =
                        naming::deduplicate(vec![request.candidate.clone()], &mut taken);
                    record.name = names.pop().unwrap_or_default();
                }
                record.aliases.push(old);
            }
            record.source = request.source.clone();
            record.identity = request.identity.clone();
            record.removed = None;
            out.insert(request.key.clone(), record);
        }
        for request in fresh {
            let mut names = naming::deduplicate(vec![request.candidate.clone()], &mut taken);
            out.insert(
                request.key.clone(),
                LockedRecord {
                    name: names.pop().unwrap_or_default(),
                    source: request.source.clone(),
                    identity: request.identity.clone(),
                    aliases: Vec::new(),
                    removed: None,
                },
            );
        }
        for (key, mut record) in pending {
            record
                .removed
                .get_or_insert_with(|| registry_updated.to_owned());
            out.insert(key, record);
        }
        ResolvedTable { records: out }
    }
}

/// True when IANA may have renamed the record: it has a registration date and was updated.
fn is_renamable(identity: &Identity) -> bool {
    identity.registered.is_some() && identity.updated.is_some()
}

/// True when `name` is `candidate` itself or `candidate` numbered against a clash the way
/// [`naming::deduplicate`] numbers it: `Foo2`, or `V1_2` after a digit.
fn is_numbered(name: &str, candidate: &str) -> bool {
    let Some(rest) = name.strip_prefix(candidate) else {
        return false;
    };
    if rest.is_empty() {
        return true;
    }
    let digits = if candidate.ends_with(|ch: char| ch.is_ascii_digit()) {
        match rest.strip_prefix('_') {
            Some(digits) => digits,
            None => return false,
        }
    } else {
        rest
    };
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn request(key: &str, candidate: &str, source: &str) -> NameRequest {
        NameRequest {
            key: key.to_owned(),
            candidate: candidate.to_owned(),
            source: source.to_owned(),
            identity: None,
        }
    }

    fn named(key: &str, registered: &str, updated: Option<&str>, who: &str) -> NameRequest {
        NameRequest {
            key: key.to_owned(),
            candidate: naming::variant_name(key, "Id"),
            source: key.to_owned(),
            identity: Some(Identity {
                registered: Some(registered.to_owned()),
                updated: updated.map(str::to_owned),
                registrant: vec![who.to_owned()],
            }),
        }
    }

    fn lock_of(id: &str, table: ResolvedTable) -> NameLock {
        NameLock {
            tables: BTreeMap::from([(id.to_owned(), table.records)]),
        }
    }

    #[test]
    fn an_empty_lock_gives_the_derived_names_numbered_against_clashes() {
        let table = NameLock::default().resolve(
            "x",
            &[request("1", "FOO", "Foo"), request("2", "FOO", "foo")],
            "2026-01-01",
        );
        assert_eq!(table.name("1"), "FOO");
        assert_eq!(table.name("2"), "FOO2");
        assert!(table.aliases("1").is_empty());
    }

    #[test]
    fn a_changed_source_renames_and_keeps_the_old_name_as_an_alias() {
        let first = NameLock::default().resolve("x", &[request("1", "FOO", "Foo")], "2020-01-01");
        let lock = lock_of("x", first);
        let second = lock.resolve("x", &[request("1", "BAR", "Bar")], "2021-02-03");
        assert_eq!(second.name("1"), "BAR");
        let aliases = second.aliases("1");
        assert_eq!(aliases.len(), 1);
        assert_eq!(aliases[0].name, "FOO");
        assert_eq!(aliases[0].since, "2021-02-03");
        assert!(aliases[0].reason.contains("`Foo`") && aliases[0].reason.contains("`Bar`"));
        // Going back promotes the alias, and the name it replaced becomes one.
        let third = lock_of("x", second).resolve("x", &[request("1", "FOO", "Foo")], "2022-01-01");
        assert_eq!(third.name("1"), "FOO");
        let names: Vec<&str> = third.aliases("1").iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["BAR"]);
    }

    #[test]
    fn a_reworded_source_that_derives_the_same_name_keeps_it() {
        let lock = lock_of(
            "x",
            NameLock::default().resolve(
                "x",
                &[request("1", "FOO", "Foo"), request("2", "FOO", "foo")],
                "2020-01-01",
            ),
        );
        let again = lock.resolve(
            "x",
            &[request("1", "FOO", "Foo"), request("2", "FOO", "FOO!")],
            "2021-01-01",
        );
        assert_eq!(again.name("2"), "FOO2");
        assert!(again.aliases("2").is_empty());
    }

    #[test]
    fn a_removed_record_keeps_its_name_and_gets_it_back() {
        let lock = lock_of(
            "x",
            NameLock::default().resolve("x", &[request("1", "FOO", "Foo")], "2020-01-01"),
        );
        let gone = lock.resolve("x", &[request("2", "FOO", "Foo")], "2021-01-01");
        assert_eq!(gone.records["1"].removed.as_deref(), Some("2021-01-01"));
        assert_eq!(gone.name("1"), "FOO");
        // The name is not given to the newcomer that derives it.
        assert_eq!(gone.name("2"), "FOO2");
        assert_eq!(gone.removed().count(), 1);
        let back = lock_of("x", gone).resolve(
            "x",
            &[request("1", "FOO", "Foo"), request("2", "FOO", "Foo")],
            "2022-01-01",
        );
        assert_eq!(back.name("1"), "FOO");
        assert_eq!(back.records["1"].removed, None);
        assert_eq!(back.name("2"), "FOO2");
    }

    #[test]
    fn an_identifier_iana_renamed_is_recognised_by_registration_date_and_registrant() {
        let lock = lock_of(
            "s",
            NameLock::default().resolve(
                "s",
                &[
                    named("AMQPWSB10", "2014-05-02", None, "Robin_Cover"),
                    named("mqtt", "2014-05-09", None, "Someone"),
                ],
                "2015-12-11",
            ),
        );
        let renamed = lock.resolve(
            "s",
            &[
                named("amqp", "2014-05-02", Some("2016-05-31"), "Robin_Cover"),
                named("mqtt", "2014-05-09", None, "Someone"),
            ],
            "2016-05-31",
        );
        assert_eq!(renamed.name("amqp"), "Amqp");
        assert!(!renamed.records.contains_key("AMQPWSB10"));
        let alias = &renamed.aliases("amqp")[0];
        assert_eq!(alias.name, "Amqpwsb10");
        assert_eq!(alias.reason, "IANA renamed `AMQPWSB10` to `amqp`");
    }

    #[test]
    fn an_ambiguous_or_unupdated_newcomer_is_not_taken_for_a_rename() {
        let lock = lock_of(
            "s",
            NameLock::default().resolve(
                "s",
                &[named("old", "2014-05-02", None, "A")],
                "2015-01-01",
            ),
        );
        // Not updated: a new registration that happens to share the date and registrant.
        let plain = lock.resolve("s", &[named("new", "2014-05-02", None, "A")], "2016-01-01");
        assert!(plain.records["old"].removed.is_some());
        // Two candidates for one departure: neither is taken.
        let two = lock.resolve(
            "s",
            &[
                named("new1", "2014-05-02", Some("2016-01-01"), "A"),
                named("new2", "2014-05-02", Some("2016-01-01"), "A"),
            ],
            "2016-01-01",
        );
        assert!(two.records["old"].removed.is_some());
        // A different registrant: not the same registration.
        let other = lock.resolve(
            "s",
            &[named("new", "2014-05-02", Some("2016-01-01"), "B")],
            "2016-01-01",
        );
        assert!(other.records["old"].removed.is_some());
    }

    #[test]
    fn the_lock_round_trips_through_its_toml() {
        let lock = lock_of(
            "s",
            NameLock::default().resolve(
                "s",
                &[named(
                    "a \"quoted\" \\ name",
                    "2014-05-02",
                    Some("2016-01-01"),
                    "A",
                )],
                "2016-01-01",
            ),
        );
        let mut lock = lock;
        let record = lock.tables.get_mut("s").and_then(|t| t.values_mut().next());
        let record = record.expect("one record");
        record.aliases.push(Alias {
            name: "Old".to_owned(),
            since: "2016-01-01".to_owned(),
            reason: "because\nof a \"reason\"".to_owned(),
        });
        record.removed = Some("2017-01-01".to_owned());
        let text = lock.to_toml(&["s"]);
        let styles = [("s", NameStyle::UpperCamel)];
        let parsed = NameLock::parse(Path::new("names.toml"), &text, &styles).expect(&text);
        assert_eq!(parsed, lock);
        assert_eq!(parsed.to_toml(&["s"]), text);
    }

    #[test]
    fn a_broken_lock_is_refused_at_its_line() {
        let styles = [("close-code-number", NameStyle::Constant)];
        let cases = [
            ("[nope.\"1\"]\nname = \"A\"\nsource = \"a\"\n", "unknown sub-registry `nope`", 1),
            (
                "[close-code-number.\"1\"]\nname = \"lower\"\nsource = \"a\"\n",
                "`lower` is not a valid name",
                2,
            ),
            (
                "[close-code-number.\"1\"]\nname = \"A\"\nsource = \"a\"\n\n[close-code-number.\"2\"]\nname = \"A\"\nsource = \"b\"\n",
                "given twice",
                6,
            ),
            ("[close-code-number.\"1\"]\nsource = \"a\"\n", "has no `name`", 1),
            ("[close-code-number.\"1\"]\nname = \"A\"\nsource = \"a\"\ncolour = \"red\"\n", "unknown field `colour`", 4),
            ("[close-code-number.\"1\"]\nname = 3\n", "must be a string", 2),
            ("\n[close-code-number.\"1\"\n", "invalid name lock", 2),
        ];
        for (text, expected, line) in cases {
            let err =
                NameLock::parse(Path::new("registry/names.toml"), text, &styles).expect_err(text);
            let shown = err.to_string();
            assert!(shown.contains(expected), "{shown}");
            assert!(
                shown.starts_with(&format!("registry/names.toml:{line}:")),
                "{shown}"
            );
        }
    }

    #[test]
    fn numbered_names_are_recognised() {
        assert!(is_numbered("FOO", "FOO"));
        assert!(is_numbered("FOO2", "FOO"));
        assert!(is_numbered("V1_2", "V1"));
        assert!(
            !is_numbered("V12", "V1"),
            "after a digit the number follows `_`"
        );
        assert!(!is_numbered("FOO_2", "FOO"));
        assert!(!is_numbered("FOOD", "FOO"));
        assert!(!is_numbered("FOO_", "FOO"));
        assert!(!is_numbered("BAR", "FOO"));
    }
}
