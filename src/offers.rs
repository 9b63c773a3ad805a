//! Reading the subprotocols a client offers in `Sec-WebSocket-Protocol`.
//!
//! RFC 6455 section 4.1 has the client send `1#token` (a comma-separated list, in order of
//! preference) and section 4.2.2 has the server pick at most one and echo it exactly. RFC 9110
//! section 5.6.1 lets list elements be empty and surrounded by optional whitespace, and a
//! header field may be sent more than once: call [`Subprotocol::offers`] on each value.

use core::fmt;
use core::iter::FusedIterator;

use crate::extension_offers::is_tchar;
use crate::Subprotocol;

/// One element of a `Sec-WebSocket-Protocol` list: the token as sent, and the registered
/// subprotocol it names, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Offer<'a> {
    token: &'a str,
    subprotocol: Option<Subprotocol>,
}

impl<'a> Offer<'a> {
    /// The offer `token`, looked up in the registry.
    #[cfg_attr(not(feature = "tungstenite-handshake"), allow(dead_code))]
    pub(crate) fn new(token: &'a str) -> Offer<'a> {
        Offer {
            token,
            subprotocol: Subprotocol::from_name(token),
        }
    }

    /// The element as the client sent it, without the surrounding whitespace. It is not
    /// checked against the `token` grammar: an unregistered offer is passed on as is, for the
    /// application to accept or ignore.
    pub const fn token(&self) -> &'a str {
        self.token
    }

    /// The registered subprotocol whose identifier is exactly [`token`](Self::token)
    /// (case-sensitive), or `None`.
    pub const fn subprotocol(&self) -> Option<Subprotocol> {
        self.subprotocol
    }
}

/// The offers of one `Sec-WebSocket-Protocol` header value, in the client's order; see
/// [`Subprotocol::offers`].
#[derive(Clone, Debug)]
pub struct Offers<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Offers<'a> {
    type Item = Offer<'a>;

    #[inline]
    fn next(&mut self) -> Option<Offer<'a>> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            let (element, rest) = match self.rest.split_once(',') {
                Some((element, rest)) => (element, rest),
                None => (self.rest, ""),
            };
            self.rest = rest;
            let token = without_optional_whitespace(element);
            if !token.is_empty() {
                return Some(Offer::new(token));
            }
        }
    }
}

impl FusedIterator for Offers<'_> {}

/// `text` without the optional whitespace around a list element or field value: SP and HTAB
/// only (RFC 9110 section 5.6.3).
pub(crate) fn without_optional_whitespace(text: &str) -> &str {
    text.trim_matches(|c| c == ' ' || c == '\t')
}

