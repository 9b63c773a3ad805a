//! `CloseCode` and the rules that decide where a close code may be used.
//!
//! The registry's data (which codes are assigned, their names, which ones RFC 6455 keeps off
//! the wire) comes from `generated/close_codes.rs`; this file holds only the rules:
//! RFC 6455 section 7.4.2's ranges, the wire rule, and the WHATWG `close()` rule.

use core::fmt;
use core::str::FromStr;

use crate::close_code_rules as rules;
pub use crate::close_code_rules::CloseCodeRange;
use crate::close_codes::{self, Entry};
use crate::language::{texts_in, Texts};
use crate::Reference;
use crate::{Language, Reconnect};

/// A WebSocket close code: the 16-bit status code of a Close frame (RFC 6455 section 7.4).
///
/// A transparent newtype over the wire value: every `u16` is a `CloseCode`, and each has
/// exactly one representation, so conversion never fails and never loses anything. Whether a
/// code is assigned, and where it may be used, are questions for the methods:
/// [`is_registered`](Self::is_registered), [`is_valid_on_wire`](Self::is_valid_on_wire),
/// [`is_valid_for_close_method`](Self::is_valid_for_close_method) and
/// [`range`](Self::range). The constants (`CloseCode::NORMAL_CLOSURE`, ...) are generated from
/// the registry.
///
/// ```
/// use websocket_registry::{CloseCode, CloseCodeRange};
///
/// let code: CloseCode = "1013".parse()?;
/// assert_eq!(code, CloseCode::TRY_AGAIN_LATER);
/// assert_eq!(code, 1013); // compares with the number both ways
/// assert!(code.is_valid_on_wire() && code.is_registered());
/// assert_eq!(code.label(), "Try Again Later");
/// assert_eq!(CloseCode::from_u16(4001).range(), CloseCodeRange::PrivateUse);
/// assert!(!CloseCode::from_u16(1005).is_valid_on_wire()); // reported, never sent
/// # Ok::<(), websocket_registry::ParseCloseCodeError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(transparent)]
pub struct CloseCode(pub(crate) u16);

impl CloseCode {
    /// The close code with wire value `code`.
    pub const fn from_u16(code: u16) -> CloseCode {
        CloseCode(code)
    }

    /// The wire value.
    pub const fn as_u16(self) -> u16 {
        self.0
    }

    /// The RFC 6455 section 7.4.2 range the code falls in.
    pub const fn range(self) -> CloseCodeRange {
        CloseCodeRange::of(self.0)
    }

    /// True when the registry has a record that assigns exactly this code (range rows such as
    /// "Unassigned" do not count). 1004-1006 and 1015 are registered even though they may
    /// never be sent.
    pub const fn is_registered(self) -> bool {
        close_codes::entry(self.0).is_some()
    }

    /// True when the code may appear in a Close frame, sent or received (RFC 6455 section 7.4).
    ///
    /// That is: a code the registry assigns in 1000-2999, except those RFC 6455 keeps for
    /// local use only (1004, 1005, 1006 and 1015); or any code in 3000-4999 (registered and
    /// private-use codes need no registration to be used). Everything else, including
    /// unassigned codes in 1000-2999 and all codes below 1000 or above 4999, is invalid: an
    /// endpoint that receives one should fail the connection with 1002.
    ///
    /// The set of assigned codes is generated from IANA's registry, so a code that IANA
    /// assigns later becomes valid in the crate release that follows. Peers that type the
    /// table by hand can lag behind: a tokio-tungstenite 0.30 client hands a received 1014
    /// to its application as 1002, and WebKitGTK and Deno fail the connection on it (see
    /// `CloseCode::BAD_GATEWAY` for what to send instead).
    ///
    /// ```
    /// use websocket_registry::CloseCode;
    ///
    /// assert!(CloseCode::BAD_GATEWAY.is_valid_on_wire());
    /// assert!(CloseCode::from_u16(4001).is_valid_on_wire()); // private use
    /// assert!(!CloseCode::from_u16(1005).is_valid_on_wire()); // reported, never sent
    /// assert!(!CloseCode::from_u16(1016).is_valid_on_wire()); // unassigned
    /// ```
    #[inline]
    pub const fn is_valid_on_wire(self) -> bool {
        rules::is_valid_on_wire(self.0, close_codes::is_sendable_protocol_code(self.0))
    }

