//! `Sec-WebSocket-Extensions` parsing and permessage-deflate negotiation on arbitrary text.
//!
//! Properties:
//! - every extension token and parameter name the parser yields is a token by RFC 9110's
//!   `tchar` (stated here on its own) and is a piece of the header itself;
//! - a parameter value, quoted or not, is a token once unescaped (RFC 6455 section 9.1),
//!   and its `len`, `chars`, `write_to` and `Display` agree with each other;
//! - a grammar error points inside the header (or at its end);
//! - whatever a server answers by `negotiate`, the client's `DeflateResponse::check` accepts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use websocket_registry::{
    DeflateOffer, DeflatePolicy, DeflateResponse, Extension, ExtensionHeaderExpected,
    PerMessageDeflate, WindowBits,
};

fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Whether `piece` is a sub-slice of `whole` (the parser borrows, never copies).
fn borrowed_from(piece: &str, whole: &str) -> bool {
    let start = piece.as_ptr() as usize;
    let whole_start = whole.as_ptr() as usize;
    start >= whole_start && start + piece.len() <= whole_start + whole.len()
}

fuzz_target!(|data: &[u8]| {
    let Ok(header) = std::str::from_utf8(data) else {
        // Bytes that are not UTF-8: every element before the first bad byte is read, and the
        // grammar fails at or before it, saying so when it fails on that byte.
        let bad = std::str::from_utf8(data)
            .err()
            .map_or(data.len(), |e| e.valid_up_to());
        let last = Extension::offers(data).last();
        let error = last
            .and_then(Result::err)
            .expect("a grammar error ends the bytes");
        assert!(error.offset() <= bad, "{error:?}");
        if error.offset() == bad {
            assert_eq!(error.expected(), ExtensionHeaderExpected::VisibleAscii);
        }
        return;
    };
    let mut offers = Vec::new();
    for offer in Extension::offers(header) {
        let offer = match offer {
            Ok(offer) => offer,
            Err(error) => {
                assert!(error.offset() <= header.len(), "{error:?}");
                assert!(!error.to_string().is_empty());
                continue;
            }
        };
        assert!(is_token(offer.token()) && borrowed_from(offer.token(), header));
        assert_eq!(
            offer.extension(),
            Extension::ALL
                .iter()
                .copied()
                .find(|e| e.as_str() == offer.token())
        );
        for (name, value) in offer.params() {
            assert!(is_token(name) && borrowed_from(name, header), "{name:?}");
            if let Some(value) = value {
                let text: String = value.chars().collect();
                // RFC 6455 section 9.1: a quoted value, unescaped, is a token too.
                assert!(is_token(&text), "{name}={value:?} is no token");
                assert_eq!(value.len(), text.len());
                assert_eq!(value.is_empty(), text.is_empty());
                assert_eq!(value.to_string(), text);
                if let Some(plain) = value.to_str() {
                    assert_eq!(plain, text);
                }
                let mut buf = [0u8; 64];
                match value.write(&mut buf) {
                    Ok(n) => assert_eq!(&buf[..n], text.as_bytes()),
                    Err(err) => {
                        assert!(text.len() > buf.len());
                        assert_eq!((err.needed(), err.available()), (text.len(), buf.len()));
                    }
                }
            }
        }
    }
    // The one pass's verdicts, one per element the grammar gives.
    for verdict in PerMessageDeflate::offers(header) {
        if let DeflateOffer::Valid(deflate) = verdict {
            offers.push(deflate);
        }
    }
    let bits = |bits: usize| WindowBits::new(8 + bits as u8).unwrap_or(WindowBits::MAX);
    let policy = DeflatePolicy::new()
        .with_server_no_context_takeover(data.len().is_multiple_of(2))
        .with_server_window_limit(bits(data.len() % 8))
        .with_client_no_context_takeover(data.len().is_multiple_of(3))
        .with_client_window_limit(bits(data.len() % 5));
    if let Ok(Some(response)) = PerMessageDeflate::negotiate(header, &policy) {
        let mut buf = [0u8; 256];
        let n = response
            .write(&mut buf)
            .expect("a response fits in 256 bytes");
        let text = std::str::from_utf8(&buf[..n]).expect("ASCII");
        assert_eq!(DeflateResponse::check(text, &offers), Ok(Some(response)));
    }
    let _ = DeflateResponse::check(header, &offers);
});
