//! The README's permessage-deflate example is the code `benches/support/readme_example.rs`
//! times: its lines appear in README.md in the same order, and it answers every engine's offer
//! as the fastest path (`negotiate` + `write`) does.

#[path = "../benches/support/readme_example.rs"]
mod readme_example;

use websocket_registry::{DeflatePolicy, PerMessageDeflate};

fn timed_lines() -> Vec<String> {
    let source = include_str!("../benches/support/readme_example.rs");
    let start = source.find("// README begin").expect("a begin marker");
    let end = source.find("// README end").expect("an end marker");
    source[start..end]
        .lines()
        .skip(1)
        .map(|line| line.trim().to_owned())
        .filter(|line| !line.is_empty())
        .collect()
}

#[test]
fn the_readme_has_the_timed_lines_in_order() {
    let readme: Vec<&str> = include_str!("../README.md")
        .lines()
        .map(str::trim)
        .collect();
    let lines = timed_lines();
    assert_eq!(lines.len(), 3, "{lines:?}");
    let found = readme
        .windows(lines.len())
        .any(|window| window.iter().zip(&lines).all(|(a, b)| a == b));
    assert!(
        found,
        "README.md no longer has these lines in a row:\n{}",
        lines.join("\n")
    );
}

#[test]
fn the_readme_example_answers_as_the_fastest_path() {
    for offer in [
        "permessage-deflate; client_max_window_bits",
        "permessage-deflate",
        "x-webkit-deflate-frame, permessage-deflate; server_max_window_bits=10",
    ] {
        let response = PerMessageDeflate::negotiate(offer, &DeflatePolicy::new())
            .unwrap()
            .unwrap();
        let mut buf = [0u8; 128];
        let fastest = response.write(&mut buf).unwrap();
        assert_eq!(
            readme_example::readme_example(offer.as_bytes()).unwrap(),
            fastest,
            "{offer}"
        );
    }
}
