//! Reading `Sec-WebSocket-Extensions`, exactly by its grammar, without allocating.
//!
//! RFC 6455 section 9.1:
//!
//! ```text
//! Sec-WebSocket-Extensions = extension-list
//! extension-list = 1#extension
//! extension = extension-token *( ";" extension-param )
//! extension-token = registered-token
//! extension-param = token [ "=" (token | quoted-string) ]
//!     ; When using the quoted-string syntax variant, the value after quoted-string
//!     ; unescaping MUST conform to the 'token' ABNF.
//! ```
//!
//! with RFC 9110's list rules (section 5.6.1: empty list elements are skipped, optional
//! whitespace may surround every separator) and its `token` and `quoted-string` (sections
//! 5.6.2 and 5.6.4). Whitespace is also allowed around `=`, as the implied-whitespace rule
//! of RFC 2616, which RFC 6455's grammar uses, allows.
//!
//! One file per part: `cursor.rs` reads the grammar's pieces byte by byte, `offer.rs` is one
//! element and its parameters, `param_value.rs` a parameter's value, `error.rs` the error
//! with its offset; this file is the list itself, the iterator over its elements.

mod cursor;
mod error;
mod offer;
mod param_value;

use core::iter::FusedIterator;

use crate::Extension;

pub(crate) use cursor::{is_field_byte, is_tchar};
pub use error::{ExtensionHeaderError, ExtensionHeaderExpected};
pub use offer::{ExtensionOffer, ExtensionParams};
pub use param_value::{ParamChars, ParamValue};

use cursor::Cursor;

/// The extensions of one `Sec-WebSocket-Extensions` header value, in the client's order of
/// preference; see [`Extension::offers`]. After an error it yields nothing more.
///
/// ```
/// use websocket_registry::Extension;
///
/// let tokens: Vec<_> = Extension::offers("a, b; x=1")
///     .map(|offer| offer.map(|offer| offer.token()))
///     .collect::<Result<_, _>>()?;
/// assert_eq!(tokens, ["a", "b"]);
/// # Ok::<(), websocket_registry::ExtensionHeaderError>(())
/// ```
#[derive(Clone, Debug)]
pub struct ExtensionOffers<'a> {
    /// The value as given.
    bytes: &'a [u8],
    position: usize,
    found_any: bool,
    done: bool,
}

impl Extension {
    /// Reads the extensions one `Sec-WebSocket-Extensions` value offers (or, in a response,
    /// accepts), by RFC 6455 section 9.1 and RFC 9110's list rules. `value` is the field
    /// line's bytes (`HeaderValue::as_bytes`, a `&str`, a `&[u8]`). A value with no
    /// extension at all is an error; so is anything else the grammar does not allow, with
    /// the byte offset and what was expected there. A header sent as several lines is
    /// [`offers_lines`](Self::offers_lines).
    ///
    /// ```
    /// use websocket_registry::{Extension, ExtensionHeaderExpected};
    ///
    /// let header = "permessage-deflate; client_max_window_bits, permessage-deflate; server_max_window_bits=\"10\"";
    /// let offers: Vec<_> = Extension::offers(header).collect::<Result<_, _>>()?;
    /// assert_eq!(offers.len(), 2);
    /// assert_eq!(offers[0].extension(), Some(Extension::PermessageDeflate));
    /// let (name, value) = offers[1].params().next().unwrap();
    /// assert_eq!(name, "server_max_window_bits");
    /// assert!(value.unwrap() == "10");
    ///
    /// let err = Extension::offers(b"permessage-deflate; =1").next().unwrap().unwrap_err();
    /// assert_eq!((err.offset(), err.expected()), (20, ExtensionHeaderExpected::ParamName));
    /// let err = Extension::offers(b"permessage-deflate\xff").next().unwrap().unwrap_err();
    /// assert_eq!((err.offset(), err.expected()), (18, ExtensionHeaderExpected::VisibleAscii));
    /// # Ok::<(), websocket_registry::ExtensionHeaderError>(())
    /// ```
    pub fn offers<V: AsRef<[u8]> + ?Sized>(value: &V) -> ExtensionOffers<'_> {
        let bytes = value.as_ref();
        ExtensionOffers {
            bytes,
            position: 0,
            found_any: false,
            done: false,
        }
    }

    /// [`offers`](Self::offers) over a header sent as several field lines (what
    /// `HeaderMap::get_all` gives), read as one list, as RFC 9110 section 5.3 joins them:
    /// with `, `, so that error offsets count in the joined value. An empty line is an empty
    /// list element; lines with no extension at all are an error at the joined value's end,
    /// and no line at all yields nothing.
    ///
    /// ```
    /// use websocket_registry::Extension;
    ///
    /// let lines = ["x-webkit-deflate-frame", "permessage-deflate; client_max_window_bits"];
    /// let tokens: Vec<_> = Extension::offers_lines(&lines)
    ///     .map(|offer| offer.map(|offer| offer.token()))
    ///     .collect::<Result<_, _>>()?;
    /// assert_eq!(tokens, ["x-webkit-deflate-frame", "permessage-deflate"]);
    ///
    /// // The second line's `=` is at byte 3 of the joined value `a, =`.
    /// let err = Extension::offers_lines(&["a", "="]).last().unwrap().unwrap_err();
    /// assert_eq!(err.offset(), 3);
    /// # Ok::<(), websocket_registry::ExtensionHeaderError>(())
    /// ```
    pub fn offers_lines<'a, V: AsRef<[u8]> + ?Sized + 'a>(
        lines: impl IntoIterator<Item = &'a V> + 'a,
    ) -> impl Iterator<Item = Result<ExtensionOffer<'a>, ExtensionHeaderError>> + 'a {
        crate::header_lines::AcrossLines::new(lines, |line| Extension::offers(line))
    }
}

