//! Stage 2: element tree -> typed [`Registry`] model.
//!
//! The checks follow IANA's RELAX NG schema for the file (`websocket.rng`): an element the
//! schema does not allow where it appears is an error, never skipped, so nothing in IANA's file
//! can be silently lost. Every error carries the file, line and column, the sub-registry and
//! the record.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::error::{Error, Pos, Result};
use crate::model::*;
use crate::text::{normalize, normalize_inner};
use crate::xml::{Element, Node};

/// IANA's namespace for registry files.
pub const IANA_NAMESPACE: &str = "http://www.iana.org/assignments";

/// The parse stage's column of the sub-registry table ([`crate::registries`]): which
/// sub-registry, and how its records are read into the model.
#[derive(Clone, Copy)]
pub struct Column {
    /// IANA's `id` attribute (`close-code-number`).
    pub id: &'static str,
    /// Parses the `<registry>` element into its field of the model and refuses records that
    /// clash (two records with one value or identifier).
    pub parse: fn(&Parser, &Element, &mut Registry) -> Result<()>,
}

/// Parses the registry file at `file` from its bytes: every sub-registry of `columns` must be
/// there; any other is kept as a generic table. (`crate::registries::parse_registry` passes
/// the typed ones.)
pub fn parse_registry(file: &Path, bytes: &[u8], columns: &[Column]) -> Result<Registry> {
    let root = crate::xml::parse(file, bytes)?;
    Parser {
        file: file.to_path_buf(),
    }
    .registry(&root, columns)
}

/// Turns elements into model values, with errors that name the file, line and column.
/// The rows of [`crate::registries::SUB_REGISTRIES`] call its record parsers.
pub struct Parser {
    file: PathBuf,
}

/// Metadata elements IANA's schema allows in any registry and that carry nothing this crate
/// publishes (display hints and export links).
const IGNORED_META: [&str; 5] = ["metadata", "hide", "category", "file", "description"];

impl Parser {
    /// An error at `pos` of the file being parsed.
    pub fn err(&self, pos: Pos, message: impl Into<String>) -> Error {
        Error::at(&self.file, pos, message)
    }

    fn registry(&self, root: &Element, columns: &[Column]) -> Result<Registry> {
        if root.name != "registry" {
            return Err(self.err(
                root.pos,
                format!(
                    "the root element is <{}>; expected IANA's <registry>",
                    root.name
                ),
            ));
        }
        match root.attr("xmlns") {
            Some(IANA_NAMESPACE) => {}
            other => {
                return Err(self.err(
                    root.pos,
                    format!(
                        "the root <registry> has namespace {:?}; expected {IANA_NAMESPACE:?}",
                        other.unwrap_or("(none)")
                    ),
                ))
            }
        }
        match root.attr("id") {
            Some("websocket") => {}
            other => {
                return Err(self.err(
                    root.pos,
                    format!(
                        "this is IANA's {:?} registry, not the WebSocket one (expected id=\"websocket\")",
                        other.unwrap_or("(no id)")
                    ),
                ))
            }
        }
        self.no_loose_text(root, "the root <registry>")?;

        let mut title = None;
        let mut created = None;
        let mut updated = None;
        // Sub-registries in file order, each id once.
        let mut subs: Vec<(&str, &Element)> = Vec::new();
        let mut people = BTreeMap::new();
        for child in root.elements() {
            match child.name.as_str() {
                "title" => title = Some(self.plain_text(child)?),
                "created" => created = Some(self.plain_text(child)?),
                "updated" => updated = Some(self.plain_text(child)?),
                "registry" => {
                    let id = child
                        .attr("id")
                        .ok_or_else(|| self.err(child.pos, "a sub-registry has no id attribute"))?;
                    if let Some((_, first)) = subs.iter().find(|(seen, _)| *seen == id) {
                        return Err(self.err(
                            child.pos,
                            format!(
                                "sub-registry {id:?} appears twice (first at line {})",
                                first.pos.line
                            ),
                        ));
                    }
                    subs.push((id, child));
                }
                "people" => people = self.people(child)?,
                name if IGNORED_META.contains(&name) || name == "note" || name == "xref" => {}
                other => {
                    return Err(self.err(
                        child.pos,
                        format!("unexpected <{other}> in the root <registry>"),
                    ))
                }
            }
        }
        let updated = updated
            .filter(|u| !u.is_empty())
            .ok_or_else(|| self.err(root.pos, "the root <registry> has no <updated> date"))?;
        let mut registry = Registry {
            title: title.unwrap_or_default(),
            created,
            updated,
            people,
            ..Registry::default()
        };
        let within = |id: &str| {
            let context = format!("sub-registry {id}");
            move |err: Error| err.within(context)
        };
        for kind in columns {
            let element = subs
                .iter()
                .find(|(id, _)| *id == kind.id)
                .map(|(_, element)| *element)
                .ok_or_else(|| {
                    let known: Vec<&str> = columns.iter().map(|kind| kind.id).collect();
                    self.err(
                        root.pos,
                        format!(
                            "the sub-registry {:?} is missing; expected all of {}",
                            kind.id,
                            known.join(", ")
                        ),
                    )
                })?;
            (kind.parse)(self, element, &mut registry).map_err(within(kind.id))?;
        }
        // A sub-registry IANA added after this generator was written: keep every record as a
        // generic one, so that `regen`, `fetch` and the drift job go on working.
        for (id, element) in subs {
            if columns.iter().all(|kind| kind.id != id) {
                let sub = self
                    .sub_registry(element, |r| self.generic_record(r))
                    .map_err(within(id))?;
                registry.untyped.push(sub);
            }
        }
        Ok(registry)
    }

