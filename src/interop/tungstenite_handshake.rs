//! Negotiation on tungstenite's handshake types (feature `tungstenite-handshake`).
//!
//! tungstenite hands a server's accept callback an `http::Request` and a client the server's
//! `http::Response`; these methods pass their headers to the `http` feature's readers
//! (`src/interop/http.rs`) and hold no header code of their own. They take any body type, so
//! the same calls work on both sides.

use tungstenite::http::{Request, Response};

use crate::{Offer, Subprotocol};

#[cfg_attr(docsrs, doc(cfg(feature = "tungstenite-handshake")))]
impl Subprotocol {
    /// The first registered subprotocol the client offers in `request` that `accept` agrees
    /// to, reading every `Sec-WebSocket-Protocol` field line in order (a client may split its
    /// list over several lines): [`negotiate_lines`](Self::negotiate_lines) on the request's
    /// headers.
    ///
    /// The server echoes [`as_str`](Self::as_str) in its response; see the `server` example.
    ///
    /// ```
    /// use websocket_registry::Subprotocol;
    /// use tungstenite::http::Request;
    ///
    /// let request = Request::builder()
    ///     .header("Sec-WebSocket-Protocol", "graphql-ws")
    ///     .header("Sec-WebSocket-Protocol", "ocpp2.0.1, ocpp1.6")
    ///     .body(())
    ///     .unwrap();
    /// let speaks = [Subprotocol::Ocpp1_6, Subprotocol::Ocpp2_0_1];
    /// let chosen = Subprotocol::negotiate_request(&request, |p| speaks.contains(&p));
    /// assert_eq!(chosen, Some(Subprotocol::Ocpp2_0_1));
    /// ```
    pub fn negotiate_request<B>(
        request: &Request<B>,
        mut accept: impl FnMut(Subprotocol) -> bool,
    ) -> Option<Subprotocol> {
        Subprotocol::negotiate_in_headers(request.headers(), &mut accept)
    }

    /// The subprotocol the server selected in `response`: `Ok(None)` when it selected none,
    /// otherwise the token it sent and, if registered, the subprotocol it names. RFC 6455
    /// allows the server one token on one line.
    ///
    /// # Errors
    ///
    /// [`SelectedSubprotocolError`](crate::SelectedSubprotocolError) for several
    /// `Sec-WebSocket-Protocol` lines, a list, an empty value or a byte that is not visible
    /// ASCII (see [`selected_in_value`](Self::selected_in_value)): the client fails the
    /// connection.
    ///
    /// ```
    /// use websocket_registry::{SelectedSubprotocolError, Subprotocol};
    /// use tungstenite::http::Response;
    ///
    /// let response = Response::builder()
    ///     .header("Sec-WebSocket-Protocol", "ocpp1.6")
    ///     .body(())
    ///     .unwrap();
    /// let selected = Subprotocol::selected_in_response(&response).unwrap().unwrap();
    /// assert_eq!(selected.token(), "ocpp1.6");
    /// assert_eq!(selected.subprotocol(), Some(Subprotocol::Ocpp1_6));
    ///
    /// let twice = Response::builder()
    ///     .header("Sec-WebSocket-Protocol", "ocpp1.6")
    ///     .header("Sec-WebSocket-Protocol", "mqtt")
    ///     .body(())
    ///     .unwrap();
    /// assert_eq!(
    ///     Subprotocol::selected_in_response(&twice),
    ///     Err(SelectedSubprotocolError::SeveralLines { count: 2 })
    /// );
    /// ```
    pub fn selected_in_response<B>(
        response: &Response<B>,
    ) -> Result<Option<Offer<'_>>, crate::SelectedSubprotocolError> {
        Subprotocol::selected_in_headers(response.headers())
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "tungstenite-handshake")))]
impl crate::PerMessageDeflate {
    /// [`negotiate`](Self::negotiate) on the client's handshake `request`, reading every
    /// `Sec-WebSocket-Extensions` field line in order, as one list (RFC 9110 section 5.3);
    /// error offsets count in the lines joined with `, `.
    ///
    /// # Errors
    ///
    /// As [`negotiate`](Self::negotiate): the header breaks RFC 6455's grammar.
    ///
    /// ```
    /// use websocket_registry::{DeflatePolicy, PerMessageDeflate};
    /// use tungstenite::http::Request;
    ///
    /// let request = Request::builder()
    ///     .header("Sec-WebSocket-Extensions", "x-webkit-deflate-frame")
    ///     .header("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits")
    ///     .body(())
    ///     .unwrap();
    /// let response = PerMessageDeflate::negotiate_request(&request, &DeflatePolicy::default());
    /// assert!(response.unwrap().is_some());
    /// ```
    pub fn negotiate_request<B>(
        request: &Request<B>,
        policy: &crate::DeflatePolicy,
    ) -> Result<Option<crate::DeflateResponse>, crate::ExtensionHeaderError> {
        crate::PerMessageDeflate::negotiate_in_headers(request.headers(), policy)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "tungstenite-handshake")))]
impl crate::DeflateResponse {
    /// [`check`](Self::check) on the server's handshake `response`, reading every
    /// `Sec-WebSocket-Extensions` field line in order, as one list
    /// ([`check_lines`](Self::check_lines)).
    ///
    /// # Errors
    ///
    /// As [`check`](Self::check): the client fails the connection.
    ///
    /// ```
    /// use websocket_registry::{ClientMaxWindowBits, DeflateOffer, DeflateResponse, PerMessageDeflate};
    /// use tungstenite::http::Response;
    ///
    /// let offer = "permessage-deflate; client_max_window_bits";
    /// let offered: Vec<_> = PerMessageDeflate::offers(offer).filter_map(DeflateOffer::valid).collect();
    /// let response = Response::builder()
    ///     .header("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits=10")
    ///     .body(())
    ///     .unwrap();
    /// let accepted = DeflateResponse::check_response(&response, &offered)?.expect("accepted");
    /// let ClientMaxWindowBits::Bits(bits) = accepted.client_max_window_bits() else {
    ///     panic!("a window");
    /// };
    /// assert_eq!(bits.get(), 10);
    /// # Ok::<(), websocket_registry::DeflateResponseError>(())
    /// ```
    pub fn check_response<B>(
        response: &Response<B>,
        offered: &[crate::PerMessageDeflate],
    ) -> Result<Option<crate::DeflateResponse>, crate::DeflateResponseError> {
        crate::DeflateResponse::check_in_headers(response.headers(), offered)
    }
}