impl<'a> ExtensionOffers<'a> {
    /// True, and the value read, when nothing has been read yet and the whole value is
    /// exactly `value`: a caller that knows what one common value parses to skips the
    /// parse (the offers real clients send, see `DeflateOffers`).
    #[inline]
    pub(crate) fn take_whole<const N: usize>(&mut self, value: &[u8; N]) -> bool {
        // A fixed-size array compares in a few word loads, not byte by byte.
        let whole = self.position == 0
            && !self.done
            && <&[u8; N]>::try_from(self.bytes).map_or(false, |bytes| bytes == value);
        if whole {
            self.position = self.bytes.len();
            self.found_any = true;
            self.done = true;
        }
        whole
    }

    /// The grammar fails with `error`: the last item.
    fn fail(
        &mut self,
        error: ExtensionHeaderError,
    ) -> Option<Result<ExtensionOffer<'a>, ExtensionHeaderError>> {
        self.done = true;
        Some(Err(error))
    }
}

impl<'a> Iterator for ExtensionOffers<'a> {
    type Item = Result<ExtensionOffer<'a>, ExtensionHeaderError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_visiting(&mut ())
    }
}

impl<'a> ExtensionOffers<'a> {
    /// The next element, like [`next`](Iterator::next), handing `visit` the element's token
    /// and each parameter as the grammar accepts it: a reader of the parameters (the
    /// permessage-deflate check) then needs no second pass over the text. After a grammar
    /// error the visited parameters belong to an element that is not returned.
    #[inline]
    pub(crate) fn next_visiting(
        &mut self,
        visitor: &mut impl Visitor<'a>,
    ) -> Option<Result<ExtensionOffer<'a>, ExtensionHeaderError>> {
        if self.done {
            return None;
        }
        let mut cursor = Cursor::new(self.bytes, self.position);
        // Empty list elements: `, ,` and whitespace.
        loop {
            cursor.skip_whitespace();
            if !cursor.eat(b',') {
                break;
            }
        }
        if cursor.at_end() {
            self.done = true;
            if self.found_any {
                return None;
            }
            return self.fail(cursor.error(ExtensionHeaderExpected::AtLeastOneExtension));
        }
        let offset = cursor.position;
        let token = match cursor.token() {
            Some(token) => token,
            None => return self.fail(cursor.error(ExtensionHeaderExpected::ExtensionToken)),
        };
        visitor.element(Element { token, offset });
        let params_start = cursor.position;
        loop {
            let before_separator = cursor.position;
            cursor.skip_whitespace();
            if cursor.at_end() || cursor.peek() == Some(b',') {
                cursor.position = before_separator;
                break;
            }
            if !cursor.eat(b';') {
                return self.fail(cursor.error(ExtensionHeaderExpected::SeparatorOrEnd));
            }
            match cursor.param() {
                Ok((offset, name, value)) => visitor.param(Param {
                    name,
                    offset,
                    value,
                }),
                Err(error) => return self.fail(error),
            }
        }
        let params = self.bytes.get(params_start..cursor.position).unwrap_or(&[]);
        // The element must end here: at a comma (skipped next time) or the end.
        cursor.skip_whitespace();
        if !cursor.at_end() && !cursor.eat(b',') {
            return self.fail(cursor.error(ExtensionHeaderExpected::SeparatorOrEnd));
        }
        self.position = cursor.position;
        self.found_any = true;
        Some(Ok(ExtensionOffer {
            token,
            offset,
            params,
        }))
    }
}

/// A reader of each element as [`ExtensionOffers::next_visiting`] parses it: the element's
/// token first, then each parameter.
pub(crate) trait Visitor<'a> {
    /// An element starts.
    fn element(&mut self, element: Element<'a>);
    /// One of its parameters.
    fn param(&mut self, param: Param<'a>);
}

/// The grammar alone.
impl<'a> Visitor<'a> for () {
    #[inline]
    fn element(&mut self, _: Element<'a>) {}
    #[inline]
    fn param(&mut self, _: Param<'a>) {}
}

/// An element's token and where it starts, as [`ExtensionOffers::next_visiting`] hands it
/// to its visitor.
#[derive(Clone, Copy)]
pub(crate) struct Element<'a> {
    pub(crate) token: &'a [u8],
    pub(crate) offset: usize,
}

/// A parameter as the grammar accepted it: its name, where the name starts, and its value.
#[derive(Clone, Copy)]
pub(crate) struct Param<'a> {
    pub(crate) name: &'a [u8],
    pub(crate) offset: usize,
    pub(crate) value: Option<ParamValue<'a>>,
}

impl FusedIterator for ExtensionOffers<'_> {}
