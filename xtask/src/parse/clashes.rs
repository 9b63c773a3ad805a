//! Refusing records that clash: overlapping values, repeated identifiers.

use std::collections::BTreeMap;

use super::Parser;
use crate::error::{Pos, Result};
use crate::model::*;

impl Parser {
    /// Refuses values that overlap. Sorting first keeps this O(n log n) on any input.
    pub fn no_overlap<T: Copy + Ord + std::fmt::Display>(
        &self,
        sub_registry: &str,
        mut values: Vec<(Value<T>, Pos)>,
    ) -> Result<()> {
        values.sort_by_key(|(value, pos)| (value.first(), *pos));
        // The value seen so far that reaches furthest: whatever starts before its end overlaps it.
        let mut widest: Option<(Value<T>, Pos)> = None;
        for (value, pos) in values {
            if let Some((other, other_pos)) =
                widest.filter(|(other, _)| value.first() <= other.last())
            {
                let ((later, later_pos), (earlier, earlier_pos)) = if pos > other_pos {
                    ((value, pos), (other, other_pos))
                } else {
                    ((other, other_pos), (value, pos))
                };
                return Err(self
                    .err(
                        later_pos,
                        format!(
                            "value {later} overlaps value {earlier} of the record at line {}; each value may appear in one record only",
                            earlier_pos.line
                        ),
                    )
                    .within(format!("sub-registry {sub_registry}")));
            }
            if widest.is_none_or(|(other, _)| value.last() > other.last()) {
                widest = Some((value, pos));
            }
        }
        Ok(())
    }

    /// Refuses a key (an identifier, a bit name) that two records share.
    pub fn unique(
        &self,
        sub_registry: &str,
        keys: impl Iterator<Item = (String, Pos)>,
    ) -> Result<()> {
        let mut seen: BTreeMap<String, Pos> = BTreeMap::new();
        for (key, pos) in keys {
            if let Some(first) = seen.get(&key) {
                return Err(self
                    .err(
                        pos,
                        format!("{key} is registered twice (first at line {})", first.line),
                    )
                    .within(format!("sub-registry {sub_registry}")));
            }
            seen.insert(key, pos);
        }
        Ok(())
    }
}
