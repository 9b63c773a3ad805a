//! `generated/opcodes.rs`: the `opcode` sub-registry as the `Opcode` enum.

use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{docs, refs};
use crate::curated::Curated;
use crate::error::Result;
use crate::model::Registry;
use crate::naming;

pub fn emit(registry: &Registry, curated: &Curated) -> Result<TokenStream> {
    let people = &registry.people;
    let records = &registry.opcodes.records;
    let assigned: Vec<_> = records.iter().filter(|r| r.is_assignment()).collect();
    for (key, notes) in &curated.opcode {
        if let Some(name) = &notes.rust_name {
            if !naming::is_upper_camel(name) {
                return Err(curated.entry_error(
                    "opcode",
                    key,
                    format!("rust-name {name:?} is not an UpperCamelCase identifier"),
                ));
            }
        }
    }
    // Variant names come from IANA's description without its trailing word "Frame"
    // ("Text Frame" -> `Text`), unless curated.toml overrides them.
    let names = assigned
        .iter()
        .map(|r| {
            let value = r.value.first();
            match curated
                .opcode
                .get(&value.to_string())
                .and_then(|n| n.rust_name.clone())
            {
                Some(name) => name,
                None => {
                    let trimmed = r
                        .description
                        .strip_suffix(" Frame")
                        .unwrap_or(&r.description);
                    naming::variant_name(trimmed, "Opcode")
                }
            }
        })
        .collect();
    let names = naming::deduplicate(names, &mut BTreeSet::new());
    let idents: Vec<_> = names.iter().map(|n| format_ident!("{}", n)).collect();
    let values: Vec<_> = assigned
        .iter()
        .map(|r| Literal::u8_unsuffixed(r.value.first()))
        .collect();

    let variants = assigned
        .iter()
        .zip(&idents)
        .zip(&values)
        .map(|((r, ident), value)| {
            let mut parts = vec![format!(
                "**{}** {}",
                r.value.first(),
                docs::md(&r.description)
            )];
            parts.push(docs::facts(&r.references, &[], None, &r.meta, people));
            let doc = docs::attrs(&docs::paragraphs(parts));
            quote! { #doc #ident = #value }
        });
    let names_arms = assigned.iter().zip(&idents).map(|(r, ident)| {
        let description = &r.description;
        quote!(Self::#ident => #description)
    });
    let refs_arms = assigned.iter().zip(&idents).map(|(r, ident)| {
        let references = refs::slice_tokens(&r.references, people);
        quote!(Self::#ident => #references)
    });
    let ranges = records.iter().filter(|r| !r.is_assignment()).map(|r| {
        let (first, last) = (super::int(r.value.first()), super::int(r.value.last()));
        let description = &r.description;
        let references = refs::slice_tokens(&r.references, people);
        quote!(RangeRecord { first: #first, last: #last, description: #description, references: #references })
    });
    let module_docs = super::module_docs(
        registry,
        &registry.opcodes.meta,
        "WebSocket opcodes: the 4-bit frame type of RFC 6455 section 5.2.",
    );
    let (repr, as_u8_body) = if assigned.is_empty() {
        (quote!(), quote!(match self {}))
    } else {
        (quote!(#[repr(u8)]), quote!(self as u8))
    };
    let (name_body, refs_body) = if assigned.is_empty() {
        (quote!(match self {}), quote!(match self {}))
    } else {
        (
            quote!(match self { #(#names_arms,)* }),
            quote!(match self { #(#refs_arms,)* }),
        )
    };

    Ok(quote! {
        #module_docs

        use crate::{RangeRecord, Reference};

        /// A frame opcode the registry assigns (RFC 6455 section 5.2). The discriminant is the
        /// wire value. `#[non_exhaustive]`: IANA may assign more (by Standards Action).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #repr
        pub enum Opcode {
            #(#variants,)*
        }

        impl Opcode {
            /// Every assigned opcode, in ascending order of value.
            pub const ALL: &'static [Opcode] = &[#(Self::#idents),*];

            /// The opcode with wire value `value`, or `None` if the registry does not assign
            /// it (including every value above 15, which does not fit the 4-bit field).
            pub const fn from_u8(value: u8) -> Option<Opcode> {
                match value {
                    #(#values => Some(Self::#idents),)*
                    _ => None,
                }
            }

            /// The wire value.
            pub const fn as_u8(self) -> u8 {
                #as_u8_body
            }

            /// IANA's description (`Text Frame`, `Connection Close Frame`, ...).
            pub const fn name(self) -> &'static str {
                #name_body
            }

            /// The record's references.
            pub const fn references(self) -> &'static [Reference] {
                #refs_body
            }
        }

        /// `1 Text Frame`: the wire value and IANA's description.
        impl core::fmt::Display for Opcode {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                write!(f, "{} {}", self.as_u8(), self.name())
            }
        }

        /// The registry's range rows (`Unassigned`).
        pub const RANGES: &[RangeRecord] = &[#(#ranges),*];
    })
}
