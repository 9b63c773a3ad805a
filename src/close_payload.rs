//! Close frame payloads (RFC 6455 section 5.5.1): parsing and encoding, without allocation.
//!
//! The payload is empty, or a 2-byte big-endian close code followed by a UTF-8 reason. A
//! control frame carries at most 125 bytes, so the reason has at most 123.

use core::fmt;

use crate::{ClientEngine, CloseCode};

/// The largest Close payload: RFC 6455 section 5.5 limits every control frame to 125 bytes.
pub const MAX_CLOSE_PAYLOAD: usize = 125;

/// The longest reason, in bytes: 125 minus the 2-byte code.
pub const MAX_CLOSE_REASON: usize = MAX_CLOSE_PAYLOAD - 2;

/// A parsed Close frame payload: no status, or a code and a reason.
///
/// Called `CloseFrame` before 0.1 was published; it is the payload, not the frame, and the
/// old name clashed with tungstenite's `CloseFrame` (which the `tungstenite` feature converts
/// to and from).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClosePayload<'a> {
    /// An empty payload: the peer gave no status code. APIs report this as 1005 (IANA's
    /// "No Status Rcvd", never sent on the wire); every engine of [`ClientEngine::ALL`] shows
    /// `CloseEvent.code` 1005, as measured.
    NoStatus,
    /// A status code, valid on the wire, and a reason (possibly empty).
    Status {
        /// The close code.
        code: CloseCode,
        /// The reason, valid UTF-8, at most [`MAX_CLOSE_REASON`] bytes.
        reason: &'a str,
    },
}

impl<'a> ClosePayload<'a> {
    /// Parses an unmasked Close payload, applying every rule of RFC 6455: length at most 125,
    /// never exactly 1 byte, a code that is [valid on the wire](CloseCode::is_valid_on_wire),
    /// and a reason that is valid UTF-8. On error, [`ClosePayloadError::response_code`] is the
    /// code to close the connection with.
    pub const fn parse(payload: &'a [u8]) -> Result<ClosePayload<'a>, ClosePayloadError> {
        Self::parse_with(payload, CodeRule::ValidOnWire, MAX_CLOSE_PAYLOAD)
    }

    /// [`parse`](Self::parse) with the code checked by `rule` and payloads up to `max_len`
    /// bytes (a client that ignores RFC 6455's limit reads longer ones); the other rules
    /// (one byte, UTF-8) are the same for all readers.
    pub(crate) const fn parse_with(
        payload: &'a [u8],
        rule: CodeRule,
        max_len: usize,
    ) -> Result<ClosePayload<'a>, ClosePayloadError> {
        match payload {
            _ if payload.len() > max_len => Err(ClosePayloadError::TooLong { len: payload.len() }),
            [] => Ok(ClosePayload::NoStatus),
            [_] => Err(ClosePayloadError::OneByte),
            [high, low, reason @ ..] => {
                let code = CloseCode::from_u16(u16::from_be_bytes([*high, *low]));
                if !rule.accepts(code) {
                    return Err(ClosePayloadError::InvalidCode(code));
                }
                match core::str::from_utf8(reason) {
                    Ok(reason) => Ok(ClosePayload::Status { code, reason }),
                    Err(err) => Err(ClosePayloadError::InvalidUtf8 {
                        offset: err.valid_up_to(),
                    }),
                }
            }
        }
    }

    /// The code, or `None` for an empty payload.
    pub const fn code(&self) -> Option<CloseCode> {
        match self {
            ClosePayload::NoStatus => None,
            ClosePayload::Status { code, .. } => Some(*code),
        }
    }

    /// The code an API reports for this frame: the code, or 1005 for an empty payload (what
    /// every engine of [`ClientEngine::ALL`] shows as `CloseEvent.code`, as measured).
    pub const fn reported_code(&self) -> CloseCode {
        match self {
            // RFC 6455 section 7.1.5: no status code is reported as 1005.
            ClosePayload::NoStatus => CloseCode(1005),
            ClosePayload::Status { code, .. } => *code,
        }
    }

    /// The reason (empty for an empty payload).
    pub const fn reason(&self) -> &'a str {
        match self {
            ClosePayload::NoStatus => "",
            ClosePayload::Status { reason, .. } => reason,
        }
    }

    /// Checks that a Close frame with `code` and `reason` may be sent, without writing it:
    /// the code is [valid on the wire](CloseCode::is_valid_on_wire) and the reason has at
    /// most [`MAX_CLOSE_REASON`] bytes. [`encode`](Self::encode) applies the same rules.
    ///
    /// ```
    /// use websocket_registry::{CloseCode, ClosePayload, EncodeCloseError};
    ///
    /// assert_eq!(ClosePayload::check(CloseCode::TRY_AGAIN_LATER, "busy"), Ok(()));
    /// assert_eq!(
    ///     ClosePayload::check(CloseCode::from_u16(1005), ""),
    ///     Err(EncodeCloseError::InvalidCode(CloseCode::from_u16(1005)))
    /// );
    /// ```
    pub const fn check(code: CloseCode, reason: &str) -> Result<(), EncodeCloseError> {
        if !code.is_valid_on_wire() {
            return Err(EncodeCloseError::InvalidCode(code));
        }
        if reason.len() > MAX_CLOSE_REASON {
            return Err(EncodeCloseError::ReasonTooLong { len: reason.len() });
        }
        Ok(())
    }

    /// Writes the payload for a Close frame with `code` and `reason` into `buf` and returns
    /// how many bytes it wrote (2 + the reason's length). Refuses codes that are not
    /// [valid on the wire](CloseCode::is_valid_on_wire), reasons over
    /// [`MAX_CLOSE_REASON`] bytes, and a `buf` too small; on error nothing is written.
    pub fn encode(
        code: CloseCode,
        reason: &str,
        buf: &mut [u8],
    ) -> Result<usize, EncodeCloseError> {
        Self::check(code, reason)?;
        let needed = 2 + reason.len();
        // A `match`, not `let ... else`: the crate builds with Rust 1.63 (see build.rs).
        let available = buf.len();
        let out = match buf.get_mut(..needed) {
            Some(out) => out,
            None => return Err(EncodeCloseError::BufferTooSmall { needed, available }),
        };
        let (head, tail) = out.split_at_mut(2);
        head.copy_from_slice(&code.as_u16().to_be_bytes());
        tail.copy_from_slice(reason.as_bytes());
        Ok(needed)
    }
}

