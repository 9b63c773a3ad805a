//! The measurement shared by the browser and runtime tests: a raw WebSocket server on
//! 127.0.0.1 that sends each Close payload as is, the measurement every client runs
//! (`client.mjs`), and the comparisons with the crate's per-engine model.
//!
//! A test names an engine and a question (`received_closes`, `close_method`,
//! `extension_negotiation`); [`launch`] starts the engine.

pub mod launch;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{header, read_head};
use crate::server::{self, Config};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use websocket_registry::{
    ClientEngine, CloseCode, CloseEvent, DeflateOffer, DeflatePolicy, DeflateResponse,
    PerMessageDeflate, Subprotocol, WindowBits, MAX_CLOSE_REASON,
};

/// How long a client may take to run its cases and report.
const PAGE_TIMEOUT: Duration = Duration::from_secs(240);
/// Ports the raw test server listens on: browsers allow one connection in the CONNECTING
/// state per address, so the sweep spreads over several.
const RAW_PORTS: usize = 16;

/// One connection the page opens, and what it should see.
struct Case {
    /// What the case is, for failure messages: `example server 1013`, `raw 03ed`.
    name: String,
    /// The Close payload the server sends.
    payload: Vec<u8>,
    /// `Some(path)` through the example server (which negotiates `ocpp1.6`), `None` through
    /// the raw test server (which sends the payload as is, whatever the crate thinks of it).
    example_path: Option<String>,
    /// For the sweeps: the code sent, and whether with [`SWEEP_REASON`].
    sweep: Option<(u16, bool)>,
}

/// The reason the second sweep sends with every code (runtimes only: the browsers' time
/// budget has room for one sweep).
const SWEEP_REASON: &[u8] = b"swept";