impl Subprotocol {
    /// The subprotocols offered in one `Sec-WebSocket-Protocol` header value, in order, each
    /// looked up in the registry. Empty list elements are skipped.
    ///
    /// ```
    /// use websocket_registry::Subprotocol;
    ///
    /// let offers: Vec<_> = Subprotocol::offers("graphql-ws, ocpp2.0.1 ,, ocpp1.6")
    ///     .map(|offer| (offer.token(), offer.subprotocol()))
    ///     .collect();
    /// assert_eq!(
    ///     offers,
    ///     [
    ///         ("graphql-ws", None),
    ///         ("ocpp2.0.1", Some(Subprotocol::Ocpp2_0_1)),
    ///         ("ocpp1.6", Some(Subprotocol::Ocpp1_6)),
    ///     ]
    /// );
    /// ```
    pub const fn offers(header_value: &str) -> Offers<'_> {
        Offers { rest: header_value }
    }

    /// The first registered subprotocol in a `Sec-WebSocket-Protocol` header value that
    /// `accept` agrees to: the client's preference order, filtered by what the server speaks.
    /// Echo [`as_str`](Self::as_str) back in the response.
    ///
    /// ```
    /// use websocket_registry::Subprotocol;
    ///
    /// let speaks = [Subprotocol::Ocpp1_6, Subprotocol::Ocpp2_0_1];
    /// let chosen = Subprotocol::negotiate("ocpp2.1, ocpp2.0.1, ocpp1.6", |p| speaks.contains(&p));
    /// assert_eq!(chosen, Some(Subprotocol::Ocpp2_0_1));
    /// ```
    pub fn negotiate(
        header_value: &str,
        mut accept: impl FnMut(Subprotocol) -> bool,
    ) -> Option<Subprotocol> {
        Self::offers(header_value)
            .filter_map(|offer| offer.subprotocol)
            .find(|&protocol| accept(protocol))
    }

    /// The subprotocol a server selected, from the value of its one
    /// `Sec-WebSocket-Protocol` response line (RFC 6455 section 4.2.2: exactly one token,
    /// which must be one the client offered; checking that is the caller's part). Optional
    /// whitespace around the token is allowed; a list, an empty value or a byte that is not
    /// visible ASCII is an error, with its offset in `value`.
    ///
    /// ```
    /// use websocket_registry::{SelectedSubprotocolError, Subprotocol};
    ///
    /// let selected = Subprotocol::selected_in_value(b" ocpp1.6").unwrap();
    /// assert_eq!(selected.subprotocol(), Some(Subprotocol::Ocpp1_6));
    /// assert_eq!(
    ///     Subprotocol::selected_in_value(b"ocpp1.6, mqtt"),
    ///     Err(SelectedSubprotocolError::NotOneToken { offset: 7 })
    /// );
    /// ```
    pub fn selected_in_value(value: &[u8]) -> Result<Offer<'_>, SelectedSubprotocolError> {
        if let Some(offset) = value
            .iter()
            .position(|&byte| !(byte == b'\t' || (0x20..0x7f).contains(&byte)))
        {
            return Err(SelectedSubprotocolError::NotVisibleAscii { offset });
        }
        let start = value
            .iter()
            .position(|&byte| byte != b' ' && byte != b'\t')
            .unwrap_or(value.len());
        let end = value
            .iter()
            .rposition(|&byte| byte != b' ' && byte != b'\t')
            .map_or(start, |last| last + 1);
        let token = &value[start..end];
        if token.is_empty() {
            return Err(SelectedSubprotocolError::NotOneToken { offset: start });
        }
        if let Some(at) = token.iter().position(|&byte| !is_tchar(byte)) {
            return Err(SelectedSubprotocolError::NotOneToken { offset: start + at });
        }
        match core::str::from_utf8(token) {
            Ok(token) => Ok(Offer::new(token)),
            // Unreachable: every tchar is ASCII. Kept total rather than panicking.
            Err(_) => Err(SelectedSubprotocolError::NotVisibleAscii { offset: start }),
        }
    }
}

/// Why a server's `Sec-WebSocket-Protocol` response does not select exactly one subprotocol
/// (RFC 6455 section 4.1: the client fails the connection).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SelectedSubprotocolError {
    /// The response has several `Sec-WebSocket-Protocol` field lines; a server sends one.
    SeveralLines {
        /// How many.
        count: usize,
    },
    /// The value has a byte that is not visible ASCII, space or tab.
    NotVisibleAscii {
        /// Its offset in the value.
        offset: usize,
    },
    /// The value is empty or not a single token (a list, or a separator inside).
    NotOneToken {
        /// Where the token should start or the first byte that does not belong in it.
        offset: usize,
    },
}

impl fmt::Display for SelectedSubprotocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SelectedSubprotocolError::SeveralLines { count } => write!(
                f,
                "the response has {count} Sec-WebSocket-Protocol lines; a server selects one subprotocol"
            ),
            SelectedSubprotocolError::NotVisibleAscii { offset } => write!(
                f,
                "Sec-WebSocket-Protocol has a byte that is not visible ASCII at offset {offset}"
            ),
            SelectedSubprotocolError::NotOneToken { offset } => write!(
                f,
                "Sec-WebSocket-Protocol is not exactly one token (at offset {offset})"
            ),
        }
    }
}
