//! Optional conversions to and from other crates' types, each behind its own feature.
//!
//! The default build has none of them and no dependencies.

#[cfg(feature = "serde")]
mod serde;
#[cfg(feature = "tungstenite")]
mod tungstenite;
#[cfg(feature = "tungstenite-handshake")]
mod tungstenite_handshake;
