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

use core::fmt;
use core::iter::FusedIterator;

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
    token: &'a [u8],
    /// Where the token starts in the header value (crate-internal: offsets of the
    /// permessage-deflate check).
    offset: usize,
    /// The text after the token up to the end of the element, already checked: every
    /// `; param` in it parses.
    params: &'a [u8],
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

/// A piece of a header value the grammar accepted, as text. Every piece it accepts is ASCII
/// (tokens, parameter names and values, the separators between them), so the conversion
/// never fails; the parser itself reads bytes and converts only what a caller asks for, so
/// that a value given as bytes is not checked for UTF-8 a second time.
fn ascii(piece: &[u8]) -> &str {
    core::str::from_utf8(piece).unwrap_or("")
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

/// A parameter's value: a token, or a quoted string whose unescaped content is a token. It
/// compares, iterates and writes as the unescaped text, without allocating.
///
/// ```
/// use websocket_registry::Extension;
///
/// let offer = Extension::offers(r#"e; a=1; b="x\y""#).next().unwrap()?;
/// let values: Vec<_> = offer.params().filter_map(|(_, value)| value).collect();
/// assert_eq!(values[0].to_str(), Some("1"));
/// assert!(values[1].was_quoted());
/// assert_eq!(values[1].to_str(), None); // an escape to undo
/// assert_eq!(values[1], "xy");
/// # Ok::<(), websocket_registry::ExtensionHeaderError>(())
/// ```
#[derive(Clone, Copy, Eq, Hash)]
pub struct ParamValue<'a> {
    /// The value as sent, quotes removed but escapes kept: ASCII token characters and `\\`.
    raw: &'a [u8],
    quoted: bool,
}

/// The value as sent (escapes kept), and whether it was quoted.
impl fmt::Debug for ParamValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParamValue")
            .field("raw", &ascii(self.raw))
            .field("quoted", &self.quoted)
            .finish()
    }
}

impl<'a> ParamValue<'a> {
    /// True when the value was sent as a quoted string (`"10"` rather than `10`).
    pub const fn was_quoted(&self) -> bool {
        self.quoted
    }

    /// The value as one `&str`, when it has no escapes to undo (always, for a token); `None`
    /// otherwise, like `OsStr::to_str` (use [`chars`](Self::chars) or
    /// [`write`](Self::write) then).
    pub fn to_str(&self) -> Option<&'a str> {
        (!self.raw.contains(&b'\\')).then(|| ascii(self.raw))
    }

    /// The value's bytes when it was sent as a token (nothing to unescape), for the
    /// permessage-deflate check.
    pub(crate) const fn unquoted(&self) -> Option<&'a [u8]> {
        if self.quoted {
            None
        } else {
            Some(self.raw)
        }
    }

    /// The unescaped value, character by character (all ASCII token characters).
    pub fn chars(&self) -> ParamChars<'a> {
        ParamChars { rest: self.raw }
    }

    /// The length of the unescaped value in bytes.
    pub fn len(&self) -> usize {
        self.chars().count()
    }

    /// True when the unescaped value is empty (never, for a value the grammar accepts).
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// Writes the unescaped value into `buf` and returns how many bytes it took
    /// ([`len`](Self::len), never more than the header value's length).
    ///
    /// # Errors
    ///
    /// [`BufferTooSmall`](crate::BufferTooSmall) when `buf` is shorter than the value; what
    /// `buf` holds then is unspecified.
    pub fn write(&self, buf: &mut [u8]) -> Result<usize, crate::BufferTooSmall> {
        let mut len = 0;
        for ch in self.chars() {
            match buf.get_mut(len) {
                Some(slot) => *slot = ch as u8,
                None => {
                    return Err(crate::BufferTooSmall {
                        needed: self.len(),
                        available: buf.len(),
                    })
                }
            }
            len += 1;
        }
        Ok(len)
    }
}

/// Compares the unescaped value.
impl PartialEq for ParamValue<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.chars().eq(other.chars())
    }
}

/// `value == "15"` compares the unescaped value with the text.
impl PartialEq<str> for ParamValue<'_> {
    fn eq(&self, other: &str) -> bool {
        self.chars().eq(other.chars())
    }
}

impl PartialEq<&str> for ParamValue<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.chars().eq(other.chars())
    }
}

/// The unescaped value.
impl fmt::Display for ParamValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.chars()
            .try_for_each(|ch| fmt::Write::write_char(f, ch))
    }
}

