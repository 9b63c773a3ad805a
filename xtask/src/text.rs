//! Text normalisation shared by the parser and the emitters.

/// Collapses every run of XML whitespace (space, tab, CR, LF) into one space and trims both
/// ends: IANA wraps long descriptions over several indented lines.
pub fn normalize(text: &str) -> String {
    text.split(is_xml_space)
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Like [`normalize`] but keeps one leading and one trailing space if the text had any: used
/// for text pieces between references, where the boundary space matters.
pub fn normalize_inner(text: &str) -> String {
    let core = normalize(text);
    if core.is_empty() {
        return if text.is_empty() {
            String::new()
        } else {
            " ".to_owned()
        };
    }
    let lead = if text.starts_with(is_xml_space) {
        " "
    } else {
        ""
    };
    let trail = if text.ends_with(is_xml_space) {
        " "
    } else {
        ""
    };
    format!("{lead}{core}{trail}")
}

/// XML's definition of white space.
pub fn is_xml_space(ch: char) -> bool {
    matches!(ch, ' ' | '\t' | '\r' | '\n')
}

/// Unicode's bidirectional formatting characters (embeddings, overrides, isolates, marks).
/// Registry text is never allowed to carry them raw into output: rustc rejects them in
/// literals and comments, and they make text display in an order other than its own.
pub fn is_bidi_control(ch: char) -> bool {
    matches!(
        ch,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
    )
}

/// `text` on one line: every run of white space (line breaks included) becomes one space.
/// Error messages pass through it, because they quote library and registry text that may
/// contain line breaks, and each error is promised to be one line.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Registry text for a terminal: control characters and bidirectional overrides (which could
/// make a report line read differently from what it says) are shown as `\u{...}` escapes.
pub fn printable(text: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_control() || is_bidi_control(ch) {
            let _ = write!(out, "\\u{{{:x}}}", ch as u32);
        } else {
            out.push(ch);
        }
    }
    out
}

/// `text` with its first letter in upper case: `minor release` -> `Minor release`.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `text` as one Markdown code span: [`printable`] (so it stays on one line and reads as it
/// is), fenced by one more backtick than its longest run of backticks, and padded with a space
/// where it starts or ends with a backtick. Registry text goes into pull request bodies and
/// the changelog this way, so that nothing in it is read as Markdown, HTML or a mention.
pub fn markdown_code(text: &str) -> String {
    let text = printable(text);
    if text.is_empty() {
        // "``" would be two literal backticks; a code span of one space shows an empty value.
        return "` `".to_owned();
    }
    let mut longest = 0;
    let mut run = 0;
    for ch in text.chars() {
        run = if ch == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_multiline_descriptions() {
        assert_eq!(
            normalize("The server was acting\n        as a gateway.  "),
            "The server was acting as a gateway."
        );
        assert_eq!(normalize(" \n\t "), "");
    }

    #[test]
    fn capitalized_raises_the_first_letter_only() {
        assert_eq!(capitalized("minor release (new)"), "Minor release (new)");
        assert_eq!(capitalized("épée"), "Épée");
        assert_eq!(capitalized("ß"), "SS");
        assert_eq!(capitalized(""), "");
    }

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(markdown_code("camp"), "`camp`");
        assert_eq!(markdown_code("a`b"), "``a`b``");
        assert_eq!(markdown_code("``x"), "``` ``x ```");
        assert_eq!(markdown_code("x`"), "`` x` ``");
        assert_eq!(markdown_code("@team <b>"), "`@team <b>`");
        assert_eq!(
            markdown_code("two\nlines\u{202e}"),
            "`two\\u{a}lines\\u{202e}`"
        );
        assert_eq!(markdown_code(""), "` `");
    }

    #[test]
    fn keeps_boundary_spaces_for_inline_text() {
        assert_eq!(normalize_inner("  (page 9)\n"), " (page 9) ");
        assert_eq!(normalize_inner("(page 9)"), "(page 9)");
        assert_eq!(normalize_inner("\n"), " ");
        assert_eq!(normalize_inner(""), "");
    }
}
