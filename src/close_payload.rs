//! Close frame payloads (RFC 6455 section 5.5.1): parsing and encoding, without allocation.
//!
//! The payload is empty, or a 2-byte big-endian close code followed by a UTF-8 reason. A
//! control frame carries at most 125 bytes, so the reason has at most 123.

use core::fmt;

use crate::{BufferTooSmall, ClientEngine, CloseCode};

/// The largest Close payload: RFC 6455 section 5.5 limits every control frame to 125 bytes.
pub const MAX_CLOSE_PAYLOAD: usize = 125;

/// The longest reason, in bytes: 125 minus the 2-byte code.
pub const MAX_CLOSE_REASON: usize = MAX_CLOSE_PAYLOAD - 2;

/// A Close frame payload that RFC 6455 allows: no status, or a code that is [valid on the
/// wire](CloseCode::is_valid_on_wire) and a UTF-8 reason of at most [`MAX_CLOSE_REASON`]
/// bytes.
///
/// Its fields are private, so every value obeys those rules: [`parse`](Self::parse) reads
/// one a peer sent, [`new`](Self::new) checks one to send, and [`write`](Self::write) puts it
/// on the wire.
///
/// ```
/// use websocket_registry::{CloseCode, ClosePayload, MAX_CLOSE_PAYLOAD};
///
/// let payload = ClosePayload::new(CloseCode::TRY_AGAIN_LATER, "busy")?;
/// let mut buf = [0u8; MAX_CLOSE_PAYLOAD];
/// let len = payload.write(&mut buf)?;
/// assert_eq!(&buf[..len], b"\x03\xf5busy");
/// assert_eq!(ClosePayload::parse(&buf[..len]), Ok(payload));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClosePayload<'a> {
    /// `None` for an empty payload.
    code: Option<CloseCode>,
    /// Empty when `code` is `None`.
    reason: &'a str,
}

impl ClosePayload<'static> {
    /// The empty payload: the peer gave no status code. APIs report this as 1005 (IANA's "No
    /// Status Rcvd", never sent on the wire); every engine of [`ClientEngine::ALL`] shows
    /// `CloseEvent.code` 1005, as measured.
    pub const NO_STATUS: ClosePayload<'static> = ClosePayload {
        code: None,
        reason: "",
    };
}

