//! `generated/header_bits.rs`: the `framing-header-bits` sub-registry.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::texts::{record_texts_tokens, texts_method};
use super::writer::{deprecated, or_empty_match, removed, Removed};
use super::{docs, refs, Context};
use crate::error::Result;
use crate::model::Registry;
use crate::names_lock::NameRequest;

/// The sub-registry's id, under which [`crate::names_lock`] keeps its names.
const ID: &str = "framing-header-bits";

/// The variant each bit asks for (`Rsv1`), keyed by its bit position.
pub fn name_requests(registry: &Registry) -> Vec<NameRequest> {
    registry
        .header_bits
        .records
        .iter()
        .map(|r| NameRequest {
            key: r.bit.to_string(),
            candidate: format!("Rsv{}", r.bit),
            source: r.name.clone(),
            identity: None,
        })
        .collect()
}

pub fn emit(cx: &Context<'_>) -> Result<TokenStream> {
    let (registry, curated) = (cx.registry, cx.curated);
    let people = &registry.people;
    let records = &registry.header_bits.records;
    let resolved = cx.names_of(ID);
    let idents: Vec<_> = records
        .iter()
        .map(|r| format_ident!("{}", resolved.name(&r.bit.to_string())))
        .collect();
    // Bits IANA no longer lists stay as deprecated variants; old names as deprecated
    // constants.
    let mut removed_variants = Vec::new();
    let mut removed_arms = Vec::new();
    for Removed {
        key: bit,
        ident,
        record,
    } in removed::<u8>(resolved)
    {
        let mask =
            proc_macro2::Literal::u8_unsuffixed(0x80u8.checked_shr(u32::from(bit)).unwrap_or(0));
        let attrs = deprecated(
            "A bit the registry no longer lists.",
            &format!("IANA's registry no longer lists {}", record.source),
        );
        removed_variants.push(quote!(#attrs #ident = #mask));
        let name = &record.source;
        removed_arms.push((ident, name.clone()));
    }
    let aliases = super::alias_consts("HeaderBit", resolved);
    let texts = texts_method(
        records
            .iter()
            .zip(&idents)
            .map(|(r, ident)| {
                let notes = curated.header_bit.get(&r.name);
                let texts = record_texts_tokens(curated, notes, |t| t.header_bit.get(&r.name));
                (quote!(Self::#ident), texts)
            })
            .collect(),
        None,
    );
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
    let has_variants = !records.is_empty() || !removed_variants.is_empty();
    // `removed` is what a bit the registry no longer lists answers (its old name, or empty).
    let arms = |f: &dyn Fn(&crate::model::HeaderBitRecord) -> TokenStream,
                removed: &dyn Fn(&str) -> TokenStream|
     -> TokenStream {
        let arms = records.iter().zip(&idents).map(|(r, ident)| {
            let value = f(r);
            quote!(Self::#ident => #value)
        });
        let removed = removed_arms.iter().map(|(ident, name)| {
            let value = removed(name);
            quote!(#[allow(deprecated)] Self::#ident => #value)
        });
        or_empty_match(
            has_variants,
            quote!(match self { #(#arms,)* #(#removed,)* }),
        )
    };
    let name_body = arms(
        &|r| {
            let name = &r.name;
            quote!(#name)
        },
        &|name| quote!(#name),
    );
    let description_body = arms(
        &|r| {
            let text = &r.description;
            quote!(#text)
        },
        &|_| quote!(""),
    );
    let refs_body = arms(&|r| refs::slice_tokens(&r.references, people), &|_| {
        quote!(&[])
    });
    let registered_body = arms(&|r| super::opt_str(r.meta.date.as_deref()), &|_| {
        quote!(None)
    });
    let updated_body = arms(&|r| super::opt_str(r.meta.updated.as_deref()), &|_| {
        quote!(None)
    });
    let registry_title = &registry.header_bits.meta.title;
    // A zero-variant enum can have no `repr` and no `as` cast (IANA's 2015 file had no bits).
    let repr = if has_variants {
        quote!(#[repr(u8)])
    } else {
        quote!()
    };
    let mask_body = or_empty_match(has_variants, quote!(self as u8));
    let module_docs = super::module_docs(
        registry,
        &registry.header_bits.meta,
        "WebSocket framing header bits: the meanings registered for RSV1-RSV3 (RFC 6455 section 5.2).",
    );

    let example = records.first().zip(idents.first()).map(|(record, ident)| {
        let name = &record.name;
        vec![
            "use websocket_registry::HeaderBit;".to_owned(),
            String::new(),
            format!("let bit: HeaderBit = {name:?}.parse()?;"),
            format!("assert_eq!(bit, HeaderBit::{ident});"),
            format!("assert_eq!(bit.as_str(), {name:?});"),
            "// The bit is set when the first header byte has its mask.".to_owned(),
            "let first_byte = 0x80 | bit.mask() | 0x1;".to_owned(),
            "assert_ne!(first_byte & bit.mask(), 0);".to_owned(),
            "# Ok::<(), websocket_registry::UnregisteredName>(())".to_owned(),
        ]
    });
    let type_doc = docs::attrs(&format!(
        "A reserved bit of the frame header (RSV1-RSV3) that the registry gives a meaning.\n\
         The discriminant is the bit's mask in the first header byte.{}",
        docs::example(example)
    ));

    Ok(quote! {
        #module_docs

        use crate::Reference;

        #type_doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #repr
        pub enum HeaderBit {
            #(#variants,)*
            #(#removed_variants,)*
        }

        impl HeaderBit {
            #(#aliases)*

            /// Every registered bit.
            pub const ALL: &'static [HeaderBit] = &[#(Self::#idents),*];

            /// The bit's mask in the first byte of a frame header.
            pub const fn mask(self) -> u8 {
                #mask_body
            }

            /// IANA's name for the bit (`RSV1`), as `FromStr` and `from_name` read it.
            pub const fn as_str(self) -> &'static str {
                #name_body
            }

            /// IANA's description of what the bit means, verbatim (whitespace normalised).
            pub const fn meaning(self) -> &'static str {
                #description_body
            }

            /// When the bit's meaning was registered (`YYYY-MM-DD`), if the registry says.
            pub const fn registered(self) -> Option<&'static str> {
                #registered_body
            }

            /// When its record last changed, if the registry says.
            pub const fn updated(self) -> Option<&'static str> {
                #updated_body
            }

            /// The registered bit IANA names `name` (`RSV1`; exact, case-sensitive).
            pub fn from_name(name: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|bit| bit.as_str() == name)
            }

            /// The record's references.
            pub const fn references(self) -> &'static [Reference] {
                #refs_body
            }

            #texts
        }

        /// Parses IANA's name for a registered bit (`"RSV1"`).
        impl core::str::FromStr for HeaderBit {
            type Err = crate::UnregisteredName;

            fn from_str(name: &str) -> Result<Self, Self::Err> {
                Self::from_name(name).ok_or(crate::UnregisteredName { registry: #registry_title })
            }
        }

        /// IANA's name for the bit (`RSV1`).
        impl core::fmt::Display for HeaderBit {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    })
}
