//! Reading and writing the subprotocols a client offers in `Sec-WebSocket-Protocol`.
//!
//! RFC 6455 section 4.1 has the client send `1#token` (a comma-separated list, in order of
//! preference) and section 4.2.2 has the server pick at most one and echo it exactly. RFC 9110
//! section 5.6.1 lets list elements be empty and surrounded by optional whitespace, and a
//! header field may be sent more than once: [`Subprotocol::offers_lines`] reads them all.

use core::fmt;
use core::iter::FusedIterator;

use crate::buffer_writer::Writer;
use crate::extension_offers::{is_field_byte, is_tchar};
use crate::{BufferTooSmall, Subprotocol};

/// One element of a `Sec-WebSocket-Protocol` list: the token as sent, and the registered
/// subprotocol it names, if any.
///
/// ```
/// use websocket_registry::Subprotocol;
///
/// let offer = Subprotocol::offers("graphql-ws, mqtt").nth(1).unwrap();
/// assert_eq!(offer.token(), "mqtt");
/// assert_eq!(offer.subprotocol(), Some(Subprotocol::Mqtt));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Offer<'a> {
    token: &'a str,
    subprotocol: Option<Subprotocol>,
}

impl<'a> Offer<'a> {
    /// The offer whose token is `bytes`, looked up in the registry; `None` for an empty
    /// element or one that is not UTF-8 (no token, and no subprotocol's name). A registered
    /// name is the registry's own text, so only an unregistered token is checked for UTF-8.
    /// The offer of a token already known to be one (the typed response header's).
    #[cfg(feature = "headers")]
    pub(crate) fn of_token(token: &'a str) -> Offer<'a> {
        Offer {
            token,
            subprotocol: Subprotocol::from_name(token),
        }
    }

    #[inline]
    pub(crate) fn from_bytes(bytes: &'a [u8]) -> Option<Offer<'a>> {
        match Subprotocol::from_name_bytes(bytes) {
            Some(subprotocol) => Some(Offer {
                token: subprotocol.as_str(),
                subprotocol: Some(subprotocol),
            }),
            None => match core::str::from_utf8(bytes) {
                Ok(token) if !token.is_empty() => Some(Offer {
                    token,
                    subprotocol: None,
                }),
                _ => None,
            },
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
///
/// ```
/// use websocket_registry::Subprotocol;
///
/// let tokens: Vec<_> = Subprotocol::offers(" a ,, b").map(|offer| offer.token()).collect();
/// assert_eq!(tokens, ["a", "b"]);
/// ```
#[derive(Clone, Debug)]
pub struct Offers<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Offers<'a> {
    type Item = Offer<'a>;

    #[inline]
    fn next(&mut self) -> Option<Offer<'a>> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            let (element, rest) = match self.rest.iter().position(|&byte| byte == b',') {
                Some(comma) => (&self.rest[..comma], &self.rest[comma + 1..]),
                None => (self.rest, &[][..]),
            };
            self.rest = rest;
            let (_, token) = without_optional_whitespace(element);
            if let Some(offer) = Offer::from_bytes(token) {
                return Some(offer);
            }
        }
    }
}

impl FusedIterator for Offers<'_> {}

/// `bytes` without the optional whitespace around a list element or field value (SP and
/// HTAB only, RFC 9110 section 5.6.3), and where what is left starts.
fn without_optional_whitespace(bytes: &[u8]) -> (usize, &[u8]) {
    let is_text = |byte: &u8| *byte != b' ' && *byte != b'\t';
    let start = bytes.iter().position(is_text).unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(is_text)
        .map_or(start, |last| last + 1);
    (start, bytes.get(start..end).unwrap_or_default())
}

impl Subprotocol {
    /// The subprotocols offered in one `Sec-WebSocket-Protocol` header value (its bytes, a
    /// `&str` or a `&[u8]`), in order, each looked up in the registry. Empty list elements
    /// are skipped, and so are elements that are not UTF-8 (no token is). A header sent as
    /// several lines is [`offers_lines`](Self::offers_lines).
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
    pub fn offers<V: AsRef<[u8]> + ?Sized>(value: &V) -> Offers<'_> {
        Offers {
            rest: value.as_ref(),
        }
    }

    /// [`offers`](Self::offers) over a header sent as several field lines (what
    /// `HeaderMap::get_all` gives), in order: RFC 9110 section 5.3 reads them as one list.
    ///
    /// ```
    /// use websocket_registry::Subprotocol;
    ///
    /// let lines = ["graphql-ws", "ocpp2.0.1, ocpp1.6"];
    /// let tokens: Vec<_> = Subprotocol::offers_lines(&lines).map(|offer| offer.token()).collect();
    /// assert_eq!(tokens, ["graphql-ws", "ocpp2.0.1", "ocpp1.6"]);
    /// ```
    pub fn offers_lines<'a, V: AsRef<[u8]> + ?Sized + 'a>(
        lines: impl IntoIterator<Item = &'a V> + 'a,
    ) -> impl Iterator<Item = Offer<'a>> + 'a {
        lines.into_iter().flat_map(|line| Subprotocol::offers(line))
    }