impl<'a> ClosePayload<'a> {
    /// A payload with `code` and `reason`, checked as RFC 6455 asks of a sender: the code is
    /// [valid on the wire](CloseCode::is_valid_on_wire) and the reason has at most
    /// [`MAX_CLOSE_REASON`] bytes.
    ///
    /// # Errors
    ///
    /// [`EncodeCloseError::InvalidCode`] for a code that may not be sent (1005, 1016, 5000,
    /// ...), [`EncodeCloseError::ReasonTooLong`] for a reason over 123 bytes.
    ///
    /// ```
    /// use websocket_registry::{CloseCode, ClosePayload, EncodeCloseError};
    ///
    /// assert!(ClosePayload::new(CloseCode::TRY_AGAIN_LATER, "busy").is_ok());
    /// assert_eq!(
    ///     ClosePayload::new(CloseCode::from_u16(1005), ""),
    ///     Err(EncodeCloseError::InvalidCode(CloseCode::from_u16(1005)))
    /// );
    /// ```
    pub const fn new(
        code: CloseCode,
        reason: &'a str,
    ) -> Result<ClosePayload<'a>, EncodeCloseError> {
        if !code.is_valid_on_wire() {
            return Err(EncodeCloseError::InvalidCode(code));
        }
        if reason.len() > MAX_CLOSE_REASON {
            return Err(EncodeCloseError::ReasonTooLong { len: reason.len() });
        }
        Ok(ClosePayload {
            code: Some(code),
            reason,
        })
    }

    /// Parses an unmasked Close payload, applying every rule of RFC 6455: length at most 125,
    /// never exactly 1 byte, a code that is [valid on the wire](CloseCode::is_valid_on_wire),
    /// and a reason that is valid UTF-8.
    ///
    /// # Errors
    ///
    /// A [`ClosePayloadError`] naming the rule the payload breaks;
    /// [`ClosePayloadError::response_code`] is the code to close the connection with.
    ///
    /// ```
    /// use websocket_registry::{CloseCode, ClosePayload};
    ///
    /// let payload = ClosePayload::parse(b"\x03\xe8bye")?;
    /// assert_eq!((payload.status_code(), payload.reason()), (Some(CloseCode::NORMAL_CLOSURE), "bye"));
    /// assert_eq!(ClosePayload::parse(b""), Ok(ClosePayload::NO_STATUS));
    /// let err = ClosePayload::parse(b"\x03\xed").unwrap_err(); // 1005 may not be sent
    /// assert_eq!(err.response_code(), CloseCode::PROTOCOL_ERROR);
    /// # Ok::<(), websocket_registry::ClosePayloadError>(())
    /// ```
    pub const fn parse(payload: &'a [u8]) -> Result<ClosePayload<'a>, ClosePayloadError> {
        Self::parse_with(payload, CodeRule::ValidOnWire, MAX_CLOSE_PAYLOAD)
    }

    /// [`parse`](Self::parse) with the code checked by `rule` and payloads up to `max_len`
    /// bytes (a client that ignores RFC 6455's limit reads longer ones); the other rules
    /// (one byte, UTF-8) are the same for all readers. The result may break the sender's
    /// rules, so it never leaves the crate as a `ClosePayload`.
    pub(crate) const fn parse_with(
        payload: &'a [u8],
        rule: CodeRule,
        max_len: usize,
    ) -> Result<ClosePayload<'a>, ClosePayloadError> {
        match payload {
            _ if payload.len() > max_len => Err(ClosePayloadError::TooLong { len: payload.len() }),
            [] => Ok(ClosePayload {
                code: None,
                reason: "",
            }),
            [_] => Err(ClosePayloadError::OneByte),
            [high, low, reason @ ..] => {
                let code = CloseCode::from_u16(u16::from_be_bytes([*high, *low]));
                if !rule.accepts(code) {
                    return Err(ClosePayloadError::InvalidCode(code));
                }
                match core::str::from_utf8(reason) {
                    Ok(reason) => Ok(ClosePayload {
                        code: Some(code),
                        reason,
                    }),
                    Err(err) => Err(ClosePayloadError::InvalidUtf8 {
                        offset: err.valid_up_to(),
                    }),
                }
            }
        }
    }

    /// The status code the payload carries, or `None` for an empty payload. Use it to check
    /// or log what the peer sent; use
    /// [`connection_close_code`](Self::connection_close_code) for what to report.
    ///
    /// ```
    /// use websocket_registry::{CloseCode, ClosePayload};
    ///
    /// assert_eq!(ClosePayload::parse(b"\x03\xe8")?.status_code(), Some(CloseCode::NORMAL_CLOSURE));
    /// assert_eq!(ClosePayload::parse(b"")?.status_code(), None);
    /// # Ok::<(), websocket_registry::ClosePayloadError>(())
    /// ```
    pub const fn status_code(&self) -> Option<CloseCode> {
        self.code
    }

    /// RFC 6455 section 7.1.5's "WebSocket Connection Close Code": the status code, or 1005
    /// for an empty payload. Use it for what an API reports (every engine of
    /// [`ClientEngine::ALL`] shows it as `CloseEvent.code`, as measured).
    ///
    /// ```
    /// use websocket_registry::{CloseCode, ClosePayload};
    ///
    /// assert_eq!(ClosePayload::parse(b"")?.connection_close_code(), CloseCode::NO_STATUS_RECEIVED);
    /// # Ok::<(), websocket_registry::ClosePayloadError>(())
    /// ```
    pub const fn connection_close_code(&self) -> CloseCode {
        match self.code {
            Some(code) => code,
            // RFC 6455 section 7.1.5: no status code is reported as 1005.
            None => CloseCode(1005),
        }
    }

    /// The reason (empty for an empty payload).
    pub const fn reason(&self) -> &'a str {
        self.reason
    }

    /// The payload's length on the wire: 0 without a status, otherwise 2 + the reason's
    /// length; never over [`MAX_CLOSE_PAYLOAD`].
    pub const fn len(&self) -> usize {
        match self.code {
            Some(_) => 2 + self.reason.len(),
            None => 0,
        }
    }

    /// True for the empty payload ([`NO_STATUS`](ClosePayload::NO_STATUS)).
    pub const fn is_empty(&self) -> bool {
        self.code.is_none()
    }

    /// Writes the payload into `buf` and returns how many bytes it wrote
    /// ([`len`](Self::len)). A buffer of [`MAX_CLOSE_PAYLOAD`] bytes always suffices.
    ///
    /// # Errors
    ///
    /// [`BufferTooSmall`] when `buf` is shorter than [`len`](Self::len); nothing is written
    /// then.
    ///
    /// ```
    /// use websocket_registry::{CloseCode, ClosePayload};
    ///
    /// let payload = ClosePayload::new(CloseCode::NORMAL_CLOSURE, "bye")?;
    /// let mut small = [0u8; 4];
    /// assert_eq!(payload.write(&mut small).unwrap_err().needed(), 5);
    /// # Ok::<(), websocket_registry::EncodeCloseError>(())
    /// ```
    pub fn write(&self, buf: &mut [u8]) -> Result<usize, BufferTooSmall> {
        let needed = self.len();
        let code = match self.code {
            Some(code) => code,
            None => return Ok(0),
        };
        // A `match`, not `let ... else`: the crate builds with Rust 1.63 (see build.rs).
        let available = buf.len();
        let out = match buf.get_mut(..needed) {
            Some(out) => out,
            None => return Err(BufferTooSmall { needed, available }),
        };
        let (head, tail) = out.split_at_mut(2);
        head.copy_from_slice(&code.as_u16().to_be_bytes());
        tail.copy_from_slice(self.reason.as_bytes());
        Ok(needed)
    }
}

