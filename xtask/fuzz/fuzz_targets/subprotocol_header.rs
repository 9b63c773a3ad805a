//! `Sec-WebSocket-Protocol` on arbitrary bytes: the client's offers, the server's choice and
//! the client's check of the server's answer.
//!
//! The first byte picks which registered subprotocols the server speaks (bit `i % 8` of it
//! for `Subprotocol::ALL[i]`); the rest is the header value. Properties:
//! - `offers` yields what splitting the value at commas and trimming SP and HTAB yields,
//!   empty elements dropped, each looked up by exact comparison over `ALL`;
//! - `negotiate` picks the first offered subprotocol the server speaks;
//! - `selected_in_value` accepts exactly one token (RFC 9110's `tchar`, stated here on its
//!   own) with optional whitespace around it, and otherwise points at the first byte that is
//!   not visible ASCII or at the token's first wrong byte.
#![no_main]

use libfuzzer_sys::fuzz_target;
use websocket_registry::{SelectedSubprotocolError, Subprotocol};

/// RFC 9110 section 5.6.2's `tchar`, written out here rather than taken from the crate.
fn is_tchar(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

fn registered(token: &str) -> Option<Subprotocol> {
    Subprotocol::ALL
        .iter()
        .copied()
        .find(|p| p.as_str() == token)
}

fuzz_target!(|data: &[u8]| {
    let Some((&mask, value)) = data.split_first() else {
        return;
    };
    let speaks = |protocol: Subprotocol| {
        let index = Subprotocol::ALL
            .iter()
            .position(|&p| p == protocol)
            .expect("in ALL");
        mask & (1 << (index % 8)) != 0
    };

    if let Ok(header) = std::str::from_utf8(value) {
        let expected: Vec<&str> = header
            .split(',')
            .map(|element| element.trim_matches([' ', '\t']))
            .filter(|token| !token.is_empty())
            .collect();
        let offers: Vec<_> = Subprotocol::offers(header).collect();
        assert_eq!(
            offers.iter().map(|o| o.token()).collect::<Vec<_>>(),
            expected
        );
        for offer in &offers {
            assert_eq!(offer.subprotocol(), registered(offer.token()));
        }
        let first = expected
            .iter()
            .filter_map(|token| registered(token))
            .find(|&p| speaks(p));
        assert_eq!(Subprotocol::negotiate(header, speaks), first);
    }

    let is_space = |byte: &u8| *byte == b' ' || *byte == b'\t';
    let visible = |byte: &u8| *byte == b'\t' || (0x20..=0x7e).contains(byte);
    let start = value
        .iter()
        .position(|b| !is_space(b))
        .unwrap_or(value.len());
    let end = value
        .iter()
        .rposition(|b| !is_space(b))
        .map_or(start, |last| last + 1);
    let token = &value[start..end];
    match Subprotocol::selected_in_value(value) {
        Ok(offer) => {
            assert!(!token.is_empty() && token.iter().all(|&b| is_tchar(b)));
            assert_eq!(offer.token().as_bytes(), token);
            assert_eq!(offer.subprotocol(), registered(offer.token()));
        }
        Err(SelectedSubprotocolError::NotVisibleAscii { offset }) => {
            assert!(!visible(&value[offset]));
            assert!(value[..offset].iter().all(visible));
        }
        Err(SelectedSubprotocolError::NotOneToken { offset }) => {
            assert!(value.iter().all(visible));
            if token.is_empty() {
                assert_eq!(offset, start);
            } else {
                let at = offset - start;
                assert!(!is_tchar(token[at]));
                assert!(token[..at].iter().all(|&b| is_tchar(b)));
            }
        }
        Err(other) => panic!("one value cannot be {other:?}"),
    }
});
