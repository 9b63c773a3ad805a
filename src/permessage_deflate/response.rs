//! A permessage-deflate response: written by a server, checked by a client against its offers.

use core::fmt;

use crate::BufferTooSmall;

use super::offer::{ClientMaxWindowBits, DeflateParam, PerMessageDeflate, PerMessageDeflateError};

/// The parameters of a permessage-deflate response: what a server answers, and what a
/// client reads back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct DeflateResponse {
    pub(super) server_no_context_takeover: bool,
    pub(super) client_no_context_takeover: bool,
    pub(super) server_max_window_bits: Option<u8>,
    pub(super) client_max_window_bits: Option<u8>,
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
    pub const fn server_max_window_bits(&self) -> Option<u8> {
        self.server_max_window_bits
    }

    /// The client's window, if the response states one (15 otherwise).
    pub const fn client_max_window_bits(&self) -> Option<u8> {
        self.client_max_window_bits
    }

    /// The longest element [`write`](Self::write) writes, in bytes: every parameter, each
    /// window at two digits. A buffer of this size always suffices.
    pub const MAX_LEN: usize = "permessage-deflate; server_no_context_takeover; \
        client_no_context_takeover; server_max_window_bits=15; client_max_window_bits=15"
        .len();

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
    /// let response = PerMessageDeflate::negotiate("permessage-deflate", &DeflatePolicy::default())
    ///     .expect("a valid header")
    ///     .expect("acceptable");
    /// let mut buf = [0u8; DeflateResponse::MAX_LEN];
    /// let len = response.write(&mut buf)?;
    /// assert_eq!(&buf[..len], b"permessage-deflate");
    /// # Ok::<(), websocket_registry::BufferTooSmall>(())
    /// ```
    pub fn write(&self, buf: &mut [u8]) -> Result<usize, BufferTooSmall> {
        let mut out = Writer { buf, len: 0 };
        out.push("permessage-deflate");
        if self.server_no_context_takeover {
            out.push("; server_no_context_takeover");
        }
        if self.client_no_context_takeover {
            out.push("; client_no_context_takeover");
        }
        if let Some(bits) = self.server_max_window_bits {
            out.push("; server_max_window_bits=");
            out.push(bits_text(bits));
        }
        if let Some(bits) = self.client_max_window_bits {
            out.push("; client_max_window_bits=");
            out.push(bits_text(bits));
        }
        if out.len > out.buf.len() {
            return Err(BufferTooSmall {
                needed: out.len,
                available: out.buf.len(),
            });
        }
        Ok(out.len)
    }

    /// The client's side: checks the server's `Sec-WebSocket-Extensions` response value
    /// against the permessage-deflate offers the client sent (RFC 7692 sections 7.1.1.1 to
    /// 7.1.2.2). `Ok(None)` when the server declined the extension; an error names the rule
    /// the response breaks.
    pub fn check<'a>(
        header: &'a str,
        offered: &[PerMessageDeflate],
    ) -> Result<Option<DeflateResponse>, DeflateResponseError<'a>> {
        DeflateResponse::check_lines(core::iter::once(Ok(header)), offered)
    }

    /// [`check`](Self::check) over a header sent as several field lines, read as RFC 9110
    /// section 5.3 combines them (joined with `, `; error offsets count that way too). A
    /// line that is not visible ASCII is `Err` with the offset of its first other byte.
    pub(crate) fn check_lines<'a>(
        lines: impl Iterator<Item = Result<&'a str, usize>>,
        offered: &[PerMessageDeflate],
    ) -> Result<Option<DeflateResponse>, DeflateResponseError<'a>> {
        let mut found: Option<DeflateResponse> = None;
        let elements = crate::extension_offers::elements_of_lines(lines);
        for element in elements {
            let element = element.map_err(DeflateResponseError::Header)?;
            if element.token() != "permessage-deflate" || offered.is_empty() {
                return Err(DeflateResponseError::NotOffered(element.token()));
            }
            if found.is_some() {
                return Err(DeflateResponseError::AcceptedTwice);
            }
            let parsed =
                PerMessageDeflate::from_offer(&element).map_err(DeflateResponseError::Param)?;
            let client_max_window_bits = match parsed.client_max_window_bits {
                ClientMaxWindowBits::NotOffered => None,
                ClientMaxWindowBits::Unspecified => {
                    return Err(DeflateResponseError::Param(
                        PerMessageDeflateError::MissingValue(DeflateParam::ClientMaxWindowBits),
                    ))
                }
                ClientMaxWindowBits::Bits(bits) => Some(bits),
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
        Err(first_error.unwrap_or(DeflateResponseError::NotOffered("permessage-deflate")))
    }

    /// Whether this response is one a server may give to `offer`.
    fn answers<'a>(&self, offer: &PerMessageDeflate) -> Result<(), DeflateResponseError<'a>> {
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
            (ClientMaxWindowBits::NotOffered, Some(_)) => {
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
/// offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DeflateResponseError<'a> {
    /// The header value does not parse (RFC 6455 section 9.1).
    Header(crate::ExtensionHeaderError),
    /// The response accepts an extension the client did not offer (RFC 6455 section 9.1).
    NotOffered(&'a str),
    /// The response accepts permessage-deflate twice.
    AcceptedTwice,
    /// A parameter breaks RFC 7692 section 7 (unknown, repeated, a bad value, or
    /// `client_max_window_bits` without the value a response must give).
    Param(PerMessageDeflateError<'a>),
    /// The client offered `server_no_context_takeover` and the response leaves it out
    /// (section 7.1.1.1).
    ServerNoContextTakeoverNotAccepted,
    /// The client offered `server_max_window_bits` and the response leaves it out (section
    /// 7.1.2.1).
    ServerMaxWindowBitsNotAccepted,
    /// The response's `server_max_window_bits` is larger than offered (section 7.1.2.1).
    ServerWindowTooLarge {
        /// What the client offered.
        offered: u8,
        /// What the server answered.
        answered: u8,
    },
    /// The response has `client_max_window_bits`, which the client did not offer (section
    /// 7.1.2.2).
    ClientMaxWindowBitsNotOffered,
    /// The response's `client_max_window_bits` is larger than offered (section 7.1.2.2).
    ClientWindowTooLarge {
        /// What the client offered.
        offered: u8,
        /// What the server answered.
        answered: u8,
    },
}

impl fmt::Display for DeflateResponseError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeflateResponseError::Header(error) => write!(f, "{error}"),
            DeflateResponseError::NotOffered(token) => {
                write!(
                    f,
                    "the server accepted {token:?}, which the client did not offer"
                )
            }
            DeflateResponseError::AcceptedTwice => {
                f.write_str("the server accepted permessage-deflate twice")
            }
            DeflateResponseError::Param(error) => write!(f, "{error}"),
            DeflateResponseError::ServerNoContextTakeoverNotAccepted => f.write_str(
                "the client offered server_no_context_takeover and the response leaves it out \
                 (RFC 7692 section 7.1.1.1)",
            ),
            DeflateResponseError::ServerMaxWindowBitsNotAccepted => f.write_str(
                "the client offered server_max_window_bits and the response leaves it out \
                 (RFC 7692 section 7.1.2.1)",
            ),
            DeflateResponseError::ServerWindowTooLarge { offered, answered } => write!(
                f,
                "server_max_window_bits={answered} in the response is larger than the \
                 {offered} offered (RFC 7692 section 7.1.2.1)"
            ),
            DeflateResponseError::ClientMaxWindowBitsNotOffered => f.write_str(
                "the response has client_max_window_bits, which the client did not offer \
                 (RFC 7692 section 7.1.2.2)",
            ),
            DeflateResponseError::ClientWindowTooLarge { offered, answered } => write!(
                f,
                "client_max_window_bits={answered} in the response is larger than the \
                 {offered} offered (RFC 7692 section 7.1.2.2)"
            ),
        }
    }
}

/// Appends text to a caller's buffer, counting what does not fit.
struct Writer<'b> {
    buf: &'b mut [u8],
    len: usize,
}

impl Writer<'_> {
    fn push(&mut self, text: &str) {
        let end = self.len + text.len();
        // One copy when it fits; past the end only the count grows (the caller reports the
        // length it needs). Once a piece does not fit, nothing later is written either.
        if let Some(slot) = self.buf.get_mut(self.len..end) {
            slot.copy_from_slice(text.as_bytes());
        } else if let Some(rest) = self.buf.get_mut(self.len..) {
            let fits = rest.len();
            rest.copy_from_slice(&text.as_bytes()[..fits]);
        }
        self.len = end;
    }
}

/// `8` to `15` as text.
fn bits_text(bits: u8) -> &'static str {
    match bits {
        8 => "8",
        9 => "9",
        10 => "10",
        11 => "11",
        12 => "12",
        13 => "13",
        14 => "14",
        _ => "15",
    }
}