/// `websocket_registry::ClosePayload` into `Option<(u16, &str)>`: the code and reason that
/// every stack's close type is built from (axum's `CloseFrame { code, reason }`, a
/// `(u16, String)`), or `None` for [`ClosePayload::NO_STATUS`] (send a Close without a code).
///
/// ```
/// use websocket_registry::{CloseCode, ClosePayload};
///
/// let payload = ClosePayload::new(CloseCode::BAD_GATEWAY, "upstream down")?;
/// assert_eq!(Option::<(u16, &str)>::from(payload), Some((1014, "upstream down")));
/// assert_eq!(Option::<(u16, &str)>::from(ClosePayload::NO_STATUS), None);
/// # Ok::<(), websocket_registry::EncodeCloseError>(())
/// ```
impl<'a> From<ClosePayload<'a>> for Option<(u16, &'a str)> {
    fn from(payload: ClosePayload<'a>) -> Self {
        payload
            .status_code()
            .map(|code| (code.as_u16(), payload.reason()))
    }
}

/// `(u16, &str)` into `websocket_registry::ClosePayload`, checked as [`ClosePayload::new`]
/// checks: the pair any stack hands over (axum's `CloseFrame` has a `u16` code and a
/// reason).
///
/// # Errors
///
/// As [`ClosePayload::new`]: a code that may not be sent, or a reason over
/// [`MAX_CLOSE_REASON`] bytes.
///
/// ```
/// use websocket_registry::{ClosePayload, EncodeCloseError};
///
/// let payload = ClosePayload::try_from((1013, "busy"))?;
/// assert_eq!(payload.status_code().map(|code| code.as_u16()), Some(1013));
/// assert!(matches!(ClosePayload::try_from((1005, "")), Err(EncodeCloseError::InvalidCode(_))));
/// # Ok::<(), EncodeCloseError>(())
/// ```
impl<'a> TryFrom<(u16, &'a str)> for ClosePayload<'a> {
    type Error = EncodeCloseError;

    fn try_from((code, reason): (u16, &'a str)) -> Result<Self, Self::Error> {
        ClosePayload::new(CloseCode::from_u16(code), reason)
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

/// Why a Close payload is invalid.
///
/// ```
/// use websocket_registry::{ClosePayload, ClosePayloadError};
///
/// // One byte cannot hold a status code: answer 1002.
/// let error = ClosePayload::parse(b"\x03").unwrap_err();
/// assert_eq!(error, ClosePayloadError::OneByte);
/// assert_eq!(error.response_code().as_u16(), 1002);
/// // A reason that is not UTF-8: answer 1007.
/// let error = ClosePayload::parse(b"\x03\xe8\xff").unwrap_err();
/// assert_eq!(error.response_code().as_u16(), 1007);
/// ```
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

/// Why [`ClosePayload::new`] refuses a code and reason: RFC 6455 does not let them be sent.
///
/// ```
/// use websocket_registry::{CloseCode, ClosePayload, EncodeCloseError};
///
/// let too_long = "x".repeat(124);
/// assert_eq!(
///     ClosePayload::new(CloseCode::NORMAL_CLOSURE, &too_long),
///     Err(EncodeCloseError::ReasonTooLong { len: 124 })
/// );
/// ```
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
        }
    }
}
