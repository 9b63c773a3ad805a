//! Walking a record's child elements in the order IANA's schema gives them.

use super::Parser;
use crate::error::Result;
use crate::model::*;
use crate::text::normalize;
use crate::xml::Element;

/// Walks a record's child elements in the order the schema gives them.
pub(super) struct Fields<'a> {
    parser: &'a Parser,
    record: &'a Element,
    children: Vec<&'a Element>,
    next: usize,
}

impl<'a> Fields<'a> {
    pub(super) fn new(parser: &'a Parser, record: &'a Element) -> Self {
        Fields {
            parser,
            record,
            children: record.elements().collect(),
            next: 0,
        }
    }

    pub(super) fn peek(&self) -> Option<&'a Element> {
        self.children.get(self.next).copied()
    }

    pub(super) fn required(&mut self, name: &str) -> Result<&'a Element> {
        match self.peek() {
            Some(child) if child.name == name => {
                self.next += 1;
                Ok(child)
            }
            Some(child) => Err(self.parser.err(
                child.pos,
                format!("expected <{name}>, found <{}>", child.name),
            )),
            None => Err(self
                .parser
                .err(self.record.pos, format!("the record has no <{name}>"))),
        }
    }

    pub(super) fn required_text(&mut self, name: &str) -> Result<String> {
        let element = self.required(name)?;
        self.parser.plain_text(element)
    }

    pub(super) fn required_rich(&mut self, name: &str) -> Result<RichText> {
        let element = self.required(name)?;
        self.parser.rich_text(element)
    }

    pub(super) fn optional_rich(&mut self, name: &str) -> Result<Option<RichText>> {
        match self.peek() {
            Some(child) if child.name == name => {
                self.next += 1;
                let text = self.parser.rich_text(child)?;
                Ok((!text.is_empty()).then_some(text))
            }
            _ => Ok(None),
        }
    }

    pub(super) fn references(&mut self) -> Result<Vec<Reference>> {
        let mut references = Vec::new();
        while let Some(child) = self.peek().filter(|child| child.name == "xref") {
            self.next += 1;
            references.push(self.parser.reference(child)?);
        }
        Ok(references)
    }

    pub(super) fn finish(self) -> Result<()> {
        match self.peek() {
            None => Ok(()),
            Some(child) => Err(self.parser.err(
                child.pos,
                format!(
                    "unexpected <{}> in the record (IANA's schema does not allow it here)",
                    child.name
                ),
            )),
        }
    }
}

/// A short label for a record in error messages: its id or value.
pub(super) fn record_label(record: &Element) -> Option<String> {
    record
        .elements()
        .find(|child| child.name == "id" || child.name == "value")
        .map(|child| format!("{:?}", truncate(&normalize(&child.direct_text()), 60)))
}

pub(super) fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(max_chars).collect();
        cut.push('…');
        cut
    }
}
