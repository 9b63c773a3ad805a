//! Stage 2's output: the registry as typed Rust values, one type per sub-registry.
//!
//! Everything here is already validated and whitespace-normalised; the emitters never look at
//! XML. Values keep IANA's text verbatim (after whitespace normalisation) so that the generated
//! docs quote IANA, not a paraphrase.

use std::collections::BTreeMap;

use crate::error::Pos;

/// The whole `websocket.xml` file.
///
/// One field per sub-registry the generator knows (each has a row in
/// [`crate::registries::SUB_REGISTRIES`]); sub-registries it does not know yet land in
/// [`Registry::untyped`] instead of failing the run.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Registry {
    /// `<title>` of the root registry.
    pub title: String,
    /// `<created>` of the root registry.
    pub created: Option<String>,
    /// `<updated>` of the root registry: the version stamp of the whole file.
    pub updated: String,
    /// `extension-name`.
    pub extensions: SubRegistry<NameRecord>,
    /// `subprotocol-name`.
    pub subprotocols: SubRegistry<NameRecord>,
    /// `version-number`.
    pub versions: SubRegistry<VersionRecord>,
    /// `close-code-number`.
    pub close_codes: SubRegistry<CodeRecord<u16>>,
    /// `opcode`.
    pub opcodes: SubRegistry<CodeRecord<u8>>,
    /// `framing-header-bits`.
    pub header_bits: SubRegistry<HeaderBitRecord>,
    /// Sub-registries with no typed row, in file order, as generic records.
    pub untyped: Vec<SubRegistry<GenericRecord>>,
    /// `<people>`, by id.
    pub people: BTreeMap<String, Person>,
}

/// What every sub-registry says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SubRegistryMeta {
    /// The `id` attribute (`close-code-number`, ...).
    pub id: String,
    /// `<title>`.
    pub title: String,
    /// `<registration_rule>`, if the sub-registry has one rule for all of it.
    pub registration_rule: Option<RichText>,
    /// `<expert>`.
    pub expert: Option<String>,
    /// The sub-registry's own references.
    pub references: Vec<Reference>,
    /// `<note>`s.
    pub notes: Vec<RichText>,
    /// `<range>` rows: a registration rule per range of values.
    pub range_rules: Vec<RangeRule>,
    /// Where the sub-registry starts.
    pub pos: Pos,
}

/// A sub-registry: its metadata and its records, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubRegistry<R> {
    /// Title, rules, notes.
    pub meta: SubRegistryMeta,
    /// Records in the order the file lists them.
    pub records: Vec<R>,
}

/// No metadata and no records (what a sub-registry is before it is parsed).
impl<R> Default for SubRegistry<R> {
    fn default() -> Self {
        SubRegistry {
            meta: SubRegistryMeta::default(),
            records: Vec::new(),
        }
    }
}

/// A `<range>` row of a sub-registry's metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RangeRule {
    /// `<value>`, verbatim (`1000-2999`, `Standard Version Numbers`).
    pub value: String,
    /// `<registration_rule>`.
    pub rule: RichText,
}

/// Attributes every record may carry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RecordMeta {
    /// `date`: when the record was registered (`YYYY-MM-DD` or `YYYY-MM`).
    pub date: Option<String>,
    /// `updated`: when it last changed.
    pub updated: Option<String>,
    /// Where the record starts.
    pub pos: Pos,
}

/// Text interleaved with references, as in `<definition>` and `<controller>`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RichText(pub Vec<Inline>);

/// A piece of [`RichText`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Whitespace-normalised text.
    Text(String),
    /// An `<xref>`.
    Ref(Reference),
}

impl RichText {
    /// True when there is neither text nor a reference.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The references inside, in order.
    pub fn references(&self) -> impl Iterator<Item = &Reference> {
        self.0.iter().filter_map(|inline| match inline {
            Inline::Ref(reference) => Some(reference),
            Inline::Text(_) => None,
        })
    }
}

/// The kinds of `<xref type="...">` IANA's schema allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RefKind {
    /// `rfc`: `data` is `rfcNNNN`, `bcpNNN` or `stdNN`.
    Rfc,
    /// `rfc-errata`: `data` is an errata id.
    RfcErrata,
    /// `draft`: `data` is an Internet-Draft name.
    Draft,
    /// `uri`: `data` is a URI.
    Uri,
    /// `person`: `data` is an id in `<people>`.
    Person,
    /// `text`: the reference is the element's text.
    Text,
    /// `registry`: `data` is another IANA registry's id.
    Registry,
    /// `note`: `data` is a note number.
    Note,
    /// `unicode`: `data` is a Unicode version.
    Unicode,
}

impl RefKind {
    /// Parses IANA's `type` attribute.
    pub fn from_attr(value: &str) -> Option<RefKind> {
        Some(match value {
            "rfc" => RefKind::Rfc,
            "rfc-errata" => RefKind::RfcErrata,
            "draft" => RefKind::Draft,
            "uri" => RefKind::Uri,
            "person" => RefKind::Person,
            "text" => RefKind::Text,
            "registry" => RefKind::Registry,
            "note" => RefKind::Note,
            "unicode" => RefKind::Unicode,
            _ => return None,
        })
    }

