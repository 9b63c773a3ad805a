//! Texts for people in several languages, and the reconnect advice they explain.
//!
//! The texts are the project's own (`registry/curated.toml` in English, `registry/l10n/` in
//! German and Japanese), generated into the close-code tables; a code or range with no text in
//! a language shows the English one.

use core::fmt;
use core::str::FromStr;

/// A language the crate has texts in.
///
/// ```
/// use websocket_registry::{CloseCode, Language};
///
/// let german: Language = "de".parse()?;
/// assert_eq!(german, Language::German);
/// assert_eq!((german.as_str(), german.label()), ("de", "Deutsch"));
/// assert_eq!(CloseCode::TRY_AGAIN_LATER.label_in(german), "Später erneut versuchen");
/// # Ok::<(), websocket_registry::UnknownName>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Language {
    /// English: the curated texts themselves.
    English,
    /// German (Deutsch).
    German,
    /// Japanese (日本語).
    Japanese,
}

impl Language {
    /// Every language, English first.
    pub const ALL: &'static [Language] = &[Language::English, Language::German, Language::Japanese];

    /// The ISO 639-1 code: `en`, `de`, `ja`, as `FromStr` reads it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::German => "de",
            Language::Japanese => "ja",
        }
    }

    /// The language for an ISO 639-1 code (`de`), exactly; `None` for any other text.
    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL
            .iter()
            .copied()
            .find(|language| language.as_str() == code)
    }

    /// The language's name in itself: `English`, `Deutsch`, `日本語`.
    pub const fn label(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::German => "Deutsch",
            Language::Japanese => "日本語",
        }
    }
}

/// The ISO 639-1 code, exactly (`de`), as [`Language::from_code`] reads it: `"ja".parse()`
/// is `Ok(Language::Japanese)`, `"DE".parse()` an error.
impl FromStr for Language {
    type Err = UnknownName;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Language::from_code(text).ok_or(UnknownName::new("language code", "en, de or ja"))
    }
}

/// `en`, `de`, `ja`.
impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a client should do after the server closed the connection with a given code
/// (`CloseCode::reconnect`).
///
/// ```
/// use websocket_registry::{CloseCode, Language, Reconnect};
///
/// let advice = CloseCode::SERVICE_RESTART.reconnect();
/// assert_eq!(advice, Reconnect::AfterDelay);
/// assert!(advice.allows_reconnect());
/// assert_eq!(advice.as_str(), "after-delay");
/// assert_eq!(advice.description(), "reconnect after a delay");
/// assert_eq!(Reconnect::No.description_in(Language::Japanese), "再接続しない");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Reconnect {
    /// Do not reconnect: the same attempt would fail the same way, or the work is done.
    No,
    /// Reconnect once, after a delay (randomised, so that clients do not all return at once).
    AfterDelay,
    /// Reconnect with exponential backoff: the cause is transient but may last.
    WithBackoff,
    /// The application that defines the code decides (3000-4999 without a registered meaning).
    ApplicationDefined,
}

impl Reconnect {
    /// Every kind of advice.
    pub const ALL: &'static [Reconnect] = &[
        Reconnect::No,
        Reconnect::AfterDelay,
        Reconnect::WithBackoff,
        Reconnect::ApplicationDefined,
    ];

    /// A stable spelling for configuration and logs: `no`, `after-delay`, `with-backoff`,
    /// `application-defined`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Reconnect::No => "no",
            Reconnect::AfterDelay => "after-delay",
            Reconnect::WithBackoff => "with-backoff",
            Reconnect::ApplicationDefined => "application-defined",
        }
    }

    /// True when a client may reconnect on its own (after a delay or with backoff).
    pub const fn allows_reconnect(self) -> bool {
        matches!(self, Reconnect::AfterDelay | Reconnect::WithBackoff)
    }
}

/// The spelling [`Reconnect::as_str`] gives, exactly: `"with-backoff".parse()` is
/// `Ok(Reconnect::WithBackoff)`, `"later".parse()` an error.
impl FromStr for Reconnect {
    type Err = UnknownName;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Reconnect::ALL
            .iter()
            .copied()
            .find(|kind| kind.as_str() == text)
            .ok_or(UnknownName::new(
                "reconnect advice",
                "no, after-delay, with-backoff or application-defined",
            ))
    }
}

