//! `Sec-WebSocket-Extensions`: the crate's parse and check (`PerMessageDeflate::offers`, one
//! pass, and `Extension::offers`, the grammar alone) and permessage-deflate negotiation on
//! each browser engine's real offer (recorded by tests/browser.rs; undici and Bun send
//! Chromium's, Deno none), next to the split-and-trim
//! parser people write by hand (which allocates a `String` per piece and checks nothing).
//! `tests/no_allocation.rs` proves the crate's side allocates nothing. Also an offer with four
//! alternatives and every parameter, and the floor: a loop that only recognises the exact
//! tokens and checks nothing.
//!
//! Run with `cargo bench --bench extensions`.
//!
//! The same file, built by `benches/peers/` (where `cfg(peer_benches)` is set), also
//! measures six public WebSocket crates side by side, on the same offers, through their
//! public APIs (`peers` below says what each call does):
//!
//! ```sh
//! cargo bench --manifest-path benches/peers/Cargo.toml --bench extensions
//! ```

// Only the library keeps to `rust-version` (1.63); this file builds with the workspace's
// own toolchain (see README: Minimum Rust).
#![allow(clippy::incompatible_msrv)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
#[path = "support/floor.rs"]
mod floor;
#[path = "support/readme_example.rs"]
mod readme_example;
use floor::exact_token_floor;
use readme_example::readme_example;
use websocket_registry::{DeflateOffer, DeflatePolicy, Extension, PerMessageDeflate};

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

/// The crate's parse and check of every element: `PerMessageDeflate::offers`, one pass.
fn parse_and_check(header: &str) -> usize {
    PerMessageDeflate::offers(header)
        .filter_map(DeflateOffer::valid)
        .count()
}

