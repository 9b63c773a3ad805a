//! `cargo xtask fetch` and `diff --url` against servers this test starts on 127.0.0.1: every
//! way a download can fail ends with a non-zero exit, one line naming the cause and the URL,
//! and `registry/` and `generated/` unchanged byte for byte. No test touches the internet.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::time::Duration;

// ---------------------------------------------------------------------------------------------
// A throwaway checkout: the pinned fixture registry, empty curated notes, and generated/
// produced from them, so these tests do not change when registry/ is updated.

struct Checkout {
    root: PathBuf,
}

impl Checkout {
    fn new(name: &str) -> Checkout {
        let root = common::fixture_checkout(&format!("fetch-{name}"));
        let inputs = xtask::Inputs::from_workspace(&root).expect("checkout readable");
        common::generate_ok(&inputs)
            .write_atomically(&root.join("generated"))
            .expect("write generated/");
        std::fs::write(root.join("CHANGELOG.md"), CHANGELOG).expect("write CHANGELOG.md");
        Checkout { root }
    }

    /// Every file under registry/ and generated/, and CHANGELOG.md, with its bytes.
    fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        if let Ok(bytes) = std::fs::read(self.root.join("CHANGELOG.md")) {
            files.insert("CHANGELOG.md".to_owned(), bytes);
        }
        for dir in ["registry", "generated"] {
            for entry in std::fs::read_dir(self.root.join(dir)).expect("readable dir") {
                let entry = entry.expect("dir entry");
                files.insert(
                    format!("{dir}/{}", entry.file_name().to_string_lossy()),
                    std::fs::read(entry.path()).expect("readable file"),
                );
            }
        }
        files
    }

    /// A checkout whose vendored registry is one version of the history corpus, with
    /// generated/ and the name lock written from it, as `regen` leaves them.
    fn at_history_version(name: &str, file: &str) -> Checkout {
        let root = common::fixture_checkout(&format!("fetch-{name}"));
        std::fs::copy(
            common::history_file(file),
            root.join("registry/websocket.xml"),
        )
        .expect("copy the history version");
        let inputs = xtask::Inputs::from_workspace(&root).expect("checkout readable");
        common::generate_ok(&inputs)
            .write_workspace(&root)
            .expect("write generated/ and the name lock");
        std::fs::write(root.join("CHANGELOG.md"), CHANGELOG).expect("write CHANGELOG.md");
        Checkout { root }
    }

    fn changelog(&self) -> String {
        std::fs::read_to_string(self.root.join("CHANGELOG.md")).expect("CHANGELOG.md")
    }

    fn xtask(&self, args: &[&str]) -> Output {
        common::run_xtask(&self.root, args)
    }
}

/// The changelog of every throwaway checkout: `fetch` adds to its Unreleased section.
const CHANGELOG: &str = "# Changelog\n\n## [Unreleased]\n\n### Added\n- Something by hand.\n\n## 0.1.0\n\n- The first version.\n";

fn fixture_xml() -> String {
    String::from_utf8(common::fixture_inputs().xml).expect("registry is UTF-8")
}

/// The fixture with one more subprotocol.
fn xml_with_new_subprotocol() -> String {
    fixture_xml().replacen(
        "    </record>\n  </registry>\n\n  <registry id=\"version-number\">",
        "    </record>\n    <record date=\"2026-11-21\">\n      <id>example.test</id>\n      \
         <common>Example</common>\n      <definition><xref type=\"uri\" data=\"https://example.test/\"/></definition>\n      \
         <xref type=\"person\" data=\"Felix_Janetzki\"/>\n    </record>\n  </registry>\n\n  \
         <registry id=\"version-number\">",
        1,
    )
}

/// The fixture without the `camp` subprotocol.
fn xml_without_camp() -> String {
    let xml = fixture_xml();
    let id = xml.find("<id>camp</id>").expect("camp is registered");
    let start = xml[..id].rfind("    <record").expect("record start");
    let end = id + xml[id..].find("</record>\n").expect("record end") + "</record>\n".len();
    format!("{}{}", &xml[..start], &xml[end..])
}

// ---------------------------------------------------------------------------------------------
// A minimal HTTP/1.1 server: one reply per connection, then close.

enum Reply {
    /// A complete response: status line, extra headers, body (Content-Length added unless
    /// `close_delimited`).
    Http {
        status: &'static str,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        close_delimited: bool,
    },
    /// Accept, read the request, never answer.
    Hang,
}

fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
    Reply::Http {
        status: "200 OK",
        headers: vec![("Content-Type".into(), content_type.into())],
        body: body.into(),
        close_delimited: false,
    }
}

