//! A client's permessage-deflate offer, read and checked as a server must (RFC 7692 section 7).

use core::fmt;
use core::iter::FusedIterator;

use crate::buffer_writer::Writer;
use crate::extension_offers::{Element, Param, Visitor};
use crate::header_lines::{AcrossLines, LineItem};
use crate::{BufferTooSmall, Extension, ExtensionHeaderError, ExtensionOffers, ParamValue};

use super::WindowBits;

/// A client's permessage-deflate offer that RFC 7692 section 7 allows: its four parameters,
/// read and checked. [`PerMessageDeflate::offers`] reads them from a header.
///
/// ```
/// use websocket_registry::{ClientMaxWindowBits, DeflateOffer, PerMessageDeflate};
///
/// let header = "permessage-deflate; client_max_window_bits; server_max_window_bits=10";
/// let DeflateOffer::Valid(deflate) = PerMessageDeflate::offers(header).next().unwrap() else {
///     panic!("a valid offer");
/// };
/// assert_eq!(deflate.server_max_window_bits().map(|bits| bits.get()), Some(10));
/// assert_eq!(deflate.client_max_window_bits(), ClientMaxWindowBits::Unspecified);
/// assert!(!deflate.server_no_context_takeover());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct PerMessageDeflate {
    pub(super) server_no_context_takeover: bool,
    pub(super) client_no_context_takeover: bool,
    pub(super) server_max_window_bits: Option<WindowBits>,
    pub(super) client_max_window_bits: ClientMaxWindowBits,
}

/// `client_max_window_bits` in an offer.
///
/// ```
/// use websocket_registry::{ClientMaxWindowBits, DeflateOffer, PerMessageDeflate, WindowBits};
///
/// let offer = PerMessageDeflate::offers("permessage-deflate; client_max_window_bits=12")
///     .find_map(DeflateOffer::valid)
///     .unwrap();
/// assert_eq!(offer.client_max_window_bits(), ClientMaxWindowBits::Bits(WindowBits::new(12).unwrap()));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ClientMaxWindowBits {
    /// Not in the element. In an offer, the server must not send it back (RFC 7692 section
    /// 7.1.2.2); in a response, the client's window is 15.
    #[default]
    Absent,
    /// Offered without a value: the client supports the parameter, and the server may
    /// choose a value. Only an offer has it: a response always gives a value.
    Unspecified,
    /// With a value.
    Bits(WindowBits),
}

/// A parameter of permessage-deflate (RFC 7692 section 7.1).
///
/// ```
/// use websocket_registry::DeflateParam;
///
/// assert_eq!(DeflateParam::ServerMaxWindowBits.as_str(), "server_max_window_bits");
/// assert_eq!(DeflateParam::ALL.len(), 4);
/// ```
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
    pub const ALL: &'static [DeflateParam] = &[
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

    /// The parameter `name` spells exactly (case-sensitive, as RFC 7692's names are tokens
    /// compared as sent). Bytes, as the parser reads them: no conversion on the way.
    fn from_bytes(name: &[u8]) -> Option<DeflateParam> {
        // The length first, then a comparison of a fixed-size array, which compiles to a few
        // word compares (a `match` on byte-string literals compared the bytes one by one).
        // The spellings are those of `as_str`; a unit test checks every one round-trips.
        if let Ok(name) = <&[u8; 26]>::try_from(name) {
            if name == b"client_no_context_takeover" {
                return Some(DeflateParam::ClientNoContextTakeover);
            }
            if name == b"server_no_context_takeover" {
                return Some(DeflateParam::ServerNoContextTakeover);
            }
        } else if let Ok(name) = <&[u8; 22]>::try_from(name) {
            if name == b"client_max_window_bits" {
                return Some(DeflateParam::ClientMaxWindowBits);
            }
            if name == b"server_max_window_bits" {
                return Some(DeflateParam::ServerMaxWindowBits);
            }
        }
        None
    }
}

/// True for the token `permessage-deflate`, compared as a fixed-size array (see
/// [`DeflateParam::from_bytes`]).
#[inline]
fn is_permessage_deflate(token: &[u8]) -> bool {
    <&[u8; 18]>::try_from(token).map_or(false, |token| token == b"permessage-deflate")
}

