//! Rustdoc text for generated items.
//!
//! Registry text is data: it reaches the generated source only inside string literals (doc
//! attributes and `&str` constants), which `proc_macro2` escapes, so no registry text can
//! become Rust tokens. What remains is Markdown: text is escaped so that IANA's words render as
//! written (a `<`, `*` or `[` in a description stays a character, not markup).

use std::collections::BTreeMap;

use super::refs::{resolve, Resolved};
use crate::model::{Inline, Person, RecordMeta, RefKind, Reference, RichText};
use crate::text::is_bidi_control;

/// Escapes `text` so that Markdown shows it literally. A web address in the text becomes an
/// autolink (`<https://...>`): rustdoc rejects bare URLs (`rustdoc::bare_urls`), and inside
/// an autolink nothing is markup, so the address is shown exactly.
pub fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(url) = url_at_start(rest, out.chars().last()) {
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        let mut chars = rest.chars();
        let Some(ch) = chars.next() else { break };
        rest = chars.as_str();
        escape_char(ch, &mut out);
    }
    out
}

/// Escapes `text` so that Markdown shows it literally, without turning addresses into links
/// (for the text of a link, which must not hold another link).
fn md_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        escape_char(ch, &mut out);
    }
    out
}

fn escape_char(ch: char, out: &mut String) {
    match ch {
        // Inline markup. Block markup (`#`, `-`, `1.` at the start of a line) cannot occur:
        // registry text never starts a doc line, and has no line breaks.
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' => {
            out.push('\\');
            out.push(ch);
        }
        // Line breaks and other control characters would end the doc line or hide text.
        ch if ch.is_control() => out.push_str(&format!("\\u{{{:04x}}}", ch as u32)),
        // Bidirectional overrides and isolates could make the rendered text lie about its
        // order; show them as escapes.
        ch if is_bidi_control(ch) => out.push_str(&format!("\\u{{{:04x}}}", ch as u32)),
        ch => out.push(ch),
    }
}

/// The web address `text` starts with, if any: `http://` or `https://` (at a word start),
/// up to whitespace or a character an autolink cannot hold, without trailing punctuation.
fn url_at_start(text: &str, previous: Option<char>) -> Option<&str> {
    if previous.is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let scheme_len = ["https://", "http://"]
        .iter()
        .find(|scheme| {
            text.get(..scheme.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
        })?
        .len();
    let end = text
        .char_indices()
        .find(|&(_, c)| {
            c.is_whitespace()
                || c.is_control()
                || is_bidi_control(c)
                || matches!(c, '<' | '>' | '"' | '`' | '\\')
        })
        .map_or(text.len(), |(i, _)| i);
    let mut url = &text[..end];
    // "see https://example.org/x." ends the sentence, not the address.
    while let Some(last) = url.chars().last() {
        let unbalanced_paren = last == ')' && url.matches('(').count() < url.matches(')').count();
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'') || unbalanced_paren {
            url = &url[..url.len() - last.len_utf8()];
        } else {
            break;
        }
    }
    (url.len() > scheme_len).then_some(url)
}

/// An inline-code span showing `text` exactly (wire identifiers).
pub fn code(text: &str) -> String {
    if text
        .chars()
        .any(|ch| ch.is_control() || is_bidi_control(ch) || ch == '`')
    {
        // Backticks, control and bidi characters cannot sit safely in a code span.
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

/// A reference as Markdown: a link when it has a URL. A URI that is not a web address
/// (`javascript:...`, or one with spaces) is shown as code, never as a link.
pub fn reference(reference: &Reference, people: &BTreeMap<String, Person>) -> String {
    let Resolved { kind, text, url } = resolve(reference, people);
    match url {
        Some(url) => format!("[{}]({})", md_plain(&text), url_destination(&url)),
        None if kind == RefKind::Uri && text == reference.data => code(&text),
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

/// A doctest block for a type's docs: `code` lines between fences, after a blank line, or
/// nothing for a registry with no record to show.
pub fn example(code: Option<Vec<String>>) -> String {
    match code {
        Some(lines) => format!("\n\n```\n{}\n```", lines.join("\n")),
        None => String::new(),
    }
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
        assert_eq!(code("x\u{202e}y"), "x\\u{202e}y");
    }

    #[test]
    fn addresses_in_text_become_autolinks_shown_exactly() {
        assert_eq!(
            md("see https://a.test/x_y*z. Or HTTP://b.test/(c)), and more"),
            "see <https://a.test/x_y*z>. Or <HTTP://b.test/(c)>), and more"
        );
        // Not at a word start, no host, or stopped by a character an autolink cannot hold.
        assert_eq!(md("xhttp://a.test"), "xhttp://a.test");
        assert_eq!(md("http:// x"), "http:// x");
        assert_eq!(md("http://a.test/<b>"), "<http://a.test/>\\<b\\>");
        assert_eq!(md("javascript:alert(1)"), "javascript:alert(1)");
    }

    #[test]
    fn urls_are_percent_encoded_where_markdown_would_break() {
        assert_eq!(url_destination("http://x/a b(c)"), "http://x/a%20b%28c%29");
    }
}
