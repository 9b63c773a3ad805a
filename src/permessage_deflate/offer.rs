//! A permessage-deflate offer: its four parameters, built and written by a client.
//!
//! RFC 7692 section 7; a server reads it back with `check.rs`.

use crate::buffer_writer::Writer;
use crate::BufferTooSmall;

use super::WindowBits;

/// A client's permessage-deflate offer that RFC 7692 section 7 allows: its four parameters,
/// read and checked. [`PerMessageDeflate::offers`] reads them from a header.
///
/// ```
/// use websocket_registry::{ClientMaxWindowBits, DeflateOffer, PerMessageDeflate};
///
/// let header = "permessage-deflate; client_max_window_bits; server_max_window_bits=10";
/// let DeflateOffer::Valid(deflate) = PerMessageDeflate::offers(header).next().unwrap() else {
///     panic!("a valid offer");
/// };
/// assert_eq!(deflate.server_max_window_bits().map(|bits| bits.get()), Some(10));
/// assert_eq!(deflate.client_max_window_bits(), ClientMaxWindowBits::Unspecified);
/// assert!(!deflate.server_no_context_takeover());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct PerMessageDeflate {
    pub(super) server_no_context_takeover: bool,
    pub(super) client_no_context_takeover: bool,
    pub(super) server_max_window_bits: Option<WindowBits>,
    pub(super) client_max_window_bits: ClientMaxWindowBits,
}

/// `client_max_window_bits` in an offer.
///
/// ```
/// use websocket_registry::{ClientMaxWindowBits, DeflateOffer, PerMessageDeflate, WindowBits};
///
/// let offer = PerMessageDeflate::offers("permessage-deflate; client_max_window_bits=12")
///     .find_map(DeflateOffer::valid)
///     .unwrap();
/// assert_eq!(offer.client_max_window_bits(), ClientMaxWindowBits::Bits(WindowBits::new(12).unwrap()));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ClientMaxWindowBits {
    /// Not in the element. In an offer, the server must not send it back (RFC 7692 section
    /// 7.1.2.2); in a response, the client's window is 15.
    #[default]
    Absent,
    /// Offered without a value: the client supports the parameter, and the server may
    /// choose a value. Only an offer has it: a response always gives a value.
    Unspecified,
    /// With a value.
    Bits(WindowBits),
}

impl PerMessageDeflate {
    /// The client's side: a bare offer, `permessage-deflate` (what Firefox sends), to which
    /// the `with_*` methods add parameters; [`write`](Self::write) writes it and
    /// [`DeflateResponse::check`](crate::DeflateResponse::check) checks the server's answer
    /// against exactly what was offered.
    ///
    /// ```
    /// use websocket_registry::{ClientMaxWindowBits, PerMessageDeflate};
    ///
    /// // Chromium's offer.
    /// let offer = PerMessageDeflate::new().with_client_max_window_bits(ClientMaxWindowBits::Unspecified);
    /// let mut buf = [0u8; PerMessageDeflate::MAX_LEN];
    /// let len = offer.write(&mut buf)?;
    /// assert_eq!(&buf[..len], b"permessage-deflate; client_max_window_bits");
    /// # Ok::<(), websocket_registry::BufferTooSmall>(())
    /// ```
    pub const fn new() -> PerMessageDeflate {
        PerMessageDeflate {
            server_no_context_takeover: false,
            client_no_context_takeover: false,
            server_max_window_bits: None,
            client_max_window_bits: ClientMaxWindowBits::Absent,
        }
    }

    /// The offer, asking the server not to reuse its compression context (or not).
    pub const fn with_server_no_context_takeover(self, yes: bool) -> PerMessageDeflate {
        PerMessageDeflate {
            server_no_context_takeover: yes,
            ..self
        }
    }

    /// The offer, saying the client will not reuse its compression context (or not).
    pub const fn with_client_no_context_takeover(self, yes: bool) -> PerMessageDeflate {
        PerMessageDeflate {
            client_no_context_takeover: yes,
            ..self
        }
    }

    /// The offer, limiting the window the server compresses with.
    pub const fn with_server_max_window_bits(self, bits: WindowBits) -> PerMessageDeflate {
        PerMessageDeflate {
            server_max_window_bits: Some(bits),
            ..self
        }
    }

    /// The offer, with `client_max_window_bits` as given.
    pub const fn with_client_max_window_bits(self, bits: ClientMaxWindowBits) -> PerMessageDeflate {
        PerMessageDeflate {
            client_max_window_bits: bits,
            ..self
        }
    }

    /// The longest element [`write`](Self::write) writes, in bytes: every parameter, each
    /// window at two digits. [`write_offers`](Self::write_offers) of `n` offers writes at
    /// most `n * (MAX_LEN + 2) - 2` bytes.
    pub const MAX_LEN: usize = super::MAX_ELEMENT_LEN;

