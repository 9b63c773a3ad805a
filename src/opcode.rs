//! RFC 6455 rules on opcodes that are not in the registry: which ones are control frames.

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
