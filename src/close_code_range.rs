//! What the registry and the project say about each range of close codes.
//!
//! Its description, the reconnect advice for a code of it without its own, and the
//! registration rule. The bounds themselves, and the rules that follow from them, are
//! `close_code_rules.rs`'s.

use crate::close_code_rules::CloseCodeRange;
use crate::close_codes;
use crate::language::{texts_in, Texts};
use crate::{Language, Reconnect};

impl CloseCodeRange {
    /// What the range is for: one line in the project's words (`4000-4999: for
    /// applications' private use, never registered.`).
    ///
    /// ```
    /// use websocket_registry::CloseCodeRange;
    ///
    /// assert!(CloseCodeRange::PrivateUse.description().starts_with("4000-4999"));
    /// ```
    pub const fn description(self) -> &'static str {
        self.description_in(Language::English)
    }

    /// What the range is for, in `language`: one line in the project's words (English when
    /// there is no text in it yet).
    ///
    /// ```
    /// use websocket_registry::{CloseCodeRange, Language};
    ///
    /// assert!(CloseCodeRange::PrivateUse.description_in(Language::English).starts_with("4000-4999"));
    /// assert!(CloseCodeRange::PrivateUse.description_in(Language::Japanese).starts_with("4000〜4999"));
    /// ```
    pub const fn description_in(self, language: Language) -> &'static str {
        let notes = close_codes::range_notes(self);
        match (texts_in(notes.texts, language), notes.description) {
            (
                Some(Texts {
                    description: Some(description),
                    ..
                }),
                _,
            ) => description,
            (_, Some(description)) => description,
            (_, None) => self.short_name(),
        }
    }

    /// What a client should do after receiving a code of this range that has no advice of its
    /// own (see [`CloseCode::reconnect`](crate::CloseCode::reconnect)).
    pub const fn reconnect(self) -> Reconnect {
        match close_codes::range_notes(self).reconnect {
            Some(reconnect) => reconnect,
            None => match self {
                CloseCodeRange::Registered | CloseCodeRange::PrivateUse => {
                    Reconnect::ApplicationDefined
                }
                _ => Reconnect::No,
            },
        }
    }

    /// One line on why [`reconnect`](Self::reconnect) says what it says, in `language`.
    pub const fn reconnect_reason_in(self, language: Language) -> &'static str {
        let notes = close_codes::range_notes(self);
        match (texts_in(notes.texts, language), notes.reconnect_why) {
            (
                Some(Texts {
                    reconnect_why: Some(why),
                    ..
                }),
                _,
            ) => why,
            (_, Some(why)) => why,
            (_, None) => match self.reconnect() {
                Reconnect::ApplicationDefined => "The application that uses the code decides.",
                _ => "A peer that sends such a code is broken.",
            },
        }
    }

    /// The registration rule the registry states for the range, verbatim, if it states one
    /// (it does for 1000-2999 and 3000-3999).
    pub const fn registration_rule(self) -> Option<&'static str> {
        let rules = close_codes::REGISTRATION_RULES;
        let mut i = 0;
        while i < rules.len() {
            if rules[i].first() == self.first() && rules[i].last() == self.last() {
                return rules[i].name();
            }
            i += 1;
        }
        None
    }
}
