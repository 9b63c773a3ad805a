//! Optional conversions to and from other crates' types, each behind its own feature.
//!
//! The default build has none of them and no dependencies.

#[cfg(feature = "http")]
mod http;
#[cfg(feature = "serde")]
mod serde;
#[cfg(feature = "tungstenite")]
mod tungstenite;
#[cfg(feature = "tungstenite-handshake")]
mod tungstenite_handshake;
#[cfg(feature = "headers")]
mod typed_headers;

#[cfg(feature = "headers")]
pub use typed_headers::{
    SecWebSocketExtensionsRequest, SecWebSocketExtensionsResponse, SecWebSocketProtocolRequest,
    SecWebSocketProtocolResponse,
};
