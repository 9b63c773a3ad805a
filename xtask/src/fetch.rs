//! Downloads a registry file over HTTP(S) (feature `net`).
//!
//! The only network code of the generator, built only with the `net` feature.
//!
//! Every way a download can go wrong ends in a [`FetchError`] that names the URL and the cause
//! in one line. Limits: a connect timeout, an overall timeout (which covers a server that
//! accepts and never answers, or stalls mid-body), a bounded number of redirects, and a cap on
//! the (decompressed) body size, so a hostile or broken server cannot hang the command or fill
//! the memory.

use std::io::Read;
use std::time::Duration;

use crate::text::one_line;

/// IANA's live copy of the registry.
pub const DEFAULT_URL: &str = "https://www.iana.org/assignments/websocket/websocket.xml";

/// How to download.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// What to download.
    pub url: String,
    /// The limit for the whole request, body included.
    pub timeout: Duration,
    /// The limit for establishing the connection.
    pub connect_timeout: Duration,
    /// The largest body accepted, after decompression. IANA's file is about 50 KB.
    pub max_bytes: u64,
    /// Redirects followed before giving up.
    pub max_redirects: usize,
}

impl FetchOptions {
    /// Defaults for `url`: 30 s overall, 10 s to connect, 4 MiB, 5 redirects.
    pub fn new(url: &str) -> FetchOptions {
        FetchOptions {
            url: url.to_owned(),
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_bytes: 4 * 1024 * 1024,
            max_redirects: 5,
        }
    }
}

/// A download that failed: the URL and the cause, shown on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    /// The URL asked for.
    pub url: String,
    /// Why it failed.
    pub cause: String,
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot download {}: {}", self.url, self.cause)
    }
}

impl std::error::Error for FetchError {}

/// Downloads `options.url` and returns the body.
pub fn fetch(options: &FetchOptions) -> Result<Vec<u8>, FetchError> {
    let fail = |cause: String| FetchError {
        url: options.url.clone(),
        cause,
    };
    let client = client(options).map_err(|err| fail(describe(&err, options)))?;
    let response = client
        .get(&options.url)
        .header(
            reqwest::header::ACCEPT,
            "application/xml, text/xml;q=0.9, */*;q=0.1",
        )
        .send()
        .map_err(|err| fail(describe(&err, options)))?;
    let status = response.status();
    if !status.is_success() {
        return Err(fail(format!(
            "the server answered HTTP {}{}",
            status.as_u16(),
            status
                .canonical_reason()
                .map(|r| format!(" {r}"))
                .unwrap_or_default()
        )));
    }
    let too_big = |announced: Option<u64>| {
        fail(match announced {
            Some(length) => format!(
                "the body is {length} bytes, over the limit of {} bytes",
                options.max_bytes
            ),
            None => format!("the body exceeds the limit of {} bytes", options.max_bytes),
        })
    };
    if let Some(length) = response.content_length() {
        if length > options.max_bytes {
            return Err(too_big(Some(length)));
        }
    }
    // Read one byte past the limit to tell "exactly at the limit" from "over it".
    let mut body = Vec::new();
    response
        .take(options.max_bytes + 1)
        .read_to_end(&mut body)
        .map_err(|err| fail(format!("reading the body failed: {}", innermost_io(&err))))?;
    if body.len() as u64 > options.max_bytes {
        return Err(too_big(None));
    }
    Ok(body)
}

fn client(options: &FetchOptions) -> reqwest::Result<reqwest::blocking::Client> {
    // reqwest is built without a bundled crypto provider (no OpenSSL, no aws-lc's C build);
    // rustls uses *ring*. Installing twice is harmless: the second call returns an error.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::blocking::Client::builder()
        .user_agent(concat!(
            "websocket-registry-xtask/",
            env!("CARGO_PKG_VERSION"),
            " (registry drift check)"
        ))
        .connect_timeout(options.connect_timeout)
        .timeout(options.timeout)
        .redirect(reqwest::redirect::Policy::limited(options.max_redirects))
        .gzip(true);
    if is_loopback(&options.url) {
        // A proxy from the environment must not intercept a local server.
        builder = builder.no_proxy();
    }
    builder.build()
}

fn is_loopback(url: &str) -> bool {
    reqwest::Url::parse(url).is_ok_and(|url| {
        matches!(
            url.host_str(),
            Some("127.0.0.1" | "localhost" | "[::1]" | "::1")
        )
    })
}

/// One line that says why, without reqwest's nested "error sending request for url (...)".
fn describe(err: &reqwest::Error, options: &FetchOptions) -> String {
    if err.is_builder() {
        return format!("not a usable URL ({})", innermost(err));
    }
    if err.is_timeout() {
        return format!(
            "timed out (no complete answer within {} s)",
            options.timeout.as_secs_f64()
        );
    }
    if err.is_redirect() {
        return format!(
            "too many redirects (more than {}; a redirect loop?)",
            options.max_redirects
        );
    }
    if let Some(io) = source_of::<std::io::Error>(err) {
        return match io.kind() {
            std::io::ErrorKind::ConnectionRefused => "connection refused".to_owned(),
            std::io::ErrorKind::TimedOut => format!(
                "timed out connecting (limit {} s)",
                options.connect_timeout.as_secs_f64()
            ),
            _ => format!("connection failed: {io}"),
        };
    }
    if err.is_connect() {
        return format!("cannot connect: {}", innermost(err));
    }
    innermost(err)
}

fn source_of<'a, T: std::error::Error + 'static>(
    err: &'a (dyn std::error::Error + 'static),
) -> Option<&'a T> {
    let mut current = Some(err);
    while let Some(e) = current {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        current = e.source();
    }
    None
}

fn innermost(err: &(dyn std::error::Error + 'static)) -> String {
    let mut current = err;
    while let Some(next) = current.source() {
        current = next;
    }
    one_line(&current.to_string())
}

fn innermost_io(err: &std::io::Error) -> String {
    match err.get_ref() {
        Some(inner) => {
            if source_of::<reqwest::Error>(inner).is_some_and(reqwest::Error::is_timeout) {
                "timed out".to_owned()
            } else {
                innermost(inner)
            }
        }
        None => one_line(&err.to_string()),
    }
}
