//! `headers::Header` for `Sec-WebSocket-Protocol` and `Sec-WebSocket-Extensions` (feature `headers`).
//!
//! RFC 6455 gives a request and a response different grammars for `Sec-WebSocket-Protocol`
//! (a list of tokens against exactly one token), and a response's extensions answer the
//! request's offers, so each header has a request type and a response type. Each keeps the
//! header's lines as they came (or as the crate's writer wrote them) and reads them with the
//! crate's own readers; encoding gives back exactly those bytes.
//!
//! `headers::Error` carries no detail. To learn why a header was refused, and at which byte,
//! read the same `HeaderMap` with the `http` feature's readers:
//! [`Extension::offers_in_headers`], [`Subprotocol::selected_in_headers`] or
//! [`DeflateResponse::check_in_headers`] return the crate's own error with its offset.

use std::vec::Vec;

use headers::{Error, Header};
use http::header::{HeaderName, SEC_WEBSOCKET_EXTENSIONS, SEC_WEBSOCKET_PROTOCOL};
use http::HeaderValue;

use crate::{
    DeflateOffer, DeflatePolicy, DeflateResponse, DeflateResponseError, Extension, Offer,
    PerMessageDeflate, Subprotocol,
};

/// Every line `values` holds, or `Err` when there is none.
fn every_line<'i>(
    values: &mut impl Iterator<Item = &'i HeaderValue>,
) -> Result<Vec<HeaderValue>, Error> {
    let lines: Vec<HeaderValue> = values.cloned().collect();
    if lines.is_empty() {
        return Err(Error::invalid());
    }
    Ok(lines)
}

/// Every line of a `Sec-WebSocket-Extensions` header, request or response, or `Err` when there
/// is none or they break RFC 6455 section 9.1's grammar.
fn extension_lines<'i>(
    values: &mut impl Iterator<Item = &'i HeaderValue>,
) -> Result<Vec<HeaderValue>, Error> {
    let lines = every_line(values)?;
    if Extension::offers_lines(&lines).any(|offer| offer.is_err()) {
        return Err(Error::invalid());
    }
    Ok(lines)
}

/// The request's `Sec-WebSocket-Protocol`: the subprotocols a client offers, in its order of
/// preference (RFC 6455 section 4.1, `1#token`), on one line or several.
///
/// Decoding reads the list as [`Subprotocol::offers_lines`] does, so a server sees what
/// [`Subprotocol::negotiate_in_headers`] would see; a header with no token in it is refused.
///
/// `headers::Error` carries no detail; the one refusal is a header without a token, and
/// [`Subprotocol::offers_in_headers`] on the same `HeaderMap` shows what the list held.
///
/// ```
/// use headers::HeaderMapExt;
/// use http::HeaderMap;
/// use websocket_registry::{SecWebSocketProtocolRequest, Subprotocol};
///
/// let mut headers = HeaderMap::new();
/// headers.typed_insert(SecWebSocketProtocolRequest::new(&[Subprotocol::Ocpp2_0_1, Subprotocol::Ocpp1_6]));
/// assert_eq!(headers["sec-websocket-protocol"], "ocpp2.0.1, ocpp1.6");
///
/// let offered: SecWebSocketProtocolRequest = headers.typed_get().expect("a token");
/// let chosen = offered.negotiate(|p| p == Subprotocol::Ocpp1_6);
/// assert_eq!(chosen, Some(Subprotocol::Ocpp1_6));
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "headers")))]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecWebSocketProtocolRequest {
    lines: Vec<HeaderValue>,
}

impl SecWebSocketProtocolRequest {
    /// The client's offers, in its order of preference, as
    /// [`Subprotocol::write_offers`] writes them.
    pub fn new(offers: &[Subprotocol]) -> SecWebSocketProtocolRequest {
        let lines = std::vec![Subprotocol::offers_header_value(offers)];
        SecWebSocketProtocolRequest { lines }
    }

    /// Every token offered, registered or not, in order.
    pub fn offers(&self) -> impl Iterator<Item = Offer<'_>> {
        Subprotocol::offers_lines(&self.lines)
    }

    /// The first registered subprotocol offered that `accept` agrees to.
    pub fn negotiate(&self, accept: impl FnMut(Subprotocol) -> bool) -> Option<Subprotocol> {
        Subprotocol::negotiate_lines(&self.lines, accept)
    }
}

