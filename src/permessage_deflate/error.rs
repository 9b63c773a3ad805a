//! Why an element is not a permessage-deflate offer RFC 7692 allows, and where.
//!
//! The rule, the parameter and the byte offset.

use core::fmt;

use super::DeflateParam;

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
