//! Stage 1: bytes -> a small positioned element tree.
//!
//! The registry is small (tens of kilobytes), so a tree is simpler to validate than a stream.
//! This layer knows nothing about IANA: it turns XML into elements, attributes and text with
//! their line and column, resolves the five predefined entities and character references, and
//! refuses everything that could make parsing unbounded: DTD-declared entities are never
//! expanded (an unknown entity reference is an error, so "billion laughs" cannot start), nesting
//! deeper than [`MAX_DEPTH`] is an error, and so is input larger than [`MAX_INPUT_BYTES`].

use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::error::{Error, Pos, Result};

/// Deepest element nesting accepted. IANA's file nests five deep.
pub const MAX_DEPTH: usize = 64;

/// Largest input accepted, in bytes. IANA's file is about 43 kB.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// An XML element with its position, attributes (in document order) and children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// The qualified name as written (`registry`, `xref`, ...).
    pub name: String,
    /// Attributes in document order, values unescaped.
    pub attrs: Vec<(String, String)>,
    /// Child elements and text, in document order.
    pub children: Vec<Node>,
    /// Where the start tag begins.
    pub pos: Pos,
}

/// A child of an element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A nested element.
    Element(Element),
    /// Character data (text, resolved references, CDATA), not yet whitespace-normalised.
    Text(String),
}

impl Element {
    /// The value of attribute `name`, if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
    }

    /// All character data directly inside this element, concatenated.
    pub fn direct_text(&self) -> String {
        self.children
            .iter()
            .filter_map(|node| match node {
                Node::Text(text) => Some(text.as_str()),
                Node::Element(_) => None,
            })
            .collect()
    }
}

/// Maps byte offsets to line and column numbers.
struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, line_starts }
    }

    fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |prefix| prefix.chars().count());
        Pos {
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }
}

/// XML 1.0's `Char` production: tab, line feed, carriage return, and everything from U+0020
/// except the non-characters U+FFFE and U+FFFF (Rust `char`s are never surrogates). Anything
/// else, raw or as a character reference, makes the document not well-formed.
fn is_xml_char(ch: char) -> bool {
    matches!(ch, '\t' | '\n' | '\r') || (ch >= ' ' && ch != '\u{fffe}' && ch != '\u{ffff}')
}

/// `U+0000 (NUL)`, `U+0001`.
fn describe_char(ch: char) -> String {
    match ch {
        '\0' => "U+0000 (NUL)".to_owned(),
        ch => format!("U+{:04X}", ch as u32),
    }
}

