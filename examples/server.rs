//! A WebSocket server and client on tokio-tungstenite that take every protocol fact from this
//! crate: which subprotocol to answer with, which close codes may be sent, and how to show a
//! received code to a person.
//!
//! ```text
//! cargo run --example server                          # serve on 127.0.0.1:9001
//! cargo run --example server -- client ws://127.0.0.1:9001/close/1013
//! cargo run --example server -- client ws://127.0.0.1:9001/ ocpp2.0.1,ocpp1.6
//! cargo run --example server -- client --reconnect ws://127.0.0.1:9001/close/1013
//! ```
//!
//! The server speaks `ocpp2.0.1` and `ocpp1.6` and picks the first of the client's offers it
//! speaks (`Subprotocol::negotiate_request`). Paths:
//!
//! - `/`: echoes text and binary messages until the client closes.
//! - `/close/{code}`: closes at once with `code` and its name as the reason
//!   (`1013 Try Again Later`). A code that may not be sent in a Close frame (1005, 1016, 5000,
//!   ...) is refused with HTTP 400 before the upgrade, with the crate's explanation.
//! - Any path when the server already has `--max-sessions` sessions open: the upgrade
//!   succeeds, then the server closes with `CloseCode::TRY_AGAIN_LATER`.
//!
//! The client prints the negotiated subprotocol and the Close frame it received, as
//! `1013 Try Again Later` plus the crate's description of the code. tungstenite 0.30 replaces
//! a received 1014 by `1002 Protocol violation` before the application sees it (its
//! `is_allowed` rejects 1014), so the client can only say so: it prints a note with that
//! 1002, and the code the server sent cannot be learnt on this stack (`CloseCode::BAD_GATEWAY`
//! says what a server can send instead). Of the WHATWG clients, Chromium, Firefox, undici and Bun show
//! 1014 as sent, WebKitGTK fails the connection (1006) and Deno too (code 0); see
//! `ClientEngine`.
//!
//! With `--reconnect`, the client connects again after each close, as the crate's advice for
//! the code says (`CloseCode::reconnect`): once after a random delay (1012 Service Restart),
//! with exponential backoff and jitter (1013 Try Again Later, 1006, ...), or not at all (1008
//! Policy Violation, 1000 Normal Closure, ...).
//!
//! `tests/server.rs` runs both halves on 127.0.0.1 for every code that is valid on the wire,
//! and `tests/browser.rs` and `tests/runtimes.rs` point headless Chromium, Firefox and
//! WebKitGTK, and undici, Deno and Bun, at the server.

// Only the library keeps to `rust-version` (1.63); this file builds with the workspace's
// own toolchain (see README: Minimum Rust).
#![allow(clippy::incompatible_msrv)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::tungstenite::handshake::client::generate_key;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::http::{self, header, HeaderValue, StatusCode};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode as TungsteniteCloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame as TungsteniteCloseFrame;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use websocket_registry::{CloseCode, ClosePayload, Reconnect, Subprotocol};

/// The subprotocols the example server speaks. The client's order of preference decides
/// between them.
pub const SPEAKS: [Subprotocol; 2] = [Subprotocol::Ocpp2_0_1, Subprotocol::Ocpp1_6];

/// How the server behaves.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// Sessions served at once; one more is closed with 1013 Try Again Later.
    pub max_sessions: usize,
}

/// What a request asks the server to do once the connection is upgraded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// Echo messages until the client closes.
    Echo,
    /// Close at once with this code (valid on the wire).
    Close(CloseCode),
}

impl Route {
    /// The route for a request path, or the reason the request is refused.
    pub fn from_path(path: &str) -> Result<Route, String> {
        if path == "/" {
            return Ok(Route::Echo);
        }
        let Some(number) = path.strip_prefix("/close/") else {
            return Err(format!("no route {path:?}: use / or /close/{{code}}"));
        };
        let code: CloseCode = number.parse().map_err(|err| format!("{path:?}: {err}"))?;
        // The same check as before every send, here so that a code that fails it is refused
        // before the upgrade rather than after it.
        check_close(code, &close_reason(code)).map_err(|err| format!("{path:?}: {err}"))?;
        Ok(Route::Close(code))
    }
}

/// The reason the server sends with `code`: the code and its name, `1013 Try Again Later`
/// or `4321 (private use)`, the same text `Display` gives.
pub fn close_reason(code: CloseCode) -> String {
    code.to_string()
}

