//! The extension parser's work per call in instructions, for `benches/instructions.py`, which
//! runs this binary under valgrind's callgrind twice (0 and N calls) and divides the
//! difference by N. Instruction counts are the same on every run of the same binary, however
//! loaded the machine is, where wall-clock times on a shared 2-core machine move by 50%.
//!
//! `instructions OPERATION OFFER CALLS`, with OPERATION `parse` (`Extension::offers`, the
//! grammar alone), `one-pass` (`PerMessageDeflate::offers`, the grammar and RFC 7692's check
//! in one pass), `negotiate` (`PerMessageDeflate::negotiate`
//! and `DeflateResponse::write`), `readme` (the README's example, line for line:
//! `benches/support/readme_example.rs`) or `floor` (the loop that only recognises the exact tokens,
//! `benches/support/floor.rs`), and OFFER an index into [`OFFERS`]; or `close-generated`,
//! `close-matches` or `close-tungstenite` (`CloseCode::is_valid_on_wire`, the hand-written
//! `matches!` and tungstenite's `is_allowed` over every `u16`; OFFER is ignored). Without arguments (as
//! `cargo bench` runs every bench target) it checks that each operation works and exits.

// Only the library keeps to `rust-version` (1.63); this file builds with the workspace's
// own toolchain (see README: Minimum Rust).
#![allow(clippy::incompatible_msrv)]

use std::hint::black_box;

use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
use websocket_registry::{CloseCode, DeflateOffer, DeflatePolicy, Extension, PerMessageDeflate};

#[path = "support/floor.rs"]
mod floor;
#[path = "support/readme_example.rs"]
mod readme_example;

/// Chromium's, Firefox's, four alternatives with every parameter, and a header with an
/// unknown extension and offers RFC 7692 refuses before the one that is accepted.
pub const OFFERS: [&str; 4] = [
    "permessage-deflate; client_max_window_bits",
    "permessage-deflate",
    "permessage-deflate; server_no_context_takeover; client_no_context_takeover; \
     server_max_window_bits=10; client_max_window_bits=12, permessage-deflate; \
     server_max_window_bits=\"11\"; client_max_window_bits, permessage-deflate; \
     client_no_context_takeover, permessage-deflate",
    "x-webkit-deflate-frame, permessage-deflate; server_max_window_bits=16, \
     permessage-deflate; client_max_window_bits=9",
];

fn run(operation: &str, offer: &str) -> usize {
    match operation {
        "parse" => Extension::offers(offer).flatten().count(),
        "one-pass" => PerMessageDeflate::offers(offer)
            .filter_map(DeflateOffer::valid)
            .count(),
        "negotiate" => {
            let mut buf = [0u8; 128];
            PerMessageDeflate::negotiate(offer, &DeflatePolicy::default())
                .ok()
                .flatten()
                .map_or(0, |response| response.write(&mut buf).unwrap_or(0))
        }
        "floor" => floor::exact_token_floor(offer),
        "readme" => readme_example::readme_example(offer.as_bytes()).unwrap_or(0),
        // The close-code predicates over every u16 (the offer is not used).
        "close-generated" => (0..=u16::MAX)
            .filter(|&code| CloseCode::from_u16(black_box(code)).is_valid_on_wire())
            .count(),
        "close-matches" => (0..=u16::MAX)
            .filter(|&code| matches!(black_box(code), 1000..=1003 | 1007..=1014 | 3000..=4999))
            .count(),
        "close-tungstenite" => (0..=u16::MAX)
            .filter(|&code| TungsteniteCode::from(black_box(code)).is_allowed())
            .count(),
        other => panic!("unknown operation {other:?}"),
    }
}

fn main() {
    // `cargo bench` passes `--bench`; only the positional arguments count.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let [operation, offer, calls] = args.as_slice() else {
        for offer in OFFERS {
            assert!(
                run("parse", offer) > 0
                    && run("one-pass", offer) > 0
                    && run("one-pass", offer) <= run("parse", offer)
                    && run("negotiate", offer) > 0,
                "{offer}"
            );
            assert!(run("floor", offer) > 0, "{offer}");
        }
        eprintln!("instructions: run by benches/instructions.py under callgrind");
        return;
    };
    let offer = OFFERS[offer.parse::<usize>().expect("an offer index")];
    let calls: usize = calls.parse().expect("a number of calls");
    let mut total = 0;
    for _ in 0..calls {
        total += run(black_box(operation), black_box(offer));
    }
    println!("{total}");
}
