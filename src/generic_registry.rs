//! The shapes of `other_registries`: sub-registries without a type.
//!
//! These are sub-registries that IANA added after the generator learned its sub-registries,
//! listed record by record until a typed API follows.

use crate::Reference;

/// A sub-registry of IANA's file that this crate has no typed API for yet: its records, in
/// the order IANA lists them, with lookups by value and by identifier.
///
/// When IANA adds a sub-registry, the next release of the crate holds it as one of these (in a
/// module of [`other_registries`](crate::other_registries) named after its id) instead of
/// failing. A typed API may follow in a later release.
///
/// ```
/// use websocket_registry::other_registries;
///
/// // Empty today: IANA has no sub-registry the crate has no typed API for.
/// for registry in other_registries::ALL {
///     println!("{} ({}): {} records", registry.title(), registry.id(), registry.records().len());
///     if let Some(record) = registry.by_number(1) {
///         println!("1 is {:?}", record.name());
///     }
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GenericRegistry {
    pub(crate) id: &'static str,
    pub(crate) title: &'static str,
    pub(crate) records: &'static [GenericRecord],
}

impl GenericRegistry {
    /// IANA's id for the sub-registry (the `id` attribute of its `<registry>` element).
    pub const fn id(&self) -> &'static str {
        self.id
    }

    /// IANA's title for it.
    pub const fn title(&self) -> &'static str {
        self.title
    }

    /// Every record, in file order.
    pub const fn records(&self) -> &'static [GenericRecord] {
        self.records
    }

    /// The first record whose value is exactly `value` (`"7"`, `"16-255"`).
    pub const fn by_value(&self, value: &str) -> Option<&'static GenericRecord> {
        self.find_text(value, TextField::Value)
    }

    /// The first record whose value covers `number`: a value written as one decimal number
    /// equal to it, or as a range `first-last` of decimal numbers that contains it. Values
    /// that are not decimal numbers are skipped.
    pub const fn by_number(&self, number: u64) -> Option<&'static GenericRecord> {
        let mut i = 0;
        while i < self.records.len() {
            if let Some(own) = self.records[i].value {
                if let Some((first, last)) = number_range(own.as_bytes()) {
                    if first <= number && number <= last {
                        return Some(&self.records[i]);
                    }
                }
            }
            i += 1;
        }
        None
    }

    /// The first record whose identifier is exactly `identifier` (case-sensitive, as
    /// identifiers on the wire are).
    pub const fn by_identifier(&self, identifier: &str) -> Option<&'static GenericRecord> {
        self.find_text(identifier, TextField::Identifier)
    }

    /// The first record whose `field` is exactly `text`.
    const fn find_text(&self, text: &str, field: TextField) -> Option<&'static GenericRecord> {
        let mut i = 0;
        while i < self.records.len() {
            let own = match field {
                TextField::Value => self.records[i].value,
                TextField::Identifier => self.records[i].identifier,
            };
            if let Some(own) = own {
                if bytes_eq(own.as_bytes(), text.as_bytes()) {
                    return Some(&self.records[i]);
                }
            }
            i += 1;
        }
        None
    }
}

/// Which text a lookup compares (a `const fn` cannot take a closure).
#[derive(Clone, Copy)]
enum TextField {
    Value,
    Identifier,
}

/// A record of a [`GenericRegistry`]: the fields every IANA record may have, and the
/// record's other elements as named text.
///
/// ```
/// use websocket_registry::other_registries;
///
/// for registry in other_registries::ALL {
///     for record in registry.records() {
///         let value = record.value().unwrap_or("-");
///         println!("{value}: {:?}, registered {:?}", record.name(), record.registered());
///         for (field, text) in record.fields() {
///             println!("  {field}: {text}");
///         }
///     }
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GenericRecord {
    pub(crate) value: Option<&'static str>,
    pub(crate) identifier: Option<&'static str>,
    pub(crate) description: Option<&'static str>,
    pub(crate) references: &'static [Reference],
    pub(crate) registered: Option<&'static str>,
    pub(crate) updated: Option<&'static str>,
    pub(crate) fields: &'static [(&'static str, &'static str)],
}

impl GenericRecord {
    /// `<value>`, verbatim: a number, a range such as `16-255`, or text.
    pub const fn value(&self) -> Option<&'static str> {
        self.value
    }

    /// `<id>` (or `<name>` when the record has no `<id>`): the identifier, verbatim.
    pub const fn identifier(&self) -> Option<&'static str> {
        self.identifier
    }

    /// `<description>` (or `<common>` when the record has no `<description>`), in IANA's
    /// words.
    pub const fn name(&self) -> Option<&'static str> {
        self.description
    }

    /// The record's references.
    pub const fn references(&self) -> &'static [Reference] {
        self.references
    }

    /// When the record was registered (`YYYY-MM-DD` or `YYYY-MM`), if IANA says.
    pub const fn registered(&self) -> Option<&'static str> {
        self.registered
    }

    /// When the record last changed, if IANA says.
    pub const fn updated(&self) -> Option<&'static str> {
        self.updated
    }

    /// Every other element of the record: its name and its text, in file order.
    pub const fn fields(&self) -> &'static [(&'static str, &'static str)] {
        self.fields
    }
}

