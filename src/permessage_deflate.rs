//! permessage-deflate (RFC 7692 section 7): offers checked, negotiated, answered and verified.
//!
//! A server checks a client's offer ([`PerMessageDeflate::from_offer`]), picks one
//! ([`PerMessageDeflate::negotiate`]) and writes its response ([`DeflateResponse::write`]); a
//! client checks the server's response against what it offered ([`DeflateResponse::check`]).

use core::fmt;

use crate::{ExtensionOffer, ParamValue};

/// A client's permessage-deflate offer that RFC 7692 section 7 allows: its four parameters,
/// read and checked.
///
/// ```
/// use websocket_registry::{ClientMaxWindowBits, Extension, PerMessageDeflate};
///
/// let header = "permessage-deflate; client_max_window_bits; server_max_window_bits=10";
/// let offer = Extension::offers(header).next().unwrap().unwrap();
/// let deflate = PerMessageDeflate::from_offer(&offer).unwrap();
/// assert_eq!(deflate.server_max_window_bits(), Some(10));
/// assert_eq!(deflate.client_max_window_bits(), ClientMaxWindowBits::Unspecified);
/// assert!(!deflate.server_no_context_takeover());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct PerMessageDeflate {
    server_no_context_takeover: bool,
    client_no_context_takeover: bool,
    server_max_window_bits: Option<u8>,
    client_max_window_bits: ClientMaxWindowBits,
}

/// `client_max_window_bits` in an offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ClientMaxWindowBits {
    /// Not in the offer: the server must not send it back (RFC 7692 section 7.1.2.2).
    #[default]
    NotOffered,
    /// Offered without a value: the client supports the parameter, and the server may
    /// choose a value.
    Unspecified,
    /// Offered with a value from 8 to 15.
    Bits(u8),
}

/// A parameter of permessage-deflate (RFC 7692 section 7.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DeflateParam {
    /// `server_no_context_takeover`.
    ServerNoContextTakeover,
    /// `client_no_context_takeover`.
    ClientNoContextTakeover,
    /// `server_max_window_bits`.
    ServerMaxWindowBits,
    /// `client_max_window_bits`.
    ClientMaxWindowBits,
}

impl DeflateParam {
    /// Every parameter, in RFC 7692's order.
    pub const ALL: [DeflateParam; 4] = [
        DeflateParam::ServerNoContextTakeover,
        DeflateParam::ClientNoContextTakeover,
        DeflateParam::ServerMaxWindowBits,
        DeflateParam::ClientMaxWindowBits,
    ];

    /// The parameter as it is written on the wire (`server_max_window_bits`).
    pub const fn as_str(self) -> &'static str {
        match self {
            DeflateParam::ServerNoContextTakeover => "server_no_context_takeover",
            DeflateParam::ClientNoContextTakeover => "client_no_context_takeover",
            DeflateParam::ServerMaxWindowBits => "server_max_window_bits",
            DeflateParam::ClientMaxWindowBits => "client_max_window_bits",
        }
    }

    /// The parameter on the wire: the old name of [`as_str`](Self::as_str).
    #[deprecated(
        note = "renamed to `as_str`, which gives the wire value on every type (`name()` is IANA's text)"
    )]
    pub const fn name(self) -> &'static str {
        self.as_str()
    }

    fn from_name(name: &str) -> Option<DeflateParam> {
        DeflateParam::ALL
            .into_iter()
            .find(|param| param.as_str() == name)
    }
}

/// Why an offer is not a permessage-deflate offer RFC 7692 allows: the parameter and the
/// rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PerMessageDeflateError<'a> {
    /// The offer is for another extension (its token).
    NotPerMessageDeflate(&'a str),
    /// A parameter RFC 7692 does not define (section 7: the offer must be declined).
    UnknownParam(&'a str),
    /// A parameter given twice (section 7).
    Repeated(DeflateParam),
    /// A value on a parameter that takes none (the two `*_no_context_takeover`).
    UnexpectedValue(DeflateParam),
    /// `server_max_window_bits` without a value.
    MissingValue(DeflateParam),
    /// Window bits that are not one of 8-15 in decimal, with no sign and no leading zero
    /// (sections 7.1.2.1 and 7.1.2.2).
    InvalidWindowBits(DeflateParam),
}

impl fmt::Display for PerMessageDeflateError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PerMessageDeflateError::NotPerMessageDeflate(token) => {
                write!(f, "{token:?} is not permessage-deflate")
            }
            PerMessageDeflateError::UnknownParam(name) => write!(
                f,
                "permessage-deflate has no parameter {name:?} (RFC 7692 section 7)"
            ),
            PerMessageDeflateError::Repeated(param) => write!(
                f,
                "permessage-deflate parameter {} appears twice (RFC 7692 section 7)",
                param.as_str()
            ),
            PerMessageDeflateError::UnexpectedValue(param) => write!(
                f,
                "permessage-deflate parameter {} takes no value (RFC 7692 section 7.1.1)",
                param.as_str()
            ),
            PerMessageDeflateError::MissingValue(param) => write!(
                f,
                "permessage-deflate parameter {} needs a value (RFC 7692 section 7.1.2.1)",
                param.as_str()
            ),
            PerMessageDeflateError::InvalidWindowBits(param) => write!(
                f,
                "permessage-deflate parameter {} must be 8-15 in decimal, without sign or \
                 leading zero (RFC 7692 section 7.1.2)",
                param.as_str()
            ),
        }
    }
}

