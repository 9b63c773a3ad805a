//! `Sec-WebSocket-Extensions`: the crate's parser and permessage-deflate negotiation on each
//! browser engine's real offer (recorded by tests/browser.rs; undici and Bun send
//! Chromium's, Deno none), next to the split-and-trim
//! parser people write by hand (which allocates a `String` per piece and checks nothing).
//! `tests/no_allocation.rs` proves the crate's side allocates nothing.
//!
//! Run with `cargo bench --bench extensions`.

// Only the library keeps to `rust-version` (1.63); this file builds with the workspace's
// own toolchain (see README: Minimum Rust).
#![allow(clippy::incompatible_msrv)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use websocket_registry::{DeflatePolicy, Extension, PerMessageDeflate};

/// What each browser engine sends, as measured (see `ClientEngine`).
const OFFERS: [(&str, &str); 3] = [
    ("chromium", "permessage-deflate; client_max_window_bits"),
    ("firefox", "permessage-deflate"),
    ("webkitgtk", "permessage-deflate; client_max_window_bits"),
];

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
    for (engine, offer) in OFFERS {
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
            BenchmarkId::new("hand-written split and trim", engine),
            offer,
            |b, offer| b.iter(|| split_and_trim(black_box(offer))),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
