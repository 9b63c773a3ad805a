//! `Version`: the value of `Sec-WebSocket-Version`.

use core::fmt;
use core::str::FromStr;

use crate::versions;
use crate::{Reference, VersionStatus};

/// A WebSocket protocol version number, the value of `Sec-WebSocket-Version`
/// (RFC 6455 section 4.1: a number from 0 to 255).
///
/// Every value is representable; the registry says which ones it lists and with what status.
/// [`Version::RFC_6455`] (13) is the one version in use.
///
/// ```
/// use websocket_registry::{Version, VersionStatus};
///
/// let version = Version::parse(b"13").expect("RFC 6455's grammar");
/// assert_eq!(version, Version::RFC_6455);
/// assert_eq!(version, 13);
/// assert_eq!(version.status(), Some(VersionStatus::Standard));
/// assert_eq!(version.label(), "RFC 6455");
/// assert!(!Version::from_u8(8).is_registered() || Version::from_u8(8).status() != version.status());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(transparent)]
pub struct Version(pub(crate) u8);

impl Version {
    /// Version 13, the version RFC 6455 defines: what every client sends today.
    pub const RFC_6455: Version = Version(13);

    /// The version with number `value`.
    pub const fn from_u8(value: u8) -> Version {
        Version(value)
    }

    /// The version number.
    pub const fn as_u8(self) -> u8 {
        self.0
    }

    /// Parses a `Sec-WebSocket-Version` header value with RFC 6455's grammar: decimal digits
    /// without leading zeros, 0 to 255, nothing else (no spaces, no sign). Returns `None`
    /// otherwise.
    pub const fn parse(value: &[u8]) -> Option<Version> {
        if value.is_empty() || value.len() > 3 || (value.len() > 1 && value[0] == b'0') {
            return None;
        }
        let mut number: u16 = 0;
        let mut i = 0;
        while i < value.len() {
            let digit = value[i];
            if !digit.is_ascii_digit() {
                return None;
            }
            number = number * 10 + (digit - b'0') as u16;
            i += 1;
        }
        if number > 255 {
            return None;
        }
        Some(Version(number as u8))
    }

    /// True when the registry lists this version number.
    pub const fn is_registered(self) -> bool {
        versions::entry(self.0).is_some()
    }

    /// The version's status in the registry; `None` when the registry does not list the
    /// version or gives it no status (9-12 are listed as reserved, without a status).
    pub const fn status(self) -> Option<VersionStatus> {
        match versions::entry(self.0) {
            Some(entry) => entry.status,
            None => None,
        }
    }

    /// The registry's references for the version (empty if it does not list it).
    pub const fn references(self) -> &'static [Reference] {
        match versions::entry(self.0) {
            Some(entry) => entry.references,
            None => &[],
        }
    }

    /// When the version was registered, if the registry says.
    pub const fn registered(self) -> Option<&'static str> {
        match versions::entry(self.0) {
            Some(entry) => entry.registered,
            None => None,
        }
    }

    /// When the version's record last changed, if the registry says.
    pub const fn updated(self) -> Option<&'static str> {
        match versions::entry(self.0) {
            Some(entry) => entry.updated,
            None => None,
        }
    }
}

impl From<u8> for Version {
    fn from(value: u8) -> Self {
        Version(value)
    }
}

impl From<Version> for u8 {
    fn from(version: Version) -> Self {
        version.0
    }
}

/// The number, as it goes in the header (`13`).
impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The error of `Version::from_str`: not a version number as RFC 6455 writes it.
///
/// ```
/// use websocket_registry::Version;
///
/// assert_eq!("13".parse::<Version>(), Ok(Version::RFC_6455));
/// assert!("013".parse::<Version>().is_err()); // RFC 6455's grammar: no leading zero
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ParseVersionError(());

impl fmt::Display for ParseVersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a WebSocket version is a decimal number from 0 to 255 without leading zeros")
    }
}

/// `Version::RFC_6455 == 13`.
impl PartialEq<u8> for Version {
    fn eq(&self, other: &u8) -> bool {
        self.0 == *other
    }
}

/// `13 == Version::RFC_6455`.
impl PartialEq<Version> for u8 {
    fn eq(&self, other: &Version) -> bool {
        *self == other.0
    }
}

impl FromStr for Version {
    type Err = ParseVersionError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Version::parse(text.as_bytes()).ok_or(ParseVersionError(()))
    }
}
