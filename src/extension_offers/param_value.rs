//! A parameter's value, a token or a quoted string, read as its unescaped text.
//!
//! It compares, iterates and writes without allocating.

use core::fmt;
use core::iter::FusedIterator;

use super::cursor::ascii;

/// A parameter's value: a token, or a quoted string whose unescaped content is a token. It
/// compares, iterates and writes as the unescaped text, without allocating.
///
/// ```
/// use websocket_registry::Extension;
///
/// let offer = Extension::offers(r#"e; a=1; b="x\y""#).next().unwrap()?;
/// let values: Vec<_> = offer.params().filter_map(|(_, value)| value).collect();
/// assert_eq!(values[0].to_str(), Some("1"));
/// assert!(values[1].was_quoted());
/// assert_eq!(values[1].to_str(), None); // an escape to undo
/// assert_eq!(values[1], "xy");
/// # Ok::<(), websocket_registry::ExtensionHeaderError>(())
/// ```
#[derive(Clone, Copy, Eq, Hash)]
pub struct ParamValue<'a> {
    /// The value as sent, quotes removed but escapes kept: ASCII token characters and `\\`.
    pub(super) raw: &'a [u8],
    pub(super) quoted: bool,
}

/// The value as sent (escapes kept), and whether it was quoted.
impl fmt::Debug for ParamValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParamValue")
            .field("raw", &ascii(self.raw))
            .field("quoted", &self.quoted)
            .finish()
    }
}

impl<'a> ParamValue<'a> {
    /// True when the value was sent as a quoted string (`"10"` rather than `10`).
    pub const fn was_quoted(&self) -> bool {
        self.quoted
    }

    /// The value as one `&str`, when it has no escapes to undo (always, for a token); `None`
    /// otherwise, like `OsStr::to_str` (use [`chars`](Self::chars) or
    /// [`write`](Self::write) then).
    pub fn to_str(&self) -> Option<&'a str> {
        (!self.raw.contains(&b'\\')).then(|| ascii(self.raw))
    }

    /// The value's bytes when it was sent as a token (nothing to unescape), for the
    /// permessage-deflate check.
    pub(crate) const fn unquoted(&self) -> Option<&'a [u8]> {
        if self.quoted {
            None
        } else {
            Some(self.raw)
        }
    }

    /// The unescaped value, character by character (all ASCII token characters).
    pub fn chars(&self) -> ParamChars<'a> {
        ParamChars { rest: self.raw }
    }

    /// The length of the unescaped value in bytes.
    pub fn len(&self) -> usize {
        self.chars().count()
    }

    /// True when the unescaped value is empty (never, for a value the grammar accepts).
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// Writes the unescaped value into `buf` and returns how many bytes it took
    /// ([`len`](Self::len), never more than the header value's length).
    ///
    /// # Errors
    ///
    /// [`BufferTooSmall`](crate::BufferTooSmall) when `buf` is shorter than the value; what
    /// `buf` holds then is unspecified.
    pub fn write(&self, buf: &mut [u8]) -> Result<usize, crate::BufferTooSmall> {
        let mut len = 0;
        for ch in self.chars() {
            match buf.get_mut(len) {
                Some(slot) => *slot = ch as u8,
                None => {
                    return Err(crate::BufferTooSmall {
                        needed: self.len(),
                        available: buf.len(),
                    })
                }
            }
            len += 1;
        }
        Ok(len)
    }
}

/// Compares the unescaped value.
impl PartialEq for ParamValue<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.chars().eq(other.chars())
    }
}

/// `value == "15"` compares the unescaped value with the text.
impl PartialEq<str> for ParamValue<'_> {
    fn eq(&self, other: &str) -> bool {
        self.chars().eq(other.chars())
    }
}

impl PartialEq<&str> for ParamValue<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.chars().eq(other.chars())
    }
}

/// The unescaped value.
impl fmt::Display for ParamValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.chars()
            .try_for_each(|ch| fmt::Write::write_char(f, ch))
    }
}

/// The characters of a [`ParamValue`], unescaped.
///
/// ```
/// use websocket_registry::Extension;
///
/// let offer = Extension::offers(r#"e; a="1\0""#).next().unwrap()?;
/// let value = offer.params().next().and_then(|(_, value)| value).unwrap();
/// assert_eq!(value.chars().collect::<String>(), "10");
/// # Ok::<(), websocket_registry::ExtensionHeaderError>(())
/// ```
#[derive(Clone, Debug)]
pub struct ParamChars<'a> {
    rest: &'a [u8],
}

impl Iterator for ParamChars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let (&first, rest) = self.rest.split_first()?;
        let (byte, rest) = match (first, rest) {
            (b'\\', [escaped, rest @ ..]) => (*escaped, rest),
            _ => (first, rest),
        };
        self.rest = rest;
        Some(char::from(byte))
    }
}

impl FusedIterator for ParamChars<'_> {}
