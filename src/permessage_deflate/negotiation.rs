//! The server's side of permessage-deflate: its policy, and the response it gives an offer.

use crate::header_lines::AcrossLines;
use crate::{ExtensionHeaderError, ExtensionHeaderExpected};

use super::response::DeflateResponse;
use super::WindowBits;
use super::{ClientMaxWindowBits, DeflateOffer, PerMessageDeflate};

/// What a server is willing to agree on for permessage-deflate.
///
/// [`new`](Self::new) (and `Default`) asks for nothing: context takeover on both sides and
/// 15-bit windows. Each `with_*` method gives a changed copy, so a policy can be a `const`.
///
/// ```
/// use websocket_registry::{DeflatePolicy, PerMessageDeflate, WindowBits};
///
/// const POLICY: DeflatePolicy = DeflatePolicy::new()
///     .with_server_no_context_takeover(true)
///     .with_server_window_limit(match WindowBits::new(12) {
///         Some(bits) => bits,
///         None => WindowBits::MAX,
///     });
/// let response = PerMessageDeflate::negotiate("permessage-deflate", &POLICY)?.expect("accepted");
/// let mut buf = [0u8; websocket_registry::DeflateResponse::MAX_LEN];
/// let len = response.write(&mut buf).expect("MAX_LEN suffices");
/// assert_eq!(&buf[..len], b"permessage-deflate; server_no_context_takeover; server_max_window_bits=12");
/// # Ok::<(), websocket_registry::ExtensionHeaderError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DeflatePolicy {
    server_no_context_takeover: bool,
    server_max_window_bits: WindowBits,
    client_no_context_takeover: bool,
    client_max_window_bits: WindowBits,
}

impl DeflatePolicy {
    /// The policy that asks for nothing: context takeover on both sides, 15-bit windows.
    pub const fn new() -> DeflatePolicy {
        DeflatePolicy {
            server_no_context_takeover: false,
            server_max_window_bits: WindowBits::MAX,
            client_no_context_takeover: false,
            client_max_window_bits: WindowBits::MAX,
        }
    }

    /// The server will not reuse its compression context between messages (it says so in
    /// every response).
    pub const fn with_server_no_context_takeover(self, yes: bool) -> DeflatePolicy {
        DeflatePolicy {
            server_no_context_takeover: yes,
            ..self
        }
    }

    /// The largest window the server compresses with.
    pub const fn with_server_window_limit(self, bits: WindowBits) -> DeflatePolicy {
        DeflatePolicy {
            server_max_window_bits: bits,
            ..self
        }
    }

    /// The server asks the client not to reuse its compression context.
    pub const fn with_client_no_context_takeover(self, yes: bool) -> DeflatePolicy {
        DeflatePolicy {
            client_no_context_takeover: yes,
            ..self
        }
    }

    /// The largest window the server will decompress the client's messages with. Below 15
    /// the server can only accept offers whose `client_max_window_bits` lets it say so (RFC
    /// 7692 section 7.1.2.2).
    pub const fn with_client_window_limit(self, bits: WindowBits) -> DeflatePolicy {
        DeflatePolicy {
            client_max_window_bits: bits,
            ..self
        }
    }

    /// Whether the server declines to reuse its compression context.
    pub const fn server_no_context_takeover(&self) -> bool {
        self.server_no_context_takeover
    }

    /// The largest window the server compresses with.
    pub const fn server_window_limit(&self) -> WindowBits {
        self.server_max_window_bits
    }

    /// Whether the server asks the client not to reuse its compression context.
    pub const fn client_no_context_takeover(&self) -> bool {
        self.client_no_context_takeover
    }

    /// The largest window the server decompresses the client's messages with.
    pub const fn client_window_limit(&self) -> WindowBits {
        self.client_max_window_bits
    }
}

impl Default for DeflatePolicy {
    fn default() -> Self {
        DeflatePolicy::new()
    }
}