/// Checks a Close frame with the crate: a code valid on the wire and a reason that fits in
/// a control frame. tungstenite itself would send any number.
pub fn check_close(
    code: CloseCode,
    reason: &str,
) -> Result<(), websocket_registry::EncodeCloseError> {
    ClosePayload::new(code, reason).map(|_| ())
}

/// Accepts connections on `listener` forever, one task per connection.
pub async fn serve(listener: TcpListener, config: Config) {
    let open_sessions = Arc::new(AtomicUsize::new(0));
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let open_sessions = Arc::clone(&open_sessions);
        tokio::spawn(async move {
            if let Err(err) = session(stream, config, &open_sessions).await {
                eprintln!("session ended: {}", describe_error(&err));
            }
        });
    }
}

/// One connection: the handshake (route and subprotocol), then the route.
async fn session(
    stream: TcpStream,
    config: Config,
    open_sessions: &AtomicUsize,
) -> Result<(), WsError> {
    let mut route = Route::Echo;
    // The callback's type, large error included, is tungstenite's.
    #[allow(clippy::result_large_err)]
    let answer = |request: &Request, mut response: Response| {
        route = Route::from_path(request.uri().path()).map_err(bad_request)?;
        if let Some(protocol) = Subprotocol::negotiate_request(request, |p| SPEAKS.contains(&p)) {
            // Registered identifiers are tokens, so they are valid header values.
            let value = HeaderValue::from_str(protocol.as_str()).map_err(bad_request)?;
            response
                .headers_mut()
                .insert(header::SEC_WEBSOCKET_PROTOCOL, value);
        }
        Ok(response)
    };
    let mut socket = tokio_tungstenite::accept_hdr_async(stream, answer).await?;

    let _slot = SessionSlot::take(open_sessions);
    let open = open_sessions.load(Ordering::SeqCst);
    if open > config.max_sessions {
        let reason = format!(
            "server busy: {} sessions open, limit {}",
            open - 1,
            config.max_sessions
        );
        return close_with(&mut socket, CloseCode::TRY_AGAIN_LATER, &reason).await;
    }
    match route {
        Route::Close(code) => close_with(&mut socket, code, &close_reason(code)).await,
        Route::Echo => {
            while let Some(message) = socket.next().await {
                // Echo data; tungstenite answers a Close itself, and reading on flushes the
                // answer and ends the stream.
                if let message @ (Message::Text(_) | Message::Binary(_)) = message? {
                    socket.send(message).await?;
                }
            }
            Ok(())
        }
    }
}

/// Counts a session as open for as long as it lives.
struct SessionSlot<'a>(&'a AtomicUsize);

impl<'a> SessionSlot<'a> {
    fn take(open_sessions: &'a AtomicUsize) -> Self {
        open_sessions.fetch_add(1, Ordering::SeqCst);
        SessionSlot(open_sessions)
    }
}

impl Drop for SessionSlot<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Sends a Close frame with `code` and `reason` and waits for the client's answer.
async fn close_with(
    socket: &mut tokio_tungstenite::WebSocketStream<TcpStream>,
    code: CloseCode,
    reason: &str,
) -> Result<(), WsError> {
    if let Err(err) = check_close(code, reason) {
        let err = std::io::Error::other(format!("refusing to send an invalid Close: {err}"));
        return Err(err.into());
    }
    let frame = TungsteniteCloseFrame {
        code: TungsteniteCloseCode::from(code),
        reason: reason.into(),
    };
    socket.close(Some(frame)).await?;
    // Read until the client's Close arrives and the stream ends.
    while let Some(message) = socket.next().await {
        message?;
    }
    Ok(())
}

/// A tungstenite error for a person; for a refused upgrade, the status and the server's
/// explanation from the body.
fn describe_error(err: &WsError) -> String {
    match err {
        WsError::Http(response) => format!(
            "upgrade refused: {}: {}",
            response.status(),
            String::from_utf8_lossy(response.body().as_deref().unwrap_or_default())
        ),
        err => err.to_string(),
    }
}

fn bad_request(reason: impl ToString) -> ErrorResponse {
    let mut response = http::Response::new(Some(reason.to_string()));
    *response.status_mut() = StatusCode::BAD_REQUEST;
    response
}

/// What a client saw of one session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientReport {
    /// The `Sec-WebSocket-Protocol` token the server answered with, if any.
    pub subprotocol: Option<String>,
    /// The Close frame the server sent, as tungstenite reports it: `None` for a Close
    /// without a code, or if the connection ended without a Close.
    pub close: Option<(CloseCode, String)>,
}

