//! An LZ77 window size of permessage-deflate: a power of two from 8 to 15.
//!
//! RFC 7692 section 7.1.2's range, so that no offer, response or policy can hold another.

use core::fmt;

/// The base-2 logarithm of an LZ77 window size, 8 to 15: the value of
/// `server_max_window_bits` and `client_max_window_bits` (RFC 7692 section 7.1.2). A value
/// outside that range cannot be built.
///
/// ```
/// use websocket_registry::WindowBits;
///
/// let bits = WindowBits::new(10).expect("8 to 15");
/// assert_eq!(bits.get(), 10);
/// assert_eq!(bits.to_string(), "10");
/// assert_eq!(WindowBits::new(16), None);
/// assert_eq!(WindowBits::new(7), None);
/// assert!(WindowBits::MIN < WindowBits::MAX);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WindowBits(u8);

impl WindowBits {
    /// The smallest window RFC 7692 allows: 8 (256 bytes).
    pub const MIN: WindowBits = WindowBits(8);
    /// The largest, and the one assumed when a parameter is absent: 15 (32,768 bytes).
    pub const MAX: WindowBits = WindowBits(15);

    /// `bits` if it is from [`MIN`](Self::MIN) to [`MAX`](Self::MAX), `None` otherwise.
    pub const fn new(bits: u8) -> Option<WindowBits> {
        if bits >= WindowBits::MIN.0 && bits <= WindowBits::MAX.0 {
            Some(WindowBits(bits))
        } else {
            None
        }
    }

    /// The value, 8 to 15.
    pub const fn get(self) -> u8 {
        self.0
    }

    /// The value as it is written on the wire (`"10"`).
    pub(crate) const fn as_str(self) -> &'static str {
        match self.0 {
            8 => "8",
            9 => "9",
            10 => "10",
            11 => "11",
            12 => "12",
            13 => "13",
            14 => "14",
            _ => "15",
        }
    }
}

/// The window bits as the number they are (`10`).
impl fmt::Display for WindowBits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The value, 8 to 15.
impl From<WindowBits> for u8 {
    fn from(bits: WindowBits) -> u8 {
        bits.0
    }
}

#[cfg(test)]
mod tests {
    use super::WindowBits;

    #[test]
    fn only_8_to_15_are_window_bits_and_each_writes_as_its_number() {
        for value in 0..=u8::MAX {
            let bits = WindowBits::new(value);
            assert_eq!(bits.is_some(), (8..=15).contains(&value), "{value}");
            if let Some(bits) = bits {
                assert_eq!(bits.get(), value);
                assert_eq!(bits.as_str().parse::<u8>(), Ok(value));
            }
        }
    }
}
