//! References and range rows: the shapes the generated tables are made of.

use core::fmt;

/// What kind of source a [`Reference`] points at (IANA's `<xref type>`).
///
/// ```
/// use websocket_registry::{ReferenceKind, Version};
///
/// let kinds: Vec<_> = Version::RFC_6455.references().iter().map(|r| r.kind()).collect();
/// assert_eq!(kinds, [ReferenceKind::Rfc]);
/// ```
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
///
/// ```
/// use websocket_registry::{CloseCode, ReferenceKind};
///
/// let reference = &CloseCode::BAD_GATEWAY.references()[0];
/// assert_ne!(reference.text(), "");
/// if reference.kind() == ReferenceKind::Uri {
///     assert!(reference.url().is_some());
/// }
/// ```
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
///
/// ```
/// use websocket_registry::close_codes;
///
/// let rows = close_codes::RANGES;
/// let private = rows.iter().find(|row| row.contains(4321)).expect("a row for 4000-4999");
/// assert_eq!((private.first(), private.last()), (4000, 4999));
/// assert!(private.name().is_some());
/// ```
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
    /// rule); `None` for a row IANA gives no text.
    pub const fn name(&self) -> Option<&'static str> {
        if self.description.is_empty() {
            None
        } else {
            Some(self.description)
        }
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
///
/// ```
/// use websocket_registry::Subprotocol;
///
/// let error = "MQTT".parse::<Subprotocol>().unwrap_err(); // case-sensitive
/// assert!(error.to_string().contains("exact and case-sensitive"));
/// assert_eq!(error.registry(), "WebSocket Subprotocol Name Registry");
/// ```
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
