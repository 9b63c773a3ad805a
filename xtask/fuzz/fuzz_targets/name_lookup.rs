//! The perfect-hash lookups against a linear search over `ALL`: `Subprotocol::from_name` and
//! `Extension::from_name` on arbitrary strings (a differential target). The dictionary holds
//! every registered identifier, so the fuzzer also tries near misses: a name with a byte
//! changed, a prefix, a name with another's hash.
#![no_main]

use libfuzzer_sys::fuzz_target;
use websocket_registry::{Extension, Subprotocol};

fuzz_target!(|data: &[u8]| {
    let Ok(name) = std::str::from_utf8(data) else {
        return;
    };
    let linear = Subprotocol::ALL
        .iter()
        .copied()
        .find(|p| p.as_str() == name);
    assert_eq!(Subprotocol::from_name(name), linear, "{name:?}");
    let linear = Extension::ALL.iter().copied().find(|e| e.as_str() == name);
    assert_eq!(Extension::from_name(name), linear, "{name:?}");
});