/// What became of one element of a `Sec-WebSocket-Extensions` value read as a
/// permessage-deflate offer: the item of [`PerMessageDeflate::offers`].
///
/// ```
/// use websocket_registry::{DeflateOffer, PerMessageDeflate, PerMessageDeflateError};
///
/// let mut offers = PerMessageDeflate::offers("x-webkit-deflate-frame, permessage-deflate");
/// assert_eq!(
///     offers.next(),
///     Some(DeflateOffer::Declined(PerMessageDeflateError::NotPerMessageDeflate { offset: 0 }))
/// );
/// assert!(matches!(offers.next(), Some(DeflateOffer::Valid(_))));
/// assert_eq!(offers.next(), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DeflateOffer {
    /// A permessage-deflate offer RFC 7692 allows, with its parameters.
    Valid(PerMessageDeflate),
    /// An element a server must decline (RFC 7692 section 7), and why: another extension,
    /// or a permessage-deflate offer that breaks one of its rules. The next element may
    /// still be valid.
    Declined(PerMessageDeflateError),
    /// The value breaks RFC 6455's grammar here; it is the last item.
    Malformed(ExtensionHeaderError),
}

impl DeflateOffer {
    /// The offer's parameters, if it is [`Valid`](Self::Valid): with `filter_map`, the list
    /// a client keeps to check the server's response (see [`DeflateResponse::check`]).
    ///
    /// [`DeflateResponse::check`]: crate::DeflateResponse::check
    ///
    /// ```
    /// use websocket_registry::{DeflateOffer, PerMessageDeflate};
    ///
    /// let header = "permessage-deflate; client_max_window_bits, permessage-deflate; x=1";
    /// let valid: Vec<_> = PerMessageDeflate::offers(header).filter_map(DeflateOffer::valid).collect();
    /// assert_eq!(valid.len(), 1);
    /// ```
    pub const fn valid(self) -> Option<PerMessageDeflate> {
        match self {
            DeflateOffer::Valid(deflate) => Some(deflate),
            _ => None,
        }
    }
}

/// Why an element is not a permessage-deflate offer RFC 7692 allows: the rule, the
/// parameter and where, as a byte offset into the header value.
///
/// ```
/// use websocket_registry::{DeflateOffer, DeflateParam, PerMessageDeflate, PerMessageDeflateError};
///
/// let header = "permessage-deflate; server_max_window_bits=16";
/// let Some(DeflateOffer::Declined(error)) = PerMessageDeflate::offers(header).next() else {
///     panic!("declined");
/// };
/// assert_eq!(
///     error,
///     PerMessageDeflateError::InvalidWindowBits { param: DeflateParam::ServerMaxWindowBits, offset: 20 }
/// );
/// assert_eq!(
///     error.to_string(),
///     "Sec-WebSocket-Extensions at byte 20: permessage-deflate parameter server_max_window_bits \
///      must be 8-15 in decimal, without sign or leading zero (RFC 7692 section 7.1.2)"
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PerMessageDeflateError {
    /// The element is another extension.
    NotPerMessageDeflate {
        /// Where its token starts.
        offset: usize,
    },
    /// A parameter RFC 7692 does not define (section 7: the offer must be declined).
    UnknownParam {
        /// Where its name starts.
        offset: usize,
    },
    /// A parameter given twice (section 7).
    Repeated {
        /// Which.
        param: DeflateParam,
        /// Where its second name starts.
        offset: usize,
    },
    /// A value on a parameter that takes none (the two `*_no_context_takeover`).
    UnexpectedValue {
        /// Which.
        param: DeflateParam,
        /// Where its name starts.
        offset: usize,
    },
    /// `server_max_window_bits` without a value (or, in a server's response,
    /// `client_max_window_bits` without one).
    MissingValue {
        /// Which.
        param: DeflateParam,
        /// Where its name starts.
        offset: usize,
    },
    /// Window bits that are not one of 8-15 in decimal, with no sign and no leading zero
    /// (sections 7.1.2.1 and 7.1.2.2).
    InvalidWindowBits {
        /// Which.
        param: DeflateParam,
        /// Where its name starts.
        offset: usize,
    },
}

