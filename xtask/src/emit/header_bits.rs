//! `generated/header_bits.rs`: the `framing-header-bits` sub-registry.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, refs};
use crate::model::Registry;

pub fn emit(registry: &Registry) -> TokenStream {
    let people = &registry.people;
    let records = &registry.header_bits.records;
    let idents: Vec<_> = records
        .iter()
        .map(|r| format_ident!("Rsv{}", r.bit))
        .collect();
    let variants = records.iter().zip(&idents).map(|(r, ident)| {
        // RFC 6455 section 5.2: FIN is 0x80, then RSV1 0x40, RSV2 0x20, RSV3 0x10.
        let mask = 0x80u8 >> r.bit;
        let mut parts = vec![format!(
            "**{}** (mask `0x{mask:02x}` of the first header byte): {}",
            docs::md(&r.name),
            docs::md(&r.description)
        )];
        parts.push(docs::facts(&r.references, &[], None, &r.meta, people));
        let doc = docs::attrs(&docs::paragraphs(parts));
        let mask_literal: proc_macro2::Literal = format!("0x{mask:02x}")
            .parse()
            .unwrap_or_else(|_| proc_macro2::Literal::u8_unsuffixed(mask));
        quote!(#doc #ident = #mask_literal)
    });
    let arms = |f: &dyn Fn(&crate::model::HeaderBitRecord) -> TokenStream| -> TokenStream {
        if records.is_empty() {
            return quote!(match self {});
        }
        let arms = records.iter().zip(&idents).map(|(r, ident)| {
            let value = f(r);
            quote!(Self::#ident => #value)
        });
        quote!(match self { #(#arms,)* })
    };
    let name_body = arms(&|r| {
        let name = &r.name;
        quote!(#name)
    });
    let description_body = arms(&|r| {
        let text = &r.description;
        quote!(#text)
    });
    let refs_body = arms(&|r| refs::slice_tokens(&r.references, people));
    // A zero-variant enum can have no `repr` and no `as` cast (IANA's 2015 file had no bits).
    let (repr, mask_body) = if records.is_empty() {
        (quote!(), quote!(match self {}))
    } else {
        (quote!(#[repr(u8)]), quote!(self as u8))
    };
    let module_docs = super::module_docs(
        registry,
        &registry.header_bits.meta,
        "WebSocket framing header bits: the meanings registered for RSV1-RSV3 (RFC 6455 section 5.2).",
    );

    quote! {
        #module_docs

        use crate::Reference;

        /// A reserved bit of the frame header (RSV1-RSV3) that the registry gives a meaning.
        /// The discriminant is the bit's mask in the first header byte.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #repr
        pub enum HeaderBit {
            #(#variants,)*
        }

        impl HeaderBit {
            /// Every registered bit.
            pub const ALL: &'static [HeaderBit] = &[#(Self::#idents),*];

            /// The bit's mask in the first byte of a frame header.
            pub const fn mask(self) -> u8 {
                #mask_body
            }

            /// IANA's name for the bit (`RSV1`).
            pub const fn name(self) -> &'static str {
                #name_body
            }

            /// IANA's description of the bit's meaning.
            pub const fn description(self) -> &'static str {
                #description_body
            }

            /// The record's references.
            pub const fn references(self) -> &'static [Reference] {
                #refs_body
            }
        }

        /// IANA's name for the bit (`RSV1`).
        impl core::fmt::Display for HeaderBit {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.name())
            }
        }
    }
}
