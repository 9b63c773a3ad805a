//! The README's permessage-deflate example, line for line, as a function the benchmarks time
//! next to the fastest path (`tests/readme_example.rs` fails when README.md no longer has
//! these lines, so that the example and its measurement cannot drift apart).

use websocket_registry::{DeflatePolicy, DeflateResponse, PerMessageDeflate};

/// The README's lines on `offer`: the length of the response written.
pub fn readme_example(offer: &[u8]) -> Result<usize, Box<dyn std::error::Error>> {
    // README begin
    let response = PerMessageDeflate::negotiate(offer, &DeflatePolicy::new())?.expect("acceptable");
    let mut buf = [0u8; DeflateResponse::MAX_LEN];
    let len = response.write(&mut buf)?;
    // README end
    Ok(len)
}