    /// The client's side: writes `offers`, in its order of preference, as one
    /// `Sec-WebSocket-Protocol` value (`ocpp2.0.1, ocpp1.6`), and returns its length. Check
    /// the server's answer with [`selected_in_value`](Self::selected_in_value).
    ///
    /// # Errors
    ///
    /// [`BufferTooSmall`] when `buf` cannot hold the value; what `buf` holds then is
    /// unspecified.
    ///
    /// ```
    /// use websocket_registry::Subprotocol;
    ///
    /// let mut buf = [0u8; 64];
    /// let len = Subprotocol::write_offers(&[Subprotocol::Ocpp2_0_1, Subprotocol::Ocpp1_6], &mut buf)?;
    /// assert_eq!(&buf[..len], b"ocpp2.0.1, ocpp1.6");
    /// # Ok::<(), websocket_registry::BufferTooSmall>(())
    /// ```
    pub fn write_offers(offers: &[Subprotocol], buf: &mut [u8]) -> Result<usize, BufferTooSmall> {
        let mut out = Writer::new(buf);
        for (i, offer) in offers.iter().enumerate() {
            if i > 0 {
                out.push(", ");
            }
            out.push(offer.as_str());
        }
        out.finish()
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
    pub fn negotiate<V: AsRef<[u8]> + ?Sized>(
        value: &V,
        mut accept: impl FnMut(Subprotocol) -> bool,
    ) -> Option<Subprotocol> {
        Self::offers(value)
            .filter_map(|offer| offer.subprotocol)
            .find(|&protocol| accept(protocol))
    }

    /// [`negotiate`](Self::negotiate) over a header sent as several field lines (what
    /// `HeaderMap::get_all` gives), in order.
    ///
    /// ```
    /// use websocket_registry::Subprotocol;
    ///
    /// let lines: [&[u8]; 2] = [b"graphql-ws", b"ocpp2.0.1, ocpp1.6"];
    /// let chosen = Subprotocol::negotiate_lines(lines, |p| p == Subprotocol::Ocpp1_6);
    /// assert_eq!(chosen, Some(Subprotocol::Ocpp1_6));
    /// ```
    pub fn negotiate_lines<'a, V: AsRef<[u8]> + ?Sized + 'a>(
        lines: impl IntoIterator<Item = &'a V>,
        mut accept: impl FnMut(Subprotocol) -> bool,
    ) -> Option<Subprotocol> {
        lines
            .into_iter()
            .find_map(|line| Subprotocol::negotiate(line, &mut accept))
    }

    /// The subprotocol a server selected, from the value of its one
    /// `Sec-WebSocket-Protocol` response line (RFC 6455 section 4.2.2: exactly one token,
    /// which must be one the client offered; checking that is the caller's part). Optional
    /// whitespace around the token is allowed. All the response's lines are
    /// [`selected_in_lines`](Self::selected_in_lines).
    ///
    /// # Errors
    ///
    /// [`SelectedSubprotocolError`] for a list, an empty value or a byte that is not visible
    /// ASCII, with its offset in `value`: the client fails the connection.
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
    pub fn selected_in_value<V: AsRef<[u8]> + ?Sized>(
        value: &V,
    ) -> Result<Offer<'_>, SelectedSubprotocolError> {
        let value = value.as_ref();
        if let Some(offset) = value.iter().position(|&byte| !is_field_byte(byte)) {
            return Err(SelectedSubprotocolError::NotVisibleAscii { offset });
        }
        let (start, token) = without_optional_whitespace(value);
        if token.is_empty() {
            return Err(SelectedSubprotocolError::NotOneToken { offset: start });
        }
        if let Some(at) = token.iter().position(|&byte| !is_tchar(byte)) {
            return Err(SelectedSubprotocolError::NotOneToken { offset: start + at });
        }
        // Not empty, and every tchar is ASCII: always an offer. Kept total, not panicking.
        Offer::from_bytes(token).ok_or(SelectedSubprotocolError::NotVisibleAscii { offset: start })
    }

    /// The subprotocol a server selected, from all its `Sec-WebSocket-Protocol` lines
    /// (what `HeaderMap::get_all` gives): `Ok(None)` when it sent none, otherwise the token
    /// of its one line, as [`selected_in_value`](Self::selected_in_value) reads it.
    ///
    /// # Errors
    ///
    /// [`SelectedSubprotocolError::SeveralLines`] when the server sent more than one line,
    /// and the errors of [`selected_in_value`](Self::selected_in_value) for the one line: the
    /// client fails the connection.
    ///
    /// ```
    /// use websocket_registry::{SelectedSubprotocolError, Subprotocol};
    ///
    /// let selected = Subprotocol::selected_in_lines(&["ocpp1.6"])?.expect("one line");
    /// assert_eq!(selected.subprotocol(), Some(Subprotocol::Ocpp1_6));
    /// let no_line: [&str; 0] = [];
    /// assert_eq!(Subprotocol::selected_in_lines(&no_line)?, None);
    /// assert_eq!(
    ///     Subprotocol::selected_in_lines(&["ocpp1.6", "mqtt"]),
    ///     Err(SelectedSubprotocolError::SeveralLines { count: 2 })
    /// );
    /// # Ok::<(), SelectedSubprotocolError>(())
    /// ```
    pub fn selected_in_lines<'a, V: AsRef<[u8]> + ?Sized + 'a>(
        lines: impl IntoIterator<Item = &'a V>,
    ) -> Result<Option<Offer<'a>>, SelectedSubprotocolError> {
        let mut lines = lines.into_iter();
        let value = match lines.next() {
            Some(value) => value,
            None => return Ok(None),
        };
        let others = lines.count();
        if others > 0 {
            return Err(SelectedSubprotocolError::SeveralLines { count: others + 1 });
        }
        Subprotocol::selected_in_value(value).map(Some)
    }
}

/// Why a server's `Sec-WebSocket-Protocol` response does not select exactly one subprotocol
/// (RFC 6455 section 4.1: the client fails the connection).
///
/// ```
/// use websocket_registry::{SelectedSubprotocolError, Subprotocol};
///
/// let error = Subprotocol::selected_in_value(b"").unwrap_err();
/// assert_eq!(error, SelectedSubprotocolError::NotOneToken { offset: 0 });
/// assert!(error.to_string().contains("offset 0"));
/// ```
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