/// A text that is none of the spellings a type's `FromStr` reads (the crate's own names:
/// `Language` codes, `Reconnect` advice and `VersionStatus`; registry identifiers have
/// [`UnregisteredName`](crate::UnregisteredName)). Its `Display` says what was being parsed
/// and which spellings parse.
///
/// ```
/// use websocket_registry::Language;
///
/// let error = "DE".parse::<Language>().unwrap_err();
/// assert_eq!(error.to_string(), "not a language code: expected en, de or ja (exactly)");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct UnknownName {
    kind: &'static str,
    expected: &'static str,
}

impl UnknownName {
    /// The error of a `FromStr` for `kind` (`language code`), which reads `expected`.
    pub(crate) const fn new(kind: &'static str, expected: &'static str) -> UnknownName {
        UnknownName { kind, expected }
    }
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not a {}: expected {} (exactly)",
            self.kind, self.expected
        )
    }
}

/// `no`, `after-delay`, `with-backoff`, `application-defined`.
impl fmt::Display for Reconnect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The texts of one record or range in one language other than English (generated).
#[derive(Debug)]
pub(crate) struct Texts {
    pub(crate) language: Language,
    pub(crate) label: Option<&'static str>,
    pub(crate) description: Option<&'static str>,
    pub(crate) reconnect_why: Option<&'static str>,
    /// Why a close code (or the codes of a range) may not be sent in a Close frame.
    pub(crate) not_on_wire: Option<&'static str>,
}

/// The `language` texts among `texts`, if there are any.
pub(crate) const fn texts_in(
    texts: &'static [Texts],
    language: Language,
) -> Option<&'static Texts> {
    let mut i = 0;
    while i < texts.len() {
        if texts[i].language as u8 == language as u8 {
            return Some(&texts[i]);
        }
        i += 1;
    }
    None
}

/// What the project says about a range of close codes (generated).
#[derive(Debug)]
pub(crate) struct RangeNotes {
    /// The label of a code of the range that has no entry of its own (`Unassigned`).
    pub(crate) label: Option<&'static str>,
    pub(crate) description: Option<&'static str>,
    pub(crate) reconnect: Option<Reconnect>,
    pub(crate) reconnect_why: Option<&'static str>,
    /// Why the range's codes may not be sent in a Close frame (`None` for 3000-4999).
    pub(crate) not_on_wire: Option<&'static str>,
    pub(crate) texts: &'static [Texts],
}

/// The project's own label and description of an opcode, version, header bit or extension,
/// in English and in the other languages (generated from `registry/curated.toml` and
/// `registry/l10n/`).
#[derive(Debug)]
pub(crate) struct RecordTexts {
    pub(crate) label: Option<&'static str>,
    pub(crate) description: Option<&'static str>,
    pub(crate) texts: &'static [Texts],
}

impl RecordTexts {
    /// A record the project has written nothing about.
    pub(crate) const NONE: RecordTexts = RecordTexts {
        label: None,
        description: None,
        texts: &[],
    };

    /// The label in `language`, else the English one, else `fallback` (IANA's name).
    pub(crate) const fn label_in(
        &self,
        language: Language,
        fallback: &'static str,
    ) -> &'static str {
        match self.label_if_any_in(language) {
            Some(label) => label,
            None => fallback,
        }
    }

    /// The label in `language`, else the English one; `None` when there is neither.
    pub(crate) const fn label_if_any_in(&self, language: Language) -> Option<&'static str> {
        match texts_in(self.texts, language) {
            Some(Texts {
                label: Some(label), ..
            }) => Some(label),
            _ => self.label,
        }
    }

    /// The description in `language`, else the English one, else `fallback`.
    pub(crate) const fn description_or(
        &self,
        language: Language,
        fallback: &'static str,
    ) -> &'static str {
        match self.description_in(language) {
            Some(description) => description,
            None => fallback,
        }
    }

    /// The description in `language`, else the English one; `None` when there is neither.
    pub(crate) const fn description_in(&self, language: Language) -> Option<&'static str> {
        match texts_in(self.texts, language) {
            Some(Texts {
                description: Some(description),
                ..
            }) => Some(description),
            _ => self.description,
        }
    }
}
