//! The types are as small as the values they carry: a close code is the wire `u16`, and a
//! looked-up name is one byte (the enum has fewer than 256 variants, so `Option` uses a spare
//! discriminant instead of a tag).

use core::mem::size_of;

use websocket_registry::{CloseCode, Extension, HeaderBit, Opcode, Subprotocol, Version};

#[test]
fn wire_types_are_the_size_of_the_wire_value() {
    assert_eq!(size_of::<CloseCode>(), 2);
    assert_eq!(size_of::<Version>(), 1);
    assert_eq!(size_of::<Opcode>(), 1);
}

#[test]
fn a_looked_up_name_is_one_byte() {
    assert!(Subprotocol::ALL.len() < 256 && Extension::ALL.len() < 256);
    assert_eq!(size_of::<Subprotocol>(), 1);
    assert_eq!(size_of::<Option<Subprotocol>>(), 1);
    assert_eq!(size_of::<Extension>(), 1);
    assert_eq!(size_of::<Option<Extension>>(), 1);
    assert_eq!(size_of::<Option<HeaderBit>>(), 1);
}
