//! The grammar's pieces, read byte by byte from a position in a header value.
//!
//! Tokens, separators, parameters and quoted strings, with RFC 9110's `tchar` table.

use super::{ExtensionHeaderError, ExtensionHeaderExpected, ParamValue};

/// A piece of a header value the grammar accepted, as text. Every piece it accepts is ASCII
/// (tokens, parameter names and values, the separators between them), so the conversion
/// never fails; the parser itself reads bytes and converts only what a caller asks for, so
/// that a value given as bytes is not checked for UTF-8 a second time.
pub(super) fn ascii(piece: &[u8]) -> &str {
    core::str::from_utf8(piece).unwrap_or("")
}

/// A position in a header value, with the grammar's pieces (byte slices: see [`ascii`]).
pub(super) struct Cursor<'a> {
    /// The value.
    bytes: &'a [u8],
    pub(super) position: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(bytes: &'a [u8], position: usize) -> Cursor<'a> {
        Cursor { bytes, position }
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.position).copied()
    }

    pub(super) fn at_end(&self) -> bool {
        self.position >= self.bytes.len()
    }

    /// The bytes from `start` to the cursor.
    pub(super) fn piece(&self, start: usize) -> Option<&'a [u8]> {
        self.bytes.get(start..self.position)
    }

    pub(super) fn eat(&mut self, byte: u8) -> bool {
        let matched = self.peek() == Some(byte);
        if matched {
            self.position += 1;
        }
        matched
    }

    /// The grammar fails here. At a byte no part of the grammar allows (not visible ASCII,
    /// space or tab) the error says so, whatever was expected.
    pub(super) fn error(&self, expected: ExtensionHeaderExpected) -> ExtensionHeaderError {
        let expected = match self.peek() {
            Some(byte) if !is_field_byte(byte) => ExtensionHeaderExpected::VisibleAscii,
            _ => expected,
        };
        ExtensionHeaderError {
            offset: self.position,
            expected,
        }
    }

    /// RFC 9110's OWS: spaces and horizontal tabs.
    pub(super) fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.position += 1;
        }
    }

    /// A token (one or more tchar), or `None` without moving.
    #[inline]
    pub(super) fn token(&mut self) -> Option<&'a [u8]> {
        let bytes = self.bytes;
        let start = self.position;
        let mut end = start;
        // Eight bytes a turn while all eight are tchar: eight independent lookups and one
        // branch, where a byte at a time is a branch per byte. The tokens offers carry are
        // long (`permessage-deflate` is 18 bytes, its parameters 22 to 26).
        while let Some(chunk) = bytes.get(end..end + 8) {
            let all_tchar = chunk
                .iter()
                .fold(1, |all, &byte| all & TCHAR[usize::from(byte)]);
            if all_tchar == 0 {
                break;
            }
            end += 8;
        }
        while matches!(bytes.get(end), Some(&byte) if is_tchar(byte)) {
            end += 1;
        }
        self.position = end;
        if end > start {
            self.piece(start)
        } else {
            None
        }
    }

    /// `name [ "=" value ]` after a `;`: where the name starts, the name and the value.
    #[inline]
    pub(super) fn param(
        &mut self,
    ) -> Result<(usize, &'a [u8], Option<ParamValue<'a>>), ExtensionHeaderError> {
        self.skip_whitespace();
        let offset = self.position;
        let name = self
            .token()
            .ok_or_else(|| self.error(ExtensionHeaderExpected::ParamName))?;
        let after_name = self.position;
        self.skip_whitespace();
        if !self.eat(b'=') {
            self.position = after_name;
            return Ok((offset, name, None));
        }
        self.skip_whitespace();
        if let Some(token) = self.token() {
            return Ok((
                offset,
                name,
                Some(ParamValue {
                    raw: token,
                    quoted: false,
                }),
            ));
        }
        if !self.eat(b'"') {
            return Err(self.error(ExtensionHeaderExpected::ParamValue));
        }
        // The quoted content: token characters, each possibly escaped, and nothing else.
        let start = self.position;
        loop {
            match self.peek() {
                Some(b'"') => break,
                Some(b'\\') => {
                    self.position += 1;
                    // The escaped character must be a token character too; the next turn
                    // of the loop takes it like any other.
                    match self.peek() {
                        Some(byte) if is_tchar(byte) => {}
                        Some(_) => return Err(self.error(ExtensionHeaderExpected::TokenInQuotes)),
                        None => return Err(self.error(ExtensionHeaderExpected::ClosingQuote)),
                    }
                }
                Some(byte) if is_tchar(byte) => self.position += 1,
                Some(_) => return Err(self.error(ExtensionHeaderExpected::TokenInQuotes)),
                None => return Err(self.error(ExtensionHeaderExpected::ClosingQuote)),
            }
        }
        let raw = match self.piece(start) {
            Some(raw) if !raw.is_empty() => raw,
            _ => return Err(self.error(ExtensionHeaderExpected::TokenInQuotes)),
        };
        self.position += 1; // the closing quote
        Ok((offset, name, Some(ParamValue { raw, quoted: true })))
    }
}

/// RFC 9110 section 5.6.2's `tchar`: one lookup in [`TCHAR`]. The parser asks this for
/// every byte of every token, so a table beats searching the 15 punctuation characters
/// (`benches/instructions.py`). Not a `const fn`: Rust 1.63, the crate's minimum, does not
/// let one read a `static`.
#[inline]
pub(crate) fn is_tchar(byte: u8) -> bool {
    TCHAR[usize::from(byte)] != 0
}

/// A byte a field line may hold where the grammar allows text: visible ASCII, space and
/// tab (RFC 9110 section 5.5, without `obs-text`, which no token or separator can be).
pub(crate) fn is_field_byte(byte: u8) -> bool {
    byte == b'\t' || (0x20..0x7f).contains(&byte)
}

/// Which bytes are RFC 9110's `tchar` (1) and which are not (0): ASCII letters and digits,
/// and `!#$%&'*+-.^_`|~`. Numbers rather than `bool`s, so that eight lookups combine with `&`
/// into one test.
static TCHAR: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() as u8;
        byte += 1;
    }
    let punctuation = b"!#$%&'*+-.^_`|~";
    let mut i = 0;
    while i < punctuation.len() {
        table[punctuation[i] as usize] = 1;
        i += 1;
    }
    table
};
