//! The handshake on the `http` crate's types (feature `http`): `HeaderMap` in, `HeaderValue` out.
//!
//! axum, hyper, tungstenite, warp, poem and reqwest all hold a handshake's headers in
//! `http::HeaderMap`. Each reader here takes the whole map and reads every line of its header
//! in order, as one list (RFC 9110 section 5.3), with the byte-level `*_lines` readers; each
//! writer gives the `HeaderValue` the byte-level writer writes. Nothing here parses a header
//! itself.

use http::header::{
    HeaderName, SEC_WEBSOCKET_EXTENSIONS, SEC_WEBSOCKET_PROTOCOL, SEC_WEBSOCKET_VERSION,
};
use http::{HeaderMap, HeaderValue, Response, StatusCode};

use crate::{
    DeflateOffer, DeflatePolicy, DeflateResponse, DeflateResponseError, Extension,
    ExtensionHeaderError, ExtensionOffer, Offer, PerMessageDeflate, SelectedSubprotocolError,
    Subprotocol, Version, VersionError,
};

/// Every line of header `name`, in order.
fn lines<'a>(
    headers: &'a HeaderMap,
    name: &HeaderName,
) -> impl Iterator<Item = &'a HeaderValue> + 'a {
    headers.get_all(name).into_iter()
}

/// `bytes` as a header value. Every writer of the crate writes visible ASCII, which
/// `HeaderValue` always accepts; an empty value stands in (and fails any peer's check) only
/// if a registry identifier ever held a control character.
fn value_of(bytes: &[u8]) -> HeaderValue {
    HeaderValue::from_bytes(bytes).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// What a writer of the crate writes into a buffer of `len` bytes, as a header value.
fn written(
    len: usize,
    write: impl FnOnce(&mut [u8]) -> Result<usize, crate::BufferTooSmall>,
) -> HeaderValue {
    let mut buf = std::vec![0; len];
    match write(&mut buf) {
        Ok(n) => value_of(&buf[..n]),
        Err(_) => HeaderValue::from_static(""),
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl Subprotocol {
    /// Every subprotocol the client offers in `headers`, registered or not, in its order
    /// of preference: [`offers_lines`](Self::offers_lines) over every
    /// `Sec-WebSocket-Protocol` line. A server that carries tokens in the list (Kubernetes
    /// does) reads them here.
    ///
    /// ```
    /// use http::HeaderMap;
    /// use websocket_registry::Subprotocol;
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.append("sec-websocket-protocol", "base64url.bearer.authorization.k8s.io.dG9rZW4".parse()?);
    /// headers.append("sec-websocket-protocol", "v5.channel.k8s.io, ocpp1.6".parse()?);
    /// let tokens: Vec<_> = Subprotocol::offers_in_headers(&headers).map(|o| o.token()).collect();
    /// assert_eq!(tokens, ["base64url.bearer.authorization.k8s.io.dG9rZW4", "v5.channel.k8s.io", "ocpp1.6"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn offers_in_headers(headers: &HeaderMap) -> impl Iterator<Item = Offer<'_>> {
        Subprotocol::offers_lines(lines(headers, &SEC_WEBSOCKET_PROTOCOL))
    }

    /// The first registered subprotocol the client offers in `headers` that `accept` agrees
    /// to: [`negotiate_lines`](Self::negotiate_lines) over every `Sec-WebSocket-Protocol`
    /// line. Answer it with `HeaderValue::from(protocol)`.
    ///
    /// ```
    /// use http::{HeaderMap, HeaderValue};
    /// use websocket_registry::Subprotocol;
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.append("sec-websocket-protocol", "graphql-ws, ocpp2.0.1, ocpp1.6".parse()?);
    /// let speaks = [Subprotocol::Ocpp1_6, Subprotocol::Ocpp2_0_1];
    /// let chosen = Subprotocol::negotiate_in_headers(&headers, |p| speaks.contains(&p)).unwrap();
    /// assert_eq!(HeaderValue::from(chosen), "ocpp2.0.1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn negotiate_in_headers(
        headers: &HeaderMap,
        accept: impl FnMut(Subprotocol) -> bool,
    ) -> Option<Subprotocol> {
        Subprotocol::negotiate_lines(lines(headers, &SEC_WEBSOCKET_PROTOCOL), accept)
    }

    /// The subprotocol a server selected in its response `headers`:
    /// [`selected_in_lines`](Self::selected_in_lines) over every `Sec-WebSocket-Protocol`
    /// line.
    ///
    /// # Errors
    ///
    /// [`SelectedSubprotocolError`] for several lines, a list, an empty value or a byte that
    /// is not visible ASCII: the client fails the connection.
    ///
    /// ```
    /// use http::HeaderMap;
    /// use websocket_registry::Subprotocol;
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert("sec-websocket-protocol", "ocpp1.6".parse()?);
    /// let selected = Subprotocol::selected_in_headers(&headers)?.expect("one selected");
    /// assert_eq!(selected.subprotocol(), Some(Subprotocol::Ocpp1_6));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn selected_in_headers(
        headers: &HeaderMap,
    ) -> Result<Option<Offer<'_>>, SelectedSubprotocolError> {
        Subprotocol::selected_in_lines(lines(headers, &SEC_WEBSOCKET_PROTOCOL))
    }

    /// The client's `Sec-WebSocket-Protocol` value for `offers`, in its order of preference:
    /// what [`write_offers`](Self::write_offers) writes.
    ///
    /// ```
    /// use websocket_registry::Subprotocol;
    ///
    /// let value = Subprotocol::offers_header_value(&[Subprotocol::Ocpp2_0_1, Subprotocol::Ocpp1_6]);
    /// assert_eq!(value, "ocpp2.0.1, ocpp1.6");
    /// ```
    pub fn offers_header_value(offers: &[Subprotocol]) -> HeaderValue {
        let len = offers.iter().map(|p| p.as_str().len() + 2).sum();
        written(len, |buf| Subprotocol::write_offers(offers, buf))
    }
}