    /// Refuses values that overlap. Sorting first keeps this O(n log n) on any input.
    pub fn no_overlap<T: Copy + Ord + std::fmt::Display>(
        &self,
        sub_registry: &str,
        mut values: Vec<(Value<T>, Pos)>,
    ) -> Result<()> {
        values.sort_by_key(|(value, pos)| (value.first(), *pos));
        // The value seen so far that reaches furthest: whatever starts before its end overlaps it.
        let mut widest: Option<(Value<T>, Pos)> = None;
        for (value, pos) in values {
            if let Some((other, other_pos)) =
                widest.filter(|(other, _)| value.first() <= other.last())
            {
                let ((later, later_pos), (earlier, earlier_pos)) = if pos > other_pos {
                    ((value, pos), (other, other_pos))
                } else {
                    ((other, other_pos), (value, pos))
                };
                return Err(self
                    .err(
                        later_pos,
                        format!(
                            "value {later} overlaps value {earlier} of the record at line {}; each value may appear in one record only",
                            earlier_pos.line
                        ),
                    )
                    .within(format!("sub-registry {sub_registry}")));
            }
            if widest.is_none_or(|(other, _)| value.last() > other.last()) {
                widest = Some((value, pos));
            }
        }
        Ok(())
    }

    /// Refuses a key (an identifier, a bit name) that two records share.
    pub fn unique(
        &self,
        sub_registry: &str,
        keys: impl Iterator<Item = (String, Pos)>,
    ) -> Result<()> {
        let mut seen: BTreeMap<String, Pos> = BTreeMap::new();
        for (key, pos) in keys {
            if let Some(first) = seen.get(&key) {
                return Err(self
                    .err(
                        pos,
                        format!("{key} is registered twice (first at line {})", first.line),
                    )
                    .within(format!("sub-registry {sub_registry}")));
            }
            seen.insert(key, pos);
        }
        Ok(())
    }

    /// A sub-registry's metadata, and its records parsed by `record`.
    pub fn sub_registry<R>(
        &self,
        element: &Element,
        record: impl Fn(&Element) -> Result<R>,
    ) -> Result<SubRegistry<R>> {
        self.no_loose_text(element, "a sub-registry")?;
        let mut meta = SubRegistryMeta {
            id: element.attr("id").unwrap_or_default().to_owned(),
            pos: element.pos,
            ..SubRegistryMeta::default()
        };
        let mut records = Vec::new();
        for child in element.elements() {
            match child.name.as_str() {
                "title" => meta.title = self.plain_text(child)?,
                "registration_rule" => meta.registration_rule = Some(self.rich_text(child)?),
                "expert" => meta.expert = Some(self.plain_text(child)?),
                "xref" => meta.references.push(self.reference(child)?),
                "note" => meta.notes.push(self.rich_text(child)?),
                "range" => meta.range_rules.push(self.range_rule(child)?),
                "record" => {
                    let index = records.len() + 1;
                    let parsed = record(child).map_err(|err| {
                        let label = record_label(child).unwrap_or_else(|| format!("#{index}"));
                        err.within(format!("record {label}"))
                    })?;
                    records.push(parsed);
                }
                name if IGNORED_META.contains(&name) || name == "created" || name == "updated" => {}
                other => {
                    return Err(
                        self.err(child.pos, format!("unexpected <{other}> in a sub-registry"))
                    )
                }
            }
        }
        Ok(SubRegistry { meta, records })
    }

    fn range_rule(&self, element: &Element) -> Result<RangeRule> {
        let mut value = None;
        let mut rule = None;
        for child in element.elements() {
            match child.name.as_str() {
                "value" => value = Some(self.plain_text(child)?),
                "registration_rule" => rule = Some(self.rich_text(child)?),
                "hex" | "entry_size" | "note" | "xref" => {}
                other => {
                    return Err(self.err(child.pos, format!("unexpected <{other}> in <range>")))
                }
            }
        }
        Ok(RangeRule {
            value: value.ok_or_else(|| self.err(element.pos, "<range> has no <value>"))?,
            rule: rule
                .ok_or_else(|| self.err(element.pos, "<range> has no <registration_rule>"))?,
        })
    }