fn payload(code: u16, reason: &[u8]) -> Vec<u8> {
    let mut payload = code.to_be_bytes().to_vec();
    payload.extend_from_slice(reason);
    payload
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// The codes the sweep sends to `engine` with an empty reason.
///
/// WebKitGTK gets every code, 0-65535: it takes many connections at once and sweeps all
/// 65,536 in about a minute and a half. Chromium and Firefox get a sample, because a full
/// sweep does not fit the ten-minute budget for all three engines: Chromium's per-process
/// throttle holds it to about 400 connections a second (4 at a time; more at once is
/// slower), 165 s for all codes, and Firefox takes about 340 s. Their sample is every code
/// 0-5100 (all the registry's ranges and their boundaries: 999/1000, 2999/3000, 3999/4000,
/// 4999/5000), then every 61st code up to 65535 and the last two.
fn sweep_codes(engine: ClientEngine) -> Vec<u16> {
    if !matches!(engine, ClientEngine::Chromium | ClientEngine::Firefox) {
        return all_codes();
    }
    let mut codes: Vec<u16> = (0..=5100).chain((5101..=u16::MAX).step_by(61)).collect();
    codes.extend([65534, 65535]);
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// The sweep; the payload edge cases; every registered code with a reason; and, through the
/// example server, every registered code it may send.
fn cases(engine: ClientEngine) -> Vec<Case> {
    let raw = |payload: Vec<u8>| Case {
        name: format!("raw {}", hex(&payload)),
        payload,
        example_path: None,
        sweep: None,
    };
    // The runtimes are fast enough for a second sweep, every code with a reason.
    let reasons: &[bool] = if engine.is_browser() {
        &[false]
    } else {
        &[false, true]
    };
    let mut cases: Vec<Case> = Vec::new();
    for &with_reason in reasons {
        let reason = if with_reason { SWEEP_REASON } else { b"" };
        cases.extend(sweep_codes(engine).into_iter().map(|code| Case {
            sweep: Some((code, with_reason)),
            ..raw(payload(code, reason))
        }));
    }
    cases.extend(
        [
            Vec::new(),                                   // no status: reported as 1005
            vec![0x03],                                   // one byte
            payload(1000, b"\xff\xfe"),                   // a reason that is not UTF-8
            payload(4999, &[b'r'; MAX_CLOSE_REASON]),     // the longest reason: 125 bytes
            payload(1000, &[b'r'; MAX_CLOSE_REASON + 1]), // 126 bytes: too long
            payload(4999, &[b'r'; 998]),                  // 1,000 bytes
            payload(1014, &[b'r'; MAX_CLOSE_REASON + 1]), // too long, and 1014
            payload(1000, &[0xff; MAX_CLOSE_REASON + 1]), // too long, and not UTF-8
            payload(0, b"zero"),
            payload(1005, b"no status"),
            payload(5000, "é".as_bytes()),
            payload(65535, b"max"),
        ]
        .into_iter()
        .map(raw),
    );
    for code in CloseCode::ALL.iter().map(|code| code.as_u16()) {
        cases.push(raw(payload(code, b"sent raw")));
        if CloseCode::from_u16(code).is_valid_on_wire() {
            let reason = server::close_reason(CloseCode::from_u16(code));
            cases.push(Case {
                name: format!("example server {code}"),
                payload: payload(code, reason.as_bytes()),
                example_path: Some(format!("/close/{code}")),
                sweep: None,
            });
        }
    }
    cases
}

/// Received Close frames: the page opens every case and reports each `CloseEvent`.
pub async fn received_closes(engine: ClientEngine) {
    let cases = cases(engine);
    let harness = Harness::start().await;
    let config_cases: Vec<Value> = cases
        .iter()
        .map(|case| match &case.example_path {
            Some(path) => json!({
                "url": format!("ws://{}{path}", harness.example),
                "protocols": ["chat", "ocpp1.6"],
            }),
            None => json!({ "raw": hex(&case.payload) }),
        })
        .collect();
    let report = harness
        .run_page(
            engine,
            json!({
                "mode": "received",
                "cases": config_cases,
                "concurrency": concurrency(engine),
            }),
        )
        .await;
    let events = report["events"].as_array().expect("events");
    assert_eq!(events.len(), cases.len());

    let mut differ: BTreeMap<String, Vec<u16>> = BTreeMap::new();
    let mut others = Vec::new();
    for (case, seen) in cases.iter().zip(events) {
        let expected = CloseEvent::after_close_payload(engine, &case.payload);
        let seen_event = (
            seen[0].as_u64(),
            seen[1].as_bool(),
            seen[2].as_str().map(str::to_owned),
        );
        let expected_event = (
            Some(u64::from(expected.code().as_u16())),
            Some(expected.was_clean()),
            Some(expected.reason().to_owned()),
        );
        if seen_event != expected_event {
            match case.sweep {
                Some((code, with_reason)) => differ
                    .entry(format!(
                        "{}: client saw ({:?}, {:?}), model says {expected_event:?}",
                        if with_reason {
                            "with a reason"
                        } else {
                            "without a reason"
                        },
                        seen_event.0,
                        seen_event.1
                    ))
                    .or_default()
                    .push(code),
                None => others.push(format!(
                    "{}: page saw {seen}, model says {expected_event:?}",
                    case.name
                )),
            }
        }
        if case.example_path.is_some() && seen[3] != json!("ocpp1.6") {
            others.push(format!(
                "{}: page saw subprotocol {}, expected \"ocpp1.6\"",
                case.name, seen[3]
            ));
        }
    }
    eprintln!(
        "{engine}: {} connections in {} ms; {}",
        cases.len(),
        report["ms"],
        harness.replies_summary(engine)
    );
    let mut problems: Vec<String> = differ
        .into_iter()
        .map(|(what, codes)| format!("codes {}: {what}", ranges(&codes, &sweep_codes(engine))))
        .collect();
    problems.extend(others);
    assert!(
        problems.is_empty(),
        "{} ({}) differs from CloseEvent::after_close_payload:\n{}",
        engine,
        report["userAgent"],
        problems.join("\n")
    );
}

/// How many connections the page keeps open at once. Chromium delays each new connection
/// more the more are pending (its per-process WebSocket throttle doubles the delay with
/// each one), so it gets few; WebKit reports every failure tens of milliseconds late, so it
/// gets many.
fn concurrency(engine: ClientEngine) -> usize {
    match engine {
        ClientEngine::Chromium => 4,
        ClientEngine::Firefox | ClientEngine::Undici | ClientEngine::Deno | ClientEngine::Bun => 32,
        _ => 64,
    }
}

/// `WebSocket.close(code)` over every unsigned short against
/// `ClientEngine::close_method_accepts`, and the reason limit.
pub async fn close_method(engine: ClientEngine) {
    let harness = Harness::start().await;
    let report = harness
        .run_page(engine, json!({ "mode": "close-method" }))
        .await;
    let accepted: Vec<u16> = report["accepted"]
        .as_array()
        .expect("accepted")
        .iter()
        .map(|code| code.as_u64().expect("a number") as u16)
        .collect();
    let documented: Vec<u16> = (0..=u16::MAX)
        .filter(|&code| engine.close_method_accepts(CloseCode::from_u16(code)))
        .collect();
    let only_engine: Vec<u16> = accepted
        .iter()
        .copied()
        .filter(|c| !documented.contains(c))
        .collect();
    let only_crate: Vec<u16> = documented
        .iter()
        .copied()
        .filter(|c| !accepted.contains(c))
        .collect();
    eprintln!(
        "{engine}: close(code) accepts {}",
        ranges(&accepted, &all_codes())
    );
    assert!(
        only_engine.is_empty() && only_crate.is_empty(),
        "{engine}: close(code) disagrees with ClientEngine::close_method_accepts: the engine \
         alone accepts {}, the crate alone {}",
        ranges(&only_engine, &all_codes()),
        ranges(&only_crate, &all_codes())
    );
    assert_eq!(
        report["otherErrors"],
        json!([]),
        "{engine}: close(code) threw something other than InvalidAccessError"
    );
    // The reason limit: MAX_CLOSE_REASON bytes pass, one more throws SyntaxError.
    assert_eq!(report["longestReason"], json!("ok"), "{engine}");
    assert_eq!(report["reasonTooLong"], json!("SyntaxError"), "{engine}");
}

/// The responses every engine gets whatever it offers, `(name, Sec-WebSocket-Extensions
/// value)`: malformed ones, and ones that answer an offer the engine may not have made.
const EXTENSION_PROBES_BROKEN: [(&str, &str); 12] = [
    (
        "quoted window bits",
        "permessage-deflate; server_max_window_bits=\"10\"",
    ),
    (
        "server_max_window_bits 7",
        "permessage-deflate; server_max_window_bits=7",
    ),
    (
        "server_max_window_bits 16",
        "permessage-deflate; server_max_window_bits=16",
    ),
    (
        "server_max_window_bits 08",
        "permessage-deflate; server_max_window_bits=08",
    ),
    (
        "server_max_window_bits without value",
        "permessage-deflate; server_max_window_bits",
    ),
    (
        "a parameter twice",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
    ),
    ("an unknown parameter", "permessage-deflate; foo"),
    (
        "client_max_window_bits without value",
        "permessage-deflate; client_max_window_bits",
    ),
    (
        "client_max_window_bits 10",
        "permessage-deflate; client_max_window_bits=10",
    ),
    ("an extension not offered", "x-unknown-extension"),
    (
        "permessage-deflate twice",
        "permessage-deflate, permessage-deflate",
    ),
    // Accepted when offered: for an engine that offers nothing it is not asked for.
    ("permessage-deflate alone", "permessage-deflate"),
];

/// The `Sec-WebSocket-Extensions` responses the test server tries on each engine: the ones
/// the crate builds from the engine's own offer, one per policy the offer allows, and broken
/// ones. `(name, response value)`; an empty value declines the extension.
fn extension_probes(offer: &str) -> Vec<(String, String)> {
    let mut probes = vec![("declined".to_owned(), String::new())];
    let default = DeflatePolicy::new();
    let bits = |bits| WindowBits::new(bits).expect("8 to 15");
    let policies = [
        ("built: default", default),
        (
            "built: server_no_context_takeover",
            default.with_server_no_context_takeover(true),
        ),
        (
            "built: client_no_context_takeover",
            default.with_client_no_context_takeover(true),
        ),
        (
            "built: server_max_window_bits 10",
            default.with_server_window_limit(bits(10)),
        ),
        (
            "built: client_max_window_bits 10",
            default.with_client_window_limit(bits(10)),
        ),
        (
            "built: all four",
            default
                .with_server_no_context_takeover(true)
                .with_server_window_limit(bits(9))
                .with_client_no_context_takeover(true)
                .with_client_window_limit(bits(9)),
        ),
    ];
    for (name, policy) in policies.into_iter().filter(|_| !offer.is_empty()) {
        // A policy the offer cannot satisfy builds nothing: there is no such probe. A client
        // that offers nothing gets only the broken responses below.
        if let Some(response) = PerMessageDeflate::negotiate(offer, &policy).expect("offer parses")
        {
            let mut buf = [0u8; 256];
            let n = response.write(&mut buf).expect("fits");
            probes.push((
                name.to_owned(),
                String::from_utf8_lossy(&buf[..n]).into_owned(),
            ));
        }
    }
    for (name, value) in EXTENSION_PROBES_BROKEN {
        probes.push((name.to_owned(), value.to_owned()));
    }
    probes
}

/// Where an engine's verdict on a probe differs from `DeflateResponse::check`, as measured:
/// `(probe, the engine opens the connection)`. Listed in `ClientEngine`'s docs too.
fn documented_extension_differences(engine: ClientEngine) -> Vec<(&'static str, bool)> {
    match engine {
        // Chromium 156 agrees with the crate on every probe.
        ClientEngine::Chromium => vec![],
        // Firefox 153 ESR takes a leading zero, and client_max_window_bits it never offered
        // (RFC 7692 section 7.1.2.2 says the response MUST NOT have it).
        ClientEngine::Firefox => vec![
            ("server_max_window_bits 08", true),
            ("client_max_window_bits 10", true),
        ],
        // WebKitGTK 2.50 (libsoup 3.2) takes a leading zero, client_max_window_bits without
        // the value a response must give, and permessage-deflate accepted twice.
        ClientEngine::WebKitGtk => vec![
            ("server_max_window_bits 08", true),
            ("client_max_window_bits without value", true),
            ("permessage-deflate twice", true),
        ],
        // undici 8.13 checks only the extension names: it opens on every malformed or
        // unknown permessage-deflate parameter, and fails only on an extension it did not
        // offer or one accepted twice.
        ClientEngine::Undici => vec![
            ("server_max_window_bits 7", true),
            ("server_max_window_bits 16", true),
            ("server_max_window_bits 08", true),
            ("server_max_window_bits without value", true),
            ("a parameter twice", true),
            ("an unknown parameter", true),
            ("client_max_window_bits without value", true),
        ],
        // Deno 2.9 offers nothing and ignores the response's Sec-WebSocket-Extensions: it
        // opens whatever the server answers, where RFC 6455 section 4.1 says a client fails
        // the connection on an extension it did not ask for.
        ClientEngine::Deno => EXTENSION_PROBES_BROKEN
            .iter()
            .map(|(name, _)| (*name, true))
            .collect(),
        // Bun 1.4 agrees with the crate on every probe.
        ClientEngine::Bun => vec![],
        other => panic!("no measurements for {other:?}"),
    }
}

/// What the engine asks for in its opening handshake, as measured: its
/// `Sec-WebSocket-Extensions` offer (empty for none) and its `Sec-WebSocket-Protocol` request
/// when the client is asked for [`REQUESTED_PROTOCOLS`]. Listed in `ClientEngine`'s docs
/// too.
fn documented_handshake(engine: ClientEngine) -> Handshake {
    let extensions = match engine {
        ClientEngine::Firefox => "permessage-deflate",
        // Deno 2.9 implements no extension.
        ClientEngine::Deno => "",
        _ => "permessage-deflate; client_max_window_bits",
    };
    Handshake {
        extensions: extensions.to_owned(),
        protocols: Some("chat, ocpp1.6".to_owned()),
    }
}

/// The subprotocols the handshake probe asks the client to request.
const REQUESTED_PROTOCOLS: [&str; 2] = ["chat", "ocpp1.6"];

/// What the engine offers in `Sec-WebSocket-Extensions` and requests in
/// `Sec-WebSocket-Protocol`, and whether it opens the connection for each extension probe,
/// against the crate's client-side check.
pub async fn extension_negotiation(engine: ClientEngine) {
    let harness = Harness::start().await;
    // The engine's handshake, from a connection whose response declines every extension and
    // selects no subprotocol.
    let discovery = json!({
        "mode": "received",
        "cases": [{ "ext": "", "protocols": REQUESTED_PROTOCOLS }],
        "concurrency": 1,
    });
    harness.run_page(engine, discovery).await;
    let handshake = harness
        .handshakes
        .lock()
        .unwrap()
        .first()
        .cloned()
        .expect("one connection");
    eprintln!("{engine} asks for {handshake:?}");
    assert_eq!(
        handshake,
        documented_handshake(engine),
        "{engine}: the opening handshake changed (left: measured, right: documented)"
    );
    let requested: Vec<&str> = Subprotocol::offers(handshake.protocols.as_deref().unwrap_or(""))
        .map(|offer| offer.token())
        .collect();
    assert_eq!(requested, REQUESTED_PROTOCOLS, "{engine}: {handshake:?}");
    let offer = handshake.extensions;
    // No header at all (Deno) is no offer; `PerMessageDeflate::offers` reads a header that
    // is there.
    let offers: Vec<PerMessageDeflate> = PerMessageDeflate::offers(&offer)
        .take_while(|_| !offer.is_empty())
        .map(|element| match element {
            DeflateOffer::Valid(deflate) => deflate,
            other => panic!("{engine} offers {offer:?}: {other:?}"),
        })
        .collect();
    harness.handshakes.lock().unwrap().clear();

    let probes = extension_probes(&offer);
    let cases: Vec<Value> = probes
        .iter()
        .map(|(_, value)| json!({ "ext": hex(value.as_bytes()) }))
        .collect();
    let report = harness
        .run_page(
            engine,
            json!({ "mode": "received", "cases": cases, "concurrency": 4 }),
        )
        .await;
    let events = report["events"].as_array().expect("events");
    assert_eq!(events.len(), probes.len());
    let recorded = harness.handshakes.lock().unwrap().clone();
    assert!(
        recorded.iter().all(|each| each.extensions == offer),
        "{engine} offered differently across connections: {recorded:?}"
    );

    let mut lines = Vec::new();
    let mut differences = Vec::new();
    for ((name, value), event) in probes.iter().zip(events) {
        // The page records the subprotocol on `open`: null means the connection never opened.
        let opened = !event[3].is_null();
        let crate_accepts = DeflateResponse::check(value, &offers).is_ok();
        lines.push(format!(
            "  {name:<40} {value:?}: {} (crate: {})",
            if opened { "opens" } else { "fails" },
            if crate_accepts { "accept" } else { "refuse" }
        ));
        if opened != crate_accepts {
            differences.push((name.clone(), opened));
        }
    }
    eprintln!("{engine} offers {offer:?}\n{}", lines.join("\n"));
    let documented: Vec<(String, bool)> = documented_extension_differences(engine)
        .into_iter()
        .map(|(name, opened)| (name.to_owned(), opened))
        .collect();
    assert_eq!(
        differences, documented,
        "{engine}: the probes where the engine's verdict differs from DeflateResponse::check \
         changed (left: measured, right: documented)"
    );
}

/// `codes` as ranges of `universe` (sorted): codes with no code of the universe between
/// them form one range. Over every code, `[1000, 1001, 1002, 1005]` is `1000-1002, 1005`;
/// over the sampled sweep, `5101, 5162, 5223` is `5101-5223` too.
fn ranges(codes: &[u16], universe: &[u16]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut run: Option<(u16, u16)> = None;
    for &code in universe {
        match (codes.contains(&code), run) {
            (true, None) => run = Some((code, code)),
            (true, Some((start, _))) => run = Some((start, code)),
            (false, Some(done)) => {
                out.push(range_text(done));
                run = None;
            }
            (false, None) => {}
        }
    }
    out.extend(run.map(range_text));
    if out.is_empty() {
        "nothing".to_owned()
    } else {
        out.join(", ")
    }
}

fn range_text((start, end): (u16, u16)) -> String {
    if start == end {
        start.to_string()
    } else {
        format!("{start}-{end}")
    }
}

fn all_codes() -> Vec<u16> {
    (0..=u16::MAX).collect()
}

#[test]
fn ranges_are_written_as_people_read_them() {
    let all = all_codes();
    assert_eq!(
        ranges(&[1005, 1000, 1001, 1002, 1015], &all),
        "1000-1002, 1005, 1015"
    );
    assert_eq!(ranges(&[], &all), "nothing");
    assert_eq!(ranges(&[0, 65535], &all), "0, 65535");
    assert_eq!(
        ranges(
            &[5099, 5100, 5101, 5162, 65535],
            &sweep_codes(ClientEngine::Chromium)
        ),
        "5099-5162, 65535"
    );
}

/// What an engine answered to a Close frame from the raw server.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Reply {
    /// Its Close frame echoed the code that was sent.
    Echo,
    /// Its Close frame carried another code.
    Code(u16),
    /// Its Close frame had no code.
    Empty,
    /// It closed the TCP connection without a Close frame.
    NoCloseFrame,
}

/// The servers a page talks to: the example server, the raw test server on [`RAW_PORTS`]
/// ports, and the page itself.
struct Harness {
    example: SocketAddr,
    raw_ports: Vec<u16>,
    page_addr: SocketAddr,
    /// The configuration `/config` serves the client: what to measure.
    config: Arc<Mutex<String>>,
    reports: tokio::sync::Mutex<mpsc::Receiver<String>>,
    /// Per two-byte sweep payload (the code sent), what the engine replied.
    replies: Arc<Mutex<BTreeMap<u16, Reply>>>,
    /// The handshake of every `/ext/` request, in arrival order.
    handshakes: Arc<Mutex<Vec<Handshake>>>,
}

/// What a client's opening handshake asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handshake {
    /// The `Sec-WebSocket-Extensions` value (empty when the client sent none).
    pub extensions: String,
    /// The `Sec-WebSocket-Protocol` value, if the client sent the header.
    pub protocols: Option<String>,
}