/// Parses `bytes` (the contents of `file`) into its root element.
pub fn parse(file: &Path, bytes: &[u8]) -> Result<Element> {
    if bytes.is_empty() {
        return Err(Error::new(
            file,
            "the file is empty; expected IANA's registry XML",
        ));
    }
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::new(
            file,
            format!(
                "the file is {} bytes, over the {MAX_INPUT_BYTES}-byte limit",
                bytes.len()
            ),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let index = LineIndex::new(std::str::from_utf8(&bytes[..err.valid_up_to()]).unwrap_or(""));
        Error::at(
            file,
            index.pos(err.valid_up_to()),
            "the file is not valid UTF-8 (IANA publishes UTF-8)",
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let index = LineIndex::new(text);
    if let Some((at, ch)) = text.char_indices().find(|&(_, ch)| !is_xml_char(ch)) {
        return Err(Error::at(
            file,
            index.pos(at),
            format!("{} is not allowed in XML 1.0 text", describe_char(ch)),
        ));
    }
    let mut reader = Reader::from_str(text);
    // Every check quick-xml offers stays on: mismatched end tags are errors.
    reader.config_mut().check_end_names = true;

    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let offset = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event().map_err(|err| {
            let at = usize::try_from(reader.error_position()).unwrap_or(offset);
            Error::at(file, index.pos(at), format!("malformed XML: {err}"))
        })?;
        let pos = index.pos(offset);
        match event {
            Event::Start(start) | Event::Empty(start) if root.is_some() => {
                let _ = start;
                return Err(Error::at(file, pos, "content after the root element"));
            }
            Event::Start(start) => {
                check_depth(file, pos, &stack)?;
                stack.push(new_element(file, pos, &start)?);
            }
            Event::Empty(start) => {
                check_depth(file, pos, &stack)?;
                let element = new_element(file, pos, &start)?;
                attach(&mut stack, &mut root, element);
            }
            Event::End(_) => {
                // quick-xml has already checked that the name matches.
                let element = stack
                    .pop()
                    .ok_or_else(|| Error::at(file, pos, "end tag without a start tag"))?;
                attach(&mut stack, &mut root, element);
            }
            Event::Text(raw) => push_text(file, pos, &mut stack, &raw.xml10_content())?,
            Event::CData(raw) => push_text(file, pos, &mut stack, &raw.xml10_content())?,
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(ch)) if is_xml_char(ch) => ch.to_string(),
                    Ok(Some(ch)) => {
                        return Err(Error::at(
                            file,
                            pos,
                            format!(
                                "character reference &{}; is {}, which XML 1.0 does not allow",
                                reference.xml10_content(),
                                describe_char(ch)
                            ),
                        ))
                    }
                    Ok(None) => {
                        let name = reference.xml10_content();
                        match name.as_ref() {
                            "amp" => "&".to_owned(),
                            "lt" => "<".to_owned(),
                            "gt" => ">".to_owned(),
                            "quot" => "\"".to_owned(),
                            "apos" => "'".to_owned(),
                            other => {
                                return Err(Error::at(
                                    file,
                                    pos,
                                    format!("entity reference &{other}; is not one of XML's five predefined entities; custom entities are never expanded"),
                                ))
                            }
                        }
                    }
                    Err(err) => {
                        return Err(Error::at(
                            file,
                            pos,
                            format!("bad character reference: {err}"),
                        ))
                    }
                };
                push_text(file, pos, &mut stack, &resolved)?;
            }
            Event::DocType(_) => {
                // A DOCTYPE may declare entities; they are never expanded (see above), so the
                // declaration itself is harmless and ignored.
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = stack.last() {
        return Err(Error::at(
            file,
            open.pos,
            format!("<{}> is never closed (the file ends early)", open.name),
        ));
    }
    root.ok_or_else(|| Error::new(file, "no root element; expected <registry>"))
}

fn check_depth(file: &Path, pos: Pos, stack: &[Element]) -> Result<()> {
    if stack.len() >= MAX_DEPTH {
        return Err(Error::at(
            file,
            pos,
            format!("elements nest deeper than {MAX_DEPTH} levels"),
        ));
    }
    Ok(())
}

/// Builds an element (without children) from a start or empty tag.
fn new_element(file: &Path, pos: Pos, start: &BytesStart<'_>) -> Result<Element> {
    let name = start.name().as_ref().to_owned();
    let mut attrs: Vec<(String, String)> = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|err| {
            Error::at(file, pos, format!("malformed attribute in <{name}>: {err}"))
        })?;
        let key = attr.key.as_ref().to_owned();
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| {
                Error::at(
                    file,
                    pos,
                    format!(
                        "attribute {key} of <{name}>: {err} (only the predefined entities and \
                         character references are allowed)"
                    ),
                )
            })?
            .into_owned();
        if attrs.iter().any(|(existing, _)| *existing == key) {
            return Err(Error::at(
                file,
                pos,
                format!("attribute {key} appears twice in <{name}>"),
            ));
        }
        attrs.push((key, value));
    }
    Ok(Element {
        name,
        attrs,
        children: Vec::new(),
        pos,
    })
}

fn attach(stack: &mut [Element], root: &mut Option<Element>, element: Element) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(Node::Element(element)),
        None => *root = Some(element),
    }
}

fn push_text(file: &Path, pos: Pos, stack: &mut [Element], text: &str) -> Result<()> {
    match stack.last_mut() {
        Some(parent) => {
            if let Some(Node::Text(previous)) = parent.children.last_mut() {
                previous.push_str(text);
            } else {
                parent.children.push(Node::Text(text.to_owned()));
            }
            Ok(())
        }
        None if text.trim().is_empty() => Ok(()),
        None => Err(Error::at(file, pos, "text outside the root element")),
    }
}