fn status(status: &'static str, body: &str) -> Reply {
    Reply::Http {
        status,
        headers: vec![("Content-Type".into(), "text/html".into())],
        body: body.as_bytes().to_vec(),
        close_delimited: false,
    }
}

struct Server {
    url: String,
    /// The request heads received.
    requests: Arc<Mutex<Vec<String>>>,
}

fn serve(reply: impl Fn(&str) -> Reply + Send + Sync + 'static) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let url = format!(
        "http://{}/assignments/websocket/websocket.xml",
        listener.local_addr().expect("local addr")
    );
    let requests = Arc::new(Mutex::new(Vec::new()));
    let (seen, reply) = (requests.clone(), Arc::new(reply));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (seen, reply) = (seen.clone(), reply.clone());
            std::thread::spawn(move || answer(stream, &seen, &*reply));
        }
    });
    Server { url, requests }
}

fn answer(stream: TcpStream, seen: &Mutex<Vec<String>>, reply: &dyn Fn(&str) -> Reply) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(&stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) if line == "\r\n" => break,
            Ok(_) => head.push_str(&line),
        }
    }
    seen.lock().expect("lock").push(head.clone());
    let mut stream = &stream;
    match reply(&head) {
        Reply::Hang => std::thread::sleep(Duration::from_secs(10)),
        Reply::Http {
            status,
            headers,
            body,
            close_delimited,
        } => {
            let mut response = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
            for (name, value) in headers {
                response.push_str(&format!("{name}: {value}\r\n"));
            }
            if !close_delimited {
                response.push_str(&format!("Content-Length: {}\r\n", body.len()));
            }
            response.push_str("\r\n");
            let _ = stream.write_all(response.as_bytes());
            let _ = stream.write_all(&body);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Assertions

fn stderr_lines(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

/// Runs `fetch` against `url` and checks the failure contract; returns the error line and
/// stdout (the change report, printed only when the download itself succeeded).
/// `code` is the exit status: 2 when `fetch` could not check, 1 when it refused the update.
fn fetch_fails(name: &str, url: &str, extra: &[&str], code: i32) -> (String, String) {
    let checkout = Checkout::new(name);
    let before = checkout.snapshot();
    let body = checkout.root.join("pr-body.md");
    let mut args = vec!["fetch", "--url", url, "--pr-body"];
    args.push(body.to_str().expect("UTF-8 path"));
    args.extend(extra);
    let output = checkout.xtask(&args);
    let lines = stderr_lines(&output);
    assert_eq!(output.status.code(), Some(code), "{name}: {lines:?}");
    assert!(
        !body.exists(),
        "{name}: no pull request body for a failed update"
    );
    assert_eq!(lines.len(), 1, "{name}: one line on stderr, got {lines:?}");
    assert!(lines[0].starts_with("error: "), "{name}: {lines:?}");
    assert!(
        lines[0].contains(url),
        "{name}: the line names the URL: {lines:?}"
    );
    assert_eq!(
        checkout.snapshot(),
        before,
        "{name}: registry/, generated/ and CHANGELOG.md must be unchanged"
    );
    eprintln!("{name}: {}", lines[0]);
    (
        lines[0].clone(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

/// [`fetch_fails`] for a download or validation failure: no report either.
fn assert_fetch_fails(name: &str, url: &str, extra: &[&str]) -> String {
    let (line, stdout) = fetch_fails(name, url, extra, 2);
    assert_eq!(stdout, "", "{name}: no report for a failed download");
    line
}

// ---------------------------------------------------------------------------------------------
// Failures

#[test]
fn connection_refused() {
    // A port that was just free: nothing listens on it.
    let port = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let url = format!("http://127.0.0.1:{port}/websocket.xml");
    let line = assert_fetch_fails("refused", &url, &[]);
    assert!(line.contains("connection refused"), "{line}");
}

#[test]
fn server_that_never_answers_times_out() {
    let server = serve(|_| Reply::Hang);
    let line = assert_fetch_fails("hang", &server.url, &["--timeout", "1"]);
    assert!(line.contains("timed out"), "{line}");
}

#[test]
fn not_found() {
    let server = serve(|_| status("404 Not Found", "<html>no</html>"));
    let line = assert_fetch_fails("404", &server.url, &[]);
    assert!(line.contains("HTTP 404 Not Found"), "{line}");
}

#[test]
fn server_error() {
    let server = serve(|_| status("500 Internal Server Error", "oops"));
    let line = assert_fetch_fails("500", &server.url, &[]);
    assert!(line.contains("HTTP 500"), "{line}");
}

#[test]
fn redirect_loop() {
    let server = serve(|_| Reply::Http {
        status: "302 Found",
        headers: vec![("Location".into(), "/elsewhere".into())],
        body: Vec::new(),
        close_delimited: false,
    });
    let line = assert_fetch_fails("redirect-loop", &server.url, &[]);
    assert!(line.contains("too many redirects"), "{line}");
    // The client gave up after its limit instead of looping for ever.
    assert!(server.requests.lock().expect("lock").len() <= 7);
}

#[test]
fn html_page() {
    let server = serve(|_| {
        ok(
            "text/html",
            "<!DOCTYPE html>\n<html><body>Please log in</body></html>",
        )
    });
    let line = assert_fetch_fails("html", &server.url, &[]);
    assert!(line.contains("HTML page"), "{line}");
}

#[test]
fn truncated_xml() {
    let xml = fixture_xml();
    let half = xml[..xml.len() / 2].to_owned();
    let server = serve(move |_| ok("application/xml", half.clone()));
    let line = assert_fetch_fails("truncated", &server.url, &[]);
    // The parser's message, positioned in the download.
    assert!(line.contains(&format!("{}:", server.url)), "{line}");
}

#[test]
fn well_formed_xml_of_another_registry() {
    let other = r#"<?xml version="1.0" encoding="UTF-8"?>
<registry xmlns="http://www.iana.org/assignments" id="http-status-codes">
  <title>HTTP Status Codes</title>
  <updated>2025-01-01</updated>
</registry>
"#;
    let server = serve(move |_| ok("application/xml", other));
    let line = assert_fetch_fails("other-registry", &server.url, &[]);
    assert!(line.contains("not the WebSocket one"), "{line}");
}

#[test]
fn well_formed_xml_that_is_no_registry() {
    let server = serve(|_| ok("application/xml", "<rss version=\"2.0\"><channel/></rss>"));
    let line = assert_fetch_fails("rss", &server.url, &[]);
    assert!(line.contains("root element is <rss>"), "{line}");
}

#[test]
fn body_over_the_size_limit_with_a_length() {
    // 5 MiB, announced: refused from the header, before the body is read.
    let server = serve(|_| ok("application/xml", vec![b' '; 5 << 20]));
    let line = assert_fetch_fails("too-big", &server.url, &[]);
    assert!(line.contains("the limit of 4194304 bytes"), "{line}");
}

#[test]
fn body_over_the_size_limit_without_a_length() {
    // 5 MiB, not announced: cut off while streaming.
    let server = serve(|_| Reply::Http {
        status: "200 OK",
        headers: vec![("Content-Type".into(), "application/xml".into())],
        body: vec![b' '; 5 << 20],
        close_delimited: true,
    });
    let line = assert_fetch_fails("too-big-stream", &server.url, &[]);
    assert!(line.contains("the limit of 4194304 bytes"), "{line}");
}

#[test]
fn gzip_bomb_is_bounded_by_the_decompressed_size() {
    // 64 MiB of spaces compress to about 64 KiB; the limit applies to what is inflated.
    let server = serve(|_| Reply::Http {
        status: "200 OK",
        headers: vec![
            ("Content-Type".into(), "application/xml".into()),
            ("Content-Encoding".into(), "gzip".into()),
        ],
        body: gzip(&vec![b' '; 64 << 20]),
        close_delimited: false,
    });
    let line = assert_fetch_fails("gzip-bomb", &server.url, &[]);
    assert!(line.contains("the limit of 4194304 bytes"), "{line}");
}

#[test]
fn diff_exits_2_when_it_cannot_check() {
    let server = serve(|_| status("404 Not Found", "no"));
    let checkout = Checkout::new("diff-404");
    let output = checkout.xtask(&["diff", "--url", &server.url]);
    assert_eq!(output.status.code(), Some(2));
    let lines = stderr_lines(&output);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains(&server.url) && lines[0].contains("404"));
}

// ---------------------------------------------------------------------------------------------
// Successes

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

#[test]
fn gzip_encoded_registry_is_fetched_and_applied() {
    let new_xml = xml_with_new_subprotocol();
    let compressed = gzip(new_xml.as_bytes());
    let server = serve(move |_| Reply::Http {
        status: "200 OK",
        headers: vec![
            ("Content-Type".into(), "application/xml".into()),
            ("Content-Encoding".into(), "gzip".into()),
        ],
        body: compressed.clone(),
        close_delimited: false,
    });
    let checkout = Checkout::new("gzip");
    let output = checkout.xtask(&["fetch", "--url", &server.url]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let head = server.requests.lock().expect("lock")[0].to_ascii_lowercase();
    assert!(head.contains("accept-encoding: gzip"), "{head}");
    // The report, then the files: the registry is the decompressed bytes, generated/ fresh.
    assert!(stdout.contains("+ example.test: Example"), "{stdout}");
    assert!(stdout.contains("release: minor"), "{stdout}");
    assert_eq!(
        std::fs::read(checkout.root.join("registry/websocket.xml")).expect("registry"),
        new_xml.as_bytes()
    );
    let check = checkout.xtask(&["check"]);
    assert!(check.status.success(), "generated/ is fresh after fetch");
    let subprotocols =
        std::fs::read_to_string(checkout.root.join("generated/subprotocols.rs")).expect("read");
    assert!(subprotocols.contains("ExampleTest"));

    // Fetching the same again changes nothing.
    let before = checkout.snapshot();
    let again = checkout.xtask(&["fetch", "--url", &server.url]);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("No change"));
    assert_eq!(checkout.snapshot(), before);
}

#[test]
fn removals_are_refused_unless_allowed() {
    let smaller = xml_without_camp();
    let server = serve(move |_| ok("application/xml", smaller.clone()));
    let (line, report) = fetch_fails("removal", &server.url, &[], 1);
    assert!(
        line.contains("refusing") && line.contains("subprotocol-name camp"),
        "{line}"
    );
    assert!(
        report.contains("- camp"),
        "the report shows what would go: {report}"
    );

    let checkout = Checkout::new("removal-allowed");
    let output = checkout.xtask(&["fetch", "--url", &server.url, "--allow-removals"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("- camp"));
    assert!(checkout.xtask(&["check"]).status.success());
}

#[test]
fn diff_url_exit_codes_and_json() {
    let checkout = Checkout::new("diff-url");
    let same = fixture_xml();
    let server = serve(move |_| ok("application/xml", same.clone()));
    let output = checkout.xtask(&["diff", "--url", &server.url]);
    assert_eq!(output.status.code(), Some(0));

    let changed = xml_with_new_subprotocol();
    let server = serve(move |_| ok("application/xml", changed.clone()));
    let before = checkout.snapshot();
    let output = checkout.xtask(&["diff", "--url", &server.url, "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    assert_eq!(report["identical"], false);
    assert_eq!(report["release"]["kind"], "minor");
    assert_eq!(report["new"]["source"], server.url.as_str());
    let subprotocols = &report["sub_registries"][1];
    assert_eq!(subprotocols["id"], "subprotocol-name");
    assert_eq!(subprotocols["added"][0]["key"], "example.test");
    assert_eq!(checkout.snapshot(), before, "diff writes nothing");
}

// ---------------------------------------------------------------------------------------------
// The bot's pull request: `fetch --pr-body` on real updates from the history corpus

/// Serves history version `file` and runs `fetch --pr-body` on `checkout`; returns the body
/// (with the server's port replaced by `PORT`) and stderr.
fn fetch_with_pr_body(checkout: &Checkout, file: &str) -> (Option<String>, String) {
    let xml = std::fs::read(common::history_file(file)).expect("history version");
    let server = serve(move |_| ok("application/xml", xml.clone()));
    let body_path = checkout.root.join("pr-body.md");
    let _ = std::fs::remove_file(&body_path);
    let output = checkout.xtask(&[
        "fetch",
        "--url",
        &server.url,
        "--pr-body",
        body_path.to_str().expect("UTF-8 path"),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let port = server
        .url
        .split(':')
        .nth(2)
        .and_then(|rest| rest.split('/').next());
    let body = std::fs::read_to_string(&body_path)
        .ok()
        .map(|body| body.replace(port.expect("port in the URL"), "PORT"));
    (body, stderr)
}

fn assert_has_lines(text: &str, lines: &[&str]) {
    for line in lines {
        assert!(
            text.lines().any(|l| l == *line),
            "missing line {line:?} in:\n{text}"
        );
    }
}

#[test]
fn pr_body_and_changelog_for_the_redfish_rename() {
    let checkout = Checkout::at_history_version("pr-redfish", "2023-08-08-2eb916101e40.xml");
    let (body, stderr) = fetch_with_pr_body(&checkout, "2023-08-14-5f54b4938978.xml");
    let body = body.expect("a body is written for a changed registry");
    assert!(stderr.contains("(pull request body)"), "{stderr}");
    assert!(
        stderr.contains("wrote CHANGELOG.md (Unreleased)"),
        "{stderr}"
    );
    assert_has_lines(
        &body,
        &[
            "## IANA's WebSocket registry of `2023-08-14`",
            "| vendored (old) | `2023-08-08` | `registry/websocket.xml` |",
            "| IANA's (new) | `2023-08-14` | `http://127.0.0.1:PORT/assignments/websocket/websocket.xml` |",
            "### Release: minor",
            "#### `subprotocol-name` (`WebSocket Subprotocol Name Registry`): 1 changed",
            "- Changed `Redfish WebSocket` -> `Redfish`",
            "  - `id`: `Redfish WebSocket` -> `Redfish`",
            "  - `updated`: (none) -> `2023-08-14`",
            "#### `people` (`People`): 1 changed",
            "- Changed `DMTF_Administration`",
            "  - `updated`: `2023-08-08` -> `2023-08-14`",
            "- `subprotocols::Subprotocol::Redfish`",
            "Removed: none.",
            "- `subprotocols::Subprotocol::RedfishWebSocket`: `` renamed: IANA renamed `Redfish WebSocket` \
             to `Redfish` (registry of 2023-08-14); use `Subprotocol::Redfish` ``",
        ],
    );
    assert!(
        body.contains("Minor release (new public items; at 0.x bump the patch number, it is additive): the generated code gains 1 public item and loses none."),
        "{body}"
    );
    // The checkout holds the update: the registry is IANA's new file, generated/ is fresh.
    assert_eq!(
        std::fs::read(checkout.root.join("registry/websocket.xml")).expect("registry"),
        std::fs::read(common::history_file("2023-08-14-5f54b4938978.xml")).expect("history")
    );
    assert!(checkout.xtask(&["check"]).status.success());
    assert_eq!(
        checkout.changelog(),
        "# Changelog\n\n## [Unreleased]\n\n\
         ### Changed\n\
         - The registry is IANA's version of `2023-08-14` (was `2023-08-08`); a minor release: \
         the generated code gains 1 public item and loses none.\n\
         \x20 - `subprotocol-name`: changed `Redfish WebSocket` -> `Redfish` (id, updated).\n\
         \x20 - Added `subprotocols::Subprotocol::Redfish`.\n\
         \x20 - Deprecated `subprotocols::Subprotocol::RedfishWebSocket`: `` renamed: IANA renamed \
         `Redfish WebSocket` to `Redfish` (registry of 2023-08-14); use `Subprotocol::Redfish` ``.\n\
         \n### Added\n- Something by hand.\n\n## 0.1.0\n\n- The first version.\n"
    );

    // The same registry again: nothing to propose, and nothing is written.
    let before = checkout.snapshot();
    let (body, stderr) = fetch_with_pr_body(&checkout, "2023-08-14-5f54b4938978.xml");
    assert_eq!(body, None, "no body when nothing changed");
    assert!(
        stderr.contains("no change: no pull request body written to"),
        "{stderr}"
    );
    assert_eq!(checkout.snapshot(), before);
}

#[test]
fn pr_body_and_changelog_for_a_new_subprotocol() {
    let checkout = Checkout::at_history_version("pr-webrepl", "2025-10-21-f807e003605f.xml");
    let (body, _) = fetch_with_pr_body(&checkout, "2025-12-13-f73f53437098.xml");
    let body = body.expect("a body is written for a changed registry");
    assert_has_lines(
        &body,
        &[
            "## IANA's WebSocket registry of `2025-12-13`",
            "| vendored (old) | `2025-10-21` | `registry/websocket.xml` |",
            "### Release: minor",
            "#### `subprotocol-name` (`WebSocket Subprotocol Name Registry`): 1 added",
            "- Added `WebREPL.binary.v1: WebREPL Binary Protocol (registered 2025-12-13)`",
            "  - `id`: `WebREPL.binary.v1`",
            "  - `common name`: `WebREPL Binary Protocol`",
            "#### `people` (`People`): 1 added",
            "- `subprotocols::Subprotocol::WebReplBinaryV1`",
            "Removed: none.",
            "Deprecated aliases created: none.",
        ],
    );
    let changelog = checkout.changelog();
    assert_has_lines(
        &changelog,
        &[
            "- The registry is IANA's version of `2025-12-13` (was `2025-10-21`); a minor release: \
             the generated code gains 1 public item and loses none.",
            "  - `subprotocol-name`: added `WebREPL.binary.v1`.",
            "  - Added `subprotocols::Subprotocol::WebReplBinaryV1`.",
        ],
    );
    assert!(
        !changelog.contains("people"),
        "contacts are not a crate change: {changelog}"
    );
}
