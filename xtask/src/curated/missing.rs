//! The missing-translation report: what each language file lacks that English gives.

use super::{Curated, Reconnect, TranslatedTexts, TABLE_WORDS};
use crate::close_code_rules::CloseCodeRange;
use crate::model::Registry;

impl Curated {
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
}
