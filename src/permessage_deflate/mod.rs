//! permessage-deflate (RFC 7692 section 7): offers checked, negotiated, answered and verified.
//!
//! A server reads a client's offers ([`PerMessageDeflate::offers`], one pass over the
//! header), picks one ([`PerMessageDeflate::negotiate`]) and writes its response
//! ([`DeflateResponse::write`]); a client writes its offers ([`PerMessageDeflate::write`],
//! [`PerMessageDeflate::write_offers`]) and checks the server's response against exactly
//! what it offered ([`DeflateResponse::check`]).
//!
//! One file per job: `window_bits.rs` is the one value type, `param.rs` the four parameters,
//! `offer.rs` an offer as a client builds and writes it, `check.rs` reads offers (or a
//! response) and checks them in one pass, `error.rs` says why one is refused,
//! `negotiation.rs` chooses the response a server gives, `response.rs` writes it and checks a
//! server's response.

mod check;
mod error;
mod negotiation;
mod offer;
mod param;
mod response;
mod window_bits;

pub use check::{DeflateOffer, DeflateOffers};
pub use error::PerMessageDeflateError;
pub use negotiation::DeflatePolicy;
pub use offer::{ClientMaxWindowBits, PerMessageDeflate};
pub use param::DeflateParam;
pub use response::{DeflateResponse, DeflateResponseError};
pub use window_bits::WindowBits;

/// The longest permessage-deflate element the crate writes, an offer or a response: every
/// parameter, each window at two digits.
const MAX_ELEMENT_LEN: usize = "permessage-deflate; server_no_context_takeover; \
    client_no_context_takeover; server_max_window_bits=15; client_max_window_bits=15"
    .len();
