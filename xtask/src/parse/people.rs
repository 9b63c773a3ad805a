//! The registry's people and the references (`<xref>`) of records.

use std::collections::BTreeMap;

use super::Parser;
use crate::error::Result;
use crate::model::*;
use crate::text::normalize;
use crate::xml::Element;

impl Parser {
    pub(super) fn people(&self, element: &Element) -> Result<BTreeMap<String, Person>> {
        let mut people = BTreeMap::new();
        for child in element.elements() {
            if child.name != "person" {
                return Err(self.err(
                    child.pos,
                    format!("unexpected <{}> in <people>", child.name),
                ));
            }
            let id = child
                .attr("id")
                .ok_or_else(|| self.err(child.pos, "<person> has no id"))?
                .to_owned();
            let mut person = Person {
                id: id.clone(),
                name: None,
                org: None,
                uris: Vec::new(),
                updated: None,
            };
            for field in child.elements() {
                let text = self.plain_text(field)?;
                match field.name.as_str() {
                    "name" => person.name = Some(text),
                    "org" => person.org = Some(text),
                    "uri" => person.uris.push(text),
                    "updated" => person.updated = Some(text),
                    other => {
                        return Err(self.err(
                            field.pos,
                            format!("unexpected <{other}> in <person id={id:?}>"),
                        ))
                    }
                }
            }
            if people.insert(id.clone(), person).is_some() {
                return Err(self.err(child.pos, format!("person id {id:?} appears twice")));
            }
        }
        Ok(people)
    }

    pub(super) fn reference(&self, element: &Element) -> Result<Reference> {
        let kind_attr = element
            .attr("type")
            .ok_or_else(|| self.err(element.pos, "<xref> has no type attribute"))?;
        let kind = RefKind::from_attr(kind_attr).ok_or_else(|| {
            self.err(
                element.pos,
                format!("<xref type={kind_attr:?}> is not a reference type IANA's schema allows"),
            )
        })?;
        let data = normalize(element.attr("data").unwrap_or_default());
        if data.is_empty() && kind != RefKind::Text {
            return Err(self.err(
                element.pos,
                format!("<xref type=\"{}\"> has no data attribute", kind.as_attr()),
            ));
        }
        let fragment = ["section", "page", "appendix", "table", "figure", "anchor"]
            .iter()
            .find_map(|key| element.attr(key).map(|v| ((*key).to_owned(), normalize(v))));
        if let Some(child) = element.elements().next() {
            return Err(self.err(
                child.pos,
                format!("unexpected <{}> inside <xref>", child.name),
            ));
        }
        Ok(Reference {
            kind,
            data,
            text: normalize(&element.direct_text()),
            fragment,
        })
    }
}
