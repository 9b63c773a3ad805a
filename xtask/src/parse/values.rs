//! The value grammar (`1000`, `3000-3999`, `0x0A`) and the schema's dates.

use std::str::FromStr;

use super::Parser;
use crate::error::Result;
use crate::model::*;
use crate::xml::Element;

impl Parser {
    /// Parses a `<value>` as one number or a range `a-b`, each decimal or `0x` hex, each at
    /// most `max`.
    pub(super) fn value<T: TryFrom<u64> + Copy + Ord>(
        &self,
        element: &Element,
        max: u64,
    ) -> Result<Value<T>> {
        let text = self.plain_text(element)?;
        if text.starts_with('-') {
            return Err(self.err(
                element.pos,
                format!("value {text:?}: negative numbers are not registry values"),
            ));
        }
        let parse_one = |part: &str| -> Result<T> {
            let part = part.trim_matches(crate::text::is_xml_space);
            if part.len() > 1 && part.starts_with('0') && !part.starts_with("0x") {
                // IANA writes 1000, never 01000; a leading zero is a typo or an octal habit,
                // and either way not a value to guess at.
                return Err(self.err(
                    element.pos,
                    format!("value {text:?}: {part:?} has a leading zero (expected plain decimal digits)"),
                ));
            }
            let parsed = if let Some(hex) = part.strip_prefix("0x") {
                u64::from_str_radix(hex, 16)
                    .ok()
                    .filter(|_| !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            } else if !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) {
                u64::from_str(part).ok()
            } else {
                None
            };
            let number = parsed.ok_or_else(|| {
                self.err(
                    element.pos,
                    format!("value {text:?}: {part:?} is not a number (expected decimal digits or 0x hex)"),
                )
            })?;
            if number > max {
                return Err(self.err(
                    element.pos,
                    format!("value {text:?}: {number} is out of range (at most {max})"),
                ));
            }
            T::try_from(number)
                .map_err(|_| self.err(element.pos, format!("value {text:?} is out of range")))
        };
        match text.split_once('-') {
            None => Ok(Value::Single(parse_one(&text)?)),
            Some((first, last)) => {
                let (first, last) = (parse_one(first)?, parse_one(last)?);
                match first.cmp(&last) {
                    std::cmp::Ordering::Less => Ok(Value::Range(first, last)),
                    // IANA once wrote "1014-1014": a range of one is that one value.
                    std::cmp::Ordering::Equal => Ok(Value::Single(first)),
                    std::cmp::Ordering::Greater => {
                        Err(self.err(element.pos, format!("value {text:?} is a backwards range")))
                    }
                }
            }
        }
    }
}

/// `YYYY-MM-DD` or `YYYY-MM` (the schema's `genericDate`).
pub(super) fn is_generic_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_dates() {
        assert!(is_generic_date("2011-12"));
        assert!(is_generic_date("2026-06-10"));
        assert!(!is_generic_date("2026-6-10"));
        assert!(!is_generic_date("yesterday"));
    }
}
