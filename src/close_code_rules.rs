//! The close-code rules of RFC 6455 section 7.4 and of the WHATWG `close()` method, once.
//!
//! The runtime crate compiles this file as a module, and the generator compiles it in with
//! `#[path]` (as it does `name_hash.rs`), so the range bounds and the two predicates have one
//! home: the generated code, the docs table and the localized tables all derive from it, and
//! the generator writes no bound of its own. What the registry decides (which protocol codes
//! are assigned and not kept off the wire) comes in as an argument.

/// The ranges of close codes that RFC 6455 section 7.4.2 defines.
///
/// ```
/// use websocket_registry::{CloseCode, CloseCodeRange};
///
/// let range = CloseCodeRange::of(3008);
/// assert_eq!(range, CloseCodeRange::Registered);
/// assert_eq!((range.first(), range.last()), (3000, 3999));
/// assert_eq!(CloseCode::from_u16(3008).range(), range);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum CloseCodeRange {
    /// 0-999: not used. No code here is valid anywhere.
    NotUsed,
    /// 1000-2999: reserved for the protocol, its revisions and extensions. Registration rule
    /// in the registry: "Standards Action, Specification Required or IESG Review". Only the
    /// codes IANA assigns are valid on the wire.
    Protocol,
    /// 3000-3999: for libraries, frameworks and applications, registered with IANA.
    /// Registration rule in the registry: "First Come First Served". All are valid on the
    /// wire, registered or not.
    Registered,
    /// 4000-4999: private use by prior agreement; never registered (the registry lists the
    /// block as "Reserved for Private Use"). All are valid on the wire.
    PrivateUse,
    /// 5000-65535: outside every range RFC 6455 defines. Not valid anywhere.
    Undefined,
}

impl CloseCodeRange {
    /// Every range, in ascending order of codes.
    pub const ALL: &'static [CloseCodeRange] = &[
        CloseCodeRange::NotUsed,
        CloseCodeRange::Protocol,
        CloseCodeRange::Registered,
        CloseCodeRange::PrivateUse,
        CloseCodeRange::Undefined,
    ];

    /// The first code of the range.
    pub const fn first(self) -> u16 {
        match self {
            CloseCodeRange::NotUsed => 0,
            CloseCodeRange::Protocol => 1000,
            CloseCodeRange::Registered => 3000,
            CloseCodeRange::PrivateUse => 4000,
            CloseCodeRange::Undefined => 5000,
        }
    }

    /// The last code of the range (inclusive): one before the next range's first.
    pub const fn last(self) -> u16 {
        match self {
            CloseCodeRange::NotUsed => CloseCodeRange::Protocol.first() - 1,
            CloseCodeRange::Protocol => CloseCodeRange::Registered.first() - 1,
            CloseCodeRange::Registered => CloseCodeRange::PrivateUse.first() - 1,
            CloseCodeRange::PrivateUse => CloseCodeRange::Undefined.first() - 1,
            CloseCodeRange::Undefined => u16::MAX,
        }
    }

    /// The range `code` falls in.
    pub const fn of(code: u16) -> CloseCodeRange {
        if code < CloseCodeRange::Protocol.first() {
            CloseCodeRange::NotUsed
        } else if code < CloseCodeRange::Registered.first() {
            CloseCodeRange::Protocol
        } else if code < CloseCodeRange::PrivateUse.first() {
            CloseCodeRange::Registered
        } else if code < CloseCodeRange::Undefined.first() {
            CloseCodeRange::PrivateUse
        } else {
            CloseCodeRange::Undefined
        }
    }

    /// A few words for `Display` and the reference tables: `not used`, `protocol`,
    /// `registered`, `private use`, `undefined`.
    pub(crate) const fn short_name(self) -> &'static str {
        match self {
            CloseCodeRange::NotUsed => "not used",
            CloseCodeRange::Protocol => "protocol",
            CloseCodeRange::Registered => "registered",
            CloseCodeRange::PrivateUse => "private use",
            CloseCodeRange::Undefined => "undefined",
        }
    }

    /// The range's key in the project's data files (`[close-code-range.private-use]`); the
    /// generator reads it, the runtime does not.
    #[allow(dead_code)]
    pub(crate) const fn key(self) -> &'static str {
        match self {
            CloseCodeRange::NotUsed => "not-used",
            CloseCodeRange::Protocol => "protocol",
            CloseCodeRange::Registered => "registered",
            CloseCodeRange::PrivateUse => "private-use",
            CloseCodeRange::Undefined => "undefined",
        }
    }

    /// True when every code of the range may appear in a Close frame, registered or not.
    pub(crate) const fn is_valid_on_wire_as_a_whole(self) -> bool {
        matches!(
            self,
            CloseCodeRange::Registered | CloseCodeRange::PrivateUse
        )
    }
}

/// RFC 6455 section 7.4: whether `code` may appear in a Close frame. A protocol code
/// (1000-2999) may when the registry assigns it and RFC 6455 does not keep it off the wire
/// (`sendable_protocol_code`, which the generated table answers); every code of 3000-4999 may;
/// nothing else may.
#[inline]
pub(crate) const fn is_valid_on_wire(code: u16, sendable_protocol_code: bool) -> bool {
    // Written as the range tests a hand-written `matches!` compiles to, not as a `match` on
    // `CloseCodeRange::of`: that chain of comparisons made the predicate 0.7x a hand-written
    // `matches!` (benches/close_codes.rs). The ranges valid as a whole are the ones
    // `is_valid_on_wire_as_a_whole` names; a unit test checks that the two agree.
    let protocol = CloseCodeRange::Protocol;
    let (whole_first, whole_last) = (
        CloseCodeRange::Registered.first(),
        CloseCodeRange::PrivateUse.last(),
    );
    (sendable_protocol_code && code >= protocol.first() && code <= protocol.last())
        || (code >= whole_first && code <= whole_last)
}

/// The WHATWG WebSocket `close(code)` method: 1000, or any code of 3000-4999.
#[inline]
pub(crate) const fn is_valid_for_close_method(code: u16) -> bool {
    // WHATWG's WebSocket standard, close(): "code is not equal to 1000 and is not in the
    // range 3000 to 4999" throws.
    code == 1000 || CloseCodeRange::of(code).is_valid_on_wire_as_a_whole()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_valid_on_wire` spells out the ranges for speed; it must say what the ranges'
    /// own rule says, for every code and either answer of the registry.
    #[test]
    fn the_fast_form_of_is_valid_on_wire_is_the_rule_of_the_ranges() {
        for code in 0..=u16::MAX {
            for sendable in [false, true] {
                let by_range = match CloseCodeRange::of(code) {
                    CloseCodeRange::Protocol => sendable,
                    range => range.is_valid_on_wire_as_a_whole(),
                };
                assert_eq!(
                    is_valid_on_wire(code, sendable),
                    by_range,
                    "{code} {sendable}"
                );
            }
        }
    }
}