#[cfg(has_core_error)]
impl core::error::Error for PerMessageDeflateError<'_> {}

impl PerMessageDeflate {
    /// Checks a client's offer as a server must (RFC 7692 section 7): the token is
    /// `permessage-deflate`, every parameter is one of its four and appears once, the two
    /// context-takeover parameters have no value, and window bits are one of 8-15 in decimal
    /// (quoted or not); `client_max_window_bits` may come without a value.
    pub fn from_offer<'a>(
        offer: &ExtensionOffer<'a>,
    ) -> Result<PerMessageDeflate, PerMessageDeflateError<'a>> {
        if offer.token() != "permessage-deflate" {
            return Err(PerMessageDeflateError::NotPerMessageDeflate(offer.token()));
        }
        let mut deflate = PerMessageDeflate::default();
        let mut seen = [false; 4];
        for (name, value) in offer.params() {
            let param =
                DeflateParam::from_name(name).ok_or(PerMessageDeflateError::UnknownParam(name))?;
            let index = param as usize;
            if seen[index] {
                return Err(PerMessageDeflateError::Repeated(param));
            }
            seen[index] = true;
            match (param, value) {
                (DeflateParam::ServerNoContextTakeover, None) => {
                    deflate.server_no_context_takeover = true
                }
                (DeflateParam::ClientNoContextTakeover, None) => {
                    deflate.client_no_context_takeover = true
                }
                (
                    DeflateParam::ServerNoContextTakeover | DeflateParam::ClientNoContextTakeover,
                    Some(_),
                ) => return Err(PerMessageDeflateError::UnexpectedValue(param)),
                (DeflateParam::ServerMaxWindowBits, None) => {
                    return Err(PerMessageDeflateError::MissingValue(param))
                }
                (DeflateParam::ServerMaxWindowBits, Some(value)) => {
                    deflate.server_max_window_bits = Some(window_bits(param, value)?)
                }
                (DeflateParam::ClientMaxWindowBits, None) => {
                    deflate.client_max_window_bits = ClientMaxWindowBits::Unspecified
                }
                (DeflateParam::ClientMaxWindowBits, Some(value)) => {
                    deflate.client_max_window_bits =
                        ClientMaxWindowBits::Bits(window_bits(param, value)?)
                }
            }
        }
        Ok(deflate)
    }

    /// The client asks the server not to reuse its compression context between messages.
    pub const fn server_no_context_takeover(&self) -> bool {
        self.server_no_context_takeover
    }

    /// The client says it will not reuse its own compression context.
    pub const fn client_no_context_takeover(&self) -> bool {
        self.client_no_context_takeover
    }

    /// The largest window, as a power of two, the client lets the server compress with.
    pub const fn server_max_window_bits(&self) -> Option<u8> {
        self.server_max_window_bits
    }

    /// Whether and how the client offered `client_max_window_bits`.
    pub const fn client_max_window_bits(&self) -> ClientMaxWindowBits {
        self.client_max_window_bits
    }
}

/// `8` to `15` exactly: RFC 7692 section 7.1.2's `1*DIGIT` without leading zeros, in range.
fn window_bits<'a>(
    param: DeflateParam,
    value: ParamValue<'_>,
) -> Result<u8, PerMessageDeflateError<'a>> {
    let mut digits = [0u8; 2];
    let len = value
        .write_to(&mut digits)
        .ok_or(PerMessageDeflateError::InvalidWindowBits(param))?;
    match &digits[..len] {
        [digit @ b'8'..=b'9'] => Ok(digit - b'0'),
        [b'1', digit @ b'0'..=b'5'] => Ok(10 + (digit - b'0')),
        _ => Err(PerMessageDeflateError::InvalidWindowBits(param)),
    }
}

/// What a server is willing to agree on for permessage-deflate.
///
/// The defaults ask for nothing: context takeover on both sides and 15-bit windows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DeflatePolicy {
    /// The server will not reuse its compression context between messages (it says so in
    /// every response).
    pub server_no_context_takeover: bool,
    /// The largest window the server compresses with, 8-15.
    pub server_max_window_bits: u8,
    /// The server asks the client not to reuse its compression context.
    pub client_no_context_takeover: bool,
    /// The largest window the server will decompress the client's messages with, 8-15.
    /// Below 15 the server can only accept offers whose `client_max_window_bits` lets it say
    /// so (RFC 7692 section 7.1.2.2).
    pub client_max_window_bits: u8,
}

impl Default for DeflatePolicy {
    fn default() -> Self {
        DeflatePolicy {
            server_no_context_takeover: false,
            server_max_window_bits: 15,
            client_no_context_takeover: false,
            client_max_window_bits: 15,
        }
    }
}

