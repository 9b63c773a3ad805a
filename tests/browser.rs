//! Headless Chromium against `examples/server.rs`: what a page sees as `CloseEvent` for each
//! close code, and which codes the page's own `WebSocket.close(code)` accepts.
//!
//! Needs Chromium (`apt-get install chromium`; `.ci/run` installs it). Without it the test
//! fails and says so. Set `CHROMIUM` to use another binary, or `IANA_WEBSOCKET_SKIP_BROWSER=1`
//! to skip it on purpose.

mod common;
#[path = "../examples/server.rs"]
#[allow(dead_code)]
mod server;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{header, read_head};
use iana_websocket::{close_codes, BrowserCloseEvent, CloseCode, MAX_CLOSE_REASON};
use serde_json::{json, Value};
use server::Config;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;

/// How long the page may take to run every case and report.
const PAGE_TIMEOUT: Duration = Duration::from_secs(120);

/// One connection the page opens, and what it should see.
struct Case {
    /// What the case is, for failure messages: `example server 1013`, `raw 03ed`.
    name: String,
    /// Where the page connects.
    path: String,
    /// `true` for the example server, `false` for the raw test server.
    example_server: bool,
    /// The Close payload the server sends.
    payload: Vec<u8>,
}

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

/// Every registered code the example server may send, a sample of 3000-4999, and, from the
/// raw server, the Close payloads the crate calls invalid (codes 1004-1006 and 1015 among
/// them), an empty one, and a few valid ones as a control.
fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let sample_3000_4999 = (3000..=4999).step_by(97).chain([3999, 4000, 4999]);
    let wire_valid = close_codes::ASSIGNED
        .iter()
        .map(|code| code.as_u16())
        .chain(sample_3000_4999)
        .filter(|&code| CloseCode::from_u16(code).is_valid_on_wire());
    for code in wire_valid {
        let reason = server::close_reason(CloseCode::from_u16(code));
        cases.push(Case {
            name: format!("example server {code}"),
            path: format!("/close/{code}"),
            example_server: true,
            payload: payload(code, reason.as_bytes()),
        });
    }
    let mut raw: Vec<Vec<u8>> = close_codes::ASSIGNED
        .iter()
        .map(|code| code.as_u16())
        .chain([0, 999, 1016, 1100, 2000, 2999, 5000, 65535])
        .filter(|&code| !CloseCode::from_u16(code).is_valid_on_wire())
        .map(|code| payload(code, b"sent raw"))
        .collect();
    raw.extend([
        Vec::new(),                  // no status: reported as 1005
        vec![0x03],                  // one byte
        payload(1000, b"\xff\xfe"),  // a reason that is not UTF-8
        payload(1000, b"control"),   // valid, through the raw server
        payload(4999, &[b'r'; 123]), // the longest reason
    ]);
    for payload in raw {
        cases.push(Case {
            name: format!("raw {}", hex(&payload)),
            path: format!("/raw/{}", hex(&payload)),
            example_server: false,
            payload,
        });
    }
    cases
}

/// The page: opens every case's connection, 8 at a time, and reports each `CloseEvent`; then
/// calls `close(code)` with every `unsigned short` on one socket and reports which throw.
fn page(cases: &[Case], example: SocketAddr, raw: SocketAddr) -> String {
    let cases: Vec<Value> = cases
        .iter()
        .map(|case| {
            let host = if case.example_server { example } else { raw };
            // The example server speaks ocpp1.6 and should select it; the raw server selects
            // nothing, so the page offers nothing there.
            let protocols: &[&str] = if case.example_server {
                &["chat", "ocpp1.6"]
            } else {
                &[]
            };
            json!({
                "name": case.name,
                "url": format!("ws://{host}{}", case.path),
                "protocols": protocols,
            })
        })
        .collect();
    let config = json!({
        "cases": cases,
        "echo": format!("ws://{example}/"),
        "maxReason": MAX_CLOSE_REASON,
    });
    include_str!("browser/page.html").replace("/*CONFIG*/null", &config.to_string())
}

/// Serves the page, the raw WebSocket endpoints and the report upload on `listener`.
async fn serve_test_server(listener: TcpListener, page: String, reports: mpsc::Sender<String>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let (page, reports) = (page.clone(), reports.clone());
        tokio::spawn(async move {
            // A connection that breaks off is the browser's business; the report decides.
            let _ = answer(stream, &page, &reports).await;
        });
    }
}

/// One HTTP request: `GET /` (the page), `GET /raw/{hex}` (upgrade, then that Close payload
/// as is, whatever the crate thinks of it) or `POST /report`.
async fn answer(
    mut stream: TcpStream,
    page: &str,
    reports: &mpsc::Sender<String>,
) -> std::io::Result<()> {
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
        let key = header(&head, "sec-websocket-key").unwrap_or_default();
        let accept = derive_accept_key(key.as_bytes());
        let mut out = format!(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Accept: {accept}\r\n\r\n"
        )
        .into_bytes();
        out.push(0x88); // FIN + Close
        out.push(payload.len() as u8); // at most 125: unmasked, short form
        out.extend_from_slice(&payload);
        stream.write_all(&out).await?;
        // Wait for the browser's answer or its end of the connection, then close.
        let mut sink = [0; 256];
        let _ = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut sink)).await;
    } else if target == "/" {
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{page}",
            page.len()
        );
        stream.write_all(response.as_bytes()).await?;
    } else {
        stream
            .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .await?;
    }
    stream.shutdown().await
}

