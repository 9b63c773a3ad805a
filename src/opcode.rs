//! RFC 6455's opcode rules beyond the registry: control frames and unassigned opcodes.
//!
//! Which opcodes are control frames, and the opcodes a frame parser meets that the registry
//! does not assign.

use core::fmt;
use core::str::FromStr;

use crate::Opcode;

impl Opcode {
    /// True for control frames (Close, Ping, Pong, and any future opcode 8-15): RFC 6455
    /// section 5.5 says they have the high bit of the opcode set, may not be fragmented and
    /// carry at most 125 bytes of payload.
    pub const fn is_control(self) -> bool {
        self.as_u8() & 0x8 != 0
    }

    /// True for data frames (Continuation, Text, Binary, and any future opcode 0-7): RFC 6455
    /// section 5.6 calls every non-control frame a data frame.
    pub const fn is_data(self) -> bool {
        !self.is_control()
    }
}

impl From<Opcode> for u8 {
    fn from(opcode: Opcode) -> u8 {
        opcode.as_u8()
    }
}

/// The error of converting a number that the registry does not assign to an [`Opcode`]; the
/// number is kept ([`as_u8`](Self::as_u8)). A frame parser should look at [`FrameOpcode`]
/// instead, which holds the reserved opcodes too.
///
/// ```
/// use websocket_registry::Opcode;
///
/// let error = Opcode::try_from(3).unwrap_err();
/// assert_eq!(error.as_u8(), 3);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct UnassignedOpcode(u8);

impl UnassignedOpcode {
    /// The number that is not an assigned opcode.
    pub const fn as_u8(self) -> u8 {
        self.0
    }
}

impl fmt::Display for UnassignedOpcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} is not an opcode the registry assigns", self.0)
    }
}

impl TryFrom<u8> for Opcode {
    type Error = UnassignedOpcode;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Opcode::from_u8(value).ok_or(UnassignedOpcode(value))
    }
}

/// The error of `Opcode::from_str`: the text is not the decimal wire value of an assigned
/// opcode.
///
/// ```
/// use websocket_registry::Opcode;
///
/// assert!("Text".parse::<Opcode>().is_err()); // the decimal wire value, not the name
/// assert_eq!("1".parse::<Opcode>(), Ok(Opcode::Text));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ParseOpcodeError(());

impl fmt::Display for ParseOpcodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an opcode is the decimal wire value of an opcode the registry assigns")
    }
}

/// Parses the decimal wire value (`"1"` is [`Opcode::Text`]), as `CloseCode` and `Version`
/// do; names are not accepted, since IANA's (`Text Frame`) are descriptions.
impl FromStr for Opcode {
    type Err = ParseOpcodeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        // Digits only: `u8::from_str` would also take a sign (`+1`). It refuses overflow.
        if !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ParseOpcodeError(()));
        }
        text.parse::<u8>()
            .ok()
            .and_then(Opcode::from_u8)
            .ok_or(ParseOpcodeError(()))
    }
}

/// The 4-bit opcode field of a frame as a parser reads it: an opcode the registry assigns, or
/// one of the values RFC 6455 reserves (3-7 for data frames, 11-15 for control frames).
///
/// [`Opcode`] itself holds only assigned opcodes, so that a value of it is always one a peer
/// may send and the registry's facts (`name`, `references`) always exist; a frame parser that
/// must report what it met uses this type. RFC 6455 section 5.2 says an endpoint that
/// receives a reserved opcode (without an extension that defines it) fails the connection.
/// Its value is always 0-15: [`from_bits`](Self::from_bits) is the one way to make one from
/// a number.
///
/// ```
/// use websocket_registry::{FrameOpcode, Opcode};
///
/// let first_byte = 0x83u8; // FIN and opcode 3
/// let opcode = FrameOpcode::from_bits(first_byte & 0x0f).unwrap();
/// assert_eq!((opcode.as_u8(), opcode.assigned()), (3, None)); // reserved
/// assert!(opcode.is_data());
/// assert_eq!(FrameOpcode::from_bits(0x1).and_then(FrameOpcode::assigned), Some(Opcode::Text));
/// assert_eq!(FrameOpcode::from_bits(0x10), None); // does not fit in four bits
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FrameOpcode(u8);

impl FrameOpcode {
    /// The opcode field `bits` (0-15); `None` when `bits` does not fit in four bits.
    pub const fn from_bits(bits: u8) -> Option<FrameOpcode> {
        if bits > 0x0f {
            return None;
        }
        Some(FrameOpcode(bits))
    }

    /// The 4-bit value.
    pub const fn as_u8(self) -> u8 {
        self.0
    }

    /// The assigned opcode, or `None` for a reserved value.
    pub const fn assigned(self) -> Option<Opcode> {
        Opcode::from_u8(self.0)
    }

    /// True for a value the registry does not assign (reserved for further opcodes).
    pub const fn is_reserved(self) -> bool {
        self.assigned().is_none()
    }

    /// True for control frames: the high bit of the opcode is set (RFC 6455 section 5.5),
    /// reserved or not.
    pub const fn is_control(self) -> bool {
        self.0 & 0x8 != 0
    }

    /// True for data frames (opcodes 0-7, reserved or not).
    pub const fn is_data(self) -> bool {
        !self.is_control()
    }
}

impl From<Opcode> for FrameOpcode {
    fn from(opcode: Opcode) -> FrameOpcode {
        FrameOpcode(opcode.as_u8())
    }
}

/// `1 Text Frame`, or `3 (reserved)`.
impl fmt::Display for FrameOpcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.assigned() {
            Some(opcode) => fmt::Display::fmt(&opcode, f),
            None => write!(f, "{} (reserved)", self.0),
        }
    }
}