impl Header for SecWebSocketProtocolRequest {
    fn name() -> &'static HeaderName {
        &SEC_WEBSOCKET_PROTOCOL
    }

    fn decode<'i, I: Iterator<Item = &'i HeaderValue>>(values: &mut I) -> Result<Self, Error> {
        let lines = every_line(values)?;
        if Subprotocol::offers_lines(&lines).next().is_none() {
            return Err(Error::invalid());
        }
        Ok(SecWebSocketProtocolRequest { lines })
    }

    fn encode<E: Extend<HeaderValue>>(&self, values: &mut E) {
        values.extend(self.lines.iter().cloned());
    }
}

/// The response's `Sec-WebSocket-Protocol`: the one subprotocol the server selected (RFC 6455
/// section 4.2.2), read as [`Subprotocol::selected_in_lines`] reads it: one line, one token.
/// It encodes as the token alone.
///
/// `headers::Error` carries no detail: to learn why a header was refused, and at which byte,
/// read the same `HeaderMap` with [`Subprotocol::selected_in_headers`], which returns the
/// crate's own error with its offset.
///
/// ```
/// use headers::HeaderMapExt;
/// use http::HeaderMap;
/// use websocket_registry::{SecWebSocketProtocolResponse, Subprotocol};
///
/// let mut headers = HeaderMap::new();
/// headers.typed_insert(SecWebSocketProtocolResponse::from(Subprotocol::Ocpp1_6));
/// let selected: SecWebSocketProtocolResponse = headers.typed_get().expect("one token");
/// assert_eq!(selected.offer().subprotocol(), Some(Subprotocol::Ocpp1_6));
///
/// headers.insert("sec-websocket-protocol", "ocpp1.6, mqtt".parse().unwrap());
/// assert!(headers.typed_try_get::<SecWebSocketProtocolResponse>().is_err()); // a list
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "headers")))]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecWebSocketProtocolResponse {
    /// The one token: visible ASCII.
    token: HeaderValue,
}

impl SecWebSocketProtocolResponse {
    /// The token the server sent, without the whitespace around it, and the registered
    /// subprotocol it names, if any.
    pub fn offer(&self) -> Offer<'_> {
        // One token, checked at decoding (or written by the crate): ASCII, so `to_str` is `Ok`.
        Offer::of_token(self.token.to_str().unwrap_or(""))
    }
}

impl From<Subprotocol> for SecWebSocketProtocolResponse {
    fn from(protocol: Subprotocol) -> SecWebSocketProtocolResponse {
        SecWebSocketProtocolResponse {
            token: HeaderValue::from(protocol),
        }
    }
}

impl Header for SecWebSocketProtocolResponse {
    fn name() -> &'static HeaderName {
        &SEC_WEBSOCKET_PROTOCOL
    }

    fn decode<'i, I: Iterator<Item = &'i HeaderValue>>(values: &mut I) -> Result<Self, Error> {
        let lines = every_line(values)?;
        match Subprotocol::selected_in_lines(&lines) {
            Ok(Some(offer)) => Ok(SecWebSocketProtocolResponse {
                token: HeaderValue::from_str(offer.token()).map_err(|_| Error::invalid())?,
            }),
            _ => Err(Error::invalid()),
        }
    }

    fn encode<E: Extend<HeaderValue>>(&self, values: &mut E) {
        values.extend(core::iter::once(self.token.clone()));
    }
}

/// The request's `Sec-WebSocket-Extensions`: the extensions a client offers, on one line or
/// several, read by RFC 6455 section 9.1's grammar ([`Extension::offers_lines`]); a header
/// that breaks it is refused.
///
/// `headers::Error` carries no detail: to learn why a header was refused, and at which byte,
/// read the same `HeaderMap` with [`Extension::offers_in_headers`], which returns the
/// crate's own error with its offset.
///
/// ```
/// use headers::HeaderMapExt;
/// use http::HeaderMap;
/// use websocket_registry::{ClientMaxWindowBits, DeflatePolicy, PerMessageDeflate, SecWebSocketExtensionsRequest};
///
/// let chromium = PerMessageDeflate::new().with_client_max_window_bits(ClientMaxWindowBits::Unspecified);
/// let mut headers = HeaderMap::new();
/// headers.typed_insert(SecWebSocketExtensionsRequest::new(&[chromium]));
/// assert_eq!(headers["sec-websocket-extensions"], "permessage-deflate; client_max_window_bits");
///
/// let offers: SecWebSocketExtensionsRequest = headers.typed_get().expect("the grammar");
/// assert!(offers.negotiate(&DeflatePolicy::default()).is_some());
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "headers")))]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecWebSocketExtensionsRequest {
    lines: Vec<HeaderValue>,
}