    /// IANA's spelling.
    pub fn as_attr(self) -> &'static str {
        match self {
            RefKind::Rfc => "rfc",
            RefKind::RfcErrata => "rfc-errata",
            RefKind::Draft => "draft",
            RefKind::Uri => "uri",
            RefKind::Person => "person",
            RefKind::Text => "text",
            RefKind::Registry => "registry",
            RefKind::Note => "note",
            RefKind::Unicode => "unicode",
        }
    }
}

/// One `<xref>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// `type`.
    pub kind: RefKind,
    /// `data`, verbatim (empty for `text`).
    pub data: String,
    /// The element's own text, whitespace-normalised (often empty).
    pub text: String,
    /// `section` (or `page`, `appendix`, ...) for RFC and draft references: (attribute, value).
    pub fragment: Option<(String, String)>,
}

/// A record of `extension-name` or `subprotocol-name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameRecord {
    /// Registration dates and position.
    pub meta: RecordMeta,
    /// `<id>`: the token that goes on the wire, exact and case-sensitive.
    pub id: String,
    /// `<common>`: the common name.
    pub common: String,
    /// `<definition>`.
    pub definition: RichText,
    /// `<incompatible>` (extensions only): IANA's text.
    pub incompatible: Option<String>,
    /// The record's references.
    pub references: Vec<Reference>,
    /// `<controller>` (the change controller), if given and not empty.
    pub controller: Option<RichText>,
}

/// A `<value>`: one number or an inclusive range of numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Value<T> {
    /// `1000`.
    Single(T),
    /// `1016-2999` (first <= last).
    Range(T, T),
}

/// `1000`, or `1016-2999`.
impl<T: std::fmt::Display> std::fmt::Display for Value<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Single(v) => write!(f, "{v}"),
            Value::Range(a, b) => write!(f, "{a}-{b}"),
        }
    }
}

impl<T: Copy + Ord> Value<T> {
    /// The first value covered.
    pub fn first(self) -> T {
        match self {
            Value::Single(v) | Value::Range(v, _) => v,
        }
    }

    /// The last value covered.
    pub fn last(self) -> T {
        match self {
            Value::Single(v) | Value::Range(_, v) => v,
        }
    }

    /// True when the two values share a number.
    pub fn overlaps(self, other: Value<T>) -> bool {
        self.first() <= other.last() && other.first() <= self.last()
    }
}

/// A record of `close-code-number` or `opcode`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRecord<T> {
    /// Registration dates and position.
    pub meta: RecordMeta,
    /// The number or range.
    pub value: Value<T>,
    /// `<description>`, verbatim.
    pub description: String,
    /// `<contact>` references (close codes only).
    pub contact: Vec<Reference>,
    /// The record's references.
    pub references: Vec<Reference>,
    /// `<controller>`, if given and not empty.
    pub controller: Option<RichText>,
}

impl<T> CodeRecord<T> {
    /// True when this record assigns one value (rather than describing a range such as
    /// "Unassigned" or "Reserved for Private Use").
    pub fn is_assignment(&self) -> bool {
        matches!(self.value, Value::Single(_))
            && !self.description.eq_ignore_ascii_case("unassigned")
    }
}

/// A record of `version-number`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionRecord {
    /// Registration dates and position.
    pub meta: RecordMeta,
    /// The version number or range.
    pub value: Value<u8>,
    /// The record's references.
    pub references: Vec<Reference>,
    /// `<status>` (`Standard`, `Interim`), `None` when empty.
    pub status: Option<String>,
    /// `<controller>`, if given and not empty.
    pub controller: Option<RichText>,
}

/// A record of `framing-header-bits`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderBitRecord {
    /// Registration dates and position.
    pub meta: RecordMeta,
    /// `<value>` verbatim: `RSV1`, `RSV2` or `RSV3`.
    pub name: String,
    /// Which reserved bit: 1, 2 or 3.
    pub bit: u8,
    /// `<description>`, verbatim.
    pub description: String,
    /// The record's references.
    pub references: Vec<Reference>,
}

/// A `<person>` of `<people>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// `id`, what `<xref type="person" data="...">` names.
    pub id: String,
    /// `<name>`.
    pub name: Option<String>,
    /// `<org>`.
    pub org: Option<String>,
    /// `<uri>`s, verbatim (IANA writes e-mail addresses as `mailto:user&host`).
    pub uris: Vec<String>,
    /// `<updated>`.
    pub updated: Option<String>,
}

/// A record of a sub-registry the generator has no typed row for: what every IANA record
/// has, and every other element kept as a named text field, so that nothing is lost until a
/// typed emitter follows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GenericRecord {
    /// Registration dates and position.
    pub meta: RecordMeta,
    /// `<value>`, verbatim (a number, a range such as `16-255`, or text).
    pub value: Option<String>,
    /// `<id>` (or `<name>`, when there is no `<id>`): the identifier, verbatim.
    pub identifier: Option<String>,
    /// `<description>` (or `<common>`): what the record means, in IANA's words.
    pub description: Option<String>,
    /// The record's `<xref>` children.
    pub references: Vec<Reference>,
    /// Every other child element: its name and its text (references inside it written as
    /// their text or data), in file order.
    pub fields: Vec<(String, String)>,
}