/// The characters of a [`ParamValue`], unescaped.
///
/// ```
/// use websocket_registry::Extension;
///
/// let offer = Extension::offers(r#"e; a="1\0""#).next().unwrap()?;
/// let value = offer.params().next().and_then(|(_, value)| value).unwrap();
/// assert_eq!(value.chars().collect::<String>(), "10");
/// # Ok::<(), websocket_registry::ExtensionHeaderError>(())
/// ```
#[derive(Clone, Debug)]
pub struct ParamChars<'a> {
    rest: &'a [u8],
}

impl Iterator for ParamChars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let (&first, rest) = self.rest.split_first()?;
        let (byte, rest) = match (first, rest) {
            (b'\\', [escaped, rest @ ..]) => (*escaped, rest),
            _ => (first, rest),
        };
        self.rest = rest;
        Some(char::from(byte))
    }
}

impl FusedIterator for ParamChars<'_> {}

/// Why a `Sec-WebSocket-Extensions` value does not parse: what was expected, at which byte.
///
/// ```
/// use websocket_registry::{Extension, ExtensionHeaderExpected};
///
/// let error = Extension::offers("permessage-deflate;").last().unwrap().unwrap_err();
/// assert_eq!((error.offset(), error.expected()), (19, ExtensionHeaderExpected::ParamName));
/// assert!(error.to_string().ends_with("at byte 19"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExtensionHeaderError {
    offset: usize,
    expected: ExtensionHeaderExpected,
}

/// What the grammar expected where an [`ExtensionHeaderError`] points.
///
/// ```
/// use websocket_registry::{Extension, ExtensionHeaderExpected};
///
/// let error = Extension::offers("a; b=\"c").last().unwrap().unwrap_err();
/// assert_eq!(error.expected(), ExtensionHeaderExpected::ClosingQuote);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ExtensionHeaderExpected {
    /// An extension token at the start of a list element.
    ExtensionToken,
    /// A parameter name (a token) after `;`.
    ParamName,
    /// A value after `=`: a token or a quoted string.
    ParamValue,
    /// `;`, `,` or the end of the value after an extension or parameter.
    SeparatorOrEnd,
    /// The closing `"` of a quoted string.
    ClosingQuote,
    /// Token characters inside a quoted value (RFC 6455 section 9.1: a quoted value must be
    /// a token once unescaped).
    TokenInQuotes,
    /// At least one extension: the value has none (empty or only commas and whitespace).
    AtLeastOneExtension,
    /// Visible ASCII: a field line with other bytes cannot hold tokens (RFC 9110 section
    /// 5.5).
    VisibleAscii,
}

impl ExtensionHeaderError {
    /// The byte offset in the header value where the grammar failed.
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// What the grammar expected there.
    pub const fn expected(&self) -> ExtensionHeaderExpected {
        self.expected
    }

    /// The same error, `by` bytes further into a joined value.
    pub(crate) const fn shifted(self, by: usize) -> Self {
        ExtensionHeaderError {
            offset: self.offset + by,
            ..self
        }
    }
}

impl fmt::Display for ExtensionHeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let expected = match self.expected {
            ExtensionHeaderExpected::ExtensionToken => "an extension token",
            ExtensionHeaderExpected::ParamName => "a parameter name (a token)",
            ExtensionHeaderExpected::ParamValue => "a parameter value (a token or a quoted string)",
            ExtensionHeaderExpected::SeparatorOrEnd => "\";\", \",\" or the end of the value",
            ExtensionHeaderExpected::ClosingQuote => "the closing '\"' of a quoted string",
            ExtensionHeaderExpected::TokenInQuotes => {
                "a token inside the quotes (RFC 6455 section 9.1)"
            }
            ExtensionHeaderExpected::AtLeastOneExtension => "at least one extension",
            ExtensionHeaderExpected::VisibleAscii => "visible ASCII",
        };
        write!(
            f,
            "Sec-WebSocket-Extensions: expected {expected} at byte {}",
            self.offset
        )
    }
}

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

/// A position in a header value, with the grammar's pieces (byte slices: see [`ascii`]).
struct Cursor<'a> {
    /// The value.
    bytes: &'a [u8],
    position: usize,
}

impl<'a> Cursor<'a> {
    fn new(bytes: &'a [u8], position: usize) -> Cursor<'a> {
        Cursor { bytes, position }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.position).copied()
    }

    fn at_end(&self) -> bool {
        self.position >= self.bytes.len()
    }

