//! permessage-deflate (RFC 7692 section 7): offers checked, negotiated, answered and verified.
//!
//! A server checks a client's offer ([`PerMessageDeflate::from_offer`], or every offer of a
//! header in one pass with [`PerMessageDeflate::offers`]), picks one
//! ([`PerMessageDeflate::negotiate`]) and writes its response ([`DeflateResponse::write`]); a
//! client checks the server's response against what it offered ([`DeflateResponse::check`]).
//!
//! One file per job: [`offer`] reads and checks an offer, [`negotiation`] chooses the
//! response a server gives, [`response`] writes it and checks a server's response.

mod negotiation;
mod offer;
mod response;

pub use negotiation::DeflatePolicy;
pub use offer::{
    ClientMaxWindowBits, DeflateOffers, DeflateParam, PerMessageDeflate, PerMessageDeflateError,
};
pub use response::{DeflateResponse, DeflateResponseError};