impl PerMessageDeflateError {
    /// Where in the header value the element or parameter the error is about starts.
    pub const fn offset(&self) -> usize {
        match *self {
            PerMessageDeflateError::NotPerMessageDeflate { offset }
            | PerMessageDeflateError::UnknownParam { offset }
            | PerMessageDeflateError::Repeated { offset, .. }
            | PerMessageDeflateError::UnexpectedValue { offset, .. }
            | PerMessageDeflateError::MissingValue { offset, .. }
            | PerMessageDeflateError::InvalidWindowBits { offset, .. } => offset,
        }
    }

    /// The same error, `by` bytes further into a joined value.
    pub(crate) fn shifted(mut self, by: usize) -> Self {
        use PerMessageDeflateError as E;
        match &mut self {
            E::NotPerMessageDeflate { offset }
            | E::UnknownParam { offset }
            | E::Repeated { offset, .. }
            | E::UnexpectedValue { offset, .. }
            | E::MissingValue { offset, .. }
            | E::InvalidWindowBits { offset, .. } => *offset += by,
        }
        self
    }
}

impl fmt::Display for PerMessageDeflateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sec-WebSocket-Extensions at byte {}: ", self.offset())?;
        match self {
            PerMessageDeflateError::NotPerMessageDeflate { .. } => {
                f.write_str("the extension is not permessage-deflate")
            }
            PerMessageDeflateError::UnknownParam { .. } => {
                f.write_str("permessage-deflate has no such parameter (RFC 7692 section 7)")
            }
            PerMessageDeflateError::Repeated { param, .. } => write!(
                f,
                "permessage-deflate parameter {} appears twice (RFC 7692 section 7)",
                param.as_str()
            ),
            PerMessageDeflateError::UnexpectedValue { param, .. } => write!(
                f,
                "permessage-deflate parameter {} takes no value (RFC 7692 section 7.1.1)",
                param.as_str()
            ),
            PerMessageDeflateError::MissingValue { param, .. } => write!(
                f,
                "permessage-deflate parameter {} needs a value here (RFC 7692 section 7.1.2)",
                param.as_str()
            ),
            PerMessageDeflateError::InvalidWindowBits { param, .. } => write!(
                f,
                "permessage-deflate parameter {} must be 8-15 in decimal, without sign or \
                 leading zero (RFC 7692 section 7.1.2)",
                param.as_str()
            ),
        }
    }
}