    /// The bytes from `start` to the cursor.
    fn piece(&self, start: usize) -> Option<&'a [u8]> {
        self.bytes.get(start..self.position)
    }

    fn eat(&mut self, byte: u8) -> bool {
        let matched = self.peek() == Some(byte);
        if matched {
            self.position += 1;
        }
        matched
    }

    /// The grammar fails here. At a byte no part of the grammar allows (not visible ASCII,
    /// space or tab) the error says so, whatever was expected.
    fn error(&self, expected: ExtensionHeaderExpected) -> ExtensionHeaderError {
        let expected = match self.peek() {
            Some(byte) if !is_field_byte(byte) => ExtensionHeaderExpected::VisibleAscii,
            _ => expected,
        };
        ExtensionHeaderError {
            offset: self.position,
            expected,
        }
    }

    /// RFC 9110's OWS: spaces and horizontal tabs.
    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.position += 1;
        }
    }

    /// A token (one or more tchar), or `None` without moving.
    fn token(&mut self) -> Option<&'a [u8]> {
        let bytes = self.bytes;
        let start = self.position;
        let mut end = start;
        // Eight bytes a turn while all eight are tchar: eight independent lookups and one
        // branch, where a byte at a time is a branch per byte. The tokens offers carry are
        // long (`permessage-deflate` is 18 bytes, its parameters 22 to 26).
        while let Some(chunk) = bytes.get(end..end + 8) {
            let all_tchar = chunk
                .iter()
                .fold(1, |all, &byte| all & TCHAR[usize::from(byte)]);
            if all_tchar == 0 {
                break;
            }
            end += 8;
        }
        while matches!(bytes.get(end), Some(&byte) if is_tchar(byte)) {
            end += 1;
        }
        self.position = end;
        if end > start {
            self.piece(start)
        } else {
            None
        }
    }

    /// `name [ "=" value ]` after a `;`: where the name starts, the name and the value.
    fn param(&mut self) -> Result<(usize, &'a [u8], Option<ParamValue<'a>>), ExtensionHeaderError> {
        self.skip_whitespace();
        let offset = self.position;
        let name = self
            .token()
            .ok_or_else(|| self.error(ExtensionHeaderExpected::ParamName))?;
        let after_name = self.position;
        self.skip_whitespace();
        if !self.eat(b'=') {
            self.position = after_name;
            return Ok((offset, name, None));
        }
        self.skip_whitespace();
        if let Some(token) = self.token() {
            return Ok((
                offset,
                name,
                Some(ParamValue {
                    raw: token,
                    quoted: false,
                }),
            ));
        }
        if !self.eat(b'"') {
            return Err(self.error(ExtensionHeaderExpected::ParamValue));
        }
        // The quoted content: token characters, each possibly escaped, and nothing else.
        let start = self.position;
        loop {
            match self.peek() {
                Some(b'"') => break,
                Some(b'\\') => {
                    self.position += 1;
                    // The escaped character must be a token character too; the next turn
                    // of the loop takes it like any other.
                    match self.peek() {
                        Some(byte) if is_tchar(byte) => {}
                        Some(_) => return Err(self.error(ExtensionHeaderExpected::TokenInQuotes)),
                        None => return Err(self.error(ExtensionHeaderExpected::ClosingQuote)),
                    }
                }
                Some(byte) if is_tchar(byte) => self.position += 1,
                Some(_) => return Err(self.error(ExtensionHeaderExpected::TokenInQuotes)),
                None => return Err(self.error(ExtensionHeaderExpected::ClosingQuote)),
            }
        }
        let raw = match self.piece(start) {
            Some(raw) if !raw.is_empty() => raw,
            _ => return Err(self.error(ExtensionHeaderExpected::TokenInQuotes)),
        };
        self.position += 1; // the closing quote
        Ok((offset, name, Some(ParamValue { raw, quoted: true })))
    }
}

/// RFC 9110 section 5.6.2's `tchar`: one lookup in [`TCHAR`]. The parser asks this for
/// every byte of every token, so a table beats searching the 15 punctuation characters
/// (`benches/instructions.py`). Not a `const fn`: Rust 1.63, the crate's minimum, does not
/// let one read a `static`.
#[inline]
pub(crate) fn is_tchar(byte: u8) -> bool {
    TCHAR[usize::from(byte)] != 0
}

/// A byte a field line may hold where the grammar allows text: visible ASCII, space and
/// tab (RFC 9110 section 5.5, without `obs-text`, which no token or separator can be).
pub(crate) fn is_field_byte(byte: u8) -> bool {
    byte == b'\t' || (0x20..0x7f).contains(&byte)
}

/// Which bytes are RFC 9110's `tchar` (1) and which are not (0): ASCII letters and digits,
/// and `!#$%&'*+-.^_`|~`. Numbers rather than `bool`s, so that eight lookups combine with `&`
/// into one test.
static TCHAR: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() as u8;
        byte += 1;
    }
    let punctuation = b"!#$%&'*+-.^_`|~";
    let mut i = 0;
    while i < punctuation.len() {
        table[punctuation[i] as usize] = 1;
        i += 1;
    }
    table
};
