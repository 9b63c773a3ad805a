//! A small JSON writer for `cargo xtask diff --format json`.
//!
//! The report is the generator's only JSON, and it only ever writes it: strings, booleans,
//! `null`, arrays and objects with fixed keys. A derive-based serializer would cost the first
//! `cargo xtask regen` a second `syn` and a proc-macro build (see `benches/BENCHMARKS.md`), so
//! the few report types say how they look as JSON through [`ToJson`] instead. The output is
//! pretty-printed with two-space indentation, keys in the order the types list them.

use std::fmt::Write as _;

/// A JSON value, built by [`ToJson`] and written by [`Json::pretty`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A string, escaped when written.
    String(String),
    /// `[ ... ]`.
    Array(Vec<Json>),
    /// `{ ... }`, keys in this order.
    Object(Vec<(&'static str, Json)>),
}

/// How a report type looks as JSON.
pub trait ToJson {
    /// The value as a JSON tree.
    fn to_json(&self) -> Json;
}

/// `impl ToJson` for a struct as an object of the named fields, keys spelled as the fields
/// are: `json_object!(Side { source, updated });`.
macro_rules! json_object {
    ($type:ty { $($field:ident),* $(,)? }) => {
        impl $crate::json::ToJson for $type {
            fn to_json(&self) -> $crate::json::Json {
                $crate::json::Json::Object(vec![
                    $((stringify!($field), $crate::json::ToJson::to_json(&self.$field)),)*
                ])
            }
        }
    };
}
pub(crate) use json_object;

impl ToJson for String {
    fn to_json(&self) -> Json {
        Json::String(self.clone())
    }
}

impl ToJson for bool {
    fn to_json(&self) -> Json {
        Json::Bool(*self)
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Json {
        self.as_ref().map_or(Json::Null, ToJson::to_json)
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Json {
        Json::Array(self.iter().map(ToJson::to_json).collect())
    }
}

impl Json {
    /// The fields of an object, for inlining one object's fields into another.
    pub fn into_fields(self) -> Vec<(&'static str, Json)> {
        match self {
            Json::Object(fields) => fields,
            _ => Vec::new(),
        }
    }

    /// The value as pretty-printed JSON text, without a trailing newline.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out
    }

    fn write(&self, out: &mut String, depth: usize) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
            Json::String(text) => write_string(out, text),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(fields) if fields.is_empty() => out.push_str("{}"),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    separator(out, i, depth + 1);
                    item.write(out, depth + 1);
                }
                newline(out, depth);
                out.push(']');
            }
            Json::Object(fields) => {
                out.push('{');
                for (i, (key, value)) in fields.iter().enumerate() {
                    separator(out, i, depth + 1);
                    write_string(out, key);
                    out.push_str(": ");
                    value.write(out, depth + 1);
                }
                newline(out, depth);
                out.push('}');
            }
        }
    }
}

fn separator(out: &mut String, index: usize, depth: usize) {
    if index > 0 {
        out.push(',');
    }
    newline(out, depth);
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// A JSON string literal (RFC 8259 section 7): quotes, backslashes and control characters
/// escaped; everything else, non-ASCII included, written as it is. With DEL escaped too, it
/// is also a TOML basic string, which `registry/names.toml` is written with.
pub(crate) fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ch if u32::from(ch) < 0x20 || ch == '\u{7f}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(ch));
            }
            ch => out.push(ch),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_what_json_requires_and_nothing_else() {
        let text = "a\"b\\c\nd\re\tf\u{8}\u{c}\u{1}\u{1f}\u{7f}é\u{202e}";
        assert_eq!(
            Json::String(text.to_owned()).pretty(),
            "\"a\\\"b\\\\c\\nd\\re\\tf\\b\\f\\u0001\\u001f\\u007fé\u{202e}\""
        );
    }

    #[test]
    fn nesting_is_indented_by_two_spaces() {
        let value = Json::Object(vec![
            ("a", Json::Array(vec![Json::Bool(true), Json::Null])),
            ("b", Json::Array(Vec::new())),
            ("c", Json::Object(Vec::new())),
        ]);
        assert_eq!(
            value.pretty(),
            "{\n  \"a\": [\n    true,\n    null\n  ],\n  \"b\": [],\n  \"c\": {}\n}"
        );
    }
}