/// The grammar alone, without RFC 7692's check: `Extension::offers`.
fn parse_only(header: &str) -> usize {
    Extension::offers(header).flatten().count()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("extensions");
    let policy = DeflatePolicy::default();
    assert_eq!(exact_token_floor(OFFERS[0].1), 2);
    assert_eq!(exact_token_floor(ALTERNATIVES.1), 11);
    for (engine, offer) in OFFERS.into_iter().chain([ALTERNATIVES]) {
        assert!(parse_and_check(offer) <= parse_only(offer), "{offer}");
        group.bench_with_input(
            BenchmarkId::new("crate: parse + check", engine),
            offer,
            |b, offer| b.iter(|| parse_and_check(black_box(offer))),
        );
        group.bench_with_input(
            BenchmarkId::new("crate: Extension::offers, the grammar alone", engine),
            offer,
            |b, offer| b.iter(|| parse_only(black_box(offer))),
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
            BenchmarkId::new("crate: the README's example", engine),
            offer,
            |b, offer| b.iter(|| readme_example(black_box(offer.as_bytes())).ok()),
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
    #[cfg(peer_benches)]
    peers::bench(&mut group);
    group.finish();
}

/// The peers, each through its public API. Where the parser is private, the benchmark runs
/// the public call that runs it, once with the offer and once without
/// (`... without the header`); the difference is what the offer costs there. Where the
/// public call also builds a deflate compressor, `flate2: compressor + decompressor`
/// measures that part alone. benches/BENCHMARKS.md gives the figures.
#[cfg(peer_benches)]
mod peers {
    use std::hint::black_box;

    use criterion::measurement::WallTime;
    use criterion::{BenchmarkGroup, BenchmarkId};

    use super::{ALTERNATIVES, OFFERS};

    /// A client's opening handshake, with the offer as its `Sec-WebSocket-Extensions` (or no
    /// such header).
    fn upgrade_request(offer: Option<&str>) -> Vec<u8> {
        let extensions = offer
            .map(|offer| format!("Sec-WebSocket-Extensions: {offer}\r\n"))
            .unwrap_or_default();
        format!(
            "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\
             {extensions}\r\n"
        )
        .into_bytes()
    }

    /// The offer as the one `Sec-WebSocket-Extensions` field of an `http::HeaderMap`.
    fn extensions_header(offer: &str) -> http::HeaderMap {
        let mut headers = http::HeaderMap::new();
        headers.insert(
            http::header::SEC_WEBSOCKET_EXTENSIONS,
            http::HeaderValue::from_str(offer).expect("a valid header value"),
        );
        headers
    }

    /// soketto 0.8.1: its extension parser (`configure_extensions`) is private, and runs in
    /// `handshake::Server::receive_request`, which reads the request (httparse) from the
    /// socket, an in-memory one here, and configures the server's `Deflate` from each offer.
    fn soketto_receive_request(request: &[u8]) -> bool {
        use soketto::extension::deflate::Deflate;
        let socket = futures::io::Cursor::new(request.to_vec());
        let mut server = soketto::handshake::Server::new(socket);
        server.add_extension(Box::new(Deflate::new(soketto::Mode::Server)));
        futures::executor::block_on(server.receive_request()).is_ok()
    }

    /// ratchet_deflate 1.2.1: `ExtensionProvider::negotiate_server` parses the offers, picks
    /// one, builds the response header and initialises the deflate encoder and decoder.
    fn ratchet_negotiate(headers: &http::HeaderMap) -> bool {
        use ratchet_ext::ExtensionProvider;
        let provider = ratchet_deflate::DeflateExtProvider::with_config(Default::default());
        matches!(provider.negotiate_server(headers), Ok(Some(_)))
    }

    /// wtx 0.46.1 (the last release for Rust 1.95): `Compression::negotiate` parses the
    /// offers and builds the compressor and decompressor; it writes no response.
    fn wtx_negotiate(offer: &str) -> bool {
        use wtx::web_socket::compression::Flate2;
        use wtx::web_socket::Compression;
        let headers = [[b"sec-websocket-extensions".as_slice(), offer.as_bytes()]];
        let negotiated =
            <Flate2 as Compression<false>>::negotiate(Flate2::default(), headers.iter());
        matches!(negotiated, Ok(Some(_)))
    }

    /// yawc 0.5.0: its parser (`WebSocketExtensions::from_str`) is private, and runs in
    /// `WebSocket::upgrade_with_options`, which also computes `Sec-WebSocket-Accept` and
    /// builds the response. Without compression options yawc parses the offer and then
    /// drops it, so the call with the header minus the call without is the parse alone.
    fn yawc_upgrade(offer: Option<&str>) -> bool {
        let mut request = http::Request::builder()
            .method("GET")
            .uri("/")
            .header("host", "127.0.0.1")
            .header("upgrade", "websocket")
            .header("connection", "Upgrade")
            .header("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==")
            .header("sec-websocket-version", "13");
        if let Some(offer) = offer {
            request = request.header("sec-websocket-extensions", offer);
        }
        let request = request
            .body(http_body_util::Empty::<bytes::Bytes>::new())
            .expect("a valid request");
        yawc::WebSocket::upgrade_with_options(request, yawc::Options::default()).is_ok()
    }

    /// zerodds-websocket-bridge 1.0.0-rc.7: `parse_extensions` splits the header into
    /// owned offers; `parse_offer` reads one permessage-deflate offer's parameters, and
    /// `render_accept` writes the response.
    fn zerodds_parse(header: &str) -> usize {
        use zerodds_websocket_bridge::negotiation::parse_extensions;
        use zerodds_websocket_bridge::permessage_deflate::parse_offer;
        let offers = parse_extensions(header);
        let deflate = header
            .split(',')
            .filter(|element| element.trim_start().starts_with("permessage-deflate"))
            .filter(|element| parse_offer(element.trim()).is_ok())
            .count();
        offers.len() + deflate
    }

    fn zerodds_negotiate(header: &str) -> Option<String> {
        use zerodds_websocket_bridge::permessage_deflate::{parse_offer, render_accept};
        let offers = zerodds_websocket_bridge::negotiation::parse_extensions(header);
        if !offers
            .iter()
            .any(|offer| offer.name == "permessage-deflate")
        {
            return None;
        }
        let params = header
            .split(',')
            .map(str::trim)
            .filter(|element| element.starts_with("permessage-deflate"))
            .find_map(|element| parse_offer(element).ok())?;
        Some(render_accept(&params))
    }

    /// shiguredo_websocket 2026.3.0: `Extension::parse_strict` checks the RFC 6455 grammar
    /// into owned extensions; `PerMessageDeflateConfig::from_extension_for_server_request`
    /// checks one offer's parameters, `negotiate` answers it and `to_extension().encode()`
    /// writes the response.
    fn shiguredo_parse(header: &str) -> usize {
        use shiguredo_websocket::{Extension, PerMessageDeflateConfig};
        let Ok(extensions) = Extension::parse_strict(header) else {
            return 0;
        };
        extensions
            .iter()
            .filter(|extension| extension.name == "permessage-deflate")
            .filter(|extension| {
                PerMessageDeflateConfig::from_extension_for_server_request(extension).is_ok()
            })
            .count()
    }

    fn shiguredo_negotiate(header: &str) -> Option<String> {
        use shiguredo_websocket::{Extension, PerMessageDeflateConfig};
        let extensions = Extension::parse_strict(header).ok()?;
        let server = PerMessageDeflateConfig::new();
        let offer = extensions
            .iter()
            .filter(|extension| extension.name == "permessage-deflate")
            .find_map(|extension| {
                PerMessageDeflateConfig::from_extension_for_server_request(extension).ok()
            })?;
        Some(
            PerMessageDeflateConfig::negotiate(&offer, &server)
                .to_extension()
                .encode(),
        )
    }

    /// What wtx and ratchet build besides parsing: a deflate compressor and decompressor
    /// with a 15-bit window, through the flate2 backend this build links.
    fn flate2_compressor_and_decompressor() -> (flate2::Compress, flate2::Decompress) {
        (
            flate2::Compress::new_with_window_bits(flate2::Compression::default(), false, 15),
            flate2::Decompress::new_with_window_bits(false, 15),
        )
    }

    /// Prints what each peer made of each offer, so that a figure can be read with what was
    /// done for it (a peer that refuses an offer stops early).
    fn print_answers() {
        for (engine, offer) in OFFERS.into_iter().chain([ALTERNATIVES]) {
            let headers = extensions_header(offer);
            eprintln!("{engine}: {offer}");
            eprintln!(
                "  soketto receive_request ok: {}",
                soketto_receive_request(&upgrade_request(Some(offer)))
            );
            eprintln!("  ratchet accepts: {}", ratchet_negotiate(&headers));
            eprintln!("  wtx accepts: {}", wtx_negotiate(offer));
            eprintln!("  yawc upgrade ok: {}", yawc_upgrade(Some(offer)));
            eprintln!(
                "  zerodds offers + deflate offers read: {}",
                zerodds_parse(offer)
            );
            eprintln!("  zerodds answer: {:?}", zerodds_negotiate(offer));
            eprintln!(
                "  shiguredo deflate offers accepted: {}",
                shiguredo_parse(offer)
            );
            eprintln!("  shiguredo answer: {:?}", shiguredo_negotiate(offer));
        }
    }

    pub(super) fn bench(group: &mut BenchmarkGroup<'_, WallTime>) {
        print_answers();
        let without = upgrade_request(None);
        group.bench_function("soketto: receive_request without the header", |b| {
            b.iter(|| soketto_receive_request(black_box(&without)))
        });
        group.bench_function("yawc: upgrade without the header", |b| {
            b.iter(|| yawc_upgrade(black_box(None)))
        });
        group.bench_function("flate2: compressor + decompressor", |b| {
            b.iter(flate2_compressor_and_decompressor)
        });
        for (engine, offer) in OFFERS.into_iter().chain([ALTERNATIVES]) {
            let request = upgrade_request(Some(offer));
            let headers = extensions_header(offer);
            group.bench_with_input(
                BenchmarkId::new("soketto: receive_request", engine),
                &request,
                |b, request| b.iter(|| soketto_receive_request(black_box(request))),
            );
            group.bench_with_input(
                BenchmarkId::new("ratchet_deflate: negotiate_server", engine),
                &headers,
                |b, headers| b.iter(|| ratchet_negotiate(black_box(headers))),
            );
            group.bench_with_input(BenchmarkId::new("wtx: negotiate", engine), offer, |b, o| {
                b.iter(|| wtx_negotiate(black_box(o)))
            });
            // The same offer with an unknown parameter last: wtx parses all of it, then
            // refuses it before building a compressor, so this is its parse alone.
            let refused_last = format!("{offer}; x");
            group.bench_with_input(
                BenchmarkId::new(
                    "wtx: negotiate, refused at a last unknown parameter",
                    engine,
                ),
                refused_last.as_str(),
                |b, o| b.iter(|| wtx_negotiate(black_box(o))),
            );
            group.bench_with_input(BenchmarkId::new("yawc: upgrade", engine), offer, |b, o| {
                b.iter(|| yawc_upgrade(black_box(Some(o))))
            });
            group.bench_with_input(
                BenchmarkId::new("zerodds: parse_extensions + parse_offer", engine),
                offer,
                |b, o| b.iter(|| zerodds_parse(black_box(o))),
            );
            group.bench_with_input(
                BenchmarkId::new("zerodds: negotiate + render_accept", engine),
                offer,
                |b, o| b.iter(|| zerodds_negotiate(black_box(o))),
            );
            group.bench_with_input(
                BenchmarkId::new("shiguredo: parse_strict + check", engine),
                offer,
                |b, o| b.iter(|| shiguredo_parse(black_box(o))),
            );
            group.bench_with_input(
                BenchmarkId::new("shiguredo: negotiate + encode", engine),
                offer,
                |b, o| b.iter(|| shiguredo_negotiate(black_box(o))),
            );
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
