//! `Sec-WebSocket-Version` values (RFC 6455 section 4.1: `1*DIGIT`, 0-255, no leading zero)
//! on arbitrary bytes, against a model written with the standard library, and the round trip
//! through `Display`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use websocket_registry::Version;

/// The grammar, stated independently: ASCII digits only, "0" or no leading zero, at most 255.
fn model(value: &[u8]) -> Option<u8> {
    let text = std::str::from_utf8(value).ok()?;
    let digits_only = !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit());
    let leading_zero = text.len() > 1 && text.starts_with('0');
    if !digits_only || leading_zero {
        return None;
    }
    text.parse::<u8>().ok()
}

fuzz_target!(|data: &[u8]| {
    let parsed = Version::parse(data);
    assert_eq!(parsed.map(Version::as_u8), model(data));
    if let Ok(text) = std::str::from_utf8(data) {
        assert_eq!(text.parse::<Version>().ok(), parsed);
    }
    if let Some(version) = parsed {
        assert_eq!(version.to_string().as_bytes(), data);
        // 9-12 are listed without a status; a status is only ever given to a listed version.
        assert!(version.status().is_none() || version.is_registered());
    }
});
