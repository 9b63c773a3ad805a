//! Emits a built `NameIndex` as Rust: its tables and its lookup.
//!
//! The slot tables, the seed and the function that finds a name's slot.

use proc_macro2::TokenStream;
use quote::quote;

use super::name_hash;
use super::{KeyReader, Layout, NameIndex};
use crate::emit::docs;

/// The perfect-hash tables behind `from_name` and the function that finds a name's slot.
///
/// `ids[i]` is the identifier of the variant `idents[i]`, the keys `index` was built over.
/// Each slot holds its name's [`name_hash::key_words`], [`name_hash::middle_words`], length
/// and variant, so that `from_name` compares a name of up to
/// [`name_hash::INLINE_KEY_BYTES`] bytes with the slot alone.
pub(in crate::emit) fn lookup_tables(
    index: &NameIndex,
    type_name: &proc_macro2::Ident,
    ids: &[&str],
    idents: &[proc_macro2::Ident],
) -> Result<TokenStream, String> {
    let seed = hex_literal(index.seed);
    let (hash, reader_items) = match &index.reader {
        KeyReader::Sampled(positions) => {
            let count = positions.len();
            let count_literal = proc_macro2::Literal::usize_unsuffixed(count);
            let doc = docs::attrs(&format!(
                "The positions `from_name` reads: the length and the bytes at these indexes \
                 (bit 7 set: counted from the end, `0x80` is the last byte). {count} position(s) \
                 tell every registered name apart; `cargo xtask regen` chose them."
            ));
            let positions = positions
                .iter()
                .map(|p| proc_macro2::Literal::u8_unsuffixed(*p));
            (
                quote!(crate::name_hash::sampled(
                    name,
                    &NAME_HASH_POSITIONS,
                    NAME_HASH_SEED
                )),
                quote! {
                    #doc
                    const NAME_HASH_POSITIONS: [u8; #count_literal] = [#(#positions),*];
                },
            )
        }
        KeyReader::Words => (
            quote!(crate::name_hash::words(name.len(), words, NAME_HASH_SEED)),
            quote!(),
        ),
        KeyReader::Whole => (
            quote!(crate::name_hash::whole(name, NAME_HASH_SEED)),
            quote!(),
        ),
    };
    if let Some(id) = ids.iter().find(|id| u16::try_from(id.len()).is_err()) {
        return Err(format!(
            "identifier {id:?} is {} bytes long; a name slot holds lengths up to {}",
            id.len(),
            u16::MAX
        ));
    }
    // `build` has verified that every key finds itself through these slots.
    let slots = index.layout.slots().iter().map(|holder| match holder {
        None => quote!(crate::name_hash::NameSlot::FREE),
        Some(i) => {
            let words = name_hash::key_words(ids[*i].as_bytes()).map(hex_literal);
            let middle = name_hash::middle_words(ids[*i].as_bytes()).map(hex_literal);
            let len = proc_macro2::Literal::usize_unsuffixed(ids[*i].len());
            let ident = &idents[*i];
            quote! {
                crate::name_hash::NameSlot {
                    words: [#(#words),*],
                    middle: [#(#middle),*],
                    len: #len,
                    value: Some(#type_name::#ident),
                }
            }
        }
    });
    let slot_count = proc_macro2::Literal::usize_unsuffixed(index.layout.slots().len());
    let (slot, layout_items) = match &index.layout {
        Layout::Direct { bits, .. } => {
            let bits = proc_macro2::Literal::u32_unsuffixed(*bits);
            (
                quote!(crate::name_hash::direct_slot(hash, NAME_SLOT_BITS)),
                quote! {
                    /// `NAME_SLOTS` has `1 << NAME_SLOT_BITS` slots, indexed by the hash's top bits.
                    const NAME_SLOT_BITS: u32 = #bits;
                },
            )
        }
        Layout::Displaced { pilots, .. } => {
            let pilot_type = int_type(pilots.iter().copied().max().unwrap_or(0) as usize);
            let pilot_count = proc_macro2::Literal::usize_unsuffixed(pilots.len());
            let pilots = pilots
                .iter()
                .map(|&p| proc_macro2::Literal::u64_unsuffixed(p));
            (
                quote! {
                    let bucket = crate::name_hash::bucket(hash, NAME_PILOTS.len());
                    let pilot = if bucket < NAME_PILOTS.len() { NAME_PILOTS[bucket] } else { 0 };
                    crate::name_hash::displaced_slot(hash, pilot as u64, NAME_SLOTS.len())
                },
                quote! {
                    /// Each bucket's pilot: the value that moves the bucket's names to free slots.
                    const NAME_PILOTS: [#pilot_type; #pilot_count] = [#(#pilots),*];
                },
            )
        }
    };
    let slots_doc = docs::attrs(&format!(
        "For each slot, the registered name that hashes there: its words, middle words and \
         length, as `from_name` compares them, and its [`{type_name}`]. Free slots hold no value."
    ));
    Ok(quote! {
        /// The seed of `from_name`'s perfect hash, found by `cargo xtask regen` for these
        /// identifiers (see `src/name_hash.rs`).
        const NAME_HASH_SEED: u64 = #seed;
        #reader_items
        #layout_items
        #slots_doc
        const NAME_SLOTS: [crate::name_hash::NameSlot<#type_name>; #slot_count] = [#(#slots),*];

        /// `from_name`'s answer for a name longer than a slot's inline bytes, whose slot
        /// holds `value`: the whole identifier compared. Out of line, and called last, so
        /// that short names pay nothing for it (inlined, its loop gave every lookup a stack
        /// frame).
        #[inline(never)]
        fn from_long_name(value: Option<#type_name>, name: &[u8]) -> Option<#type_name> {
            match value {
                Some(value) if crate::name_hash::same_bytes(value.as_str().as_bytes(), name) => {
                    Some(value)
                }
                _ => None,
            }
        }

        /// The slot of `name` in `NAME_SLOTS`: where it is, if it is registered. `words` are
        /// its `key_words`, which `from_name` computes once for the hash and the comparison.
        #[inline]
        #[allow(unused_variables)]
        const fn name_slot(name: &[u8], words: [u64; 2]) -> usize {
            let hash = #hash;
            #slot
        }
    })
}

/// `0x..`: seeds and positions read better in hex (`0x80` is "the last byte").
fn hex_literal(value: u64) -> syn::LitInt {
    let width = if value <= 0xFF { 2 } else { 16 };
    syn::LitInt::new(
        &format!("0x{value:0width$X}"),
        proc_macro2::Span::call_site(),
    )
}

/// The narrowest unsigned type that holds `max`.
fn int_type(max: usize) -> TokenStream {
    if max <= u8::MAX as usize {
        quote!(u8)
    } else if max <= u16::MAX as usize {
        quote!(u16)
    } else {
        quote!(u32)
    }
}
