//! The floor the extension benchmarks compare with (`benches/extensions.rs`,
//! `benches/instructions.rs`).

/// The floor: a byte loop that only recognises the exact tokens permessage-deflate offers
/// use and checks nothing (no grammar, no values, no repeats). No correct parser can be
/// faster; the ratio to it says what the checks cost. It counts the `permessage-deflate`
/// elements and the parameter names it knows.
pub fn exact_token_floor(header: &str) -> usize {
    const NAMES: [&[u8]; 5] = [
        b"permessage-deflate",
        b"server_no_context_takeover",
        b"client_no_context_takeover",
        b"server_max_window_bits",
        b"client_max_window_bits",
    ];
    // At each position: one of the names, skipped whole, or any other byte, skipped alone.
    let mut rest = header.as_bytes();
    let mut known = 0;
    while !rest.is_empty() {
        match NAMES.iter().find(|name| rest.starts_with(name)) {
            Some(name) => {
                known += 1;
                rest = &rest[name.len()..];
            }
            None => rest = &rest[1..],
        }
    }
    known
}