impl PerMessageDeflate {
    /// The response a server with `policy` gives to this offer, or `None` when it must
    /// decline the offer (its policy limits the client's window and the offer gives no way
    /// to say so). By RFC 7692 section 7: an offered `server_no_context_takeover` is
    /// accepted by repeating it; an offered `server_max_window_bits` is answered with the
    /// same or a smaller value; `client_max_window_bits` is answered only if offered.
    ///
    /// ```
    /// use websocket_registry::{DeflateOffer, DeflatePolicy, PerMessageDeflate, WindowBits};
    ///
    /// let policy = DeflatePolicy::new().with_client_window_limit(WindowBits::MIN);
    /// let bare = PerMessageDeflate::offers("permessage-deflate").find_map(DeflateOffer::valid).unwrap();
    /// assert_eq!(bare.accept(&policy), None); // it cannot be told to use a smaller window
    /// ```
    pub fn accept(&self, policy: &DeflatePolicy) -> Option<DeflateResponse> {
        let server_bits = policy.server_max_window_bits;
        let client_bits = policy.client_max_window_bits;
        let server_max_window_bits = match self.server_max_window_bits {
            Some(offered) => Some(offered.min(server_bits)),
            None => (server_bits < WindowBits::MAX).then_some(server_bits),
        };
        let client_max_window_bits = match self.client_max_window_bits {
            ClientMaxWindowBits::Absent if client_bits < WindowBits::MAX => return None,
            ClientMaxWindowBits::Absent => None,
            ClientMaxWindowBits::Unspecified => {
                (client_bits < WindowBits::MAX).then_some(client_bits)
            }
            // The offered value is the most the client will use; only a response binds it.
            ClientMaxWindowBits::Bits(offered) => {
                (client_bits < WindowBits::MAX).then_some(client_bits.min(offered))
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
    /// offer in `value` (one `Sec-WebSocket-Extensions` field line: its bytes, a `&str` or
    /// a `&[u8]`) that RFC 7692 allows and `policy` can accept, or `None` when there is none
    /// (answer without the extension). Offers of other extensions, and permessage-deflate
    /// offers RFC 7692 does not allow, are skipped, as section 7 asks. A header sent as
    /// several lines is [`negotiate_lines`](Self::negotiate_lines).
    ///
    /// # Errors
    ///
    /// [`ExtensionHeaderError`] when the value breaks RFC 6455's grammar before an
    /// acceptable offer, with the byte offset (answer 400, or without the extension). An
    /// empty value is not an error: there is nothing to negotiate.
    ///
    /// ```
    /// use websocket_registry::{DeflatePolicy, DeflateResponse, PerMessageDeflate};
    ///
    /// let policy = DeflatePolicy::new().with_server_no_context_takeover(true);
    /// let header = "permessage-deflate; server_max_window_bits=08, permessage-deflate; client_max_window_bits";
    /// let response = PerMessageDeflate::negotiate(header, &policy)?.expect("the second offer");
    /// let mut buf = [0u8; DeflateResponse::MAX_LEN];
    /// let n = response.write(&mut buf).expect("MAX_LEN suffices");
    /// assert_eq!(&buf[..n], b"permessage-deflate; server_no_context_takeover");
    /// # Ok::<(), websocket_registry::ExtensionHeaderError>(())
    /// ```
    pub fn negotiate<V: AsRef<[u8]> + ?Sized>(
        value: &V,
        policy: &DeflatePolicy,
    ) -> Result<Option<DeflateResponse>, ExtensionHeaderError> {
        first_acceptable(PerMessageDeflate::offers(value), policy)
    }

    /// [`negotiate`](Self::negotiate) over a header sent as several field lines (what
    /// `HeaderMap::get_all` gives), read as one list, with error offsets counted as in
    /// [`Extension::offers_lines`](crate::Extension::offers_lines). No line at all is
    /// `Ok(None)`.
    ///
    /// # Errors
    ///
    /// As [`negotiate`](Self::negotiate).
    ///
    /// ```
    /// use websocket_registry::{DeflatePolicy, PerMessageDeflate};
    ///
    /// let lines: [&[u8]; 2] = [b"x-webkit-deflate-frame", b"permessage-deflate; client_max_window_bits"];
    /// let response = PerMessageDeflate::negotiate_lines(lines, &DeflatePolicy::new())?;
    /// assert!(response.is_some());
    /// # Ok::<(), websocket_registry::ExtensionHeaderError>(())
    /// ```
    pub fn negotiate_lines<'a, V: AsRef<[u8]> + ?Sized + 'a>(
        lines: impl IntoIterator<Item = &'a V>,
        policy: &DeflatePolicy,
    ) -> Result<Option<DeflateResponse>, ExtensionHeaderError> {
        first_acceptable(
            AcrossLines::new(lines, |line| PerMessageDeflate::offers(line)),
            policy,
        )
    }
}

/// The response to the first offer RFC 7692 allows and `policy` accepts.
#[inline]
fn first_acceptable(
    offers: impl Iterator<Item = DeflateOffer>,
    policy: &DeflatePolicy,
) -> Result<Option<DeflateResponse>, ExtensionHeaderError> {
    for offer in offers {
        match offer {
            // Offers the policy cannot accept are skipped, like those RFC 7692 declines.
            DeflateOffer::Valid(deflate) => {
                if let Some(response) = deflate.accept(policy) {
                    return Ok(Some(response));
                }
            }
            DeflateOffer::Declined(_) => {}
            // No element at all: nothing to negotiate, as with no field line.
            DeflateOffer::Malformed(error)
                if error.expected() == ExtensionHeaderExpected::AtLeastOneExtension =>
            {
                return Ok(None)
            }
            DeflateOffer::Malformed(error) => return Err(error),
        }
    }
    Ok(None)
}