impl ClientReport {
    /// The report as a person reads it: the subprotocol, then the code with its name and the
    /// crate's description.
    pub fn describe(&self) -> String {
        let mut text = match &self.subprotocol {
            Some(token) => match Subprotocol::from_name(token) {
                Some(protocol) => format!("subprotocol: {protocol}\n"),
                None => format!("subprotocol: {token} (not registered with IANA)\n"),
            },
            None => "subprotocol: none\n".to_string(),
        };
        match &self.close {
            Some((code, reason)) => {
                text += &format!("closed: {code}\n");
                text += &format!("  {}\n", code.description());
                text += &format!("  reason: {reason:?}\n");
                // What tungstenite makes of a code it refuses (1014 among them): the code the
                // server sent is gone before this client sees the frame.
                if *code == CloseCode::PROTOCOL_ERROR && reason == "Protocol violation" {
                    text += "  note: tungstenite reports this for a Close frame whose code it \
                             refuses, 1014 Bad Gateway among them; the code the server sent \
                             cannot be learnt on this stack\n";
                }
            }
            None => text += "closed: no status code (reported as 1005)\n",
        }
        text
    }
}

/// Connects to `url` offering `offers` (comma-separated, or empty for none), sends one text
/// message on the echo route, and reports what the server answered and how it closed.
pub async fn run_client(url: &str, offers: &str) -> Result<ClientReport, WsError> {
    let uri: http::Uri = url
        .parse()
        .map_err(|err: http::uri::InvalidUri| http::Error::from(err))?;
    let host = uri.authority().map_or("", |authority| authority.as_str());
    let mut request = http::Request::builder()
        .uri(&uri)
        .header(header::HOST, host)
        .header(header::CONNECTION, "Upgrade")
        .header(header::UPGRADE, "websocket")
        .header(header::SEC_WEBSOCKET_VERSION, "13")
        .header(header::SEC_WEBSOCKET_KEY, generate_key());
    if !offers.is_empty() {
        request = request.header(header::SEC_WEBSOCKET_PROTOCOL, offers);
    }
    let (mut socket, response) = tokio_tungstenite::connect_async(request.body(())?).await?;
    // A response that does not select exactly one token fails the connection (RFC 6455
    // section 4.1); tungstenite itself would accept it.
    let subprotocol = match Subprotocol::selected_in_response(&response) {
        Ok(selected) => selected.map(|offer| offer.token().to_string()),
        Err(err) => {
            let _ = socket.close(None).await;
            return Err(WsError::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                err.to_string(),
            )));
        }
    };

    if uri.path() == "/" {
        socket.send(Message::text("hello")).await?;
    }
    let mut close = None;
    while let Some(message) = socket.next().await {
        match message {
            Ok(Message::Close(frame)) => {
                close = frame.map(|frame| (CloseCode::from(frame.code), frame.reason.to_string()));
            }
            Ok(Message::Text(text)) if uri.path() == "/" => {
                println!("echo: {text}");
                socket.close(None).await?;
            }
            Ok(_) => {}
            Err(WsError::ConnectionClosed) => break,
            Err(err) => return Err(err),
        }
    }
    Ok(ClientReport { subprotocol, close })
}

/// When the reconnecting client tries again.
#[derive(Clone, Copy, Debug)]
pub struct Backoff {
    /// The shortest wait. [`Reconnect::AfterDelay`] waits 1 to 6 times this (5-30 s for the
    /// 5 s default, what the hybi list advised for 1012); [`Reconnect::WithBackoff`] waits
    /// this, doubled after each attempt, up to `max_delay`, with jitter.
    pub first_delay: Duration,
    /// The longest wait.
    pub max_delay: Duration,
    /// How many connections in all, the first included.
    pub max_attempts: usize,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            first_delay: Duration::from_secs(5),
            max_delay: Duration::from_secs(300),
            max_attempts: 10,
        }
    }
}

impl Backoff {
    /// The wait before the next attempt after a close with `advice`, `None` when the client
    /// should stop. `backoffs` is how many backoff waits came before this one in a row;
    /// `jitter` is a random number in `[0, 1)`.
    pub fn next_delay(&self, advice: Reconnect, backoffs: u32, jitter: f64) -> Option<Duration> {
        let jitter = jitter.clamp(0.0, 1.0);
        match advice {
            // Spread the clients a restart sent away over 1x-6x the first delay.
            Reconnect::AfterDelay => Some(self.first_delay.mul_f64(1.0 + 5.0 * jitter)),
            // Full doubling, capped, then "equal jitter": half fixed, half random.
            Reconnect::WithBackoff => {
                let doubled = self
                    .first_delay
                    .saturating_mul(2u32.saturating_pow(backoffs.min(30)));
                let capped = doubled.min(self.max_delay);
                Some(capped.mul_f64(0.5 + 0.5 * jitter))
            }
            // No, ApplicationDefined, and whatever a later version adds: an application that
            // defines a code knows better than a generic client.
            _ => None,
        }
    }
}