const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// `first-last` or one number, in decimal; `None` for anything else or on overflow.
const fn number_range(text: &[u8]) -> Option<(u64, u64)> {
    let mut dash = 0;
    while dash < text.len() && text[dash] != b'-' {
        dash += 1;
    }
    let first = match decimal(text, 0, dash) {
        Some(first) => first,
        None => return None,
    };
    if dash == text.len() {
        return Some((first, first));
    }
    match decimal(text, dash + 1, text.len()) {
        Some(last) => Some((first, last)),
        None => None,
    }
}

/// The decimal number `text[start..end]`: at least one digit and nothing else.
const fn decimal(text: &[u8], start: usize, end: usize) -> Option<u64> {
    if start >= end || end > text.len() {
        return None;
    }
    let mut value: u64 = 0;
    let mut i = start;
    while i < end {
        let digit = text[i];
        if !digit.is_ascii_digit() {
            return None;
        }
        value = match value.checked_mul(10) {
            Some(v) => match v.checked_add((digit - b'0') as u64) {
                Some(v) => v,
                None => return None,
            },
            None => return None,
        };
        i += 1;
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn record(
        value: Option<&'static str>,
        identifier: Option<&'static str>,
    ) -> GenericRecord {
        GenericRecord {
            value,
            identifier,
            description: None,
            references: &[],
            registered: None,
            updated: None,
            fields: &[],
        }
    }

    const RECORDS: &[GenericRecord] = &[
        record(Some("0"), Some("zero")),
        record(Some("7"), Some("Seven")),
        record(Some("8-15"), None),
        record(Some("Reserved"), None),
        record(Some("16-18446744073709551615"), None),
    ];
    const TABLE: GenericRegistry = GenericRegistry {
        id: "test-registry",
        title: "Test",
        records: RECORDS,
    };

    #[test]
    fn lookups_find_the_first_matching_record() {
        assert_eq!(TABLE.by_value("7"), Some(&RECORDS[1]));
        assert_eq!(TABLE.by_value("8-15"), Some(&RECORDS[2]));
        assert_eq!(TABLE.by_value("07"), None);
        assert_eq!(TABLE.by_number(0), Some(&RECORDS[0]));
        assert_eq!(TABLE.by_number(7), Some(&RECORDS[1]));
        assert_eq!(TABLE.by_number(8), Some(&RECORDS[2]));
        assert_eq!(TABLE.by_number(15), Some(&RECORDS[2]));
        assert_eq!(TABLE.by_number(16), Some(&RECORDS[4]));
        assert_eq!(TABLE.by_number(u64::MAX), Some(&RECORDS[4]));
        assert_eq!(TABLE.by_number(1), None);
        assert_eq!(TABLE.by_identifier("Seven"), Some(&RECORDS[1]));
        assert_eq!(TABLE.by_identifier("seven"), None);
        assert_eq!(TABLE.by_identifier(""), None);
    }

    #[test]
    fn accessors_return_what_the_table_holds() {
        const REFERENCES: &[Reference] = &[Reference {
            kind: crate::ReferenceKind::Rfc,
            text: "RFC 6455",
            url: None,
        }];
        const FULL: GenericRecord = GenericRecord {
            value: Some("1"),
            identifier: Some("one"),
            description: Some("The first."),
            references: REFERENCES,
            registered: Some("2026-09"),
            updated: Some("2026-10-02"),
            fields: &[("status", "Provisional"), ("note", "A note.")],
        };
        const WITH_FULL: GenericRegistry = GenericRegistry {
            id: "full-registry",
            title: "Full",
            records: &[FULL],
        };
        assert_eq!(WITH_FULL.id(), "full-registry");
        assert_eq!(WITH_FULL.title(), "Full");
        assert_eq!(WITH_FULL.records(), &[FULL]);
        let record = WITH_FULL.by_identifier("one").expect("found");
        assert_eq!(record.value(), Some("1"));
        assert_eq!(record.identifier(), Some("one"));
        assert_eq!(record.name(), Some("The first."));
        assert_eq!(record.references(), REFERENCES);
        assert_eq!(record.registered(), Some("2026-09"));
        assert_eq!(record.updated(), Some("2026-10-02"));
        assert_eq!(
            record.fields(),
            &[("status", "Provisional"), ("note", "A note.")]
        );
        assert_eq!(TABLE.id(), "test-registry");
        assert_eq!(TABLE.title(), "Test");
    }

    #[test]
    fn only_decimal_numbers_and_ranges_are_numbers() {
        assert_eq!(number_range(b"42"), Some((42, 42)));
        assert_eq!(number_range(b"1-2"), Some((1, 2)));
        for text in [&b""[..], b"-", b"1-", b"-1", b"0x10", b"1-2-3", b"a", b" 1"] {
            assert_eq!(number_range(text), None, "{text:?}");
        }
        assert_eq!(number_range(b"18446744073709551616"), None);
    }
}
