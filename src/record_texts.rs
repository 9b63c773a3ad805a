//! The project's own labels and descriptions of opcodes, versions, header bits and extensions.
//!
//! They are written in `registry/curated.toml` (English) and `registry/l10n/` (German,
//! Japanese), generated into each type's `texts()`, and read here in each [`Language`].
//!
//! Every record has both: a text missing in a language falls back to English, and a record
//! the project has not written about yet falls back to IANA's own text (which stays in the
//! methods that quote it: `name()`, `meaning()`, `common_name()`).

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

    /// One line in the project's own words on what the opcode's frames are for; IANA's text
    /// for an opcode the project has not described yet.
    ///
    /// ```
    /// use websocket_registry::Opcode;
    ///
    /// assert!(Opcode::Close.description().contains("closing handshake"));
    /// ```
    pub const fn description(self) -> &'static str {
        self.description_in(Language::English)
    }

    /// [`description`](Self::description) in `language`, falling back to English.
    pub const fn description_in(self, language: Language) -> &'static str {
        let iana = match self.name() {
            Some(name) => name,
            None => self.label(),
        };
        self.texts().description_or(language, iana)
    }
}

impl Version {
    /// A short readable name: `RFC 6455` for 13, `hybi-07 draft` for 7, `Other version` for a
    /// number the project has no notes on.
    ///
    /// ```
    /// use websocket_registry::{Language, Version};
    ///
    /// assert_eq!(Version::RFC_6455.label(), "RFC 6455");
    /// assert_eq!(Version::from_u8(200).label(), "Other version");
    /// assert_eq!(Version::from_u8(200).label_in(Language::German), "Andere Version");
    /// ```
    pub const fn label(self) -> &'static str {
        self.label_in(Language::English)
    }

    /// [`label`](Self::label) in `language`, falling back to English.
    pub const fn label_in(self, language: Language) -> &'static str {
        // The generator gives every version an English label (`[version.other]` for those
        // without their own); only a checkout without curated notes has none.
        self.texts().label_in(language, "")
    }

    /// One line in the project's own words on the version: who speaks it today, or for any
    /// other number what a server answers it with.
    ///
    /// ```
    /// use websocket_registry::Version;
    ///
    /// assert!(Version::from_u8(8).description().contains("draft"));
    /// assert!(Version::from_u8(200).description().contains("426"));
    /// ```
    pub const fn description(self) -> &'static str {
        self.description_in(Language::English)
    }

    /// [`description`](Self::description) in `language`, falling back to English.
    pub const fn description_in(self, language: Language) -> &'static str {
        // As for the label: every version has an English description from the curated notes.
        self.texts().description_or(language, "")
    }
}

impl HeaderBit {
    /// A short readable name for the bit's registered meaning (`Per-message compressed` for
    /// RSV1); IANA's name (`RSV1`) where the project has none.
    ///
    /// ```
    /// use websocket_registry::HeaderBit;
    ///
    /// assert_eq!(HeaderBit::Rsv1.label(), "Per-message compressed");
    /// ```
    pub const fn label(self) -> &'static str {
        self.label_in(Language::English)
    }

    /// [`label`](Self::label) in `language`, falling back to English.
    pub const fn label_in(self, language: Language) -> &'static str {
        self.texts().label_in(language, self.as_str())
    }

    /// One line in the project's own words on what the bit means; IANA's text
    /// ([`meaning`](Self::meaning)) where the project has none.
    ///
    /// ```
    /// use websocket_registry::{HeaderBit, Language};
    ///
    /// assert!(HeaderBit::Rsv1.description().contains("permessage-deflate"));
    /// assert_ne!(HeaderBit::Rsv1.description_in(Language::German), HeaderBit::Rsv1.description());
    /// ```
    pub const fn description(self) -> &'static str {
        self.description_in(Language::English)
    }

    /// [`description`](Self::description) in `language`, falling back to English.
    pub const fn description_in(self, language: Language) -> &'static str {
        self.texts().description_or(language, self.meaning())
    }
}

impl Extension {
    /// A short readable name (`Per-message DEFLATE` for `permessage-deflate`); IANA's common
    /// name where the project has none.
    ///
    /// ```
    /// use websocket_registry::Extension;
    ///
    /// assert_eq!(Extension::PermessageDeflate.label(), "Per-message DEFLATE");
    /// ```
    pub const fn label(self) -> &'static str {
        self.label_in(Language::English)
    }

    /// [`label`](Self::label) in `language`, falling back to English.
    pub const fn label_in(self, language: Language) -> &'static str {
        self.texts().label_in(language, self.common_name())
    }

    /// One line in the project's own words on what the extension does; IANA's common name
    /// for one the project has not described yet.
    ///
    /// ```
    /// use websocket_registry::Extension;
    ///
    /// assert!(Extension::PermessageDeflate.description().contains("DEFLATE"));
    /// ```
    pub const fn description(self) -> &'static str {
        self.description_in(Language::English)
    }

    /// [`description`](Self::description) in `language`, falling back to English.
    pub const fn description_in(self, language: Language) -> &'static str {
        self.texts().description_or(language, self.common_name())
    }
}