    /// True when the WHATWG WebSocket `close(code)` method accepts the code: 1000, or
    /// 3000-4999. For any other code the standard has it throw `InvalidAccessError` before
    /// sending anything, even for codes that are valid on the wire such as 1001 or 1011.
    /// Five of the six engines the crate has measured do exactly this; Bun also accepts
    /// 1001-1003 and 1007-1014
    /// ([`ClientEngine::close_method_accepts`](crate::ClientEngine::close_method_accepts)).
    pub const fn is_valid_for_close_method(self) -> bool {
        rules::is_valid_for_close_method(self.0)
    }

    /// Why RFC 6455 forbids this code in a Close frame, in the project's words: `Some` for
    /// every code that is not [valid on the wire](Self::is_valid_on_wire) (1004-1006 and 1015
    /// with their own reasons; unassigned protocol codes, codes below 1000 and above 4999
    /// with their range's), `None` for every code that is.
    pub const fn not_on_wire_reason(self) -> Option<&'static str> {
        self.not_on_wire_reason_in(Language::English)
    }

    /// [`not_on_wire_reason`](Self::not_on_wire_reason) in `language` (English where there is
    /// no text in it yet).
    ///
    /// ```
    /// use websocket_registry::{CloseCode, Language};
    ///
    /// assert!(CloseCode::from_u16(1005).not_on_wire_reason_in(Language::German).is_some());
    /// assert_eq!(CloseCode::NORMAL_CLOSURE.not_on_wire_reason_in(Language::Japanese), None);
    /// ```
    pub const fn not_on_wire_reason_in(self, language: Language) -> Option<&'static str> {
        if self.is_valid_on_wire() {
            return None;
        }
        if let Some(entry) = close_codes::entry(self.0) {
            if let Some(english) = entry.not_on_wire {
                return Some(match texts_in(entry.texts, language) {
                    Some(Texts {
                        not_on_wire: Some(why),
                        ..
                    }) => why,
                    _ => english,
                });
            }
        }
        let notes = close_codes::range_notes(self.range());
        Some(match (texts_in(notes.texts, language), notes.not_on_wire) {
            (
                Some(Texts {
                    not_on_wire: Some(why),
                    ..
                }),
                _,
            ) => why,
            (_, Some(why)) => why,
            // Only without curated notes (`registry/curated.toml` gives every range that has
            // invalid codes its reason).
            (_, None) => "RFC 6455 section 7.4: this code may not appear in a Close frame.",
        })
    }

    /// IANA's description of the code, verbatim (whitespace normalised): `Protocol error`,
    /// `Mandatory Ext.`, or for 1014 a whole sentence. `None` if the code is not registered.
    pub const fn name(self) -> Option<&'static str> {
        match close_codes::entry(self.0) {
            Some(entry) => Some(entry.name),
            None => None,
        }
    }

    /// A short readable name: `Policy Violation`, `Bad Gateway` for 1014; for a code IANA
    /// has not assigned, what its range makes it (`Unassigned`, `Private use`).
    ///
    /// ```
    /// use websocket_registry::CloseCode;
    ///
    /// assert_eq!(CloseCode::BAD_GATEWAY.label(), "Bad Gateway");
    /// assert_eq!(CloseCode::from_u16(4321).label(), "Private use");
    /// assert_eq!(CloseCode::from_u16(1016).label(), "Unassigned");
    /// ```
    pub const fn label(self) -> &'static str {
        self.label_in(Language::English)
    }

    /// One line in this project's own words on what the code means in practice; for a code
    /// IANA has not assigned, what its range is for.
    ///
    /// ```
    /// use websocket_registry::CloseCode;
    ///
    /// assert!(CloseCode::TRY_AGAIN_LATER.description().contains("try again later"));
    /// assert!(CloseCode::from_u16(4321).description().starts_with("4000-4999"));
    /// ```
    pub const fn description(self) -> &'static str {
        self.description_in(Language::English)
    }

    /// The registry's references for the code (empty if it is not registered).
    pub const fn references(self) -> &'static [Reference] {
        match close_codes::entry(self.0) {
            Some(entry) => entry.references,
            None => &[],
        }
    }

    /// The registry's contact for the code (empty if it is not registered).
    pub const fn contact(self) -> &'static [Reference] {
        match close_codes::entry(self.0) {
            Some(entry) => entry.contact,
            None => &[],
        }
    }

    /// When the code was registered, if the registry says (`YYYY-MM-DD` or `YYYY-MM`).
    pub const fn registered(self) -> Option<&'static str> {
        match close_codes::entry(self.0) {
            Some(entry) => entry.registered,
            None => None,
        }
    }

    /// When the code's record last changed, if the registry says.
    pub const fn updated(self) -> Option<&'static str> {
        match close_codes::entry(self.0) {
            Some(entry) => entry.updated,
            None => None,
        }
    }

    /// [`label`](Self::label) in `language`: the project's text in that language, or the
    /// English label when there is none yet.
    ///
    /// ```
    /// use websocket_registry::{CloseCode, Language};
    ///
    /// assert_eq!(CloseCode::TRY_AGAIN_LATER.label_in(Language::English), "Try Again Later");
    /// assert_eq!(CloseCode::TRY_AGAIN_LATER.label_in(Language::German), "Später erneut versuchen");
    /// assert_eq!(CloseCode::TRY_AGAIN_LATER.label_in(Language::Japanese), "後で再試行");
    /// assert_eq!(CloseCode::from_u16(4000).label_in(Language::German), "Privater Gebrauch");
    /// ```
    pub const fn label_in(self, language: Language) -> &'static str {
        match close_codes::entry(self.0) {
            Some(entry) => match texts_in(entry.texts, language) {
                Some(Texts {
                    label: Some(label), ..
                }) => label,
                _ => entry.label,
            },
            None => {
                let notes = close_codes::range_notes(self.range());
                match (texts_in(notes.texts, language), notes.label) {
                    (
                        Some(Texts {
                            label: Some(label), ..
                        }),
                        _,
                    ) => label,
                    (_, Some(label)) => label,
                    (_, None) => self.range().short_name(),
                }
            }
        }
    }

    /// [`description`](Self::description) in `language`, falling back to English like
    /// [`label_in`](Self::label_in). A registered code the project has not described yet
    /// answers IANA's text ([`name`](Self::name)).
    pub const fn description_in(self, language: Language) -> &'static str {
        match close_codes::entry(self.0) {
            Some(entry) => match (texts_in(entry.texts, language), entry.description) {
                (
                    Some(Texts {
                        description: Some(description),
                        ..
                    }),
                    _,
                ) => description,
                (_, Some(description)) => description,
                (_, None) => entry.name,
            },
            None => self.range().description_in(language),
        }
    }

    /// What a client should do after the server closed with this code.
    ///
    /// Curated by this project per registered code, from RFC 6455's meanings, the
    /// registry's references (the hybi posts behind 1012-1014) and what client libraries such
    /// as graphql-ws and Discord's gateway do; a code
    /// without its own advice takes its range's: [`Reconnect::No`] in 0-2999 and 5000-65535
    /// (a peer that sends an unassigned protocol code is broken), and
    /// [`Reconnect::ApplicationDefined`] in 3000-4999.
    ///
    /// ```
    /// use websocket_registry::{CloseCode, Reconnect};
    ///
    /// assert_eq!(CloseCode::SERVICE_RESTART.reconnect(), Reconnect::AfterDelay);
    /// assert_eq!(CloseCode::TRY_AGAIN_LATER.reconnect(), Reconnect::WithBackoff);
    /// assert_eq!(CloseCode::POLICY_VIOLATION.reconnect(), Reconnect::No);
    /// assert_eq!(CloseCode::from_u16(4000).reconnect(), Reconnect::ApplicationDefined);
    /// ```
    pub const fn reconnect(self) -> Reconnect {
        match close_codes::entry(self.0) {
            Some(Entry {
                reconnect: Some(reconnect),
                ..
            }) => *reconnect,
            _ => self.range().reconnect(),
        }
    }

    /// One line on why [`reconnect`](Self::reconnect) says what it says, in `language`
    /// (English when there is no text in it yet).
    pub const fn reconnect_reason_in(self, language: Language) -> &'static str {
        match close_codes::entry(self.0) {
            Some(entry) => match (entry.reconnect_why, texts_in(entry.texts, language)) {
                (
                    Some(_),
                    Some(Texts {
                        reconnect_why: Some(why),
                        ..
                    }),
                ) => why,
                (Some(why), _) => why,
                (None, _) => self.range().reconnect_reason_in(language),
            },
            None => self.range().reconnect_reason_in(language),
        }
    }
}