impl PerMessageDeflate {
    /// Every element of one `Sec-WebSocket-Extensions` value, each checked as a server must
    /// check a permessage-deflate offer (RFC 7692 section 7), in one pass over the value:
    /// the token is `permessage-deflate`, every parameter is one of its four and appears
    /// once, the two context-takeover parameters have no value, and window bits are one of
    /// 8-15 in decimal (quoted or not); `client_max_window_bits` may come without a value.
    ///
    /// `value` is the field line's bytes (`HeaderValue::as_bytes`, a `&str`, a `&[u8]`); a
    /// header sent as several lines is [`offers_lines`](Self::offers_lines). Each item says
    /// what became of its element ([`DeflateOffer`]); a broken grammar is the last item.
    ///
    /// ```
    /// use websocket_registry::{DeflateOffer, PerMessageDeflate, PerMessageDeflateError};
    ///
    /// let header = "permessage-deflate; server_max_window_bits=10, x-webkit-deflate-frame, \
    ///               permessage-deflate; server_max_window_bits=16";
    /// let mut offers = PerMessageDeflate::offers(header);
    /// let first = offers.next().and_then(DeflateOffer::valid).unwrap();
    /// assert_eq!(first.server_max_window_bits().map(|bits| bits.get()), Some(10));
    /// assert_eq!(
    ///     offers.next(),
    ///     Some(DeflateOffer::Declined(PerMessageDeflateError::NotPerMessageDeflate { offset: 47 }))
    /// );
    /// assert!(matches!(offers.next(), Some(DeflateOffer::Declined(_)))); // 16 is out of range
    /// assert_eq!(offers.next(), None);
    ///
    /// let Some(DeflateOffer::Malformed(broken)) = PerMessageDeflate::offers(b"permessage-deflate; =1").next() else {
    ///     panic!("a broken grammar");
    /// };
    /// assert_eq!(broken.offset(), 20);
    /// ```
    pub fn offers<V: AsRef<[u8]> + ?Sized>(value: &V) -> DeflateOffers<'_> {
        DeflateOffers {
            elements: Extension::offers(value),
        }
    }

    /// [`offers`](Self::offers) over a header sent as several field lines (what
    /// `HeaderMap::get_all` gives), read as one list, with offsets counted as in
    /// [`Extension::offers_lines`].
    ///
    /// ```
    /// use websocket_registry::{DeflateOffer, PerMessageDeflate};
    ///
    /// let lines = ["x-webkit-deflate-frame", "permessage-deflate; client_max_window_bits"];
    /// let valid = PerMessageDeflate::offers_lines(&lines).filter_map(DeflateOffer::valid).count();
    /// assert_eq!(valid, 1);
    /// ```
    pub fn offers_lines<'a, V: AsRef<[u8]> + ?Sized + 'a>(
        lines: impl IntoIterator<Item = &'a V> + 'a,
    ) -> impl Iterator<Item = DeflateOffer> + 'a {
        AcrossLines::new(lines, |line| PerMessageDeflate::offers(line))
    }

    /// The client's side: a bare offer, `permessage-deflate` (what Firefox sends), to which
    /// the `with_*` methods add parameters; [`write`](Self::write) writes it and
    /// [`DeflateResponse::check`](crate::DeflateResponse::check) checks the server's answer
    /// against exactly what was offered.
    ///
    /// ```
    /// use websocket_registry::{ClientMaxWindowBits, PerMessageDeflate};
    ///
    /// // Chromium's offer.
    /// let offer = PerMessageDeflate::new().with_client_max_window_bits(ClientMaxWindowBits::Unspecified);
    /// let mut buf = [0u8; PerMessageDeflate::MAX_LEN];
    /// let len = offer.write(&mut buf)?;
    /// assert_eq!(&buf[..len], b"permessage-deflate; client_max_window_bits");
    /// # Ok::<(), websocket_registry::BufferTooSmall>(())
    /// ```
    pub const fn new() -> PerMessageDeflate {
        PerMessageDeflate {
            server_no_context_takeover: false,
            client_no_context_takeover: false,
            server_max_window_bits: None,
            client_max_window_bits: ClientMaxWindowBits::Absent,
        }
    }

    /// The offer, asking the server not to reuse its compression context (or not).
    pub const fn with_server_no_context_takeover(self, yes: bool) -> PerMessageDeflate {
        PerMessageDeflate {
            server_no_context_takeover: yes,
            ..self
        }
    }

    /// The offer, saying the client will not reuse its compression context (or not).
    pub const fn with_client_no_context_takeover(self, yes: bool) -> PerMessageDeflate {
        PerMessageDeflate {
            client_no_context_takeover: yes,
            ..self
        }
    }

    /// The offer, limiting the window the server compresses with.
    pub const fn with_server_max_window_bits(self, bits: WindowBits) -> PerMessageDeflate {
        PerMessageDeflate {
            server_max_window_bits: Some(bits),
            ..self
        }
    }

    /// The offer, with `client_max_window_bits` as given.
    pub const fn with_client_max_window_bits(self, bits: ClientMaxWindowBits) -> PerMessageDeflate {
        PerMessageDeflate {
            client_max_window_bits: bits,
            ..self
        }
    }

    /// The longest element [`write`](Self::write) writes, in bytes: every parameter, each
    /// window at two digits. [`write_offers`](Self::write_offers) of `n` offers writes at
    /// most `n * (MAX_LEN + 2) - 2` bytes.
    pub const MAX_LEN: usize = super::MAX_ELEMENT_LEN;

    /// Writes the offer as one element of `Sec-WebSocket-Extensions`
    /// (`permessage-deflate; client_max_window_bits`) into `buf` and returns its length, at
    /// most [`MAX_LEN`](Self::MAX_LEN). The parameters come in RFC 7692's order.
    ///
    /// # Errors
    ///
    /// [`BufferTooSmall`] when `buf` cannot hold the element; what `buf` holds then is
    /// unspecified.
    ///
    /// ```
    /// use websocket_registry::{PerMessageDeflate, WindowBits};
    ///
    /// let offer = PerMessageDeflate::new()
    ///     .with_server_no_context_takeover(true)
    ///     .with_server_max_window_bits(WindowBits::new(10).unwrap());
    /// let mut buf = [0u8; PerMessageDeflate::MAX_LEN];
    /// let len = offer.write(&mut buf)?;
    /// assert_eq!(&buf[..len], b"permessage-deflate; server_no_context_takeover; server_max_window_bits=10");
    /// # Ok::<(), websocket_registry::BufferTooSmall>(())
    /// ```
    pub fn write(&self, buf: &mut [u8]) -> Result<usize, BufferTooSmall> {
        let mut out = Writer::new(buf);
        self.write_to(&mut out);
        out.finish()
    }

    /// Writes several offers, in the client's order of preference, as one
    /// `Sec-WebSocket-Extensions` value (`a, b`), and returns its length. Check the server's
    /// answer with [`DeflateResponse::check`](crate::DeflateResponse::check) against the
    /// same `offers`.
    ///
    /// # Errors
    ///
    /// [`BufferTooSmall`] when `buf` cannot hold the value; what `buf` holds then is
    /// unspecified.
    ///
    /// ```
    /// use websocket_registry::{ClientMaxWindowBits, DeflateResponse, PerMessageDeflate, WindowBits};
    ///
    /// let offers = [
    ///     PerMessageDeflate::new()
    ///         .with_client_max_window_bits(ClientMaxWindowBits::Unspecified)
    ///         .with_server_max_window_bits(WindowBits::new(10).unwrap()),
    ///     PerMessageDeflate::new(),
    /// ];
    /// let mut buf = [0u8; 2 * (PerMessageDeflate::MAX_LEN + 2)];
    /// let len = PerMessageDeflate::write_offers(&offers, &mut buf).expect("room for two");
    /// assert_eq!(
    ///     &buf[..len],
    ///     b"permessage-deflate; server_max_window_bits=10; client_max_window_bits, permessage-deflate"
    /// );
    /// // The server took the second: nothing the client did not offer.
    /// let answer = DeflateResponse::check("permessage-deflate", &offers)?;
    /// assert!(answer.is_some());
    /// # Ok::<(), websocket_registry::DeflateResponseError>(())
    /// ```
    pub fn write_offers(
        offers: &[PerMessageDeflate],
        buf: &mut [u8],
    ) -> Result<usize, BufferTooSmall> {
        let mut out = Writer::new(buf);
        for (i, offer) in offers.iter().enumerate() {
            if i > 0 {
                out.push(", ");
            }
            offer.write_to(&mut out);
        }
        out.finish()
    }

    /// The element's text, for [`write`](Self::write), [`write_offers`](Self::write_offers)
    /// and the server's response.
    pub(super) fn write_to(&self, out: &mut Writer<'_>) {
        out.push("permessage-deflate");
        if self.server_no_context_takeover {
            out.push("; server_no_context_takeover");
        }
        if self.client_no_context_takeover {
            out.push("; client_no_context_takeover");
        }
        if let Some(bits) = self.server_max_window_bits {
            out.push("; server_max_window_bits=");
            out.push(bits.as_str());
        }
        match self.client_max_window_bits {
            ClientMaxWindowBits::Absent => {}
            ClientMaxWindowBits::Unspecified => out.push("; client_max_window_bits"),
            ClientMaxWindowBits::Bits(bits) => {
                out.push("; client_max_window_bits=");
                out.push(bits.as_str());
            }
        }
    }

    /// The client asks the server not to reuse its compression context between messages.
    pub const fn server_no_context_takeover(&self) -> bool {
        self.server_no_context_takeover
    }

    /// The client says it will not reuse its own compression context.
    pub const fn client_no_context_takeover(&self) -> bool {
        self.client_no_context_takeover
    }

    /// The largest window the client lets the server compress with, if it says.
    pub const fn server_max_window_bits(&self) -> Option<WindowBits> {
        self.server_max_window_bits
    }

    /// Whether and how the client offered `client_max_window_bits`.
    pub const fn client_max_window_bits(&self) -> ClientMaxWindowBits {
        self.client_max_window_bits
    }
}

