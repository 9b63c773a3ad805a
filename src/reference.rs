//! References and range rows: the shapes the generated tables are made of.

use core::fmt;

/// What kind of source a [`Reference`] points at (IANA's `<xref type>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ReferenceKind {
    /// An RFC, BCP or STD document.
    Rfc,
    /// An erratum to an RFC.
    RfcErrata,
    /// An Internet-Draft.
    Draft,
    /// A web page or other URI.
    Uri,
    /// A person or organisation listed in the registry's `<people>`.
    Person,
    /// Free text.
    Text,
    /// Another IANA registry.
    Registry,
    /// A note of the registry.
    Note,
    /// A version of the Unicode standard.
    Unicode,
}

/// A citation from the registry: an RFC, a URI, a person, ...
///
/// `text` is what a person reads (`RFC 6455`, a name, a page title); `url` is where to read it,
/// when there is such a place (RFCs link to the RFC Editor, drafts to the IETF Datatracker).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Reference {
    pub(crate) kind: ReferenceKind,
    pub(crate) text: &'static str,
    pub(crate) url: Option<&'static str>,
}

impl Reference {
    /// The kind of source.
    pub const fn kind(&self) -> ReferenceKind {
        self.kind
    }

    /// The human-readable citation, e.g. `RFC 6455` or `Alexey Melnikov`.
    pub const fn text(&self) -> &'static str {
        self.text
    }

    /// Where to read it, if anywhere.
    pub const fn url(&self) -> Option<&'static str> {
        self.url
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text)?;
        match self.url {
            Some(url) if url != self.text => write!(f, " <{url}>"),
            _ => Ok(()),
        }
    }
}

/// A registry row that covers a range of numbers rather than one value, such as close codes
/// `1016-2999` "Unassigned" or `4000-4999` "Reserved for Private Use", or a registration rule
/// that applies to a range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RangeRecord {
    pub(crate) first: u16,
    pub(crate) last: u16,
    pub(crate) description: &'static str,
    pub(crate) references: &'static [Reference],
}

impl RangeRecord {
    /// The first value covered.
    pub const fn first(&self) -> u16 {
        self.first
    }

    /// The last value covered (inclusive).
    pub const fn last(&self) -> u16 {
        self.last
    }

    /// IANA's text for the range (`Unassigned`, `Reserved for Private Use`, or a registration
    /// rule).
    pub const fn name(&self) -> &'static str {
        self.description
    }

    /// The row's references.
    pub const fn references(&self) -> &'static [Reference] {
        self.references
    }

    /// True when `value` lies in the range.
    pub const fn contains(&self, value: u16) -> bool {
        self.first <= value && value <= self.last
    }
}

/// The error of `FromStr` for registered names ([`Subprotocol`](crate::Subprotocol),
/// [`Extension`](crate::Extension)): the text is not an identifier of that registry.
///
/// Matching is exact and case-sensitive, as RFC 6455 section 4.1 and RFC 7936 require.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct UnregisteredName {
    pub(crate) registry: &'static str,
}

impl UnregisteredName {
    /// The title of the registry that was searched.
    pub const fn registry(&self) -> &'static str {
        self.registry
    }
}

impl fmt::Display for UnregisteredName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not an identifier in the IANA {} (matching is exact and case-sensitive)",
            self.registry
        )
    }
}