/// One connection of the reconnecting client and what it did next.
#[derive(Clone, Debug, PartialEq)]
pub struct Attempt {
    /// What the client saw.
    pub report: ClientReport,
    /// The crate's advice for the code it was closed with (1005 when there was none).
    pub advice: Reconnect,
    /// How long it waited before the next attempt, or `None` when it stopped.
    pub next_delay: Option<Duration>,
}

/// Connects to `url` and, after each close, reconnects as [`CloseCode::reconnect`] advises,
/// waiting as `backoff` says; returns every attempt. A connection that cannot be made at all
/// ends the run with its error.
pub async fn run_client_reconnecting(
    url: &str,
    offers: &str,
    backoff: &Backoff,
) -> Result<Vec<Attempt>, WsError> {
    let mut attempts = Vec::new();
    let mut backoffs = 0;
    let mut random = Jitter::seeded();
    while attempts.len() < backoff.max_attempts {
        let report = run_client(url, offers).await?;
        let code = report
            .close
            .as_ref()
            .map_or(CloseCode::NO_STATUS_RECEIVED, |(code, _)| *code);
        let advice = code.reconnect();
        let last = attempts.len() + 1 == backoff.max_attempts;
        let next_delay = if last {
            None
        } else {
            backoff.next_delay(advice, backoffs, random.next())
        };
        backoffs = if advice == Reconnect::WithBackoff {
            backoffs + 1
        } else {
            0
        };
        attempts.push(Attempt {
            report,
            advice,
            next_delay,
        });
        match next_delay {
            Some(delay) => tokio::time::sleep(delay).await,
            None => break,
        }
    }
    Ok(attempts)
}

/// A small xorshift generator for jitter: no dependency, different for every run.
struct Jitter(u64);

impl Jitter {
    fn seeded() -> Jitter {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.subsec_nanos());
        Jitter(u64::from(nanos) | 1)
    }

    /// A number in `[0, 1)`.
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["client", "--reconnect", url] => reconnecting_client_main(url).await,
        ["client", url] => client_main(url, "ocpp2.0.1, ocpp1.6").await,
        ["client", url, offers] => client_main(url, offers).await,
        [] => server_main("127.0.0.1:9001", 1).await,
        ["--addr", addr] => server_main(addr, 1).await,
        ["--addr", addr, "--max-sessions", max] | ["--max-sessions", max, "--addr", addr] => {
            match max.parse() {
                Ok(max) => server_main(addr, max).await,
                Err(err) => Err(format!("--max-sessions {max:?}: {err}")),
            }
        }
        _ => Err(USAGE.to_string()),
    };
    if let Err(err) = result {
        eprintln!("error: {err}");
        std::process::exit(2);
    }
}

const USAGE: &str = "usage: server [--addr HOST:PORT] [--max-sessions N]\n       \
                     server client URL [OFFERS]\n       \
                     server client --reconnect URL";

async fn server_main(addr: &str, max_sessions: usize) -> Result<(), String> {
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|err| format!("cannot listen on {addr}: {err}"))?;
    println!(
        "listening on ws://{addr}/ (subprotocols {}, {}; at most {max_sessions} session(s))",
        SPEAKS[0], SPEAKS[1]
    );
    serve(listener, Config { max_sessions }).await;
    Ok(())
}

async fn client_main(url: &str, offers: &str) -> Result<(), String> {
    let report = run_client(url, offers)
        .await
        .map_err(|err| format!("{url}: {}", describe_error(&err)))?;
    print!("{}", report.describe());
    Ok(())
}

async fn reconnecting_client_main(url: &str) -> Result<(), String> {
    let attempts = run_client_reconnecting(url, "ocpp2.0.1, ocpp1.6", &Backoff::default())
        .await
        .map_err(|err| format!("{url}: {}", describe_error(&err)))?;
    for attempt in attempts {
        print!("{}", attempt.report.describe());
        match attempt.next_delay {
            Some(delay) => println!(
                "  advice: {}; reconnecting in {:.1} s",
                attempt.advice.description(),
                delay.as_secs_f64()
            ),
            None => println!("  advice: {}; stopping", attempt.advice.description()),
        }
    }
    Ok(())
}
