//! The server's side of permessage-deflate: its policy, and the response it gives an offer.

use super::offer::{ClientMaxWindowBits, PerMessageDeflate};
use super::response::DeflateResponse;

/// What a server is willing to agree on for permessage-deflate.
///
/// The defaults ask for nothing: context takeover on both sides and 15-bit windows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DeflatePolicy {
    /// The server will not reuse its compression context between messages (it says so in
    /// every response).
    pub server_no_context_takeover: bool,
    /// The largest window the server compresses with, 8-15.
    pub server_max_window_bits: u8,
    /// The server asks the client not to reuse its compression context.
    pub client_no_context_takeover: bool,
    /// The largest window the server will decompress the client's messages with, 8-15.
    /// Below 15 the server can only accept offers whose `client_max_window_bits` lets it say
    /// so (RFC 7692 section 7.1.2.2).
    pub client_max_window_bits: u8,
}

impl Default for DeflatePolicy {
    fn default() -> Self {
        DeflatePolicy {
            server_no_context_takeover: false,
            server_max_window_bits: 15,
            client_no_context_takeover: false,
            client_max_window_bits: 15,
        }
    }
}

impl PerMessageDeflate {
    /// The response a server with `policy` gives to this offer, or `None` when it must
    /// decline the offer (its policy limits the client's window and the offer gives no way
    /// to say so). By RFC 7692 section 7: an offered `server_no_context_takeover` is
    /// accepted by repeating it; an offered `server_max_window_bits` is answered with the
    /// same or a smaller value; `client_max_window_bits` is answered only if offered.
    pub fn accept(&self, policy: &DeflatePolicy) -> Option<DeflateResponse> {
        let server_bits = policy.server_max_window_bits.clamp(8, 15);
        let client_bits = policy.client_max_window_bits.clamp(8, 15);
        let server_max_window_bits = match self.server_max_window_bits {
            Some(offered) => Some(offered.min(server_bits)),
            None => (server_bits < 15).then_some(server_bits),
        };
        let client_max_window_bits = match self.client_max_window_bits {
            ClientMaxWindowBits::NotOffered if client_bits < 15 => return None,
            ClientMaxWindowBits::NotOffered => None,
            ClientMaxWindowBits::Unspecified => (client_bits < 15).then_some(client_bits),
            // The offered value is the most the client will use; only a response binds it.
            ClientMaxWindowBits::Bits(offered) => {
                (client_bits < 15).then_some(client_bits.min(offered))
            }
        };
        Some(DeflateResponse {
            server_no_context_takeover: self.server_no_context_takeover
                || policy.server_no_context_takeover,
            client_no_context_takeover: policy.client_no_context_takeover,
            server_max_window_bits,
            client_max_window_bits,
        })
    }

    /// The server's side of the negotiation: the response to the first permessage-deflate
    /// offer in `header` (one `Sec-WebSocket-Extensions` value) that RFC 7692 allows and
    /// `policy` can accept, or `None` when there is none (answer without the extension).
    /// Offers of other extensions, and permessage-deflate offers RFC 7692 does not allow,
    /// are skipped, as section 7 asks; a value that is not valid by RFC 6455's grammar is an
    /// error.
    ///
    /// ```
    /// use websocket_registry::{DeflatePolicy, PerMessageDeflate};
    ///
    /// let policy = DeflatePolicy { server_no_context_takeover: true, ..DeflatePolicy::default() };
    /// let header = "permessage-deflate; server_max_window_bits=08, permessage-deflate; client_max_window_bits";
    /// let response = PerMessageDeflate::negotiate(header, &policy).unwrap().unwrap();
    /// let mut buf = [0u8; 128];
    /// let n = response.write(&mut buf).unwrap();
    /// assert_eq!(&buf[..n], b"permessage-deflate; server_no_context_takeover");
    /// ```
    pub fn negotiate(
        header: &str,
        policy: &DeflatePolicy,
    ) -> Result<Option<DeflateResponse>, crate::ExtensionHeaderError> {
        // One field line, read in one pass: each offer is checked while it is parsed
        // (`PerMessageDeflate::offers`). `negotiate_lines` gives the same answer, through the
        // offset bookkeeping several lines need; `tests/extension_differential.rs` compares
        // the two ways.
        for element in PerMessageDeflate::offers(header) {
            let checked = match element {
                Ok(checked) => checked,
                // No element at all: nothing to negotiate, as with no field line.
                Err(error)
                    if error.expected() == crate::ExtensionHeaderExpected::AtLeastOneExtension =>
                {
                    return Ok(None)
                }
                Err(error) => return Err(error),
            };
            // Offers RFC 7692 does not allow are skipped, as section 7 asks, and so are offers
            // the policy cannot accept.
            if let Some(response) = checked.ok().and_then(|d| d.accept(policy)) {
                return Ok(Some(response));
            }
        }
        Ok(None)
    }

    /// [`negotiate`](Self::negotiate) over a header sent as several field lines (see
    /// [`DeflateResponse::check`]'s sibling for the rules).
    #[cfg(feature = "tungstenite-handshake")]
    pub(crate) fn negotiate_lines<'a>(
        lines: impl Iterator<Item = Result<&'a str, usize>>,
        policy: &DeflatePolicy,
    ) -> Result<Option<DeflateResponse>, crate::ExtensionHeaderError> {
        for offer in crate::extension_offers::elements_of_lines(lines) {
            // Offers that are not permessage-deflate offers RFC 7692 allows are skipped, as
            // section 7 asks, and so are offers the policy cannot accept.
            let deflate = PerMessageDeflate::from_offer(&offer?).ok();
            if let Some(response) = deflate.and_then(|d| d.accept(policy)) {
                return Ok(Some(response));
            }
        }
        Ok(None)
    }
}
