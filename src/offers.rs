//! Reading the subprotocols a client offers in `Sec-WebSocket-Protocol`.
//!
//! RFC 6455 section 4.1 has the client send `1#token` (a comma-separated list, in order of
//! preference) and section 4.2.2 has the server pick at most one and echo it exactly. RFC 9110
//! section 5.6.1 lets list elements be empty and surrounded by optional whitespace, and a
//! header field may be sent more than once: call [`Subprotocol::offers`] on each value.

use core::iter::FusedIterator;

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
}
