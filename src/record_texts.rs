//! The project's own labels and descriptions of opcodes, versions, header bits and extensions.
//!
//! They are written in `registry/curated.toml` (English) and `registry/l10n/` (German,
//! Japanese), generated into each type's `texts()`, and read here in each [`Language`].
//!
//! A text missing in a language falls back to English, as the close codes' texts do; IANA's
//! own text stays in the methods that quote it (`name()`, `meaning()`, `common_name()`).

use crate::{Extension, HeaderBit, Language, Opcode, Version};

impl Opcode {
    /// [`label`](Self::label) in `language` (`Text`, German `Text`, Japanese `テキスト`).
    ///
    /// ```
    /// use websocket_registry::{Language, Opcode};
    ///
    /// assert_eq!(Opcode::Ping.label_in(Language::English), Opcode::Ping.label());
    /// assert_ne!(Opcode::Close.label_in(Language::Japanese), Opcode::Close.label());
    /// ```
    pub const fn label_in(self, language: Language) -> &'static str {
        self.texts().label_in(language, self.label())
    }

    /// One line in the project's own words on what the opcode's frames are for; `None` for
    /// an opcode the project has not described yet.
    pub const fn description(self) -> Option<&'static str> {
        self.description_in(Language::English)
    }

    /// [`description`](Self::description) in `language`, falling back to English.
    pub const fn description_in(self, language: Language) -> Option<&'static str> {
        self.texts().description_in(language)
    }
}

impl Version {
    /// A short readable name for a listed version (`RFC 6455` for 13, `hybi-07 draft` for 7);
    /// `None` for a number the registry does not list or the project has not named.
    ///
    /// ```
    /// use websocket_registry::{Language, Version};
    ///
    /// assert_eq!(Version::RFC_6455.label(), Some("RFC 6455"));
    /// assert_eq!(Version::from_u8(200).label_in(Language::German), None);
    /// ```
    pub const fn label(self) -> Option<&'static str> {
        self.label_in(Language::English)
    }

    /// [`label`](Self::label) in `language`, falling back to English.
    pub const fn label_in(self, language: Language) -> Option<&'static str> {
        self.texts().label_if_any_in(language)
    }

    /// One line in the project's own words on the version: who speaks it today.
    pub const fn description(self) -> Option<&'static str> {
        self.description_in(Language::English)
    }

    /// [`description`](Self::description) in `language`, falling back to English.
    pub const fn description_in(self, language: Language) -> Option<&'static str> {
        self.texts().description_in(language)
    }
}

impl HeaderBit {
    /// A short readable name for the bit's registered meaning (`Per-message compressed` for
    /// RSV1); IANA's name (`RSV1`) where the project has none.
    pub const fn label(self) -> &'static str {
        self.label_in(Language::English)
    }

    /// [`label`](Self::label) in `language`, falling back to English.
    pub const fn label_in(self, language: Language) -> &'static str {
        self.texts().label_in(language, self.name())
    }

    /// One line in the project's own words on what the bit means, in `language` (English
    /// where there is no text in it yet). IANA's text is [`meaning`](Self::meaning).
    ///
    /// ```
    /// use websocket_registry::{HeaderBit, Language};
    ///
    /// assert!(HeaderBit::Rsv1.description_in(Language::English).is_some());
    /// ```
    pub const fn description_in(self, language: Language) -> Option<&'static str> {
        self.texts().description_in(language)
    }
}

impl Extension {
    /// A short readable name (`Per-message DEFLATE` for `permessage-deflate`); IANA's common
    /// name where the project has none.
    pub const fn label(self) -> &'static str {
        self.label_in(Language::English)
    }

    /// [`label`](Self::label) in `language`, falling back to English.
    pub const fn label_in(self, language: Language) -> &'static str {
        self.texts().label_in(language, self.common_name())
    }

    /// One line in the project's own words on what the extension does; `None` for one the
    /// project has not described yet.
    pub const fn description(self) -> Option<&'static str> {
        self.description_in(Language::English)
    }

    /// [`description`](Self::description) in `language`, falling back to English.
    pub const fn description_in(self, language: Language) -> Option<&'static str> {
        self.texts().description_in(language)
    }
}
