//! The `Sec-WebSocket-Extensions` parser, the permessage-deflate offer check (in two passes, and
//! in the one of `PerMessageDeflate::offers`), the server's negotiation and the response
//! writer, compared with the implementation they replaced (`tests/extension_reference/`, kept
//! as it was) on arbitrary headers: the same elements, parameters and values, the same errors
//! at the same bytes, the same verdicts, the same responses and bytes. What the reference
//! gets right is pinned by `tests/extension_offers.rs`
//! (and by cargo-mutants over it), so agreeing with it preserves behaviour, not luck.

// Only the library keeps to `rust-version` (1.63); this file builds with the workspace's
// own toolchain (see README: Minimum Rust).
#![allow(clippy::incompatible_msrv)]

mod extension_reference;

use extension_reference as reference;
use proptest::prelude::*;
use websocket_registry::{
    ClientMaxWindowBits, DeflateOffer, DeflateParam, DeflatePolicy, Extension,
    ExtensionHeaderExpected, ExtensionOffer, PerMessageDeflate, PerMessageDeflateError, WindowBits,
};

/// The crate's reading of `header`, in the reference's terms.
fn crate_offers(header: &str) -> Vec<reference::Element> {
    Extension::offers(header)
        .map(|element| match element {
            Ok(offer) => Ok((offer.token().to_owned(), crate_params(&offer))),
            Err(error) => Err((error.offset(), error.expected())),
        })
        .collect()
}

fn crate_params(offer: &ExtensionOffer<'_>) -> Vec<reference::Param> {
    offer
        .params()
        .map(|(name, value)| {
            let value = value.map(|v| (v.was_quoted(), v.chars().collect(), v.to_str().is_some()));
            (name.to_owned(), value)
        })
        .collect()
}

/// The crate's verdict on one element, in the reference's terms; the offset a declined
/// element's error gives must point at its token or at the parameter's name.
fn crate_deflate(header: &str, verdict: DeflateOffer) -> Result<reference::Deflate, String> {
    let error = match verdict {
        DeflateOffer::Valid(d) => {
            let client = match d.client_max_window_bits() {
                ClientMaxWindowBits::Absent => None,
                ClientMaxWindowBits::Unspecified => Some(None),
                ClientMaxWindowBits::Bits(bits) => Some(Some(bits.get())),
            };
            return Ok(Ok((
                d.server_no_context_takeover(),
                d.client_no_context_takeover(),
                d.server_max_window_bits().map(WindowBits::get),
                client,
            )));
        }
        DeflateOffer::Declined(error) => error,
        DeflateOffer::Malformed(error) => return Err(format!("malformed: {error:?}")),
    };
    // The token or name the offset points at.
    let at: String = header[error.offset()..]
        .chars()
        .take_while(|&c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c))
        .collect();
    let named = |param: DeflateParam, variant: &str| {
        if at == param.as_str() {
            Ok(Err(format!("{variant}({param:?})")))
        } else {
            Err(format!("{error:?} points at {at:?}"))
        }
    };
    match error {
        PerMessageDeflateError::NotPerMessageDeflate { .. } => {
            Ok(Err(format!("NotPerMessageDeflate({at:?})")))
        }
        PerMessageDeflateError::UnknownParam { .. } => Ok(Err(format!("UnknownParam({at:?})"))),
        PerMessageDeflateError::Repeated { param, .. } => named(param, "Repeated"),
        PerMessageDeflateError::UnexpectedValue { param, .. } => named(param, "UnexpectedValue"),
        PerMessageDeflateError::MissingValue { param, .. } => named(param, "MissingValue"),
        PerMessageDeflateError::InvalidWindowBits { param, .. } => {
            named(param, "InvalidWindowBits")
        }
        other => Err(format!("unknown {other:?}")),
    }
}

