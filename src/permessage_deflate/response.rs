//! A permessage-deflate response: written by a server, checked by a client against its offers.

use core::fmt;

use crate::buffer_writer::Writer;
use crate::header_lines::AcrossLines;
use crate::{BufferTooSmall, ExtensionHeaderError, ExtensionHeaderExpected};

use super::{
    ClientMaxWindowBits, DeflateOffer, DeflateOffers, PerMessageDeflate, PerMessageDeflateError,
    WindowBits,
};

/// The parameters of a permessage-deflate response: what a server answers
/// ([`PerMessageDeflate::negotiate`]), and what a client reads back
/// ([`DeflateResponse::check`]).
///
/// ```
/// use websocket_registry::{ClientMaxWindowBits, DeflatePolicy, PerMessageDeflate};
///
/// let response = PerMessageDeflate::negotiate("permessage-deflate; client_max_window_bits", &DeflatePolicy::new())?
///     .expect("acceptable");
/// assert!(!response.server_no_context_takeover());
/// assert_eq!(response.client_max_window_bits(), ClientMaxWindowBits::Absent); // 15 is not sent
/// # Ok::<(), websocket_registry::ExtensionHeaderError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct DeflateResponse {
    pub(super) server_no_context_takeover: bool,
    pub(super) client_no_context_takeover: bool,
    pub(super) server_max_window_bits: Option<WindowBits>,
    pub(super) client_max_window_bits: Option<WindowBits>,
}

impl DeflateResponse {
    /// The server will not reuse its compression context.
    pub const fn server_no_context_takeover(&self) -> bool {
        self.server_no_context_takeover
    }

    /// The client must not reuse its compression context.
    pub const fn client_no_context_takeover(&self) -> bool {
        self.client_no_context_takeover
    }

    /// The server's window, if the response states one (15 otherwise).
    pub const fn server_max_window_bits(&self) -> Option<WindowBits> {
        self.server_max_window_bits
    }

    /// The client's window: [`Bits`](ClientMaxWindowBits::Bits) if the response states one,
    /// else [`Absent`](ClientMaxWindowBits::Absent) (15); never `Unspecified`, which only an
    /// offer has.
    pub const fn client_max_window_bits(&self) -> ClientMaxWindowBits {
        match self.client_max_window_bits {
            Some(bits) => ClientMaxWindowBits::Bits(bits),
            None => ClientMaxWindowBits::Absent,
        }
    }

    /// The longest element [`write`](Self::write) writes, in bytes: every parameter, each
    /// window at two digits. A buffer of this size always suffices.
    pub const MAX_LEN: usize = super::MAX_ELEMENT_LEN;

    /// Writes the response element (`permessage-deflate; server_max_window_bits=10`) into
    /// `buf` and returns its length, at most [`MAX_LEN`](Self::MAX_LEN).
    ///
    /// # Errors
    ///
    /// [`BufferTooSmall`] when `buf` cannot hold the element; what `buf` holds then is
    /// unspecified.
    ///
    /// ```
    /// use websocket_registry::{DeflatePolicy, DeflateResponse, PerMessageDeflate};
    ///
    /// let response = PerMessageDeflate::negotiate("permessage-deflate", &DeflatePolicy::new())
    ///     .expect("a valid header")
    ///     .expect("acceptable");
    /// let mut buf = [0u8; DeflateResponse::MAX_LEN];
    /// let len = response.write(&mut buf)?;
    /// assert_eq!(&buf[..len], b"permessage-deflate");
    /// # Ok::<(), websocket_registry::BufferTooSmall>(())
    /// ```
    pub fn write(&self, buf: &mut [u8]) -> Result<usize, BufferTooSmall> {
        // A response has the offer's shape, with the client's window always valued.
        let element = PerMessageDeflate {
            server_no_context_takeover: self.server_no_context_takeover,
            client_no_context_takeover: self.client_no_context_takeover,
            server_max_window_bits: self.server_max_window_bits,
            client_max_window_bits: self.client_max_window_bits(),
        };
        let mut out = Writer::new(buf);
        element.write_to(&mut out);
        out.finish()
    }

