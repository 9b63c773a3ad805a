//! A server's check of `Sec-WebSocket-Version`, and the answer RFC 6455 section 4.4 asks for.
//!
//! A request names exactly one version (RFC 6455 sections 4.1 and 11.3.5). A version the
//! server does not speak, or a value it cannot read as one, is answered with 426 Upgrade
//! Required and a `Sec-WebSocket-Version` header that lists the versions it does speak; a
//! request without the header, or with it on several lines, is not a WebSocket handshake
//! RFC 6455 allows, and gets 400 Bad Request.

use core::fmt::{self, Write as _};

use crate::buffer_writer::Writer;
use crate::{BufferTooSmall, Version};

/// Why a request's `Sec-WebSocket-Version` is refused, and what the server answers: see
/// [`Version::check`].
///
/// ```
/// use websocket_registry::Version;
///
/// let error = Version::check("8", &[Version::RFC_6455]).unwrap_err();
/// assert_eq!(error.http_status(), 426);
/// assert_eq!(error.requested(), Some(Version::from_u8(8)));
/// let mut buf = [0u8; 16];
/// let len = error.write_supported(&mut buf)?;
/// assert_eq!(&buf[..len], b"13");
/// assert_eq!(
///     error.to_string(),
///     "Sec-WebSocket-Version 8 (hybi-08 draft) is not a version this server speaks (13)"
/// );
/// # Ok::<(), websocket_registry::BufferTooSmall>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct VersionError {
    found: Found,
    supported: &'static [Version],
}

/// What the request held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Found {
    /// No `Sec-WebSocket-Version` line.
    Missing,
    /// The header on this many lines.
    SeveralLines(usize),
    /// A value that is not a version number; the offset of the first byte that is not a digit
    /// (0 when every byte is one, as in `013` or `256`).
    Malformed(usize),
    /// A version number the server does not speak.
    Unsupported(Version),
}

impl Version {
    /// Checks one `Sec-WebSocket-Version` value (`13`) against the versions the server speaks,
    /// and gives the version to use.
    ///
    /// # Errors
    ///
    /// [`VersionError`] when `value` is not a version number by RFC 6455's grammar or names a
    /// version not in `supported`: the server answers 426 with
    /// [`write_supported`](VersionError::write_supported) as its `Sec-WebSocket-Version`.
    ///
    /// ```
    /// use websocket_registry::Version;
    ///
    /// assert_eq!(Version::check("13", &[Version::RFC_6455]), Ok(Version::RFC_6455));
    /// assert!(Version::check("13, 8", &[Version::RFC_6455]).is_err());
    /// ```
    pub fn check<V: AsRef<[u8]> + ?Sized>(
        value: &V,
        supported: &'static [Version],
    ) -> Result<Version, VersionError> {
        let value = value.as_ref();
        let found = match Version::parse(value) {
            Some(version) if supported.contains(&version) => return Ok(version),
            Some(version) => Found::Unsupported(version),
            None => Found::Malformed(value.iter().position(|b| !b.is_ascii_digit()).unwrap_or(0)),
        };
        Err(VersionError { found, supported })
    }

    /// [`check`](Self::check) over every `Sec-WebSocket-Version` line of a request (what
    /// `HeaderMap::get_all` gives): exactly one line is allowed (RFC 6455 section 11.3.5).
    ///
    /// # Errors
    ///
    /// [`VersionError`] as [`check`](Self::check) does, and, with status 400, when the
    /// request has no such line or several.
    ///
    /// ```
    /// use websocket_registry::Version;
    ///
    /// let none: [&str; 0] = [];
    /// assert_eq!(Version::check_lines(&none, &[Version::RFC_6455]).unwrap_err().http_status(), 400);
    /// assert_eq!(Version::check_lines(&["13"], &[Version::RFC_6455]), Ok(Version::RFC_6455));
    /// assert_eq!(Version::check_lines(&["13", "13"], &[Version::RFC_6455]).unwrap_err().http_status(), 400);
    /// ```
    pub fn check_lines<'a, V: AsRef<[u8]> + ?Sized + 'a>(
        lines: impl IntoIterator<Item = &'a V>,
        supported: &'static [Version],
    ) -> Result<Version, VersionError> {
        let mut lines = lines.into_iter();
        let refuse = |found| Err(VersionError { found, supported });
        let first = match lines.next() {
            Some(first) => first,
            None => return refuse(Found::Missing),
        };
        let more = lines.count();
        if more > 0 {
            return refuse(Found::SeveralLines(more + 1));
        }
        Version::check(first, supported)
    }
}

impl VersionError {
    /// The status the server answers with: 426 Upgrade Required for a version it does not
    /// speak or cannot read (RFC 6455 section 4.4), 400 Bad Request for a request without
    /// the header or with it on several lines (sections 4.2.2 and 11.3.5).
    pub const fn http_status(&self) -> u16 {
        match self.found {
            Found::Missing | Found::SeveralLines(_) => 400,
            Found::Malformed(_) | Found::Unsupported(_) => 426,
        }
    }

    /// The version the request asked for, when it named one the server does not speak.
    pub const fn requested(&self) -> Option<Version> {
        match self.found {
            Found::Unsupported(version) => Some(version),
            _ => None,
        }
    }

    /// The versions the server speaks, as the check was given them.
    pub const fn supported(&self) -> &'static [Version] {
        self.supported
    }

    /// Writes the `Sec-WebSocket-Version` value the answer carries: the versions the server
    /// speaks, in its order, joined by `, ` (`13, 8`), and returns its length.
    ///
    /// # Errors
    ///
    /// [`BufferTooSmall`] when `buf` cannot hold the value (5 bytes a version, with its
    /// separator, hold any list); what `buf` holds then is unspecified.
    pub fn write_supported(&self, buf: &mut [u8]) -> Result<usize, BufferTooSmall> {
        let mut out = Writer::new(buf);
        // `Writer` never fails a write: what does not fit is counted for `finish`.
        let _ = write!(out, "{}", Versions(self.supported));
        out.finish()
    }
}

/// Versions as a `Sec-WebSocket-Version` response lists them: `13, 8, 7`.
struct Versions(&'static [Version]);

impl fmt::Display for Versions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, version) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{version}")?;
        }
        Ok(())
    }
}

impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.found {
            Found::Missing => f.write_str("the request has no Sec-WebSocket-Version header")?,
            Found::SeveralLines(count) => write!(
                f,
                "Sec-WebSocket-Version is sent on {count} lines; a request has exactly one"
            )?,
            Found::Malformed(offset) => write!(
                f,
                "Sec-WebSocket-Version is not a version number (a decimal from 0 to 255 \
                 without leading zeros) at byte {offset}"
            )?,
            Found::Unsupported(version) => write!(
                f,
                "Sec-WebSocket-Version {version} ({}) is not a version this server speaks",
                version.label()
            )?,
        }
        if let Found::Unsupported(_) | Found::Malformed(_) = self.found {
            write!(f, " ({})", Versions(self.supported))?;
        }
        Ok(())
    }
}
