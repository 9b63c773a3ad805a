//! The `Sec-WebSocket-Extensions` parser and permessage-deflate offer check as they were
//! before the parser was made faster (commit `abb704f`, `src/extension_offers.rs` and
//! `src/permessage_deflate/offer.rs`), kept as the reference `tests/extension_differential.rs`
//! compares the crate with. Slow on purpose: `tchar` is a search of the punctuation string,
//! and every piece is parsed by one small, obvious function. Do not make it faster; fix the
//! crate instead.
//!
//! Changed since, with the rules of 0.1.0: the grammar's error at a byte no rule allows (not
//! visible ASCII, space or tab) is `VisibleAscii` (`Cursor::error`), and the verdict's window
//! bits are plain numbers.

use websocket_registry::{DeflateParam, ExtensionHeaderExpected};

/// One parameter: its name, and its value as `(was quoted, unescaped text, had no escape)`.
pub type Param = (String, Option<(bool, String, bool)>);

/// One extension element: its token and parameters, or where and why the grammar failed.
pub type Element = Result<(String, Vec<Param>), (usize, ExtensionHeaderExpected)>;

/// The elements of one header value, as `Extension::offers` yields them: every element up to
/// and including the first error.
pub fn offers(header: &str) -> Vec<Element> {
    let mut out = Vec::new();
    let mut position = 0;
    let mut found_any = false;
    loop {
        let mut cursor = Cursor::new(header, position);
        loop {
            cursor.skip_whitespace();
            if !cursor.eat(b',') {
                break;
            }
        }
        if cursor.at_end() {
            if !found_any {
                out.push(Err(
                    cursor.error(ExtensionHeaderExpected::AtLeastOneExtension)
                ));
            }
            return out;
        }
        let Some(token) = cursor.token() else {
            out.push(Err(cursor.error(ExtensionHeaderExpected::ExtensionToken)));
            return out;
        };
        let mut params = Vec::new();
        loop {
            let before_separator = cursor.position;
            cursor.skip_whitespace();
            if cursor.at_end() || cursor.peek() == Some(b',') {
                cursor.position = before_separator;
                break;
            }
            if !cursor.eat(b';') {
                out.push(Err(cursor.error(ExtensionHeaderExpected::SeparatorOrEnd)));
                return out;
            }
            match cursor.param() {
                Ok(param) => params.push(param),
                Err(error) => {
                    out.push(Err(error));
                    return out;
                }
            }
        }
        cursor.skip_whitespace();
        if !cursor.at_end() && !cursor.eat(b',') {
            out.push(Err(cursor.error(ExtensionHeaderExpected::SeparatorOrEnd)));
            return out;
        }
        position = cursor.position;
        found_any = true;
        out.push(Ok((token.to_owned(), params)));
    }
}

/// What the permessage-deflate check says of an element: its four parameters, or the rule
/// it breaks (`Variant(parameter)`, or `Variant("name")` for a name or token). The client's
/// window bits are `None` when not offered and `Some(None)` when offered without a value.
pub type Deflate = Result<(bool, bool, Option<u8>, Option<Option<u8>>), String>;

/// RFC 7692 section 7's check of one offer.
pub fn from_offer(token: &str, params: &[Param]) -> Deflate {
    if token != "permessage-deflate" {
        return Err(format!("NotPerMessageDeflate({token:?})"));
    }
    let (mut server_nct, mut client_nct) = (false, false);
    let mut server_bits = None;
    let mut client_bits = None;
    let mut seen = Vec::new();
    for (name, value) in params {
        let Some(param) = DeflateParam::ALL
            .iter()
            .copied()
            .find(|p| p.as_str() == name)
        else {
            return Err(format!("UnknownParam({name:?})"));
        };
        if seen.contains(&param) {
            return Err(format!("Repeated({param:?})"));
        }
        seen.push(param);
        let bits = |value: &(bool, String, bool)| match value.1.as_str() {
            "8" | "9" | "10" | "11" | "12" | "13" | "14" | "15" => Ok(value.1.parse().unwrap()),
            _ => Err(format!("InvalidWindowBits({param:?})")),
        };
        match (param, value) {
            (DeflateParam::ServerNoContextTakeover, None) => server_nct = true,
            (DeflateParam::ClientNoContextTakeover, None) => client_nct = true,
            (DeflateParam::ServerNoContextTakeover | DeflateParam::ClientNoContextTakeover, _) => {
                return Err(format!("UnexpectedValue({param:?})"))
            }
            (DeflateParam::ServerMaxWindowBits, None) => {
                return Err(format!("MissingValue({param:?})"))
            }
            (DeflateParam::ServerMaxWindowBits, Some(value)) => server_bits = Some(bits(value)?),
            (DeflateParam::ClientMaxWindowBits, None) => client_bits = Some(None),
            (DeflateParam::ClientMaxWindowBits, Some(value)) => {
                client_bits = Some(Some(bits(value)?))
            }
            (other, _) => panic!("the reference does not know {other:?}"),
        }
    }
    Ok((server_nct, client_nct, server_bits, client_bits))
}

struct Cursor<'a> {
    text: &'a str,
    position: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str, position: usize) -> Cursor<'a> {
        Cursor { text, position }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.position).copied()
    }

    fn at_end(&self) -> bool {
        self.position >= self.text.len()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let matched = self.peek() == Some(byte);
        if matched {
            self.position += 1;
        }
        matched
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.position += 1;
        }
    }

    fn token(&mut self) -> Option<&'a str> {
        let start = self.position;
        while matches!(self.peek(), Some(byte) if is_tchar(byte)) {
            self.position += 1;
        }
        (self.position > start).then(|| &self.text[start..self.position])
    }

    fn error(&self, expected: ExtensionHeaderExpected) -> (usize, ExtensionHeaderExpected) {
        match self.peek() {
            Some(byte) if byte != b'\t' && !(b' '..=b'~').contains(&byte) => {
                (self.position, ExtensionHeaderExpected::VisibleAscii)
            }
            _ => (self.position, expected),
        }
    }

    fn param(&mut self) -> Result<Param, (usize, ExtensionHeaderExpected)> {
        self.skip_whitespace();
        let name = self
            .token()
            .ok_or_else(|| self.error(ExtensionHeaderExpected::ParamName))?
            .to_owned();
        let after_name = self.position;
        self.skip_whitespace();
        if !self.eat(b'=') {
            self.position = after_name;
            return Ok((name, None));
        }
        self.skip_whitespace();
        if let Some(token) = self.token() {
            return Ok((name, Some((false, token.to_owned(), true))));
        }
        if !self.eat(b'"') {
            return Err(self.error(ExtensionHeaderExpected::ParamValue));
        }
        let start = self.position;
        loop {
            match self.peek() {
                Some(b'"') => break,
                Some(b'\\') => {
                    self.position += 1;
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
        let raw = &self.text[start..self.position];
        if raw.is_empty() {
            return Err(self.error(ExtensionHeaderExpected::TokenInQuotes));
        }
        self.position += 1;
        let unescaped = unescape(raw);
        Ok((name, Some((true, unescaped, !raw.contains('\\')))))
    }
}

fn unescape(raw: &str) -> String {
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(ch) = chars.next() {
        out.push(if ch == '\\' {
            chars.next().unwrap()
        } else {
            ch
        });
    }
    out
}

/// RFC 9110 section 5.6.2's `tchar`, as the crate wrote it before.
fn is_tchar(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}