    /// The client's side: checks the server's `Sec-WebSocket-Extensions` response value
    /// (its bytes, a `&str` or a `&[u8]`) against the permessage-deflate offers the client
    /// sent (RFC 7692 sections 7.1.1.1 to 7.1.2.2). `Ok(None)` when the server declined the
    /// extension (an empty value included). A response sent as several lines is
    /// [`check_lines`](Self::check_lines).
    ///
    /// # Errors
    ///
    /// [`DeflateResponseError`] names the rule the response breaks, with the byte offset
    /// where it is about a place in the value: a broken grammar, an extension the client did
    /// not offer, permessage-deflate accepted twice, a parameter RFC 7692 does not allow in a
    /// response, or parameters that answer none of `offered`. The client then fails the
    /// connection (RFC 6455 section 9.1).
    ///
    /// ```
    /// use websocket_registry::{DeflateOffer, DeflateResponse, DeflateResponseError, PerMessageDeflate};
    ///
    /// let offer = "permessage-deflate; client_max_window_bits; server_max_window_bits=12";
    /// let offered: Vec<_> = PerMessageDeflate::offers(offer).filter_map(DeflateOffer::valid).collect();
    ///
    /// let answer = "permessage-deflate; server_max_window_bits=10";
    /// let response = DeflateResponse::check(answer, &offered)?.expect("accepted");
    /// assert_eq!(response.server_max_window_bits().map(|bits| bits.get()), Some(10));
    ///
    /// let too_large = "permessage-deflate; server_max_window_bits=14";
    /// assert!(matches!(
    ///     DeflateResponse::check(too_large, &offered),
    ///     Err(DeflateResponseError::ServerWindowTooLarge { .. })
    /// ));
    /// assert_eq!(DeflateResponse::check("", &offered)?, None);
    /// # Ok::<(), DeflateResponseError>(())
    /// ```
    pub fn check<V: AsRef<[u8]> + ?Sized>(
        value: &V,
        offered: &[PerMessageDeflate],
    ) -> Result<Option<DeflateResponse>, DeflateResponseError> {
        DeflateResponse::check_elements(DeflateOffers::of_response(value), offered)
    }

    /// [`check`](Self::check) over a response sent as several field lines (what
    /// `HeaderMap::get_all` gives), read as one list, with offsets counted as in
    /// [`Extension::offers_lines`](crate::Extension::offers_lines).
    ///
    /// # Errors
    ///
    /// As [`check`](Self::check).
    ///
    /// ```
    /// use websocket_registry::{DeflateResponse, DeflateResponseError, PerMessageDeflate};
    ///
    /// let offered = [PerMessageDeflate::default()];
    /// let lines = ["permessage-deflate", "permessage-deflate"];
    /// assert_eq!(
    ///     DeflateResponse::check_lines(&lines, &offered),
    ///     Err(DeflateResponseError::AcceptedTwice { offset: 20 })
    /// );
    /// ```
    pub fn check_lines<'a, V: AsRef<[u8]> + ?Sized + 'a>(
        lines: impl IntoIterator<Item = &'a V>,
        offered: &[PerMessageDeflate],
    ) -> Result<Option<DeflateResponse>, DeflateResponseError> {
        let elements = AcrossLines::new(lines, DeflateOffers::of_response);
        DeflateResponse::check_elements(elements, offered)
    }

    fn check_elements(
        elements: impl Iterator<Item = (usize, DeflateOffer)>,
        offered: &[PerMessageDeflate],
    ) -> Result<Option<DeflateResponse>, DeflateResponseError> {
        let mut found: Option<DeflateResponse> = None;
        for (offset, element) in elements {
            let parsed = match element {
                DeflateOffer::Valid(parsed) => parsed,
                DeflateOffer::Declined(PerMessageDeflateError::NotPerMessageDeflate { offset }) => {
                    return Err(DeflateResponseError::NotOffered { offset })
                }
                DeflateOffer::Declined(error) => return Err(DeflateResponseError::Param(error)),
                // An empty value accepts nothing, as no value does.
                DeflateOffer::Malformed(error)
                    if error.expected() == ExtensionHeaderExpected::AtLeastOneExtension =>
                {
                    return Ok(None)
                }
                DeflateOffer::Malformed(error) => return Err(DeflateResponseError::Header(error)),
            };
            if offered.is_empty() {
                return Err(DeflateResponseError::NotOffered { offset });
            }
            if found.is_some() {
                return Err(DeflateResponseError::AcceptedTwice { offset });
            }
            let client_max_window_bits = match parsed.client_max_window_bits {
                ClientMaxWindowBits::Bits(bits) => Some(bits),
                // `Unspecified` cannot come out of a response's check.
                ClientMaxWindowBits::Absent | ClientMaxWindowBits::Unspecified => None,
            };
            found = Some(DeflateResponse {
                server_no_context_takeover: parsed.server_no_context_takeover,
                client_no_context_takeover: parsed.client_no_context_takeover,
                server_max_window_bits: parsed.server_max_window_bits,
                client_max_window_bits,
            });
        }
        let response = match found {
            Some(response) => response,
            None => return Ok(None),
        };
        // The response must answer one of the offers; report the first offer's objection.
        let mut first_error = None;
        for offer in offered {
            match response.answers(offer) {
                Ok(()) => return Ok(Some(response)),
                Err(error) => {
                    first_error.get_or_insert(error);
                }
            }
        }
        Err(first_error.unwrap_or(DeflateResponseError::NotOffered { offset: 0 }))
    }
    /// Whether this response is one a server may give to `offer`.
    fn answers(&self, offer: &PerMessageDeflate) -> Result<(), DeflateResponseError> {
        if offer.server_no_context_takeover && !self.server_no_context_takeover {
            return Err(DeflateResponseError::ServerNoContextTakeoverNotAccepted);
        }
        if let Some(offered) = offer.server_max_window_bits {
            match self.server_max_window_bits {
                None => return Err(DeflateResponseError::ServerMaxWindowBitsNotAccepted),
                Some(answered) if answered > offered => {
                    return Err(DeflateResponseError::ServerWindowTooLarge { offered, answered })
                }
                Some(_) => {}
            }
        }
        match (offer.client_max_window_bits, self.client_max_window_bits) {
            (ClientMaxWindowBits::Absent, Some(_)) => {
                Err(DeflateResponseError::ClientMaxWindowBitsNotOffered)
            }
            (ClientMaxWindowBits::Bits(offered), Some(answered)) if answered > offered => {
                Err(DeflateResponseError::ClientWindowTooLarge { offered, answered })
            }
            _ => Ok(()),
        }
    }
}

