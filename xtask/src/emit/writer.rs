//! The table shapes several emitters share, each written once.
//!
//! As in BurntSushi's ucd-generate, where every table shape is a method of one writer, the
//! emitters call these instead of spelling out the same tokens: the range rows of a numbered
//! registry, the records IANA removed, and the body a method of an enum without variants
//! takes.

use std::collections::BTreeMap;
use std::str::FromStr;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::refs;
use crate::model::{CodeRecord, Person};
use crate::names_lock::{LockedRecord, ResolvedTable};

/// The `RangeRecord` rows (`RANGES`) of a numbered registry: one per record that covers a
/// block of values rather than assigning one (`Unassigned`, `Reserved for Private Use`).
pub(super) fn range_rows<'a, T: Copy + Ord + Into<u64> + 'a>(
    records: impl IntoIterator<Item = &'a CodeRecord<T>>,
    people: &BTreeMap<String, Person>,
) -> Vec<TokenStream> {
    records
        .into_iter()
        .filter(|r| !r.is_assignment())
        .map(|r| {
            let (first, last) = (super::int(r.value.first()), super::int(r.value.last()));
            let description = &r.description;
            let references = refs::slice_tokens(&r.references, people);
            quote!(RangeRecord { first: #first, last: #last, description: #description, references: #references })
        })
        .collect()
}

/// A record the name lock remembers and the registry no longer has: its key, read as `K`,
/// the Rust name it keeps, and the lock's record of it.
pub(super) struct Removed<'a, K> {
    /// The key (`1004`, `amqp`).
    pub(super) key: K,
    /// The name it keeps, as an identifier.
    pub(super) ident: Ident,
    /// What the lock says of it (its source text, when it was removed).
    pub(super) record: &'a LockedRecord,
}

/// Every record of `resolved` that IANA removed, in the lock's order. A key that does not
/// read as `K` (which the lock's own checks make impossible) is skipped.
pub(super) fn removed<K: FromStr>(resolved: &ResolvedTable) -> Vec<Removed<'_, K>> {
    resolved
        .removed()
        .filter_map(|(key, record)| {
            Some(Removed {
                key: key.parse().ok()?,
                ident: format_ident!("{}", record.name),
                record,
            })
        })
        .collect()
}

/// The attributes of an item kept only so that old code compiles.
pub(super) fn deprecated(doc: &str, note: &str) -> TokenStream {
    quote!(#[doc = #doc] #[deprecated(note = #note)])
}

/// `body`, or `match self {}` for an enum without variants (a registry that lists nothing):
/// the one body such an enum's methods can have.
pub(super) fn or_empty_match(has_variants: bool, body: TokenStream) -> TokenStream {
    if has_variants {
        body
    } else {
        quote!(match self {})
    }
}
