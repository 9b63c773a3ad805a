//! `Sec-WebSocket-Extensions` parsing and permessage-deflate negotiation on arbitrary text:
//! never a panic, and whatever a server answers, the client's check accepts.
#![no_main]

use websocket_registry::{DeflatePolicy, DeflateResponse, Extension, PerMessageDeflate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(header) = std::str::from_utf8(data) else {
        return;
    };
    let mut offers = Vec::new();
    for offer in Extension::offers(header).flatten() {
        for (_, value) in offer.params() {
            if let Some(value) = value {
                let mut buf = [0u8; 64];
                let _ = (value.write_to(&mut buf), value.len(), value.to_string());
            }
        }
        if let Ok(deflate) = PerMessageDeflate::from_offer(&offer) {
            offers.push(deflate);
        }
    }
    let policy = DeflatePolicy {
        server_no_context_takeover: data.len() % 2 == 0,
        server_max_window_bits: 8 + (data.len() % 8) as u8,
        client_no_context_takeover: data.len() % 3 == 0,
        client_max_window_bits: 8 + (data.len() % 5) as u8,
    };
    if let Ok(Some(response)) = PerMessageDeflate::negotiate(header, &policy) {
        let mut buf = [0u8; 256];
        let n = response.write(&mut buf).expect("a response fits in 256 bytes");
        let text = std::str::from_utf8(&buf[..n]).expect("ASCII");
        assert_eq!(DeflateResponse::check(text, &offers), Ok(Some(response)));
    }
    let _ = DeflateResponse::check(header, &offers);
});