impl Harness {
    async fn start() -> Harness {
        let example = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let example_addr = example.local_addr().unwrap();
        tokio::spawn(server::serve(
            example,
            Config {
                max_sessions: 10_000,
            },
        ));
        let config = Arc::new(Mutex::new(String::new()));
        let replies = Arc::new(Mutex::new(BTreeMap::new()));
        let handshakes = Arc::new(Mutex::new(Vec::new()));
        let (report_tx, report_rx) = mpsc::channel(1);
        let mut raw_ports = Vec::new();
        let mut page_addr = None;
        for _ in 0..RAW_PORTS {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            raw_ports.push(addr.port());
            page_addr.get_or_insert(addr);
            tokio::spawn(serve_test_server(
                listener,
                Shared {
                    config: config.clone(),
                    reports: report_tx.clone(),
                    replies: replies.clone(),
                    handshakes: handshakes.clone(),
                },
            ));
        }
        Harness {
            example: example_addr,
            raw_ports,
            page_addr: page_addr.unwrap(),
            config,
            reports: tokio::sync::Mutex::new(report_rx),
            replies,
            handshakes,
        }
    }

    /// Serves `config` (plus the ports and the reason limit), starts `engine` on the
    /// measurement (a page for a browser, `tests/runtimes/run.mjs` for a runtime) and returns
    /// the report it posts.
    async fn run_page(&self, engine: ClientEngine, mut config: Value) -> Value {
        config["ports"] = json!(self.raw_ports);
        config["maxReason"] = json!(MAX_CLOSE_REASON);
        *self.config.lock().unwrap() = config.to_string();
        let started = Instant::now();
        let _client = launch::Client::launch(engine, &format!("http://{}", self.page_addr));
        let report = tokio::time::timeout(PAGE_TIMEOUT, self.reports.lock().await.recv())
            .await
            .unwrap_or_else(|_| {
                panic!(
                    "{engine} sent no report within {PAGE_TIMEOUT:?} ({} raw connections served)",
                    RAW_CONNECTIONS.load(Ordering::Relaxed)
                )
            })
            .expect("report channel open");
        let report: Value = serde_json::from_str(&report).expect("the report is JSON");
        if let Some(fatal) = report.get("fatal") {
            panic!("{engine}: the page failed: {fatal}");
        }
        eprintln!(
            "{engine}: {} ({}), the measurement ran in {:.1} s",
            report["userAgent"],
            engine.measured_version(),
            started.elapsed().as_secs_f64()
        );
        // A runtime names its own version (tests/runtimes/run.mjs): the pinned packages and
        // the version the model claims must be the same.
        if !engine.is_browser() {
            assert_eq!(
                report["userAgent"],
                json!(engine.measured_version()),
                "{engine}: the installed runtime is not the version the model was measured on"
            );
        }
        report
    }