/// Policies that take every branch of `accept`.
fn policies() -> [DeflatePolicy; 4] {
    let default = DeflatePolicy::new();
    let bits = |bits| WindowBits::new(bits).expect("8 to 15");
    [
        default,
        default
            .with_server_no_context_takeover(true)
            .with_server_window_limit(bits(10)),
        default
            .with_client_no_context_takeover(true)
            .with_client_window_limit(bits(9)),
        default
            .with_server_no_context_takeover(true)
            .with_server_window_limit(bits(8))
            .with_client_no_context_takeover(true)
            .with_client_window_limit(bits(12)),
    ]
}

/// Everything the crate says of `header`, against the reference; `Err` names the first
/// difference.
fn compare(header: &str) -> Result<(), String> {
    let expected = reference::offers(header);
    let actual = crate_offers(header);
    if actual != expected {
        return Err(format!(
            "{header:?}: Extension::offers gives {actual:?}, the reference {expected:?}"
        ));
    }
    // The one pass's verdict on each element against the reference's check of it, and the
    // grammar's errors in the same place.
    let verdicts: Vec<DeflateOffer> = PerMessageDeflate::offers(header).collect();
    if verdicts.len() != expected.len() {
        return Err(format!(
            "{header:?}: PerMessageDeflate::offers gives {verdicts:?}, the grammar {expected:?}"
        ));
    }
    for (verdict, element) in verdicts.iter().zip(&expected) {
        match (verdict, element) {
            (DeflateOffer::Malformed(error), Err(expected)) => {
                if (error.offset(), error.expected()) != *expected {
                    return Err(format!("{header:?}: {error:?}, the reference {expected:?}"));
                }
            }
            (verdict, Ok((token, params))) => {
                let expected = reference::from_offer(token, params);
                let actual = crate_deflate(header, *verdict)
                    .map_err(|difference| format!("{header:?}: {difference}"))?;
                if actual != expected {
                    return Err(format!(
                        "{header:?}: PerMessageDeflate::offers gives {actual:?}, the reference \
                         {expected:?}"
                    ));
                }
            }
            (verdict, element) => {
                return Err(format!(
                    "{header:?}: {verdict:?}, the reference {element:?}"
                ))
            }
        }
    }
    for policy in policies() {
        // The negotiation composed by hand: the first offer that is a permessage-deflate
        // offer RFC 7692 allows (the verdicts above, checked against the reference) and the
        // policy accepts; an error ends it; a value with no element at all negotiates
        // nothing.
        let mut composed = Ok(None);
        for verdict in &verdicts {
            match *verdict {
                DeflateOffer::Valid(deflate) => {
                    if let Some(response) = deflate.accept(&policy) {
                        composed = Ok(Some(response));
                        break;
                    }
                }
                DeflateOffer::Declined(_) => {}
                DeflateOffer::Malformed(error)
                    if error.expected() == ExtensionHeaderExpected::AtLeastOneExtension => {}
                DeflateOffer::Malformed(error) => {
                    composed = Err(error);
                    break;
                }
            }
        }
        let negotiated = PerMessageDeflate::negotiate(header, &policy);
        if negotiated != composed {
            return Err(format!(
                "{header:?} {policy:?}: negotiate gives {negotiated:?}, the composition {composed:?}"
            ));
        }
        // The same header as one line of several, and split at its commas into lines,
        // negotiates the same (offsets aside, which only errors carry).
        let lines: Vec<&str> = header.split(',').collect();
        let split = PerMessageDeflate::negotiate_lines(&lines, &policy);
        if split.ok() != negotiated.ok() && !header.contains('"') {
            return Err(format!(
                "{header:?} {policy:?}: negotiate_lines over {lines:?} gives {split:?}, \
                 negotiate {negotiated:?}"
            ));
        }
        if let Ok(Some(response)) = negotiated {
            check_write(&response)?;
        }
    }
    Ok(())
}

