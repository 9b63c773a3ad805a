//! permessage-deflate (RFC 7692 section 7): offers checked, negotiated, answered and verified.
//!
//! A server reads a client's offers ([`PerMessageDeflate::offers`], one pass over the
//! header), picks one ([`PerMessageDeflate::negotiate`]) and writes its response
//! ([`DeflateResponse::write`]); a client writes its offers ([`PerMessageDeflate::write`],
//! [`PerMessageDeflate::write_offers`]) and checks the server's response against exactly
//! what it offered ([`DeflateResponse::check`]).
//!
//! One file per job: [`window_bits`] is the one value type, [`offer`] reads and checks an
//! offer, [`negotiation`] chooses the response a server gives, [`response`] writes it and
//! checks a server's response.

mod negotiation;
mod offer;
mod response;
mod window_bits;

pub use negotiation::DeflatePolicy;
pub use offer::{
    ClientMaxWindowBits, DeflateOffer, DeflateOffers, DeflateParam, PerMessageDeflate,
    PerMessageDeflateError,
};
pub use response::{DeflateResponse, DeflateResponseError};
pub use window_bits::WindowBits;

/// The longest permessage-deflate element the crate writes, an offer or a response: every
/// parameter, each window at two digits.
const MAX_ELEMENT_LEN: usize = "permessage-deflate; server_no_context_takeover; \
    client_no_context_takeover; server_max_window_bits=15; client_max_window_bits=15"
    .len();