impl From<u16> for CloseCode {
    fn from(code: u16) -> Self {
        CloseCode(code)
    }
}

impl From<CloseCode> for u16 {
    fn from(code: CloseCode) -> Self {
        code.0
    }
}

/// `CloseCode::NORMAL_CLOSURE == 1000`, as with `http::StatusCode`.
impl PartialEq<u16> for CloseCode {
    fn eq(&self, other: &u16) -> bool {
        self.0 == *other
    }
}

/// `1000 == CloseCode::NORMAL_CLOSURE`.
impl PartialEq<CloseCode> for u16 {
    fn eq(&self, other: &CloseCode) -> bool {
        *self == other.0
    }
}

/// `1008 Policy Violation` for a registered code; the range for any other
/// (`4001 (private use)`, `1016 (unassigned)`).
impl fmt::Display for CloseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match close_codes::entry(self.0) {
            Some(entry) => write!(f, "{} {}", self.0, entry.label),
            None => match self.range() {
                CloseCodeRange::Protocol | CloseCodeRange::Registered => {
                    write!(f, "{} (unassigned)", self.0)
                }
                range => write!(f, "{} ({})", self.0, range.short_name()),
            },
        }
    }
}

/// The error of `CloseCode::from_str`: the text is not a decimal number from 0 to 65535.
///
/// ```
/// use websocket_registry::CloseCode;
///
/// let error = "0x3e8".parse::<CloseCode>().unwrap_err();
/// assert_eq!(error.to_string(), "a close code is a decimal number from 0 to 65535");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ParseCloseCodeError(());