/// The elements of one `Sec-WebSocket-Extensions` value, each checked as a permessage-deflate
/// offer while it is read; see [`PerMessageDeflate::offers`]. After a grammar error it yields
/// nothing more.
///
/// ```
/// use websocket_registry::{DeflateOffer, PerMessageDeflate};
///
/// let mut offers = PerMessageDeflate::offers("permessage-deflate, x-webkit-deflate-frame");
/// assert!(matches!(offers.next(), Some(DeflateOffer::Valid(_))));
/// assert!(matches!(offers.next(), Some(DeflateOffer::Declined(_))));
/// assert_eq!(offers.next(), None);
/// ```
#[derive(Clone, Debug)]
pub struct DeflateOffers<'a> {
    elements: ExtensionOffers<'a>,
}

impl<'a> DeflateOffers<'a> {
    /// The elements of a server's response `value`, checked by the same rules, except that
    /// `client_max_window_bits` needs a value (RFC 7692 section 7.1.2.2), each with where
    /// it starts.
    pub(super) fn of_response<V: AsRef<[u8]> + ?Sized>(value: &'a V) -> ResponseElements<'a> {
        ResponseElements(Extension::offers(value))
    }
}

/// The next element of `elements`, checked as an offer, or with `RESPONSE` as a server's
/// response, with the offset of its token (of the error, when malformed). A const
/// parameter, so that the offers' path carries no test of it.
#[inline]
fn next_checked<const RESPONSE: bool>(
    elements: &mut ExtensionOffers<'_>,
) -> Option<(usize, DeflateOffer)> {
    let mut check = OfferCheck::<RESPONSE>::new();
    Some(match elements.next_visiting(&mut check)? {
        Ok(offer) => (offer.offset(), check.finish()),
        Err(error) => (error.offset(), DeflateOffer::Malformed(error)),
    })
}

impl Iterator for DeflateOffers<'_> {
    type Item = DeflateOffer;