/// `write` against the response written out by hand, and into every shorter buffer: the
/// error names the length needed, and the bytes that fit are the text's prefix.
fn check_write(response: &websocket_registry::DeflateResponse) -> Result<(), String> {
    let mut text = String::from("permessage-deflate");
    if response.server_no_context_takeover() {
        text.push_str("; server_no_context_takeover");
    }
    if response.client_no_context_takeover() {
        text.push_str("; client_no_context_takeover");
    }
    if let Some(bits) = response.server_max_window_bits() {
        text.push_str(&format!("; server_max_window_bits={bits}"));
    }
    if let ClientMaxWindowBits::Bits(bits) = response.client_max_window_bits() {
        text.push_str(&format!("; client_max_window_bits={bits}"));
    }
    let mut buf = [0u8; 128];
    let n = response.write(&mut buf).map_err(|e| format!("{e:?}"))?;
    if &buf[..n] != text.as_bytes() {
        return Err(format!(
            "{response:?} writes {:?}",
            String::from_utf8_lossy(&buf[..n])
        ));
    }
    for len in 0..text.len() {
        let mut short = vec![0u8; len];
        match response.write(&mut short) {
            Err(error) if error.needed() == text.len() && short == text.as_bytes()[..len] => {}
            other => {
                return Err(format!(
                    "{response:?} into {len} bytes: {other:?} {short:?}"
                ))
            }
        }
    }
    Ok(())
}

/// The pieces headers are built from: the grammar's tokens and separators, permessage-deflate's
/// names and values, and bytes the grammar refuses.
const PIECES: [&str; 40] = [
    "permessage-deflate",
    "x-webkit-deflate-frame",
    "foo",
    "a",
    "server_no_context_takeover",
    "client_no_context_takeover",
    "server_max_window_bits",
    "client_max_window_bits",
    "8",
    "9",
    "10",
    "15",
    "08",
    "16",
    "7",
    "+9",
    "1",
    ";",
    ";",
    ",",
    ",",
    "=",
    "=",
    " ",
    " ",
    "\t",
    "\"",
    "\"",
    "\\",
    "\\\"",
    "\"10\"",
    "\"1\\5\"",
    "é",
    "\u{7f}",
    "\r\n",
    "/",
    "(",
    "!#$%&'*+-.^_`|~",
    "",
    "\u{0}",
];

fn header_from(choices: &[u8]) -> String {
    choices
        .iter()
        .map(|&c| PIECES[usize::from(c) % PIECES.len()])
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]

    /// Headers of the grammar's pieces, which reach every rule.
    #[test]
    fn the_crate_agrees_with_the_reference_on_headers_of_grammar_pieces(choices in proptest::collection::vec(any::<u8>(), 0..24)) {
        let header = header_from(&choices);
        prop_assert_eq!(compare(&header), Ok(()));
    }

    /// Arbitrary text, ASCII-heavy.
    #[test]
    fn the_crate_agrees_with_the_reference_on_arbitrary_text(header in "[ -~\t]{0,40}|.{0,12}") {
        prop_assert_eq!(compare(&header), Ok(()));
    }
}

/// 200,000 headers from a fixed xorshift stream, without shrinking: the volume the
/// proptests above do not reach in their time.
#[test]
fn the_crate_agrees_with_the_reference_on_200000_generated_headers() {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..200_000 {
        let len = (next() % 16) as usize;
        let choices: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        let header = header_from(&choices);
        if let Err(difference) = compare(&header) {
            panic!("{difference}");
        }
    }
}

/// The three browser engines' offers and the RFC's examples agree too, and parse.
#[test]
fn the_engines_offers_agree_with_the_reference() {
    for header in [
        "permessage-deflate; client_max_window_bits",
        "permessage-deflate",
        "permessage-deflate; client_max_window_bits; server_max_window_bits=10, permessage-deflate; client_max_window_bits",
        "permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=\"9\"; client_max_window_bits=12",
    ] {
        assert_eq!(compare(header), Ok(()));
        assert!(reference::offers(header).iter().all(Result::is_ok), "{header}");
    }
}
