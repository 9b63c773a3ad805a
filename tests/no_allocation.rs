//! The header parsers and negotiation allocate nothing: counted by a global allocator that
//! this test binary installs.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use websocket_registry::{
    DeflateOffer, DeflatePolicy, DeflateResponse, Extension, PerMessageDeflate, Subprotocol,
    WindowBits,
};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: forwards the caller's layout to the system allocator unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn parsing_and_negotiating_allocate_nothing() {
    let headers = [
        "permessage-deflate; client_max_window_bits",
        "permessage-deflate",
        "permessage-deflate; server_max_window_bits=\"1\\0\"; client_no_context_takeover, x-foo; a=b",
        "permessage-deflate; =",
    ];
    let policy = DeflatePolicy::new()
        .with_server_no_context_takeover(true)
        .with_client_window_limit(WindowBits::new(10).expect("8 to 15"));
    let mut buf = [0u8; 128];
    let mut work = 0usize;
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    for header in headers {
        for offer in Extension::offers(header) {
            let Ok(offer) = offer else { break };
            for (name, value) in offer.params() {
                work += name.len() + value.map_or(0, |v| v.len() + usize::from(v == "10"));
            }
        }
        work += PerMessageDeflate::offers(header)
            .filter_map(DeflateOffer::valid)
            .count();
        // Several lines: the same header twice, and split at its commas.
        let lines: [&str; 2] = [header, header];
        work += PerMessageDeflate::offers_lines(&lines).count();
        work += usize::from(PerMessageDeflate::negotiate_lines(header.split(','), &policy).is_ok());
        work += Subprotocol::offers_lines(&lines).count();
        if let Ok(Some(response)) = PerMessageDeflate::negotiate(header, &policy) {
            let n = response.write(&mut buf).unwrap_or(0);
            let offers = [PerMessageDeflate::default()];
            let text = std::str::from_utf8(&buf[..n]).unwrap_or("");
            work += usize::from(DeflateResponse::check(text, &offers).is_ok());
            work += usize::from(DeflateResponse::check_lines(&[text, text], &offers).is_err());
        }
        work += Subprotocol::offers(header).count();
    }
    let after = ALLOCATIONS.load(Ordering::SeqCst);
    assert!(work > 0);
    assert_eq!(
        after - before,
        0,
        "allocations while parsing and negotiating"
    );
}