/// Why a server's permessage-deflate response is not one RFC 7692 allows for what the client
/// offered: the client fails the connection.
///
/// ```
/// use websocket_registry::{DeflateResponse, DeflateResponseError, PerMessageDeflate};
///
/// let error = DeflateResponse::check("x-webkit-deflate-frame", &[PerMessageDeflate::default()]).unwrap_err();
/// assert_eq!(error, DeflateResponseError::NotOffered { offset: 0 });
/// assert_eq!(
///     error.to_string(),
///     "Sec-WebSocket-Extensions at byte 0: the server accepted an extension the client did not offer"
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DeflateResponseError {
    /// The header value does not parse (RFC 6455 section 9.1).
    Header(ExtensionHeaderError),
    /// The response accepts an extension the client did not offer (RFC 6455 section 9.1).
    NotOffered {
        /// Where its token starts.
        offset: usize,
    },
    /// The response accepts permessage-deflate twice.
    AcceptedTwice {
        /// Where the second one starts.
        offset: usize,
    },
    /// A parameter breaks RFC 7692 section 7 (unknown, repeated, a bad value, or
    /// `client_max_window_bits` without the value a response must give).
    Param(PerMessageDeflateError),
    /// The client offered `server_no_context_takeover` and the response leaves it out
    /// (section 7.1.1.1).
    ServerNoContextTakeoverNotAccepted,
    /// The client offered `server_max_window_bits` and the response leaves it out (section
    /// 7.1.2.1).
    ServerMaxWindowBitsNotAccepted,
    /// The response's `server_max_window_bits` is larger than offered (section 7.1.2.1).
    ServerWindowTooLarge {
        /// What the client offered.
        offered: WindowBits,
        /// What the server answered.
        answered: WindowBits,
    },
    /// The response has `client_max_window_bits`, which the client did not offer (section
    /// 7.1.2.2).
    ClientMaxWindowBitsNotOffered,
    /// The response's `client_max_window_bits` is larger than offered (section 7.1.2.2).
    ClientWindowTooLarge {
        /// What the client offered.
        offered: WindowBits,
        /// What the server answered.
        answered: WindowBits,
    },
}

impl fmt::Display for DeflateResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeflateResponseError::Header(error) => write!(f, "{error}"),
            DeflateResponseError::NotOffered { offset } => write!(
                f,
                "Sec-WebSocket-Extensions at byte {offset}: the server accepted an extension \
                 the client did not offer"
            ),
            DeflateResponseError::AcceptedTwice { offset } => write!(
                f,
                "Sec-WebSocket-Extensions at byte {offset}: the server accepted \
                 permessage-deflate a second time"
            ),
            DeflateResponseError::Param(error) => write!(f, "{error}"),
            DeflateResponseError::ServerNoContextTakeoverNotAccepted => f.write_str(
                "Sec-WebSocket-Extensions: the client offered server_no_context_takeover and \
                 the response leaves it out (RFC 7692 section 7.1.1.1)",
            ),
            DeflateResponseError::ServerMaxWindowBitsNotAccepted => f.write_str(
                "Sec-WebSocket-Extensions: the client offered server_max_window_bits and the \
                 response leaves it out (RFC 7692 section 7.1.2.1)",
            ),
            DeflateResponseError::ServerWindowTooLarge { offered, answered } => write!(
                f,
                "Sec-WebSocket-Extensions: server_max_window_bits={answered} in the response \
                 is larger than the {offered} offered (RFC 7692 section 7.1.2.1)"
            ),
            DeflateResponseError::ClientMaxWindowBitsNotOffered => f.write_str(
                "Sec-WebSocket-Extensions: the response has client_max_window_bits, which the \
                 client did not offer (RFC 7692 section 7.1.2.2)",
            ),
            DeflateResponseError::ClientWindowTooLarge { offered, answered } => write!(
                f,
                "Sec-WebSocket-Extensions: client_max_window_bits={answered} in the response \
                 is larger than the {offered} offered (RFC 7692 section 7.1.2.2)"
            ),
        }
    }
}
