//! permessage-deflate (RFC 7692 section 7) from both ends, on arbitrary text: a client's
//! offers, a server's answer to them, and the client's check of any answer.
//!
//! The input is `offers \x1f response \x1f policy`: the client's `Sec-WebSocket-Extensions`
//! value, a server's response value, and bytes that pick the server's policy. Properties:
//! - `DeflateResponse::check` accepts a response only when it answers one of the offers by
//!   the rules of sections 7.1.1.1 to 7.1.2.2, as modelled below; an objection to the
//!   parameters is raised only when no offer allows them;
//! - what `PerMessageDeflate::negotiate` and `accept` build, written out by
//!   `DeflateResponse::write`, passes the check against the offers it answers, and reads
//!   back as the same response.
#![no_main]

use libfuzzer_sys::fuzz_target;
use websocket_registry::{
    ClientMaxWindowBits, DeflateOffer, DeflatePolicy, DeflateResponse, DeflateResponseError,
    Extension, ExtensionHeaderExpected, PerMessageDeflate, WindowBits,
};

/// A response's four parameters, as this target reads them.
#[derive(Debug, PartialEq)]
struct Params {
    server_no_context_takeover: bool,
    client_no_context_takeover: bool,
    server_max_window_bits: Option<u8>,
    client_max_window_bits: Option<u8>,
}

impl From<&DeflateResponse> for Params {
    fn from(response: &DeflateResponse) -> Params {
        Params {
            server_no_context_takeover: response.server_no_context_takeover(),
            client_no_context_takeover: response.client_no_context_takeover(),
            server_max_window_bits: response.server_max_window_bits().map(WindowBits::get),
            client_max_window_bits: match response.client_max_window_bits() {
                ClientMaxWindowBits::Bits(bits) => Some(bits.get()),
                _ => None,
            },
        }
    }
}

/// Whether a response with these parameters answers `offer`, written from the RFC's text.
fn answers(response: &Params, offer: &PerMessageDeflate) -> bool {
    let server_context = !offer.server_no_context_takeover() || response.server_no_context_takeover;
    let server_window = match (
        offer.server_max_window_bits(),
        response.server_max_window_bits,
    ) {
        (Some(offered), Some(answered)) => answered <= offered.get(),
        (Some(_), None) => false,
        (None, _) => true,
    };
    let client_window = match (
        offer.client_max_window_bits(),
        response.client_max_window_bits,
    ) {
        (ClientMaxWindowBits::Absent, Some(_)) => false,
        (ClientMaxWindowBits::Bits(offered), Some(answered)) => answered <= offered.get(),
        _ => true,
    };
    server_context && server_window && client_window
}

/// The response's parameters as a client reads them, when it is one permessage-deflate
/// element whose parameters RFC 7692 allows in a response.
fn read_response(header: &str) -> Option<Params> {
    let mut elements = PerMessageDeflate::offers(header);
    let parsed = elements.next()?.valid()?;
    if elements.next().is_some() {
        return None;
    }
    Some(Params {
        server_no_context_takeover: parsed.server_no_context_takeover(),
        client_no_context_takeover: parsed.client_no_context_takeover(),
        server_max_window_bits: parsed.server_max_window_bits().map(WindowBits::get),
        client_max_window_bits: match parsed.client_max_window_bits() {
            ClientMaxWindowBits::Absent => None,
            ClientMaxWindowBits::Unspecified => return None,
            ClientMaxWindowBits::Bits(bits) => Some(bits.get()),
        },
    })
}

fn written(response: &DeflateResponse) -> String {
    let mut buf = [0u8; 160];
    let n = response
        .write(&mut buf)
        .expect("a response fits in 160 bytes");
    String::from_utf8(buf[..n].to_vec()).expect("ASCII")
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.splitn(3, '\u{1f}');
    let offer_header = parts.next().unwrap_or_default();
    let response_header = parts.next().unwrap_or_default();
    let policy_bytes = parts.next().unwrap_or_default().as_bytes();
    let byte = |i: usize| policy_bytes.get(i).copied().unwrap_or(0);
    let bits = |byte: u8| WindowBits::new(8 + byte % 8).unwrap_or(WindowBits::MAX);
    let policy = DeflatePolicy::new()
        .with_server_no_context_takeover(byte(0) & 1 != 0)
        .with_server_window_limit(bits(byte(1)))
        .with_client_no_context_takeover(byte(0) & 2 != 0)
        .with_client_window_limit(bits(byte(2)));

    let offers: Vec<PerMessageDeflate> = PerMessageDeflate::offers(offer_header)
        .filter_map(DeflateOffer::valid)
        .collect();

    // The client's check of an arbitrary response.
    match DeflateResponse::check(response_header, &offers) {
        Ok(Some(response)) => {
            let params = Params::from(&response);
            assert_eq!(read_response(response_header).as_ref(), Some(&params));
            assert!(offers.iter().any(|offer| answers(&params, offer)));
            assert_eq!(
                DeflateResponse::check(&written(&response), &offers),
                Ok(Some(response))
            );
        }
        // No element at all (an empty value, or only empty list elements): nothing accepted.
        Ok(None) => match Extension::offers(response_header).next() {
            None => {}
            Some(first) => assert_eq!(
                first.map_err(|error| error.expected()).err(),
                Some(ExtensionHeaderExpected::AtLeastOneExtension)
            ),
        },
        Err(
            DeflateResponseError::ServerNoContextTakeoverNotAccepted
            | DeflateResponseError::ServerMaxWindowBitsNotAccepted
            | DeflateResponseError::ServerWindowTooLarge { .. }
            | DeflateResponseError::ClientMaxWindowBitsNotOffered
            | DeflateResponseError::ClientWindowTooLarge { .. },
        ) => {
            let response = read_response(response_header).expect("a well-formed response");
            assert!(!offers.iter().any(|offer| answers(&response, offer)));
        }
        Err(error) => assert!(
            read_response(response_header).is_none() || offers.is_empty(),
            "{error:?}"
        ),
    }

    // The server's answers pass the client's check.
    for offer in &offers {
        if let Some(response) = offer.accept(&policy) {
            assert!(answers(&Params::from(&response), offer));
            let text = written(&response);
            assert_eq!(
                DeflateResponse::check(&text, std::slice::from_ref(offer)),
                Ok(Some(response))
            );
            assert_eq!(DeflateResponse::check(&text, &offers), Ok(Some(response)));
        }
    }
    if let Ok(Some(response)) = PerMessageDeflate::negotiate(offer_header, &policy) {
        assert_eq!(
            DeflateResponse::check(&written(&response), &offers),
            Ok(Some(response))
        );
    }
});