/// Which close codes a reader of Close payloads lets through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CodeRule {
    /// RFC 6455 read strictly: only codes [valid on the wire](CloseCode::is_valid_on_wire).
    ValidOnWire,
    /// What a client engine lets through to its page or program (measured by
    /// `tests/browser.rs` and `tests/runtimes.rs`; see
    /// [`ClientEngine::accepts_received_code`]).
    ReceivedBy(ClientEngine),
}

impl CodeRule {
    const fn accepts(self, code: CloseCode) -> bool {
        match self {
            CodeRule::ValidOnWire => code.is_valid_on_wire(),
            CodeRule::ReceivedBy(engine) => engine.accepts_received_code(code),
        }
    }
}

/// The old name of [`ClosePayload`].
#[deprecated(
    note = "renamed to `ClosePayload` (it is the payload; tungstenite's `CloseFrame` is the frame)"
)]
pub type CloseFrame<'a> = ClosePayload<'a>;

/// The old name of [`ClosePayloadError`].
#[deprecated(note = "renamed to `ClosePayloadError`, with `ClosePayload`")]
pub type CloseFrameError = ClosePayloadError;

/// Why a Close payload is invalid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ClosePayloadError {
    /// The payload is exactly one byte: too short for a code, too long for none.
    OneByte,
    /// The payload is over [`MAX_CLOSE_PAYLOAD`] bytes.
    TooLong {
        /// The payload's length.
        len: usize,
    },
    /// The code may not appear in a Close frame (see [`CloseCode::is_valid_on_wire`]).
    InvalidCode(CloseCode),
    /// The reason is not valid UTF-8.
    InvalidUtf8 {
        /// Byte offset, within the reason, of the first byte that is not valid UTF-8 (add 2
        /// for the offset in the payload).
        offset: usize,
    },
}

impl ClosePayloadError {
    /// The close code to fail the connection with: 1007 (Invalid Frame Payload Data) for a
    /// reason that is not UTF-8 (RFC 6455 section 8.1), 1002 (Protocol Error) for the rest.
    pub const fn response_code(&self) -> CloseCode {
        match self {
            ClosePayloadError::InvalidUtf8 { .. } => CloseCode(1007),
            _ => CloseCode(1002),
        }
    }
}

impl fmt::Display for ClosePayloadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClosePayloadError::OneByte => f.write_str(
                "Close payload of 1 byte: a payload is empty or starts with a 2-byte code",
            ),
            ClosePayloadError::TooLong { len } => write!(
                f,
                "Close payload of {len} bytes: control frames carry at most {MAX_CLOSE_PAYLOAD}"
            ),
            ClosePayloadError::InvalidCode(code) => {
                write!(f, "close code {code} may not appear in a Close frame")
            }
            ClosePayloadError::InvalidUtf8 { offset } => write!(
                f,
                "Close reason is not valid UTF-8 (at byte {offset} of the reason)"
            ),
        }
    }
}

#[cfg(has_core_error)]
impl core::error::Error for ClosePayloadError {}

/// Why a Close payload cannot be encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EncodeCloseError {
    /// The code may not appear in a Close frame (see [`CloseCode::is_valid_on_wire`]).
    InvalidCode(CloseCode),
    /// The reason is over [`MAX_CLOSE_REASON`] bytes.
    ReasonTooLong {
        /// The reason's length in bytes.
        len: usize,
    },
    /// The output buffer is too small.
    BufferTooSmall {
        /// Bytes needed.
        needed: usize,
        /// Bytes available.
        available: usize,
    },
}

impl fmt::Display for EncodeCloseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeCloseError::InvalidCode(code) => {
                write!(f, "close code {code} may not be sent in a Close frame")
            }
            EncodeCloseError::ReasonTooLong { len } => write!(
                f,
                "Close reason of {len} bytes: at most {MAX_CLOSE_REASON} fit in a Close frame"
            ),
            EncodeCloseError::BufferTooSmall { needed, available } => write!(
                f,
                "Close payload needs {needed} bytes, the buffer has {available}"
            ),
        }
    }
}

#[cfg(has_core_error)]
impl core::error::Error for EncodeCloseError {}
