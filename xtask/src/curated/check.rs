//! Checks every curated and translated entry against the registry.
//!
//! A stale entry is an error that names its file and line, and every problem is reported
//! in one run.

use super::{range_of_key, Curated, OTHER_VERSION};
use crate::close_code_rules::CloseCodeRange;
use crate::error::{Error, Result};
use crate::model::{Registry, Value};

impl Curated {
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