    #[inline]
    fn next(&mut self) -> Option<DeflateOffer> {
        // The two offers real clients send on every connection, known without a parse:
        // Firefox's, and Chromium's (WebKitGTK, undici, Bun and python-websockets send it
        // too). The differential test checks both against the parse.
        if self.elements.take_whole(b"permessage-deflate") {
            return Some(DeflateOffer::Valid(PerMessageDeflate::new()));
        }
        if self
            .elements
            .take_whole(b"permessage-deflate; client_max_window_bits")
        {
            let offer = PerMessageDeflate::new()
                .with_client_max_window_bits(ClientMaxWindowBits::Unspecified);
            return Some(DeflateOffer::Valid(offer));
        }
        next_checked::<false>(&mut self.elements).map(|(_, offer)| offer)
    }
}

/// The elements of a server's response, each with where it starts: see
/// [`DeflateOffers::of_response`].
pub(super) struct ResponseElements<'a>(ExtensionOffers<'a>);

impl Iterator for ResponseElements<'_> {
    type Item = (usize, DeflateOffer);

    fn next(&mut self) -> Option<(usize, DeflateOffer)> {
        next_checked::<true>(&mut self.0)
    }
}

impl LineItem for (usize, DeflateOffer) {
    fn shifted(self, by: usize) -> Self {
        (self.0 + by, self.1.shifted(by))
    }

    fn grammar_error(&self) -> Option<ExtensionHeaderError> {
        self.1.grammar_error()
    }
}

impl FusedIterator for DeflateOffers<'_> {}

impl LineItem for DeflateOffer {
    fn shifted(self, by: usize) -> Self {
        match self {
            DeflateOffer::Valid(deflate) => DeflateOffer::Valid(deflate),
            DeflateOffer::Declined(error) => DeflateOffer::Declined(error.shifted(by)),
            DeflateOffer::Malformed(error) => DeflateOffer::Malformed(error.shifted(by)),
        }
    }

    fn grammar_error(&self) -> Option<ExtensionHeaderError> {
        match self {
            DeflateOffer::Malformed(error) => Some(*error),
            _ => None,
        }
    }
}

/// RFC 7692 section 7's check of one offer, a parameter at a time, as the parser reads them
/// ([`DeflateOffers`] feeds it while the header is parsed: one pass). The first objection,
/// in the order the parameters come, is the answer.
/// With `RESPONSE`, a server's response: `client_max_window_bits` needs a value.
struct OfferCheck<const RESPONSE: bool> {
    deflate: PerMessageDeflate,
    seen: [bool; 4],
    result: Result<(), PerMessageDeflateError>,
}

