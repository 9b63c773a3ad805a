//! Close codes and Close payloads, measured side by side: the generated predicates against
//! tungstenite's `CloseCode::from(u16).is_allowed()` and a hand-written `matches!`, and the
//! payload parser and encoder. See benches/BENCHMARKS.md for the results.
//!
//! Run with `cargo bench --bench close_codes`.

// Only the library keeps to `rust-version` (1.63); this file builds with the workspace's
// own toolchain (see README: Minimum Rust).
#![allow(clippy::incompatible_msrv)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
use websocket_registry::{CloseCode, ClosePayload, MAX_CLOSE_PAYLOAD};

/// What a WebSocket library writes by hand today (the set python-websockets and node ws use).
fn hand_written_is_valid_on_wire(code: u16) -> bool {
    matches!(code, 1000..=1003 | 1007..=1014 | 3000..=4999)
}

/// Mostly 1000 and 1001, as on a real server, with the odd error and application code. A
/// deterministic xorshift stream, so every run sees the same sequence.
fn realistic_stream() -> Vec<u16> {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            match state % 100 {
                0..=59 => 1000,
                60..=84 => 1001,
                85..=89 => 1006,
                90..=92 => 1011,
                93..=94 => 1008,
                95..=96 => 4000 + (state >> 32) as u16 % 1000,
                97 => 3000 + (state >> 32) as u16 % 1000,
                98 => 1002,
                _ => (state >> 40) as u16,
            }
        })
        .collect()
}

fn predicates(c: &mut Criterion) {
    // Agreement first: a faster predicate that answers differently would prove nothing. The
    // hand-written set and this crate agree on every code; tungstenite differs where its
    // documentation says (it rejects 1014 and accepts 1016-2999 unregistered codes).
    for code in 0..=u16::MAX {
        assert_eq!(
            CloseCode::from_u16(code).is_valid_on_wire(),
            hand_written_is_valid_on_wire(code),
            "{code}"
        );
    }
    let every: Vec<u16> = (0..=u16::MAX).collect();
    let stream = realistic_stream();
    for (input_name, inputs) in [("all 65,536", &every), ("realistic stream", &stream)] {
        let mut group = c.benchmark_group(format!("close code is_valid_on_wire/{input_name}"));
        group.throughput(Throughput::Elements(inputs.len() as u64));
        group.bench_function("generated", |b| {
            b.iter(|| {
                black_box(inputs)
                    .iter()
                    .filter(|&&code| CloseCode::from_u16(code).is_valid_on_wire())
                    .count()
            })
        });
        group.bench_function("tungstenite is_allowed", |b| {
            b.iter(|| {
                black_box(inputs)
                    .iter()
                    .filter(|&&code| TungsteniteCode::from(code).is_allowed())
                    .count()
            })
        });
        group.bench_function("hand-written matches!", |b| {
            b.iter(|| {
                black_box(inputs)
                    .iter()
                    .filter(|&&code| hand_written_is_valid_on_wire(code))
                    .count()
            })
        });
        group.finish();

        let mut group = c.benchmark_group(format!("close code name and range/{input_name}"));
        group.throughput(Throughput::Elements(inputs.len() as u64));
        group.bench_function("name", |b| {
            b.iter(|| {
                black_box(inputs)
                    .iter()
                    .filter_map(|&code| CloseCode::from_u16(code).name())
                    .map(str::len)
                    .sum::<usize>()
            })
        });
        group.bench_function("range", |b| {
            b.iter(|| {
                black_box(inputs)
                    .iter()
                    .map(|&code| CloseCode::from_u16(code).range() as usize)
                    .sum::<usize>()
            })
        });
        group.finish();
    }
}

fn payloads(c: &mut Criterion) {
    let mut typical = [0u8; MAX_CLOSE_PAYLOAD];
    let typical_len = ClosePayload::new(CloseCode::NORMAL_CLOSURE, "bye")
        .expect("a valid payload")
        .write(&mut typical)
        .expect("fits");
    let long_reason = "é".repeat(60) + "abc"; // 123 bytes: 125 with the code, multi-byte UTF-8
    let mut full = [0u8; MAX_CLOSE_PAYLOAD];
    let full_len = ClosePayload::new(CloseCode::GOING_AWAY, &long_reason)
        .expect("a valid payload")
        .write(&mut full)
        .expect("fits");
    assert_eq!(full_len, MAX_CLOSE_PAYLOAD);

    let mut group = c.benchmark_group("close payload");
    for (name, payload) in [
        ("parse 1000 + \"bye\"", &typical[..typical_len]),
        ("parse 125 bytes", &full[..full_len]),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| ClosePayload::parse(black_box(payload)).map(|f| f.reason().len()))
        });
    }
    for (name, code, reason) in [
        ("encode 1000 + \"bye\"", CloseCode::NORMAL_CLOSURE, "bye"),
        (
            "encode 125 bytes",
            CloseCode::GOING_AWAY,
            long_reason.as_str(),
        ),
    ] {
        group.bench_function(name, |b| {
            let mut buf = [0u8; MAX_CLOSE_PAYLOAD];
            b.iter(|| {
                ClosePayload::new(black_box(code), black_box(reason))
                    .map(|payload| payload.write(&mut buf))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, predicates, payloads);
criterion_main!(benches);