impl SecWebSocketExtensionsRequest {
    /// The client's permessage-deflate offers, in its order of preference, as
    /// [`PerMessageDeflate::write_offers`] writes them.
    pub fn new(offers: &[PerMessageDeflate]) -> SecWebSocketExtensionsRequest {
        let lines = std::vec![PerMessageDeflate::offers_header_value(offers)];
        SecWebSocketExtensionsRequest { lines }
    }

    /// Every element, checked as a permessage-deflate offer
    /// ([`PerMessageDeflate::offers_lines`]).
    pub fn deflate_offers(&self) -> impl Iterator<Item = DeflateOffer> + '_ {
        PerMessageDeflate::offers_lines(&self.lines)
    }

    /// The server's answer under `policy`: the first valid permessage-deflate offer it
    /// accepts ([`PerMessageDeflate::negotiate_lines`]), or `None`: then the server sends no
    /// `Sec-WebSocket-Extensions`.
    pub fn negotiate(&self, policy: &DeflatePolicy) -> Option<DeflateResponse> {
        // The grammar was checked when the header was decoded (or written by the crate).
        PerMessageDeflate::negotiate_lines(&self.lines, policy)
            .ok()
            .flatten()
    }
}

impl Header for SecWebSocketExtensionsRequest {
    fn name() -> &'static HeaderName {
        &SEC_WEBSOCKET_EXTENSIONS
    }

    fn decode<'i, I: Iterator<Item = &'i HeaderValue>>(values: &mut I) -> Result<Self, Error> {
        let lines = extension_lines(values)?;
        Ok(SecWebSocketExtensionsRequest { lines })
    }

    fn encode<E: Extend<HeaderValue>>(&self, values: &mut E) {
        values.extend(self.lines.iter().cloned());
    }
}

/// The response's `Sec-WebSocket-Extensions`: the extensions the server accepted, read by
/// RFC 6455 section 9.1's grammar; [`check`](Self::check) says whether RFC 7692 allows the
/// answer for what the client offered.
///
/// `headers::Error` carries no detail: to learn why a header was refused, and at which byte,
/// read the same `HeaderMap` with [`Extension::offers_in_headers`], which returns the
/// crate's own error with its offset.
///
/// ```
/// use headers::HeaderMapExt;
/// use http::HeaderMap;
/// use websocket_registry::{DeflatePolicy, PerMessageDeflate, SecWebSocketExtensionsResponse};
///
/// let offered = [PerMessageDeflate::new()];
/// let answer = PerMessageDeflate::negotiate("permessage-deflate", &DeflatePolicy::default())?.unwrap();
/// let mut headers = HeaderMap::new();
/// headers.typed_insert(SecWebSocketExtensionsResponse::from(answer));
/// let accepted: SecWebSocketExtensionsResponse = headers.typed_get().expect("the grammar");
/// assert_eq!(accepted.check(&offered), Ok(Some(answer)));
/// # Ok::<(), websocket_registry::ExtensionHeaderError>(())
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "headers")))]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecWebSocketExtensionsResponse {
    lines: Vec<HeaderValue>,
}

impl SecWebSocketExtensionsResponse {
    /// The client's check of the answer against exactly what it offered
    /// ([`DeflateResponse::check_lines`]).
    ///
    /// # Errors
    ///
    /// [`DeflateResponseError`] when RFC 7692 does not allow the answer for `offered`: the
    /// client fails the connection.
    pub fn check(
        &self,
        offered: &[PerMessageDeflate],
    ) -> Result<Option<DeflateResponse>, DeflateResponseError> {
        DeflateResponse::check_lines(&self.lines, offered)
    }
}

impl From<DeflateResponse> for SecWebSocketExtensionsResponse {
    fn from(response: DeflateResponse) -> SecWebSocketExtensionsResponse {
        let lines = std::vec![HeaderValue::from(response)];
        SecWebSocketExtensionsResponse { lines }
    }
}

impl Header for SecWebSocketExtensionsResponse {
    fn name() -> &'static HeaderName {
        &SEC_WEBSOCKET_EXTENSIONS
    }

    fn decode<'i, I: Iterator<Item = &'i HeaderValue>>(values: &mut I) -> Result<Self, Error> {
        let lines = extension_lines(values)?;
        Ok(SecWebSocketExtensionsResponse { lines })
    }

    fn encode<E: Extend<HeaderValue>>(&self, values: &mut E) {
        values.extend(self.lines.iter().cloned());
    }
}
