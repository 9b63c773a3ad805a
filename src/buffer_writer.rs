//! The one way the crate's writers fill a caller's buffer.
//!
//! Everything is written, or nothing and an error that says how much room the output needs
//! ([`BufferTooSmall`]).

use crate::BufferTooSmall;

/// Appends text to a caller's buffer, counting what does not fit.
pub(crate) struct Writer<'b> {
    buf: &'b mut [u8],
    len: usize,
}

impl<'b> Writer<'b> {
    /// A writer at the start of `buf`.
    pub(crate) fn new(buf: &'b mut [u8]) -> Writer<'b> {
        Writer { buf, len: 0 }
    }

    /// Appends `text`. One copy when it fits; past the end only the count grows, so that
    /// [`finish`](Self::finish) can say how much room the whole output needs. Once a piece
    /// does not fit, nothing later is written either.
    pub(crate) fn push(&mut self, text: &str) {
        let end = self.len + text.len();
        if let Some(slot) = self.buf.get_mut(self.len..end) {
            slot.copy_from_slice(text.as_bytes());
        } else if let Some(rest) = self.buf.get_mut(self.len..) {
            let fits = rest.len();
            rest.copy_from_slice(&text.as_bytes()[..fits]);
        }
        self.len = end;
    }

    /// The length written, or how much room it needed.
    pub(crate) fn finish(self) -> Result<usize, BufferTooSmall> {
        if self.len > self.buf.len() {
            return Err(BufferTooSmall {
                needed: self.len,
                available: self.buf.len(),
            });
        }
        Ok(self.len)
    }
}

/// So that `write!` formats straight into the buffer (numbers, lists), with the same
/// counting of what does not fit; it never returns an error.
impl core::fmt::Write for Writer<'_> {
    fn write_str(&mut self, text: &str) -> core::fmt::Result {
        self.push(text);
        Ok(())
    }
}
