//! Reads permessage-deflate offers (or a response) and checks each by RFC 7692, in one pass.
//!
//! Each element of a `Sec-WebSocket-Extensions` value is checked by RFC 7692 section 7's
//! rules while the header is parsed.

use core::iter::FusedIterator;

use crate::extension_offers::{Element, Param, Visitor};
use crate::header_lines::{AcrossLines, LineItem};
use crate::{Extension, ExtensionHeaderError, ExtensionOffers, ParamValue};

use super::param::is_permessage_deflate;
use super::{
    ClientMaxWindowBits, DeflateParam, PerMessageDeflate, PerMessageDeflateError, WindowBits,
};

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
        let mut elements = Extension::offers(value);
        // The two offers real clients send on every connection, known without a parse:
        // Firefox's, and Chromium's (WebKitGTK, undici, Bun and python-websockets send it
        // too). Recognised once here rather than on every `next`; the differential test
        // checks both against the parse.
        let known = if elements.take_whole(b"permessage-deflate") {
            Some(PerMessageDeflate::new())
        } else if elements.take_whole(b"permessage-deflate; client_max_window_bits") {
            Some(
                PerMessageDeflate::new()
                    .with_client_max_window_bits(ClientMaxWindowBits::Unspecified),
            )
        } else {
            None
        };
        DeflateOffers { elements, known }
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
    /// The whole value, when it is one of the offers known without a parse: the first item.
    known: Option<PerMessageDeflate>,
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
        if let Some(known) = self.known.take() {
            return Some(DeflateOffer::Valid(known));
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
    #[inline]
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
