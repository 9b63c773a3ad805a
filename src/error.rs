//! What the crate's errors share: the `Error` trait, and the writers' one error.
//!
//! `Error` is implemented on every supported compiler; [`BufferTooSmall`] is the error of
//! every writer.
//!
//! With the `std` feature (on by default) every error type implements `std::error::Error`,
//! from Rust 1.63 on. Without it, a `no_std` build gets `core::error::Error` from Rust 1.81
//! on (`has_core_error`, detected by `build.rs`): it is the same trait, so `?` into
//! `Box<dyn Error>` works either way.

use core::fmt;

#[cfg(all(not(feature = "std"), has_core_error))]
use core::error::Error;
#[cfg(feature = "std")]
use std::error::Error;

// The error types are only named by the `impl Error`s below.
#[cfg(any(feature = "std", has_core_error))]
use crate::{
    ClosePayloadError, DeflateResponseError, EncodeCloseError, ExtensionHeaderError,
    ParseCloseCodeError, ParseOpcodeError, ParseVersionError, PerMessageDeflateError,
    SelectedSubprotocolError, UnassignedOpcode, UnknownName, UnregisteredName, VersionError,
};

/// The buffer given to a writer is too small for what it writes.
///
/// Every `write(&self, buf: &mut [u8]) -> Result<usize, BufferTooSmall>` of the crate
/// returns this, and says in its docs which constant bounds its output, so that a buffer on
/// the stack can be sized at compile time.
///
/// ```
/// use websocket_registry::{CloseCode, ClosePayload};
///
/// let payload = ClosePayload::new(CloseCode::NORMAL_CLOSURE, "bye")?;
/// let err = payload.write(&mut [0u8; 2]).unwrap_err();
/// assert_eq!((err.needed(), err.available()), (5, 2));
/// assert_eq!(err.to_string(), "the output needs 5 bytes, the buffer has 2");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BufferTooSmall {
    pub(crate) needed: usize,
    pub(crate) available: usize,
}

impl BufferTooSmall {
    /// The bytes the output takes.
    pub const fn needed(&self) -> usize {
        self.needed
    }

    /// The bytes the buffer has.
    pub const fn available(&self) -> usize {
        self.available
    }
}

impl fmt::Display for BufferTooSmall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the output needs {} bytes, the buffer has {}",
            self.needed, self.available
        )
    }
}

/// `impl Error` for each error type of the crate, and a compile-time check that each is
/// `Error + Send + Sync + 'static` (which every build checks, the Rust 1.63 one included).
macro_rules! errors {
    ($($ty:ty),* $(,)?) => {
        $(
            #[cfg(any(feature = "std", has_core_error))]
            impl Error for $ty {}
        )*

        #[cfg(any(feature = "std", has_core_error))]
        const _: () = {
            const fn propagates<T: Error + Send + Sync + 'static>() {}
            $(propagates::<$ty>();)*
        };
    };
}

errors!(
    BufferTooSmall,
    ClosePayloadError,
    EncodeCloseError,
    ExtensionHeaderError,
    ParseCloseCodeError,
    ParseOpcodeError,
    ParseVersionError,
    PerMessageDeflateError,
    SelectedSubprotocolError,
    UnassignedOpcode,
    UnknownName,
    UnregisteredName,
    VersionError,
);

/// Wraps the grammar's error or a parameter's.
#[cfg(any(feature = "std", has_core_error))]
impl Error for DeflateResponseError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            DeflateResponseError::Header(error) => Some(error),
            DeflateResponseError::Param(error) => Some(error),
            _ => None,
        }
    }
}

#[cfg(any(feature = "std", has_core_error))]
const _: () = {
    const fn propagates<T: Error + Send + Sync + 'static>() {}
    propagates::<DeflateResponseError>();
};