    /// The engine's replies to the sweep, grouped, as code ranges.
    fn replies_summary(&self, engine: ClientEngine) -> String {
        let mut groups: BTreeMap<Reply, Vec<u16>> = BTreeMap::new();
        for (code, reply) in self.replies.lock().unwrap().iter() {
            groups.entry(reply.clone()).or_default().push(*code);
        }
        let parts: Vec<String> = groups
            .iter()
            .map(|(reply, codes)| {
                format!(
                    "replies {reply:?} to {}",
                    ranges(codes, &sweep_codes(engine))
                )
            })
            .collect();
        parts.join("; ")
    }
}

/// What every connection of the test server reads or records.
#[derive(Clone)]
struct Shared {
    config: Arc<Mutex<String>>,
    reports: mpsc::Sender<String>,
    replies: Arc<Mutex<BTreeMap<u16, Reply>>>,
    handshakes: Arc<Mutex<Vec<Handshake>>>,
}

/// Serves the page, the raw WebSocket endpoints and the report upload on `listener`.
async fn serve_test_server(listener: TcpListener, shared: Shared) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let shared = shared.clone();
        tokio::spawn(async move {
            // A connection that breaks off is the browser's business; the report decides.
            let _ = answer(stream, &shared).await;
        });
    }
}

/// Raw WebSocket connections served so far, for the message when a page times out.
static RAW_CONNECTIONS: AtomicUsize = AtomicUsize::new(0);