/// The server's `Sec-WebSocket-Protocol` answer: the subprotocol's identifier, as
/// [`Subprotocol::as_str`] spells it.
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl From<Subprotocol> for HeaderValue {
    fn from(protocol: Subprotocol) -> HeaderValue {
        value_of(protocol.as_str().as_bytes())
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl Extension {
    /// Every extension offered (or, in a response, accepted) in `headers`:
    /// [`offers_lines`](Self::offers_lines) over every `Sec-WebSocket-Extensions` line, with
    /// offsets in the lines joined by `, `.
    ///
    /// ```
    /// use http::HeaderMap;
    /// use websocket_registry::Extension;
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.append("sec-websocket-extensions", "x-webkit-deflate-frame".parse()?);
    /// headers.append("sec-websocket-extensions", "permessage-deflate".parse()?);
    /// let tokens = Extension::offers_in_headers(&headers)
    ///     .map(|offer| offer.map(|offer| offer.token().to_owned()))
    ///     .collect::<Result<Vec<_>, _>>()?;
    /// assert_eq!(tokens, ["x-webkit-deflate-frame", "permessage-deflate"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn offers_in_headers(
        headers: &HeaderMap,
    ) -> impl Iterator<Item = Result<ExtensionOffer<'_>, ExtensionHeaderError>> {
        Extension::offers_lines(lines(headers, &SEC_WEBSOCKET_EXTENSIONS))
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl PerMessageDeflate {
    /// Every element of the request's `Sec-WebSocket-Extensions` lines, each checked as a
    /// permessage-deflate offer: [`offers_lines`](Self::offers_lines) on `headers`.
    ///
    /// ```
    /// use http::HeaderMap;
    /// use websocket_registry::{DeflateOffer, PerMessageDeflate};
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert("sec-websocket-extensions", "permessage-deflate; client_max_window_bits".parse()?);
    /// let valid = PerMessageDeflate::offers_in_headers(&headers).filter_map(DeflateOffer::valid).count();
    /// assert_eq!(valid, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn offers_in_headers(headers: &HeaderMap) -> impl Iterator<Item = DeflateOffer> + '_ {
        PerMessageDeflate::offers_lines(lines(headers, &SEC_WEBSOCKET_EXTENSIONS))
    }

    /// The server's side: [`negotiate_lines`](Self::negotiate_lines) on the request's
    /// `headers`. Answer `Some(response)` with `HeaderValue::from(response)`; with `None`,
    /// send no `Sec-WebSocket-Extensions` at all.
    ///
    /// # Errors
    ///
    /// [`ExtensionHeaderError`] when the header breaks RFC 6455's grammar, with its offset in
    /// the lines joined by `, `.
    ///
    /// ```
    /// use http::{HeaderMap, HeaderValue};
    /// use websocket_registry::{DeflatePolicy, PerMessageDeflate};
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert("sec-websocket-extensions", "permessage-deflate; client_max_window_bits".parse()?);
    /// let response = PerMessageDeflate::negotiate_in_headers(&headers, &DeflatePolicy::default())?
    ///     .expect("a valid offer");
    /// assert_eq!(HeaderValue::from(response), "permessage-deflate");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn negotiate_in_headers(
        headers: &HeaderMap,
        policy: &DeflatePolicy,
    ) -> Result<Option<DeflateResponse>, ExtensionHeaderError> {
        PerMessageDeflate::negotiate_lines(lines(headers, &SEC_WEBSOCKET_EXTENSIONS), policy)
    }

    /// The client's `Sec-WebSocket-Extensions` value for `offers`, in its order of
    /// preference: what [`write_offers`](Self::write_offers) writes. Check the answer with
    /// [`DeflateResponse::check_in_headers`] against the same `offers`.
    ///
    /// ```
    /// use websocket_registry::{ClientMaxWindowBits, PerMessageDeflate};
    ///
    /// let chromium = PerMessageDeflate::new().with_client_max_window_bits(ClientMaxWindowBits::Unspecified);
    /// let value = PerMessageDeflate::offers_header_value(&[chromium]);
    /// assert_eq!(value, "permessage-deflate; client_max_window_bits");
    /// ```
    pub fn offers_header_value(offers: &[PerMessageDeflate]) -> HeaderValue {
        let len = offers.len() * (PerMessageDeflate::MAX_LEN + 2);
        written(len, |buf| PerMessageDeflate::write_offers(offers, buf))
    }
}