    fn record_meta(&self, element: &Element) -> Result<RecordMeta> {
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

    /// Parses a `<value>` as one number or a range `a-b`, each decimal or `0x` hex, each at
    /// most `max`.
    fn value<T: TryFrom<u64> + Copy + Ord>(&self, element: &Element, max: u64) -> Result<Value<T>> {
        let text = self.plain_text(element)?;
        if text.starts_with('-') {
            return Err(self.err(
                element.pos,
                format!("value {text:?}: negative numbers are not registry values"),
            ));
        }
        let parse_one = |part: &str| -> Result<T> {
            let part = part.trim_matches(crate::text::is_xml_space);
            if part.len() > 1 && part.starts_with('0') && !part.starts_with("0x") {
                // IANA writes 1000, never 01000; a leading zero is a typo or an octal habit,
                // and either way not a value to guess at.
                return Err(self.err(
                    element.pos,
                    format!("value {text:?}: {part:?} has a leading zero (expected plain decimal digits)"),
                ));
            }
            let parsed = if let Some(hex) = part.strip_prefix("0x") {
                u64::from_str_radix(hex, 16)
                    .ok()
                    .filter(|_| !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            } else if !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) {
                u64::from_str(part).ok()
            } else {
                None
            };
            let number = parsed.ok_or_else(|| {
                self.err(
                    element.pos,
                    format!("value {text:?}: {part:?} is not a number (expected decimal digits or 0x hex)"),
                )
            })?;
            if number > max {
                return Err(self.err(
                    element.pos,
                    format!("value {text:?}: {number} is out of range (at most {max})"),
                ));
            }
            T::try_from(number)
                .map_err(|_| self.err(element.pos, format!("value {text:?} is out of range")))
        };
        match text.split_once('-') {
            None => Ok(Value::Single(parse_one(&text)?)),
            Some((first, last)) => {
                let (first, last) = (parse_one(first)?, parse_one(last)?);
                match first.cmp(&last) {
                    std::cmp::Ordering::Less => Ok(Value::Range(first, last)),
                    // IANA once wrote "1014-1014": a range of one is that one value.
                    std::cmp::Ordering::Equal => Ok(Value::Single(first)),
                    std::cmp::Ordering::Greater => {
                        Err(self.err(element.pos, format!("value {text:?} is a backwards range")))
                    }
                }
            }
        }
    }

    fn people(&self, element: &Element) -> Result<BTreeMap<String, Person>> {
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

    fn reference(&self, element: &Element) -> Result<Reference> {
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

    /// Text with interleaved `<xref>`s.
    fn rich_text(&self, element: &Element) -> Result<RichText> {
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
    fn plain_text(&self, element: &Element) -> Result<String> {
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
    fn references_in(&self, element: &Element) -> Result<Vec<Reference>> {
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

    fn no_loose_text(&self, element: &Element, what: &str) -> Result<()> {
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

/// Walks a record's child elements in the order the schema gives them.
struct Fields<'a> {
    parser: &'a Parser,
    record: &'a Element,
    children: Vec<&'a Element>,
    next: usize,
}

impl<'a> Fields<'a> {
    fn new(parser: &'a Parser, record: &'a Element) -> Self {
        Fields {
            parser,
            record,
            children: record.elements().collect(),
            next: 0,
        }
    }

    fn peek(&self) -> Option<&'a Element> {
        self.children.get(self.next).copied()
    }

    fn required(&mut self, name: &str) -> Result<&'a Element> {
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

    fn required_text(&mut self, name: &str) -> Result<String> {
        let element = self.required(name)?;
        self.parser.plain_text(element)
    }

    fn required_rich(&mut self, name: &str) -> Result<RichText> {
        let element = self.required(name)?;
        self.parser.rich_text(element)
    }

    fn optional_rich(&mut self, name: &str) -> Result<Option<RichText>> {
        match self.peek() {
            Some(child) if child.name == name => {
                self.next += 1;
                let text = self.parser.rich_text(child)?;
                Ok((!text.is_empty()).then_some(text))
            }
            _ => Ok(None),
        }
    }

    fn references(&mut self) -> Result<Vec<Reference>> {
        let mut references = Vec::new();
        while let Some(child) = self.peek().filter(|child| child.name == "xref") {
            self.next += 1;
            references.push(self.parser.reference(child)?);
        }
        Ok(references)
    }

    fn finish(self) -> Result<()> {
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

/// The text of `element` and everything inside it, whitespace-normalised; a reference
/// without text counts as its `data` attribute (an RFC number, a person's id).
fn text_content(element: &Element) -> String {
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

/// A short label for a record in error messages: its id or value.
fn record_label(record: &Element) -> Option<String> {
    record
        .elements()
        .find(|child| child.name == "id" || child.name == "value")
        .map(|child| format!("{:?}", truncate(&normalize(&child.direct_text()), 60)))
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(max_chars).collect();
        cut.push('…');
        cut
    }
}

/// `YYYY-MM-DD` or `YYYY-MM` (the schema's `genericDate`).
fn is_generic_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_dates() {
        assert!(is_generic_date("2011-12"));
        assert!(is_generic_date("2026-06-10"));
        assert!(!is_generic_date("2026-6-10"));
        assert!(!is_generic_date("yesterday"));
    }
}
