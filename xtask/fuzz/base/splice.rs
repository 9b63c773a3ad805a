//! The `generate_record` fuzz target's input format, shared with the test that replays its
//! corpus (`xtask/tests/fuzz_corpus.rs`): text spliced into `record.xml`.

/// The small registry the text is spliced into: every sub-registry present, one record in
/// those the splice reaches, none in the others.
pub const BASE: &str = include_str!("record.xml");

/// The registry file for fuzz input `text`: up to three parts separated by U+001F, spliced in
/// raw (markup and all) as the subprotocol's identifier and common name and the close code's
/// description.
pub fn registry_xml(text: &str) -> String {
    let mut parts = text.splitn(3, '\u{1f}');
    let id = parts.next().unwrap_or_default();
    let common = parts.next().unwrap_or_default();
    let description = parts.next().unwrap_or_default();
    BASE.replacen("<id>example</id>", &format!("<id>{id}</id>"), 1)
        .replacen(
            "<common>Example subprotocol</common>",
            &format!("<common>{common}</common>"),
            1,
        )
        .replacen(
            "<description>Normal Closure</description>",
            &format!("<description>{description}</description>"),
            1,
        )
}
