//! Rustdoc text for generated items.
//!
//! Registry text is data: it reaches the generated source only inside string literals (doc
//! attributes and `&str` constants), which `proc_macro2` escapes, so no registry text can
//! become Rust tokens. What remains is Markdown: text is escaped so that IANA's words render as
//! written (a `<`, `*` or `[` in a description stays a character, not markup).

use std::collections::BTreeMap;

use super::refs::{resolve, Resolved};
use crate::model::{Inline, Person, RecordMeta, Reference, RichText};

/// Escapes `text` so that Markdown shows it literally.
pub fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            // Inline markup. Block markup (`#`, `-`, `1.` at the start of a line) cannot
            // occur: registry text never starts a doc line, and has no line breaks.
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            // Line breaks and other control characters would end the doc line or hide text.
            ch if ch.is_control() => out.push_str(&format!("\\u{{{:04x}}}", ch as u32)),
            // Bidirectional overrides and isolates could make the rendered text lie about
            // its order; show them as escapes.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' => {
                out.push_str(&format!("\\u{{{:04x}}}", ch as u32))
            }
            ch => out.push(ch),
        }
    }
    out
}

/// An inline-code span showing `text` exactly (wire identifiers).
pub fn code(text: &str) -> String {
    if text.chars().any(|ch| ch.is_control() || ch == '`') {
        // Backticks or control characters cannot sit safely in a code span.
        return md(text);
    }
    format!("`{text}`")
}

/// A URL as a Markdown link destination.
fn url_destination(url: &str) -> String {
    let mut out = String::new();
    for ch in url.chars() {
        if ch.is_ascii_graphic() && !matches!(ch, '<' | '>' | '\\' | '`' | '(' | ')' | '"') {
            out.push(ch);
        } else {
            let mut buf = [0u8; 4];
            for byte in ch.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// A reference as Markdown: a link when it has a URL.
pub fn reference(reference: &Reference, people: &BTreeMap<String, Person>) -> String {
    let Resolved { text, url, .. } = resolve(reference, people);
    match url {
        Some(url) => format!("[{}]({})", md(&text), url_destination(&url)),
        None => md(&text),
    }
}

/// A list of references as Markdown, comma-separated.
pub fn references<'a>(
    references: impl IntoIterator<Item = &'a Reference>,
    people: &BTreeMap<String, Person>,
) -> String {
    references
        .into_iter()
        .map(|r| reference(r, people))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Text with references, as Markdown.
pub fn rich(text: &RichText, people: &BTreeMap<String, Person>) -> String {
    join_inlines(text, |inline| match inline {
        Inline::Text(text) => md(text),
        Inline::Ref(r) => reference(r, people),
    })
}

/// Text with references, as plain text (for `&str` constants).
pub fn plain(text: &RichText, people: &BTreeMap<String, Person>) -> String {
    join_inlines(text, |inline| match inline {
        Inline::Text(text) => text.clone(),
        Inline::Ref(r) => {
            let Resolved { text, url, .. } = resolve(r, people);
            match url {
                Some(url) if url != text => format!("{text} <{url}>"),
                _ => text,
            }
        }
    })
}

/// Joins pieces, putting a space between two pieces that would otherwise touch.
fn join_inlines(text: &RichText, render: impl Fn(&Inline) -> String) -> String {
    let mut out = String::new();
    for inline in &text.0 {
        let piece = render(inline);
        let touching =
            !out.is_empty() && !out.ends_with(' ') && !piece.starts_with([' ', ',', '.', ';', ':']);
        if touching {
            out.push(' ');
        }
        out.push_str(&piece);
    }
    out.trim().to_owned()
}

/// "Registered 2012-07-10, updated 2026-01-12." or "" when the record has no dates.
pub fn dates(meta: &RecordMeta) -> String {
    match (&meta.date, &meta.updated) {
        (Some(date), Some(updated)) => format!("Registered {date}, updated {updated}."),
        (Some(date), None) => format!("Registered {date}."),
        (None, Some(updated)) => format!("Updated {updated}."),
        (None, None) => String::new(),
    }
}

/// `#[doc = " line"]` attributes, one per line, which `prettyplease` prints as `///` lines.
pub fn attrs(text: &str) -> proc_macro2::TokenStream {
    let lines = text.split('\n').map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote::quote!(#[doc = #line])
    });
    quote::quote!(#(#lines)*)
}

/// `#![doc = " line"]` attributes, one per line (`//!` lines).
pub fn inner_attrs(text: &str) -> proc_macro2::TokenStream {
    let lines = text.split('\n').map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote::quote!(#![doc = #line])
    });
    quote::quote!(#(#lines)*)
}

/// The closing line of an item's docs: "Reference: ... Contact: ... Change controller: ...
/// Registered ..., updated ...", leaving out what the record does not have.
pub fn facts(
    references: &[Reference],
    contact: &[Reference],
    controller: Option<&RichText>,
    meta: &RecordMeta,
    people: &BTreeMap<String, Person>,
) -> String {
    let mut facts = Vec::new();
    if !references.is_empty() {
        facts.push(format!(
            "Reference: {}.",
            self::references(references, people)
        ));
    }
    if !contact.is_empty() {
        facts.push(format!("Contact: {}.", self::references(contact, people)));
    }
    if let Some(controller) = controller {
        facts.push(format!("Change controller: {}.", rich(controller, people)));
    }
    facts.push(dates(meta));
    facts.retain(|fact| !fact.is_empty());
    facts.join(" ")
}

/// Builds doc text from paragraphs, dropping empty ones.
pub fn paragraphs<I: IntoIterator<Item = String>>(parts: I) -> String {
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_and_control_characters_stay_text() {
        assert_eq!(md("a*b"), "a\\*b");
        assert_eq!(md("x\ny"), "x\\u{000a}y");
        assert_eq!(md("\u{202e}"), "\\u{202e}");
        assert_eq!(code("v1.usp"), "`v1.usp`");
        assert_eq!(code("a`b"), "a\\`b");
    }

    #[test]
    fn urls_are_percent_encoded_where_markdown_would_break() {
        assert_eq!(url_destination("http://x/a b(c)"), "http://x/a%20b%28c%29");
    }
}
