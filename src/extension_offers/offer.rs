//! One element of a `Sec-WebSocket-Extensions` list: its token and its parameters.

use core::fmt;
use core::iter::FusedIterator;

use super::cursor::{ascii, Cursor};
use super::ParamValue;
use crate::Extension;

/// One extension of a `Sec-WebSocket-Extensions` value, with its parameters; see
/// [`Extension::offers`].
///
/// ```
/// use websocket_registry::Extension;
///
/// let offer = Extension::offers("permessage-deflate; client_max_window_bits=\"10\"")
///     .next()
///     .unwrap()?;
/// assert_eq!(offer.token(), "permessage-deflate");
/// assert_eq!(offer.extension(), Some(Extension::PermessageDeflate));
/// let (name, value) = offer.params().next().unwrap();
/// assert_eq!((name, value.map(|v| v.to_string())), ("client_max_window_bits", Some("10".to_owned())));
/// # Ok::<(), websocket_registry::ExtensionHeaderError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExtensionOffer<'a> {
    /// The token's bytes: ASCII, as the grammar accepts no other (see [`ascii`]).
    pub(super) token: &'a [u8],
    /// Where the token starts in the header value (crate-internal: offsets of the
    /// permessage-deflate check).
    pub(super) offset: usize,
    /// The text after the token up to the end of the element, already checked: every
    /// `; param` in it parses.
    pub(super) params: &'a [u8],
}

impl<'a> ExtensionOffer<'a> {
    /// The extension token as sent (`permessage-deflate`).
    pub fn token(&self) -> &'a str {
        ascii(self.token)
    }

    /// Where the token starts in the header value.
    pub(crate) const fn offset(&self) -> usize {
        self.offset
    }

    /// The same offer, `by` bytes further into a joined value.
    pub(crate) const fn shifted(self, by: usize) -> Self {
        ExtensionOffer {
            offset: self.offset + by,
            ..self
        }
    }

    /// The registered extension the token names exactly (case-sensitive), or `None`.
    pub fn extension(&self) -> Option<Extension> {
        Extension::from_name(self.token())
    }

    /// The parameters, in the order sent.
    pub fn params(&self) -> ExtensionParams<'a> {
        ExtensionParams { rest: self.params }
    }
}

/// The token and the parameters' text, as text.
impl fmt::Debug for ExtensionOffer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExtensionOffer")
            .field("token", &self.token())
            .field("offset", &self.offset)
            .field("params", &ascii(self.params))
            .finish()
    }
}

/// The parameters of an [`ExtensionOffer`], in order: each a name and, if it has one, a
/// value.
///
/// ```
/// use websocket_registry::Extension;
///
/// let offer = Extension::offers("e; a; b=2").next().unwrap()?;
/// let names: Vec<_> = offer.params().map(|(name, _)| name).collect();
/// assert_eq!(names, ["a", "b"]);
/// # Ok::<(), websocket_registry::ExtensionHeaderError>(())
/// ```
#[derive(Clone)]
pub struct ExtensionParams<'a> {
    rest: &'a [u8],
}

/// The parameters not read yet, as text.
impl fmt::Debug for ExtensionParams<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExtensionParams")
            .field("rest", &ascii(self.rest))
            .finish()
    }
}

impl<'a> Iterator for ExtensionParams<'a> {
    type Item = (&'a str, Option<ParamValue<'a>>);

    fn next(&mut self) -> Option<Self::Item> {
        // The text was checked when the offer was read, so this parse cannot fail; a failure
        // would only end the iteration.
        let mut cursor = Cursor::new(self.rest, 0);
        cursor.skip_whitespace();
        if !cursor.eat(b';') {
            self.rest = &[];
            return None;
        }
        let (_, name, value) = cursor.param().ok()?;
        self.rest = self.rest.get(cursor.position..).unwrap_or(&[]);
        Some((ascii(name), value))
    }
}

impl FusedIterator for ExtensionParams<'_> {}
