//! Reads the JSON rustdoc writes: a small strict parser into `Value`, no dependencies.
//!
//! `cargo xtask api` is the generator's only JSON reader, and rustdoc's output is trusted
//! input of a few megabytes, so a recursive parser over the bytes is enough. It still
//! refuses what is not JSON, with the byte offset, so that a rustdoc that wrote something
//! else is named instead of misread.

use std::collections::BTreeMap;

/// A JSON value. Numbers keep their text: rustdoc's are ids and lengths, used as keys.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// `[ ... ]`.
    Array(Vec<Value>),
    /// `{ ... }`.
    Object(BTreeMap<String, Value>),
}

/// The shared `null` that [`Value::get`] answers for a missing key.
static NULL: Value = Value::Null;

impl Value {
    /// The member `key` of an object; `null` when absent or when this is not an object.
    pub fn get(&self, key: &str) -> &Value {
        match self {
            Value::Object(members) => members.get(key).unwrap_or(&NULL),
            _ => &NULL,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    /// The items, or none when this is not an array.
    pub fn items(&self) -> &[Value] {
        match self {
            Value::Array(items) => items,
            _ => &[],
        }
    }

    /// The boolean, `false` when this is not one.
    pub fn is_true(&self) -> bool {
        matches!(self, Value::Bool(true))
    }

    /// True for `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// A number's or a string's text (rustdoc ids are numbers, index keys strings).
    pub fn key_text(&self) -> Option<&str> {
        match self {
            Value::Number(text) | Value::String(text) => Some(text),
            _ => None,
        }
    }

    /// For rustdoc's externally tagged enums (`{"struct": {...}}`, or `"unit"`): the tag and
    /// its content.
    pub fn tagged(&self) -> Option<(&str, &Value)> {
        match self {
            Value::String(tag) => Some((tag, &NULL)),
            Value::Object(members) if members.len() == 1 => {
                members.iter().next().map(|(k, v)| (k.as_str(), v))
            }
            _ => None,
        }
    }
}

/// Parses a whole JSON text.
///
/// # Errors
///
/// The byte offset and what was expected there, for anything that is not one JSON value.
pub fn parse(text: &str) -> Result<Value, String> {
    let mut parser = Parser {
        bytes: text.as_bytes(),
        pos: 0,
    };
    let value = parser.value(0)?;
    parser.space();
    if parser.pos != parser.bytes.len() {
        return Err(parser.error("the end of the text"));
    }
    Ok(value)
}

/// rustdoc nests a few dozen levels; this bounds the recursion on anything else.
const MAX_DEPTH: usize = 512;

struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, expected: &str) -> String {
        format!("JSON at byte {}: expected {expected}", self.pos)
    }

    fn space(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.space();
        if self.bytes.get(self.pos) == Some(&byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, String> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error(word))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, String> {
        if depth > MAX_DEPTH {
            return Err(self.error("less nesting"));
        }
        self.space();
        match self.bytes.get(self.pos) {
            Some(b'n') => self.literal("null", Value::Null),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'[') => {
                self.pos += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Ok(Value::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if self.eat(b']') {
                        return Ok(Value::Array(items));
                    }
                    if !self.eat(b',') {
                        return Err(self.error("',' or ']'"));
                    }
                }
            }
            Some(b'{') => {
                self.pos += 1;
                let mut members = BTreeMap::new();
                if self.eat(b'}') {
                    return Ok(Value::Object(members));
                }
                loop {
                    self.space();
                    let key = self.string()?;
                    if !self.eat(b':') {
                        return Err(self.error("':'"));
                    }
                    members.insert(key, self.value(depth + 1)?);
                    if self.eat(b'}') {
                        return Ok(Value::Object(members));
                    }
                    if !self.eat(b',') {
                        return Err(self.error("',' or '}'"));
                    }
                }
            }
            Some(b'-' | b'0'..=b'9') => {
                let start = self.pos;
                while matches!(
                    self.bytes.get(self.pos),
                    Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                ) {
                    self.pos += 1;
                }
                let text = std::str::from_utf8(&self.bytes[start..self.pos]).unwrap_or("");
                Ok(Value::Number(text.to_owned()))
            }
            _ => Err(self.error("a JSON value")),
        }
    }

    fn string(&mut self) -> Result<String, String> {
        if self.bytes.get(self.pos) != Some(&b'"') {
            return Err(self.error("'\"'"));
        }
        self.pos += 1;
        let mut out: Vec<u8> = Vec::new();
        loop {
            match self.bytes.get(self.pos) {
                None => return Err(self.error("the closing '\"'")),
                Some(b'"') => {
                    self.pos += 1;
                    return String::from_utf8(out).map_err(|_| self.error("UTF-8"));
                }
                Some(b'\\') => {
                    let escape = self.bytes.get(self.pos + 1).copied();
                    self.pos += 2;
                    let byte = match escape {
                        Some(b'"') => b'"',
                        Some(b'\\') => b'\\',
                        Some(b'/') => b'/',
                        Some(b'n') => b'\n',
                        Some(b't') => b'\t',
                        Some(b'r') => b'\r',
                        Some(b'b') => 8,
                        Some(b'f') => 12,
                        Some(b'u') => {
                            let c = self.unicode_escape()?;
                            let mut buf = [0u8; 4];
                            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                            continue;
                        }
                        _ => return Err(self.error("an escape")),
                    };
                    out.push(byte);
                }
                Some(&byte) => {
                    out.push(byte);
                    self.pos += 1;
                }
            }
        }
    }

    /// The four hex digits after `\u` (and a low surrogate's after a high one).
    fn unicode_escape(&mut self) -> Result<char, String> {
        let high = self.hex4()?;
        if (0xD800..0xDC00).contains(&high) && self.bytes[self.pos..].starts_with(b"\\u") {
            self.pos += 2;
            let low = self.hex4()?;
            let code = 0x10000 + ((high - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3FF);
            return char::from_u32(code).ok_or_else(|| self.error("a surrogate pair"));
        }
        char::from_u32(high).ok_or_else(|| self.error("a Unicode scalar value"))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self
            .bytes
            .get(self.pos..self.pos + 4)
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| u32::from_str_radix(d, 16).ok())
            .ok_or_else(|| self.error("four hex digits"))?;
        self.pos += 4;
        Ok(digits)
    }
}

#[cfg(test)]
mod tests {
    use super::{parse, Value};

    #[test]
    fn reads_every_kind_of_value_and_escape() {
        let value =
            parse(r#" {"a": [1, -2.5e3, true, false, null], "b": "x\"\\\u00e9\ud83d\ude00\n"} "#)
                .unwrap();
        assert_eq!(value.get("a").items().len(), 5);
        assert_eq!(value.get("a").items()[1], Value::Number("-2.5e3".into()));
        assert_eq!(value.get("b").as_str(), Some("x\"\\é😀\n"));
        assert!(value.get("missing").is_null());
    }

    #[test]
    fn refuses_what_is_not_json_with_the_offset() {
        assert_eq!(
            parse("[1,]").unwrap_err(),
            "JSON at byte 3: expected a JSON value"
        );
        assert_eq!(
            parse("{} x").unwrap_err(),
            "JSON at byte 3: expected the end of the text"
        );
        assert_eq!(
            parse(r#""abc"#).unwrap_err(),
            "JSON at byte 4: expected the closing '\"'"
        );
        assert!(parse(&"[".repeat(600))
            .unwrap_err()
            .contains("less nesting"));
    }
}
