//! A client's permessage-deflate offer, read and checked as a server must (RFC 7692 section 7).

use core::fmt;
use core::iter::FusedIterator;

use crate::{Extension, ExtensionHeaderError, ExtensionOffer, ExtensionOffers, ParamValue};

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
    pub(super) server_no_context_takeover: bool,
    pub(super) client_no_context_takeover: bool,
    pub(super) server_max_window_bits: Option<u8>,
    pub(super) client_max_window_bits: ClientMaxWindowBits,
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
    /// compared as sent).
    fn from_name(name: &str) -> Option<DeflateParam> {
        // A `match` on the literals compares the length first and then the bytes once; the
        // spellings are those of `as_str` (a unit test checks every one round-trips).
        match name {
            "server_no_context_takeover" => Some(DeflateParam::ServerNoContextTakeover),
            "client_no_context_takeover" => Some(DeflateParam::ClientNoContextTakeover),
            "server_max_window_bits" => Some(DeflateParam::ServerMaxWindowBits),
            "client_max_window_bits" => Some(DeflateParam::ClientMaxWindowBits),
            _ => None,
        }
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

impl PerMessageDeflate {
    /// Checks a client's offer as a server must (RFC 7692 section 7): the token is
    /// `permessage-deflate`, every parameter is one of its four and appears once, the two
    /// context-takeover parameters have no value, and window bits are one of 8-15 in decimal
    /// (quoted or not); `client_max_window_bits` may come without a value.
    pub fn from_offer<'a>(
        offer: &ExtensionOffer<'a>,
    ) -> Result<PerMessageDeflate, PerMessageDeflateError<'a>> {
        let mut check = OfferCheck::new(offer.token());
        for (name, value) in offer.params() {
            check.param(name, value);
        }
        check.finish()
    }

    /// Every element of one `Sec-WebSocket-Extensions` value, each with its RFC 7692 check,
    /// read in one pass: the same answers as [`Extension::offers`] followed by
    /// [`from_offer`](Self::from_offer) on each element, without walking each element's
    /// parameters a second time. An element of another extension is
    /// `Ok(Err(NotPerMessageDeflate(token)))`; a grammar error is the last item, as in
    /// [`Extension::offers`].
    ///
    /// ```
    /// use websocket_registry::{PerMessageDeflate, PerMessageDeflateError};
    ///
    /// let header = "permessage-deflate; server_max_window_bits=10, x-webkit-deflate-frame, \
    ///               permessage-deflate; server_max_window_bits=16";
    /// let mut offers = PerMessageDeflate::offers(header);
    /// let first = offers.next().unwrap().unwrap().unwrap();
    /// assert_eq!(first.server_max_window_bits(), Some(10));
    /// assert_eq!(
    ///     offers.next().unwrap().unwrap(),
    ///     Err(PerMessageDeflateError::NotPerMessageDeflate("x-webkit-deflate-frame"))
    /// );
    /// assert!(offers.next().unwrap().unwrap().is_err()); // 16 is out of range
    /// assert!(offers.next().is_none());
    ///
    /// let broken = PerMessageDeflate::offers("permessage-deflate; =1").next().unwrap();
    /// assert_eq!(broken.unwrap_err().offset(), 20);
    /// ```
    pub fn offers(header: &str) -> DeflateOffers<'_> {
        DeflateOffers {
            elements: Extension::offers(header),
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

    /// The largest window, as a power of two, the client lets the server compress with.
    pub const fn server_max_window_bits(&self) -> Option<u8> {
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
#[derive(Clone, Debug)]
pub struct DeflateOffers<'a> {
    elements: ExtensionOffers<'a>,
}

/// One element: the grammar's verdict, then RFC 7692's.
type CheckedElement<'a> =
    Result<Result<PerMessageDeflate, PerMessageDeflateError<'a>>, ExtensionHeaderError>;

impl<'a> Iterator for DeflateOffers<'a> {
    type Item = CheckedElement<'a>;

    #[inline]
    fn next(&mut self) -> Option<CheckedElement<'a>> {
        let mut check: Option<OfferCheck<'a>> = None;
        let element = self.elements.next_visiting(|token, name, value| {
            check
                .get_or_insert_with(|| OfferCheck::new(token))
                .param(name, value)
        })?;
        Some(element.map(|offer| {
            // An element without parameters was never visited.
            check
                .unwrap_or_else(|| OfferCheck::new(offer.token()))
                .finish()
        }))
    }
}

