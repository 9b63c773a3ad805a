//! `Sec-WebSocket-Extensions`: the crate's parser and permessage-deflate negotiation on each
//! browser engine's real offer (recorded by tests/browser.rs; undici and Bun send
//! Chromium's, Deno none), next to the split-and-trim
//! parser people write by hand (which allocates a `String` per piece and checks nothing).
//! `tests/no_allocation.rs` proves the crate's side allocates nothing. Also an offer with four
//! alternatives and every parameter, and the floor: a loop that only recognises the exact
//! tokens and checks nothing.
//!
//! Run with `cargo bench --bench extensions`.

// Only the library keeps to `rust-version` (1.63); this file builds with the workspace's
// own toolchain (see README: Minimum Rust).
#![allow(clippy::incompatible_msrv)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
#[path = "support/floor.rs"]
mod floor;
use floor::exact_token_floor;
use websocket_registry::{DeflatePolicy, Extension, PerMessageDeflate};

/// What each browser engine sends, as measured (see `ClientEngine`).
const OFFERS: [(&str, &str); 3] = [
    ("chromium", "permessage-deflate; client_max_window_bits"),
    ("firefox", "permessage-deflate"),
    ("webkitgtk", "permessage-deflate; client_max_window_bits"),
];

/// Offers beyond the engines': four alternatives, with every parameter, values quoted and
/// not (a client that prefers small windows and falls back).
const ALTERNATIVES: (&str, &str) = (
    "four alternatives, every parameter",
    "permessage-deflate; server_no_context_takeover; client_no_context_takeover; \
     server_max_window_bits=10; client_max_window_bits=12, permessage-deflate; \
     server_max_window_bits=\"11\"; client_max_window_bits, permessage-deflate; \
     client_no_context_takeover, permessage-deflate",
);

/// An extension as the hand-written parser keeps it: its token and `(name, value)` pairs.
type Parsed = (String, Vec<(String, Option<String>)>);

/// The usual hand-written parser: split on `,` and `;` and `=`, trim, keep the pieces.
fn split_and_trim(header: &str) -> Vec<Parsed> {
    header
        .split(',')
        .map(str::trim)
        .filter(|element| !element.is_empty())
        .map(|element| {
            let mut parts = element.split(';').map(str::trim);
            let token = parts.next().unwrap_or_default().to_owned();
            let params = parts
                .map(|param| match param.split_once('=') {
                    Some((name, value)) => (
                        name.trim().to_owned(),
                        Some(value.trim().trim_matches('"').to_owned()),
                    ),
                    None => (param.to_owned(), None),
                })
                .collect();
            (token, params)
        })
        .collect()
}

fn parse_and_check(header: &str) -> usize {
    let mut accepted = 0;
    for offer in Extension::offers(header).flatten() {
        if PerMessageDeflate::from_offer(&offer).is_ok() {
            accepted += 1;
        }
    }
    accepted
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("extensions");
    let policy = DeflatePolicy::default();
    assert_eq!(exact_token_floor(OFFERS[0].1), 2);
    assert_eq!(exact_token_floor(ALTERNATIVES.1), 11);
    for (engine, offer) in OFFERS.into_iter().chain([ALTERNATIVES]) {
        group.bench_with_input(
            BenchmarkId::new("crate: parse + check", engine),
            offer,
            |b, offer| b.iter(|| parse_and_check(black_box(offer))),
        );
        group.bench_with_input(
            BenchmarkId::new("crate: negotiate + write", engine),
            offer,
            |b, offer| {
                b.iter(|| {
                    let response = PerMessageDeflate::negotiate(black_box(offer), &policy)
                        .ok()
                        .flatten();
                    let mut buf = [0u8; 128];
                    response.map(|r| r.write(&mut buf).unwrap_or(0))
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("floor: exact tokens, no checks", engine),
            offer,
            |b, offer| b.iter(|| exact_token_floor(black_box(offer))),
        );
        group.bench_with_input(
            BenchmarkId::new("hand-written split and trim", engine),
            offer,
            |b, offer| b.iter(|| split_and_trim(black_box(offer))),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
