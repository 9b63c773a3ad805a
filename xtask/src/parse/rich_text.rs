//! Text with references inside it, plain text, and refusing text where none belongs.

use super::fields::truncate;
use super::Parser;
use crate::error::Result;
use crate::model::*;
use crate::text::{normalize, normalize_inner};
use crate::xml::{Element, Node};

impl Parser {
    /// Text with interleaved `<xref>`s.
    pub(super) fn rich_text(&self, element: &Element) -> Result<RichText> {
        let mut inlines = Vec::new();
        for node in &element.children {
            match node {
                Node::Text(text) => {
                    let text = normalize_inner(text);
                    if !text.is_empty() {
                        inlines.push(Inline::Text(text));
                    }
                }
                Node::Element(child) if child.name == "xref" => {
                    inlines.push(Inline::Ref(self.reference(child)?));
                }
                Node::Element(child) => {
                    return Err(self.err(
                        child.pos,
                        format!(
                            "unexpected <{}> in <{}>; expected text and <xref>",
                            child.name, element.name
                        ),
                    ))
                }
            }
        }
        // Trim the outer edges and drop pieces that were only white space there.
        if let Some(Inline::Text(first)) = inlines.first_mut() {
            *first = first.trim_start().to_owned();
        }
        if let Some(Inline::Text(last)) = inlines.last_mut() {
            *last = last.trim_end().to_owned();
        }
        inlines.retain(
            |inline| !matches!(inline, Inline::Text(text) if text.is_empty() || text == " "),
        );
        Ok(RichText(inlines))
    }

    /// An element that may hold only text.
    pub(super) fn plain_text(&self, element: &Element) -> Result<String> {
        if let Some(child) = element.elements().next() {
            return Err(self.err(
                child.pos,
                format!(
                    "unexpected <{}> inside <{}>; expected text only",
                    child.name, element.name
                ),
            ));
        }
        Ok(normalize(&element.direct_text()))
    }

    /// An element that may hold only `<xref>`s (such as `<contact>`).
    pub(super) fn references_in(&self, element: &Element) -> Result<Vec<Reference>> {
        self.no_loose_text(element, &format!("<{}>", element.name))?;
        element
            .elements()
            .map(|child| {
                if child.name == "xref" {
                    self.reference(child)
                } else {
                    Err(self.err(
                        child.pos,
                        format!(
                            "unexpected <{}> in <{}>; expected <xref>",
                            child.name, element.name
                        ),
                    ))
                }
            })
            .collect()
    }

    pub(super) fn no_loose_text(&self, element: &Element, what: &str) -> Result<()> {
        match element.children.iter().find_map(|node| match node {
            Node::Text(text) if !normalize(text).is_empty() => Some(text),
            _ => None,
        }) {
            Some(text) => Err(self.err(
                element.pos,
                format!(
                    "{what} contains loose text {:?}; expected only elements",
                    truncate(&normalize(text), 60)
                ),
            )),
            None => Ok(()),
        }
    }
}

/// The text of `element` and everything inside it, whitespace-normalised; a reference
/// without text counts as its `data` attribute (an RFC number, a person's id).
pub(super) fn text_content(element: &Element) -> String {
    fn collect(element: &Element, out: &mut String) {
        if element.name == "xref" && normalize(&element.direct_text()).is_empty() {
            out.push(' ');
            out.push_str(element.attr("data").unwrap_or_default());
            out.push(' ');
            return;
        }
        for node in &element.children {
            match node {
                Node::Text(text) => out.push_str(text),
                Node::Element(child) => collect(child, out),
            }
        }
    }
    let mut out = String::new();
    collect(element, &mut out);
    normalize(&out)
}