impl FusedIterator for DeflateOffers<'_> {}

/// RFC 7692 section 7's check of one offer, a parameter at a time, as the parser reads them:
/// [`PerMessageDeflate::from_offer`] feeds it an offer's parameters, and [`DeflateOffers`]
/// (behind [`PerMessageDeflate::offers`] and the negotiation) feeds it while the header is
/// parsed (one pass). The first objection, in the order the parameters come, is the answer.
struct OfferCheck<'a> {
    deflate: PerMessageDeflate,
    seen: [bool; 4],
    result: Result<(), PerMessageDeflateError<'a>>,
}

impl<'a> OfferCheck<'a> {
    /// A check of the offer of the extension `token`.
    #[inline]
    fn new(token: &'a str) -> OfferCheck<'a> {
        let result = if token == "permessage-deflate" {
            Ok(())
        } else {
            Err(PerMessageDeflateError::NotPerMessageDeflate(token))
        };
        OfferCheck {
            deflate: PerMessageDeflate::default(),
            seen: [false; 4],
            result,
        }
    }

    /// The next parameter of the offer.
    #[inline]
    fn param(&mut self, name: &'a str, value: Option<ParamValue<'_>>) {
        if self.result.is_ok() {
            self.result = self.apply(name, value);
        }
    }

    fn apply(
        &mut self,
        name: &'a str,
        value: Option<ParamValue<'_>>,
    ) -> Result<(), PerMessageDeflateError<'a>> {
        let param =
            DeflateParam::from_name(name).ok_or(PerMessageDeflateError::UnknownParam(name))?;
        let index = param as usize;
        if self.seen[index] {
            return Err(PerMessageDeflateError::Repeated(param));
        }
        self.seen[index] = true;
        let deflate = &mut self.deflate;
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
        Ok(())
    }

    /// The offer, or the first rule it breaks.
    #[inline]
    fn finish(self) -> Result<PerMessageDeflate, PerMessageDeflateError<'a>> {
        self.result.map(|()| self.deflate)
    }
}

/// `8` to `15` exactly: RFC 7692 section 7.1.2's `1*DIGIT` without leading zeros, in range.
fn window_bits<'a>(
    param: DeflateParam,
    value: ParamValue<'_>,
) -> Result<u8, PerMessageDeflateError<'a>> {
    let mut digits = [0u8; 2];
    let len = value
        .write(&mut digits)
        .map_err(|_| PerMessageDeflateError::InvalidWindowBits(param))?;
    match &digits[..len] {
        [digit @ b'8'..=b'9'] => Ok(digit - b'0'),
        [b'1', digit @ b'0'..=b'5'] => Ok(10 + (digit - b'0')),
        _ => Err(PerMessageDeflateError::InvalidWindowBits(param)),
    }
}

#[cfg(test)]
mod tests {
    use super::DeflateParam;

    #[test]
    fn every_parameter_is_found_by_its_wire_spelling_and_nothing_else() {
        for &param in DeflateParam::ALL {
            assert_eq!(DeflateParam::from_name(param.as_str()), Some(param));
            assert_eq!(
                DeflateParam::from_name(&param.as_str().to_ascii_uppercase()),
                None
            );
            assert_eq!(DeflateParam::from_name(&param.as_str()[1..]), None);
        }
        assert_eq!(DeflateParam::from_name(""), None);
    }
}