/// The parameters of a permessage-deflate response: what a server answers, and what a
/// client reads back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct DeflateResponse {
    server_no_context_takeover: bool,
    client_no_context_takeover: bool,
    server_max_window_bits: Option<u8>,
    client_max_window_bits: Option<u8>,
}

/// The buffer given to [`DeflateResponse::write`] is too small.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ResponseBufferTooSmall {
    /// Bytes needed.
    pub needed: usize,
}

impl fmt::Display for ResponseBufferTooSmall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the permessage-deflate response needs {} bytes",
            self.needed
        )
    }
}

#[cfg(has_core_error)]
impl core::error::Error for ResponseBufferTooSmall {}

impl PerMessageDeflate {
    /// The response a server with `policy` gives to this offer, or `None` when it must
    /// decline the offer (its policy limits the client's window and the offer gives no way
    /// to say so). By RFC 7692 section 7: an offered `server_no_context_takeover` is
    /// accepted by repeating it; an offered `server_max_window_bits` is answered with the
    /// same or a smaller value; `client_max_window_bits` is answered only if offered.
    pub fn accept(&self, policy: &DeflatePolicy) -> Option<DeflateResponse> {
        let server_bits = policy.server_max_window_bits.clamp(8, 15);
        let client_bits = policy.client_max_window_bits.clamp(8, 15);
        let server_max_window_bits = match self.server_max_window_bits {
            Some(offered) => Some(offered.min(server_bits)),
            None => (server_bits < 15).then_some(server_bits),
        };
        let client_max_window_bits = match self.client_max_window_bits {
            ClientMaxWindowBits::NotOffered if client_bits < 15 => return None,
            ClientMaxWindowBits::NotOffered => None,
            ClientMaxWindowBits::Unspecified => (client_bits < 15).then_some(client_bits),
            // The offered value is the most the client will use; only a response binds it.
            ClientMaxWindowBits::Bits(offered) => {
                (client_bits < 15).then_some(client_bits.min(offered))
            }
        };
        Some(DeflateResponse {
            server_no_context_takeover: self.server_no_context_takeover
                || policy.server_no_context_takeover,
            client_no_context_takeover: policy.client_no_context_takeover,
            server_max_window_bits,
            client_max_window_bits,
        })
    }

    /// The server's side of the negotiation: the response to the first permessage-deflate
    /// offer in `header` (one `Sec-WebSocket-Extensions` value) that RFC 7692 allows and
    /// `policy` can accept, or `None` when there is none (answer without the extension).
    /// Offers of other extensions, and permessage-deflate offers RFC 7692 does not allow,
    /// are skipped, as section 7 asks; a value that is not valid by RFC 6455's grammar is an
    /// error.
    ///
    /// ```
    /// use websocket_registry::{DeflatePolicy, PerMessageDeflate};
    ///
    /// let policy = DeflatePolicy { server_no_context_takeover: true, ..DeflatePolicy::default() };
    /// let header = "permessage-deflate; server_max_window_bits=08, permessage-deflate; client_max_window_bits";
    /// let response = PerMessageDeflate::negotiate(header, &policy).unwrap().unwrap();
    /// let mut buf = [0u8; 128];
    /// let n = response.write(&mut buf).unwrap();
    /// assert_eq!(&buf[..n], b"permessage-deflate; server_no_context_takeover");
    /// ```
    pub fn negotiate(
        header: &str,
        policy: &DeflatePolicy,
    ) -> Result<Option<DeflateResponse>, crate::ExtensionHeaderError> {
        PerMessageDeflate::negotiate_lines(core::iter::once(Ok(header)), policy)
    }

    /// [`negotiate`](Self::negotiate) over a header sent as several field lines (see
    /// [`DeflateResponse::check`]'s sibling for the rules).
    pub(crate) fn negotiate_lines<'a>(
        lines: impl Iterator<Item = Result<&'a str, usize>>,
        policy: &DeflatePolicy,
    ) -> Result<Option<DeflateResponse>, crate::ExtensionHeaderError> {
        for offer in crate::extension_offers::elements_of_lines(lines) {
            if let Ok(deflate) = PerMessageDeflate::from_offer(&offer?) {
                if let Some(response) = deflate.accept(policy) {
                    return Ok(Some(response));
                }
            }
        }
        Ok(None)
    }
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

    /// Writes the response element (`permessage-deflate; server_max_window_bits=10`) into
    /// `buf` and returns its length.
    pub fn write(&self, buf: &mut [u8]) -> Result<usize, ResponseBufferTooSmall> {
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
            return Err(ResponseBufferTooSmall { needed: out.len });
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

#[cfg(has_core_error)]
impl core::error::Error for DeflateResponseError<'_> {}

/// Appends text to a caller's buffer, counting what does not fit.
struct Writer<'b> {
    buf: &'b mut [u8],
    len: usize,
}

impl Writer<'_> {
    fn push(&mut self, text: &str) {
        for &byte in text.as_bytes() {
            if let Some(slot) = self.buf.get_mut(self.len) {
                *slot = byte;
            }
            self.len += 1;
        }
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