/// The Chromium binary: `CHROMIUM`, or the first of the usual names on `PATH`.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// A running browser, killed when dropped.
struct Browser {
    child: Child,
    _profile: TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fresh directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn launch(binary: &PathBuf, url: &str) -> Browser {
    let profile = TempDir::new("chromium-profile");
    let child = Command::new(binary)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.0.display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|err| panic!("cannot start {}: {err}", binary.display()));
    Browser {
        child,
        _profile: profile,
    }
}

/// Runs the page in Chromium and returns its report.
async fn run_page() -> Option<(Vec<Case>, Value)> {
    if std::env::var_os("IANA_WEBSOCKET_SKIP_BROWSER").is_some() {
        eprintln!("SKIPPED: the browser test (IANA_WEBSOCKET_SKIP_BROWSER is set)");
        return None;
    }
    let Some(binary) = chromium() else {
        panic!(
            "this test needs headless Chromium and found none on PATH: install it \
             (`apt-get install chromium`), point CHROMIUM at a binary, or set \
             IANA_WEBSOCKET_SKIP_BROWSER=1 to skip it knowingly"
        );
    };
    let version = Command::new(&binary).arg("--version").output();
    match version {
        Ok(output) => eprintln!(
            "browser: {}",
            String::from_utf8_lossy(&output.stdout).trim()
        ),
        Err(err) => panic!("cannot run {}: {err}", binary.display()),
    }
    let example = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let example_addr = example.local_addr().unwrap();
    tokio::spawn(server::serve(
        example,
        Config {
            max_sessions: 10_000,
        },
    ));

    let test_server = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let test_addr = test_server.local_addr().unwrap();
    let cases = cases();
    let (report_tx, mut report_rx) = mpsc::channel(1);
    let page = page(&cases, example_addr, test_addr);
    tokio::spawn(serve_test_server(test_server, page, report_tx));

    let _browser = launch(&binary, &format!("http://{test_addr}/"));
    let report = tokio::time::timeout(PAGE_TIMEOUT, report_rx.recv())
        .await
        .unwrap_or_else(|_| {
            panic!(
                "{} sent no report within {PAGE_TIMEOUT:?}",
                binary.display()
            )
        })
        .unwrap();
    let report: Value = serde_json::from_str(&report).unwrap();
    if let Some(fatal) = report.get("fatal") {
        panic!("the page failed: {fatal}");
    }
    Some((cases, report))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_page_sees_what_the_crate_documents() {
    let Some((cases, report)) = run_page().await else {
        return;
    };

    // CloseEvent for each connection.
    let events = report["events"].as_array().unwrap();
    assert_eq!(events.len(), cases.len());
    let mut mismatches = Vec::new();
    for (case, seen) in cases.iter().zip(events) {
        let expected = BrowserCloseEvent::after_close_payload(&case.payload);
        let expected_protocol = if case.example_server { "ocpp1.6" } else { "" };
        if seen["protocol"] != json!(expected_protocol) {
            mismatches.push(format!(
                "{}: page saw subprotocol {}, expected {expected_protocol:?}",
                case.name, seen["protocol"]
            ));
        }
        let seen_event = (
            seen["code"].as_u64(),
            seen["wasClean"].as_bool(),
            seen["reason"].as_str(),
        );
        let expected_event = (
            Some(u64::from(expected.code().as_u16())),
            Some(expected.was_clean()),
            Some(expected.reason()),
        );
        if seen_event != expected_event {
            mismatches.push(format!(
                "{}: page saw {seen}, crate documents {expected_event:?}",
                case.name
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));

    // WebSocket.close(code) over every unsigned short.
    let accepted: Vec<u16> = report["close"]["accepted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|code| code.as_u64().unwrap() as u16)
        .collect();
    let documented: Vec<u16> = (0..=u16::MAX)
        .filter(|&code| CloseCode::from_u16(code).is_valid_for_browser_close())
        .collect();
    let only_browser: Vec<_> = accepted
        .iter()
        .filter(|c| !documented.contains(c))
        .collect();
    let only_crate: Vec<_> = documented
        .iter()
        .filter(|c| !accepted.contains(c))
        .collect();
    assert!(
        only_browser.is_empty() && only_crate.is_empty(),
        "close(code) disagrees with is_valid_for_browser_close: the browser alone accepts \
         {only_browser:?}, the crate alone {only_crate:?}"
    );
    assert_eq!(
        report["close"]["otherErrors"],
        json!([]),
        "close(code) threw something other than InvalidAccessError"
    );
    // The reason limit: MAX_CLOSE_REASON bytes pass, one more throws SyntaxError.
    assert_eq!(report["close"]["longestReason"], json!("ok"));
    assert_eq!(report["close"]["reasonTooLong"], json!("SyntaxError"));
}
