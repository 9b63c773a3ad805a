//! One reader per kind of record: names, codes, opcodes, versions, header bits, generic.

use super::fields::Fields;
use super::rich_text::text_content;
use super::values::is_generic_date;
use super::Parser;
use crate::error::Result;
use crate::model::*;
use crate::text::normalize;
use crate::xml::Element;

impl Parser {
    pub(super) fn record_meta(&self, element: &Element) -> Result<RecordMeta> {
        for (key, _) in &element.attrs {
            if !matches!(key.as_str(), "date" | "updated" | "id") {
                return Err(self.err(
                    element.pos,
                    format!("unexpected attribute {key} on <record>; expected date or updated"),
                ));
            }
        }
        let date = |name: &str| -> Result<Option<String>> {
            match element.attr(name) {
                None => Ok(None),
                Some(value) => {
                    let value = normalize(value);
                    if is_generic_date(&value) {
                        Ok(Some(value))
                    } else {
                        Err(self.err(
                            element.pos,
                            format!(
                                "{name}={value:?} is not a date (expected YYYY-MM-DD or YYYY-MM)"
                            ),
                        ))
                    }
                }
            }
        };
        self.no_loose_text(element, "a <record>")?;
        Ok(RecordMeta {
            date: date("date")?,
            updated: date("updated")?,
            pos: element.pos,
        })
    }

    /// Parses one record of this shape.
    pub fn name_record(&self, element: &Element, is_extension: bool) -> Result<NameRecord> {
        let meta = self.record_meta(element)?;
        let mut fields = Fields::new(self, element);
        let id = fields.required_text("id")?;
        let common = fields.required_text("common")?;
        let definition = fields.required_rich("definition")?;
        let incompatible = if is_extension {
            Some(fields.required_text("incompatible")?)
        } else {
            None
        };
        let references = fields.references()?;
        let controller = fields.optional_rich("controller")?;
        fields.finish()?;
        if id.is_empty() {
            return Err(self.err(element.pos, "<id> is empty; expected the identifier"));
        }
        Ok(NameRecord {
            meta,
            id,
            common,
            definition,
            incompatible,
            references,
            controller,
        })
    }

    /// Parses one record of this shape.
    pub fn code_record(&self, element: &Element, has_contact: bool) -> Result<CodeRecord<u16>> {
        let meta = self.record_meta(element)?;
        let mut fields = Fields::new(self, element);
        let value = fields.required("value")?;
        let value = self.value::<u16>(value, u16::MAX.into())?;
        let description = fields.required_text("description")?;
        let contact = if has_contact {
            let contact = fields.required("contact")?;
            self.references_in(contact)?
        } else {
            Vec::new()
        };
        let references = fields.references()?;
        let controller = fields.optional_rich("controller")?;
        fields.finish()?;
        Ok(CodeRecord {
            meta,
            value,
            description,
            contact,
            references,
            controller,
        })
    }

    /// Parses one record of this shape.
    pub fn opcode_record(&self, element: &Element) -> Result<CodeRecord<u8>> {
        let meta = self.record_meta(element)?;
        let mut fields = Fields::new(self, element);
        let value = fields.required("value")?;
        let value = self.value::<u8>(value, 15)?;
        let description = fields.required_text("description")?;
        let references = fields.references()?;
        fields.finish()?;
        Ok(CodeRecord {
            meta,
            value,
            description,
            contact: Vec::new(),
            references,
            controller: None,
        })
    }

    /// Parses one record of this shape.
    pub fn version_record(&self, element: &Element) -> Result<VersionRecord> {
        let meta = self.record_meta(element)?;
        let mut fields = Fields::new(self, element);
        let value = fields.required("value")?;
        // RFC 6455 section 4.1: `Sec-WebSocket-Version` is a number from 0 to 255.
        let value = self.value::<u8>(value, 255)?;
        let references = fields.references()?;
        let status = fields.required_text("status")?;
        let controller = fields.optional_rich("controller")?;
        fields.finish()?;
        Ok(VersionRecord {
            meta,
            value,
            references,
            status: (!status.is_empty()).then_some(status),
            controller,
        })
    }

    /// Parses one record of this shape.
    pub fn header_bit_record(&self, element: &Element) -> Result<HeaderBitRecord> {
        let meta = self.record_meta(element)?;
        let mut fields = Fields::new(self, element);
        let value = fields.required("value")?;
        let name = self.plain_text(value)?;
        // RFC 6455 section 5.2: the three reserved bits after FIN.
        let bit = match name.as_str() {
            "RSV1" => 1,
            "RSV2" => 2,
            "RSV3" => 3,
            other => {
                return Err(self.err(
                    value.pos,
                    format!("{other:?} is not a framing header bit; expected RSV1, RSV2 or RSV3"),
                ))
            }
        };
        let description = fields.required_text("description")?;
        let references = fields.references()?;
        fields.finish()?;
        Ok(HeaderBitRecord {
            meta,
            name,
            bit,
            description,
            references,
        })
    }

    /// Parses one record of a sub-registry the generator has no typed row for. It refuses
    /// nothing IANA's schema could put in a record: the well-known fields are picked out and
    /// every other element is kept, by name, as text.
    pub fn generic_record(&self, element: &Element) -> Result<GenericRecord> {
        let mut record = GenericRecord {
            meta: self.record_meta(element)?,
            ..GenericRecord::default()
        };
        let mut name = None;
        let mut common = None;
        for child in element.elements() {
            let slot = match child.name.as_str() {
                "xref" => {
                    record.references.push(self.reference(child)?);
                    continue;
                }
                "value" => &mut record.value,
                "id" => &mut record.identifier,
                "name" => &mut name,
                "description" => &mut record.description,
                "common" => &mut common,
                _ => {
                    record
                        .fields
                        .push((child.name.clone(), text_content(child)));
                    continue;
                }
            };
            if slot.is_some() {
                return Err(self.err(
                    child.pos,
                    format!("<{}> appears twice in the record", child.name),
                ));
            }
            *slot = Some(text_content(child));
        }
        // `<name>` and `<common>` stand in for a missing `<id>` and `<description>`; when
        // both are present they are kept as fields.
        match (&record.identifier, name) {
            (None, name) => record.identifier = name,
            (Some(_), Some(name)) => record.fields.push(("name".to_owned(), name)),
            (Some(_), None) => {}
        }
        match (&record.description, common) {
            (None, common) => record.description = common,
            (Some(_), Some(common)) => record.fields.push(("common".to_owned(), common)),
            (Some(_), None) => {}
        }
        Ok(record)
    }
}