/// The page a browser opens: it runs [`CLIENT`].
const PAGE: &str = include_str!("../browser/page.html");
/// The measurement, for pages and runtimes alike.
const CLIENT: &str = include_str!("client.mjs");

/// One HTTP request: `GET /` (the page), `GET /client.mjs` (the measurement it runs),
/// `GET /config` (what to measure), `GET /raw/{hex}` (upgrade, then that Close payload
/// as is, whatever the crate thinks of it), `GET /ext/{hex}` (upgrade answering that
/// `Sec-WebSocket-Extensions` value, then a Close 1000) or `POST /report`.
async fn answer(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    let Shared {
        config,
        reports,
        replies,
        handshakes,
    } = shared;
    let head = String::from_utf8_lossy(&read_head(&mut stream).await?).into_owned();
    let target = head.split(' ').nth(1).unwrap_or("");
    if head.starts_with("POST /report ") {
        let len: usize = header(&head, "content-length")
            .and_then(|len| len.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0; len];
        stream.read_exact(&mut body).await?;
        stream
            .write_all(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")
            .await?;
        let _ = reports
            .send(String::from_utf8_lossy(&body).into_owned())
            .await;
    } else if let Some(payload) = target.strip_prefix("/raw/").and_then(unhex) {
        RAW_CONNECTIONS.fetch_add(1, Ordering::Relaxed);
        let key = header(&head, "sec-websocket-key").unwrap_or_default();
        let accept = derive_accept_key(key.as_bytes());
        let mut out = format!(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Accept: {accept}\r\n\r\n"
        )
        .into_bytes();
        out.push(0x88); // FIN + Close
        match u8::try_from(payload.len()) {
            Ok(len) if len <= 125 => out.push(len),
            // Over 125 bytes, which no control frame may be: the 16-bit length form.
            _ => {
                out.push(126);
                out.extend_from_slice(&(payload.len() as u16).to_be_bytes());
            }
        }
        out.extend_from_slice(&payload);
        stream.write_all(&out).await?;
        // Wait for the browser's answer or its end of the connection, then close.
        let reply = read_close_reply(&mut stream).await;
        if let [high, low] = payload[..] {
            let sent = u16::from_be_bytes([high, low]);
            let reply = match reply {
                Some(Some(code)) if code == sent => Reply::Echo,
                Some(Some(code)) => Reply::Code(code),
                Some(None) => Reply::Empty,
                None => Reply::NoCloseFrame,
            };
            replies.lock().unwrap().insert(sent, reply);
        }
    } else if let Some(value) = target.strip_prefix("/ext/").and_then(unhex) {
        RAW_CONNECTIONS.fetch_add(1, Ordering::Relaxed);
        handshakes.lock().unwrap().push(Handshake {
            extensions: header(&head, "sec-websocket-extensions")
                .unwrap_or_default()
                .to_owned(),
            protocols: header(&head, "sec-websocket-protocol").map(str::to_owned),
        });
        let key = header(&head, "sec-websocket-key").unwrap_or_default();
        let accept = derive_accept_key(key.as_bytes());
        let value = String::from_utf8_lossy(&value);
        let extensions = if value.is_empty() {
            String::new()
        } else {
            format!("Sec-WebSocket-Extensions: {value}\r\n")
        };
        // Control frames are never compressed, so the Close needs no deflate whatever was
        // agreed.
        let mut out = format!(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Accept: {accept}\r\n{extensions}\r\n"
        )
        .into_bytes();
        out.extend_from_slice(&[0x88, 0x02, 0x03, 0xe8]); // Close, 1000
        stream.write_all(&out).await?;
        let _ = read_close_reply(&mut stream).await;
    } else if let Some((content_type, body)) = match target {
        "/" => Some(("text/html", PAGE.to_owned())),
        "/client.mjs" => Some(("text/javascript", CLIENT.to_owned())),
        // Read only here: thousands of WebSocket connections need no copy of it.
        "/config" => Some(("application/json", config.lock().unwrap().clone())),
        _ => None,
    } {
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {content_type}; charset=utf-8\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(response.as_bytes()).await?;
    } else {
        stream
            .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .await?;
    }
    stream.shutdown().await
}

/// The browser's Close frame, if one comes within 5 s: `Some(Some(code))`, `Some(None)` for
/// one without a code, `None` for no Close frame at all.
async fn read_close_reply(stream: &mut TcpStream) -> Option<Option<u16>> {
    let mut frame = Vec::new();
    let mut buf = [0; 256];
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    // A client frame: 2 header bytes, a 4-byte mask (payloads here are under 126 bytes),
    // then the masked payload.
    while frame.len() < 6 || frame.len() < 6 + usize::from(frame[1] & 0x7f) {
        let n = tokio::time::timeout_at(deadline, stream.read(&mut buf))
            .await
            .ok()?
            .ok()?;
        if n == 0 {
            return None;
        }
        frame.extend_from_slice(&buf[..n]);
    }
    if frame[0] & 0x0f != 0x8 {
        return None;
    }
    let mask = [frame[2], frame[3], frame[4], frame[5]];
    let len = usize::from(frame[1] & 0x7f);
    let payload: Vec<u8> = frame[6..6 + len]
        .iter()
        .enumerate()
        .map(|(i, byte)| byte ^ mask[i % 4])
        .collect();
    Some((payload.len() >= 2).then(|| u16::from_be_bytes([payload[0], payload[1]])))
}