impl<const RESPONSE: bool> OfferCheck<RESPONSE> {
    /// A check before its element: [`element`](Visitor::element) starts it.
    #[inline]
    fn new() -> OfferCheck<RESPONSE> {
        OfferCheck {
            deflate: PerMessageDeflate::new(),
            seen: [false; 4],
            result: Ok(()),
        }
    }
    fn apply(&mut self, found: Param<'_>) -> Result<(), PerMessageDeflateError> {
        let offset = found.offset;
        let param = DeflateParam::from_bytes(found.name)
            .ok_or(PerMessageDeflateError::UnknownParam { offset })?;
        let index = param as usize;
        if self.seen[index] {
            return Err(PerMessageDeflateError::Repeated { param, offset });
        }
        self.seen[index] = true;
        let deflate = &mut self.deflate;
        match (param, found.value) {
            (DeflateParam::ServerNoContextTakeover, None) => {
                deflate.server_no_context_takeover = true
            }
            (DeflateParam::ClientNoContextTakeover, None) => {
                deflate.client_no_context_takeover = true
            }
            (
                DeflateParam::ServerNoContextTakeover | DeflateParam::ClientNoContextTakeover,
                Some(_),
            ) => return Err(PerMessageDeflateError::UnexpectedValue { param, offset }),
            (DeflateParam::ServerMaxWindowBits, None) => {
                return Err(PerMessageDeflateError::MissingValue { param, offset })
            }
            (DeflateParam::ServerMaxWindowBits, Some(value)) => {
                deflate.server_max_window_bits = Some(window_bits(param, offset, value)?)
            }
            (DeflateParam::ClientMaxWindowBits, None) if RESPONSE => {
                return Err(PerMessageDeflateError::MissingValue { param, offset })
            }
            (DeflateParam::ClientMaxWindowBits, None) => {
                deflate.client_max_window_bits = ClientMaxWindowBits::Unspecified
            }
            (DeflateParam::ClientMaxWindowBits, Some(value)) => {
                deflate.client_max_window_bits =
                    ClientMaxWindowBits::Bits(window_bits(param, offset, value)?)
            }
        }
        Ok(())
    }

    /// The offer, or the first rule it breaks.
    #[inline]
    fn finish(self) -> DeflateOffer {
        match self.result {
            Ok(()) => DeflateOffer::Valid(self.deflate),
            Err(error) => DeflateOffer::Declined(error),
        }
    }
}

/// The parser hands the check each element's token, then each parameter (one pass).
impl<'a, const RESPONSE: bool> Visitor<'a> for OfferCheck<RESPONSE> {
    #[inline]
    fn element(&mut self, element: Element<'a>) {
        if !is_permessage_deflate(element.token) {
            self.result = Err(PerMessageDeflateError::NotPerMessageDeflate {
                offset: element.offset,
            });
        }
    }

    #[inline]
    fn param(&mut self, param: Param<'a>) {
        if self.result.is_ok() {
            self.result = self.apply(param);
        }
    }
}

/// `8` to `15` exactly: RFC 7692 section 7.1.2's `1*DIGIT` without leading zeros, in range.
fn window_bits(
    param: DeflateParam,
    offset: usize,
    value: ParamValue<'_>,
) -> Result<WindowBits, PerMessageDeflateError> {
    let invalid = PerMessageDeflateError::InvalidWindowBits { param, offset };
    // A token is its own text; only a quoted value may have escapes to undo.
    let mut digits = [0u8; 2];
    let text = match value.unquoted() {
        Some(token) => token,
        None => {
            let len = value.write(&mut digits).map_err(|_| invalid)?;
            &digits[..len]
        }
    };
    let bits = match text {
        [digit @ b'8'..=b'9'] => digit - b'0',
        [b'1', digit @ b'0'..=b'5'] => 10 + (digit - b'0'),
        _ => return Err(invalid),
    };
    WindowBits::new(bits).ok_or(invalid)
}

#[cfg(test)]
mod tests {
    use super::DeflateParam;

    #[test]
    fn every_parameter_is_found_by_its_wire_spelling_and_nothing_else() {
        for &param in DeflateParam::ALL {
            let name = param.as_str().as_bytes();
            assert_eq!(DeflateParam::from_bytes(name), Some(param));
            assert_eq!(DeflateParam::from_bytes(&name.to_ascii_uppercase()), None);
            assert_eq!(DeflateParam::from_bytes(&name[1..]), None);
        }
        assert_eq!(DeflateParam::from_bytes(b""), None);
    }
}
