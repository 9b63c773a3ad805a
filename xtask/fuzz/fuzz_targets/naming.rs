//! The naming stage on arbitrary registry text: the Rust names the generator derives
//! (`xtask::naming`). The input is several texts separated by `\x1f`. Properties:
//! - every variant and constant name is a Rust identifier (not a keyword) in its case style;
//! - a name keeps the text's letters and digits, in order (case aside), behind the prefix;
//! - `deduplicate` returns one distinct name per input, in order, each its input with at most
//!   a numeric suffix, and unchanged exactly when no earlier result took it.
#![no_main]

use std::collections::BTreeSet;

use libfuzzer_sys::fuzz_target;
use xtask::naming::{const_name, deduplicate, is_screaming_snake, is_upper_camel, variant_name};

/// The text's ASCII letters and digits, lower-cased: what a name must keep.
fn alphanumerics(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|ch| ch.to_ascii_lowercase())
        .collect()
}

/// Rust's strict and reserved keywords (the Reference, "Keywords"): no identifier may be one.
const KEYWORDS: [&str; 52] = [
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// A plain (non-raw) Rust identifier: ASCII letters, digits and `_`, not starting with a
/// digit, not `_` alone, not a keyword. Written out here rather than asking `syn`, which
/// made this target ten times slower.
fn assert_identifier(name: &str) {
    let plain = !name.is_empty()
        && name != "_"
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    assert!(
        plain && !KEYWORDS.contains(&name),
        "{name:?} is no identifier"
    );
}

/// The input's texts that this target checks: the first 32, so that one input's cost stays
/// bounded (a collision needs two, a suffix chain a few).
const MAX_TEXTS: usize = 32;

/// `name`, derived from `text` with `prefix` for when it needs one, is an identifier in the
/// style `in_style` checks, and keeps the text's letters and digits.
fn assert_name(text: &str, name: &str, prefix: &str, in_style: fn(&str) -> bool) {
    assert_identifier(name);
    assert!(in_style(name), "{text:?} -> {name:?}");
    let kept = alphanumerics(name);
    let letters = alphanumerics(text);
    assert!(
        kept == letters || kept == alphanumerics(prefix) + &letters,
        "{text:?} -> {name:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let texts: Vec<&str> = text.split('\u{1f}').take(MAX_TEXTS).collect();
    let mut variants = Vec::new();
    for &text in &texts {
        let variant = variant_name(text, "Id");
        assert_name(text, &variant, "Id", is_upper_camel);
        assert_name(
            text,
            &const_name(text, "CODE_"),
            "CODE_",
            is_screaming_snake,
        );
        variants.push(variant);
    }

    let mut taken = BTreeSet::new();
    let unique = deduplicate(variants.clone(), &mut taken);
    assert_eq!(unique.len(), variants.len());
    assert_eq!(taken.len(), unique.len(), "{unique:?}");
    // A name is kept exactly when no earlier result has it already.
    let mut produced = BTreeSet::new();
    for (name, given) in unique.iter().zip(&variants) {
        let suffix = name
            .strip_prefix(given.as_str())
            .expect("the name keeps its input");
        let digits = suffix.strip_prefix('_').unwrap_or(suffix);
        assert!(
            digits.bytes().all(|b| b.is_ascii_digit()),
            "{given:?} -> {name:?}"
        );
        assert_eq!(
            suffix.is_empty(),
            !produced.contains(given),
            "{given:?} -> {name:?}"
        );
        produced.insert(name.clone());
        assert_identifier(name);
    }
});
