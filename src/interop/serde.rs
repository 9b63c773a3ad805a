//! `serde` support (feature `serde`): every type serializes as its wire form.
//!
//! - [`CloseCode`] as its number (`1014`); every `u16` deserializes.
//! - [`Subprotocol`] and [`Extension`] as their identifiers (`"ocpp1.6"`); an identifier the
//!   registry does not have is an error that names the value and says matching is exact.
//! - [`Opcode`] and [`Version`] as numbers; an opcode the registry does not assign is an error.

use core::fmt;

use serde::de::{self, Unexpected, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{CloseCode, Extension, Opcode, Subprotocol, Version};

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for CloseCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.as_u16())
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for CloseCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        u16::deserialize(deserializer).map(CloseCode::from_u16)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for Version {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.as_u8())
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        u8::deserialize(deserializer).map(Version::from_u8)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for Opcode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.as_u8())
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for Opcode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = u8::deserialize(deserializer)?;
        Opcode::from_u8(value).ok_or_else(|| {
            de::Error::invalid_value(
                Unexpected::Unsigned(value.into()),
                &"an opcode the IANA registry assigns (0, 1, 2, 8, 9 or 10)",
            )
        })
    }
}

/// Deserializes a registered identifier with `lookup`; `expected` says which registry.
struct IdentifierVisitor<T> {
    lookup: fn(&str) -> Option<T>,
    expected: &'static str,
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<T> Visitor<'_> for IdentifierVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expected)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        (self.lookup)(value).ok_or_else(|| E::invalid_value(Unexpected::Str(value), &self))
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for Subprotocol {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for Subprotocol {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(IdentifierVisitor {
            lookup: Subprotocol::from_name,
            expected: "a subprotocol identifier registered with IANA (exact, case-sensitive)",
        })
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for Extension {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for Extension {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(IdentifierVisitor {
            lookup: Extension::from_name,
            expected: "an extension identifier registered with IANA (exact, case-sensitive)",
        })
    }
}
