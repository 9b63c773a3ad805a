//! Why a `Sec-WebSocket-Extensions` value does not parse: what was expected, at which byte.

use core::fmt;

/// Why a `Sec-WebSocket-Extensions` value does not parse: what was expected, at which byte.
///
/// ```
/// use websocket_registry::{Extension, ExtensionHeaderExpected};
///
/// let error = Extension::offers("permessage-deflate;").last().unwrap().unwrap_err();
/// assert_eq!((error.offset(), error.expected()), (19, ExtensionHeaderExpected::ParamName));
/// assert!(error.to_string().ends_with("at byte 19"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExtensionHeaderError {
    pub(super) offset: usize,
    pub(super) expected: ExtensionHeaderExpected,
}

/// What the grammar expected where an [`ExtensionHeaderError`] points.
///
/// ```
/// use websocket_registry::{Extension, ExtensionHeaderExpected};
///
/// let error = Extension::offers("a; b=\"c").last().unwrap().unwrap_err();
/// assert_eq!(error.expected(), ExtensionHeaderExpected::ClosingQuote);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ExtensionHeaderExpected {
    /// An extension token at the start of a list element.
    ExtensionToken,
    /// A parameter name (a token) after `;`.
    ParamName,
    /// A value after `=`: a token or a quoted string.
    ParamValue,
    /// `;`, `,` or the end of the value after an extension or parameter.
    SeparatorOrEnd,
    /// The closing `"` of a quoted string.
    ClosingQuote,
    /// Token characters inside a quoted value (RFC 6455 section 9.1: a quoted value must be
    /// a token once unescaped).
    TokenInQuotes,
    /// At least one extension: the value has none (empty or only commas and whitespace).
    AtLeastOneExtension,
    /// Visible ASCII: a field line with other bytes cannot hold tokens (RFC 9110 section
    /// 5.5).
    VisibleAscii,
}

impl ExtensionHeaderError {
    /// The byte offset in the header value where the grammar failed.
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// What the grammar expected there.
    pub const fn expected(&self) -> ExtensionHeaderExpected {
        self.expected
    }

    /// The same error, `by` bytes further into a joined value.
    pub(crate) const fn shifted(self, by: usize) -> Self {
        ExtensionHeaderError {
            offset: self.offset + by,
            ..self
        }
    }
}

impl fmt::Display for ExtensionHeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let expected = match self.expected {
            ExtensionHeaderExpected::ExtensionToken => "an extension token",
            ExtensionHeaderExpected::ParamName => "a parameter name (a token)",
            ExtensionHeaderExpected::ParamValue => "a parameter value (a token or a quoted string)",
            ExtensionHeaderExpected::SeparatorOrEnd => "\";\", \",\" or the end of the value",
            ExtensionHeaderExpected::ClosingQuote => "the closing '\"' of a quoted string",
            ExtensionHeaderExpected::TokenInQuotes => {
                "a token inside the quotes (RFC 6455 section 9.1)"
            }
            ExtensionHeaderExpected::AtLeastOneExtension => "at least one extension",
            ExtensionHeaderExpected::VisibleAscii => "visible ASCII",
        };
        write!(
            f,
            "Sec-WebSocket-Extensions: expected {expected} at byte {}",
            self.offset
        )
    }
}