impl fmt::Display for ParseCloseCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a close code is a decimal number from 0 to 65535")
    }
}

/// Parses a decimal number (`"1000"`), as in configuration files and logs.
impl FromStr for CloseCode {
    type Err = ParseCloseCodeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ParseCloseCodeError(()));
        }
        text.parse::<u16>()
            .map(CloseCode)
            .map_err(|_| ParseCloseCodeError(()))
    }
}

impl Reconnect {
    /// The advice in a few words, for people: `do not reconnect`, `reconnect with backoff`.
    ///
    /// ```
    /// use websocket_registry::CloseCode;
    ///
    /// let advice = CloseCode::TRY_AGAIN_LATER.reconnect();
    /// assert_eq!(advice.description(), "reconnect with backoff");
    /// ```
    pub const fn description(self) -> &'static str {
        self.description_in(Language::English)
    }

    /// [`description`](Self::description) in `language` (English where there is no text in
    /// it yet): German `nicht erneut verbinden`.
    ///
    /// ```
    /// use websocket_registry::{Language, Reconnect};
    ///
    /// assert_eq!(Reconnect::WithBackoff.description_in(Language::English), "reconnect with backoff");
    /// assert_eq!(Reconnect::No.description_in(Language::Japanese), "再接続しない");
    /// ```
    pub const fn description_in(self, language: Language) -> &'static str {
        close_codes::reconnect_text(self, language)
    }
}