    /// Writes the offer as one element of `Sec-WebSocket-Extensions`
    /// (`permessage-deflate; client_max_window_bits`) into `buf` and returns its length, at
    /// most [`MAX_LEN`](Self::MAX_LEN). The parameters come in RFC 7692's order.
    ///
    /// # Errors
    ///
    /// [`BufferTooSmall`] when `buf` cannot hold the element; what `buf` holds then is
    /// unspecified.
    ///
    /// ```
    /// use websocket_registry::{PerMessageDeflate, WindowBits};
    ///
    /// let offer = PerMessageDeflate::new()
    ///     .with_server_no_context_takeover(true)
    ///     .with_server_max_window_bits(WindowBits::new(10).unwrap());
    /// let mut buf = [0u8; PerMessageDeflate::MAX_LEN];
    /// let len = offer.write(&mut buf)?;
    /// assert_eq!(&buf[..len], b"permessage-deflate; server_no_context_takeover; server_max_window_bits=10");
    /// # Ok::<(), websocket_registry::BufferTooSmall>(())
    /// ```
    pub fn write(&self, buf: &mut [u8]) -> Result<usize, BufferTooSmall> {
        let mut out = Writer::new(buf);
        self.write_to(&mut out);
        out.finish()
    }

    /// Writes several offers, in the client's order of preference, as one
    /// `Sec-WebSocket-Extensions` value (`a, b`), and returns its length. Check the server's
    /// answer with [`DeflateResponse::check`](crate::DeflateResponse::check) against the
    /// same `offers`.
    ///
    /// # Errors
    ///
    /// [`BufferTooSmall`] when `buf` cannot hold the value; what `buf` holds then is
    /// unspecified.
    ///
    /// ```
    /// use websocket_registry::{ClientMaxWindowBits, DeflateResponse, PerMessageDeflate, WindowBits};
    ///
    /// let offers = [
    ///     PerMessageDeflate::new()
    ///         .with_client_max_window_bits(ClientMaxWindowBits::Unspecified)
    ///         .with_server_max_window_bits(WindowBits::new(10).unwrap()),
    ///     PerMessageDeflate::new(),
    /// ];
    /// let mut buf = [0u8; 2 * (PerMessageDeflate::MAX_LEN + 2)];
    /// let len = PerMessageDeflate::write_offers(&offers, &mut buf).expect("room for two");
    /// assert_eq!(
    ///     &buf[..len],
    ///     b"permessage-deflate; server_max_window_bits=10; client_max_window_bits, permessage-deflate"
    /// );
    /// // The server took the second: nothing the client did not offer.
    /// let answer = DeflateResponse::check("permessage-deflate", &offers)?;
    /// assert!(answer.is_some());
    /// # Ok::<(), websocket_registry::DeflateResponseError>(())
    /// ```
    pub fn write_offers(
        offers: &[PerMessageDeflate],
        buf: &mut [u8],
    ) -> Result<usize, BufferTooSmall> {
        let mut out = Writer::new(buf);
        for (i, offer) in offers.iter().enumerate() {
            if i > 0 {
                out.push(", ");
            }
            offer.write_to(&mut out);
        }
        out.finish()
    }

    /// The element's text, for [`write`](Self::write), [`write_offers`](Self::write_offers)
    /// and the server's response.
    pub(super) fn write_to(&self, out: &mut Writer<'_>) {
        out.push("permessage-deflate");
        if self.server_no_context_takeover {
            out.push("; server_no_context_takeover");
        }
        if self.client_no_context_takeover {
            out.push("; client_no_context_takeover");
        }
        if let Some(bits) = self.server_max_window_bits {
            out.push("; server_max_window_bits=");
            out.push(bits.as_str());
        }
        match self.client_max_window_bits {
            ClientMaxWindowBits::Absent => {}
            ClientMaxWindowBits::Unspecified => out.push("; client_max_window_bits"),
            ClientMaxWindowBits::Bits(bits) => {
                out.push("; client_max_window_bits=");
                out.push(bits.as_str());
            }
        }
    }

    /// The client asks the server not to reuse its compression context between messages.
    pub const fn server_no_context_takeover(&self) -> bool {
        self.server_no_context_takeover
    }

    /// The client says it will not reuse its own compression context.
    pub const fn client_no_context_takeover(&self) -> bool {
        self.client_no_context_takeover
    }

    /// The largest window the client lets the server compress with, if it says.
    pub const fn server_max_window_bits(&self) -> Option<WindowBits> {
        self.server_max_window_bits
    }

    /// Whether and how the client offered `client_max_window_bits`.
    pub const fn client_max_window_bits(&self) -> ClientMaxWindowBits {
        self.client_max_window_bits
    }
}