/// One offer, as [`PerMessageDeflate::write`] writes it.
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl From<PerMessageDeflate> for HeaderValue {
    fn from(offer: PerMessageDeflate) -> HeaderValue {
        written(PerMessageDeflate::MAX_LEN, |buf| offer.write(buf))
    }
}

/// The server's `Sec-WebSocket-Extensions` answer, as [`DeflateResponse::write`] writes it.
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl From<DeflateResponse> for HeaderValue {
    fn from(response: DeflateResponse) -> HeaderValue {
        written(DeflateResponse::MAX_LEN, |buf| response.write(buf))
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl DeflateResponse {
    /// The client's side: [`check_lines`](Self::check_lines) on the server's response
    /// `headers`, against exactly the offers the client sent.
    ///
    /// # Errors
    ///
    /// [`DeflateResponseError`] when the answer is not one RFC 7692 allows for `offered`: the
    /// client fails the connection.
    ///
    /// ```
    /// use http::HeaderMap;
    /// use websocket_registry::{DeflateResponse, PerMessageDeflate};
    ///
    /// let offered = [PerMessageDeflate::new()];
    /// let mut headers = HeaderMap::new();
    /// assert_eq!(DeflateResponse::check_in_headers(&headers, &offered)?, None); // declined
    /// headers.insert("sec-websocket-extensions", "permessage-deflate".parse()?);
    /// assert!(DeflateResponse::check_in_headers(&headers, &offered)?.is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_in_headers(
        headers: &HeaderMap,
        offered: &[PerMessageDeflate],
    ) -> Result<Option<DeflateResponse>, DeflateResponseError> {
        DeflateResponse::check_lines(lines(headers, &SEC_WEBSOCKET_EXTENSIONS), offered)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl Version {
    /// The server's side: [`check_lines`](Self::check_lines) over the request's
    /// `Sec-WebSocket-Version` lines, against the versions it speaks.
    ///
    /// # Errors
    ///
    /// [`VersionError`], whose [`to_response`](VersionError::to_response) is the answer RFC
    /// 6455 section 4.4 asks for.
    ///
    /// ```
    /// use http::HeaderMap;
    /// use websocket_registry::Version;
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert("sec-websocket-version", "8".parse()?);
    /// let answer = Version::check_in_headers(&headers, &[Version::RFC_6455]).unwrap_err().to_response();
    /// assert_eq!(answer.status(), 426);
    /// assert_eq!(answer.headers()["sec-websocket-version"], "13");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_in_headers(
        headers: &HeaderMap,
        supported: &'static [Version],
    ) -> Result<Version, VersionError> {
        Version::check_lines(lines(headers, &SEC_WEBSOCKET_VERSION), supported)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl VersionError {
    /// The `Sec-WebSocket-Version` value of the answer: what
    /// [`write_supported`](Self::write_supported) writes.
    pub fn supported_header_value(&self) -> HeaderValue {
        written(self.supported().len() * 5, |buf| self.write_supported(buf))
    }

    /// The whole answer, without a body: [`http_status`](Self::http_status) and a
    /// `Sec-WebSocket-Version` header listing the versions the server speaks (RFC 6455
    /// section 4.4). Map its body to the server's own type (`response.map(|()| body)`).
    pub fn to_response(&self) -> Response<()> {
        let mut response = Response::new(());
        *response.status_mut() =
            StatusCode::from_u16(self.http_status()).unwrap_or(StatusCode::BAD_REQUEST);
        response
            .headers_mut()
            .insert(SEC_WEBSOCKET_VERSION, self.supported_header_value());
        response
    }
}
