//! `generated/opcodes.rs`: the `opcode` sub-registry as the `Opcode` enum.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::texts::{record_texts_tokens, texts_method};
use super::writer::{deprecated, or_empty_match, removed, Removed};
use super::{docs, refs, Context};
use crate::curated::Curated;
use crate::error::Result;
use crate::model::Registry;
use crate::names_lock::NameRequest;
use crate::naming;

/// The sub-registry's id, under which [`crate::names_lock`] keeps its names.
const ID: &str = "opcode";

/// The short name of an opcode: IANA's description without its trailing word "Frame"
/// ("Text Frame" -> "Text"). Both `label()` and the variant name come from it.
fn label(description: &str) -> &str {
    description.strip_suffix(" Frame").unwrap_or(description)
}

/// The variant name each assigned opcode asks for, keyed by its value: a curated `rust-name`,
/// or IANA's description without its trailing word "Frame" ("Text Frame" -> `Text`).
pub fn name_requests(registry: &Registry, curated: &Curated) -> Vec<NameRequest> {
    registry
        .opcodes
        .records
        .iter()
        .filter(|r| r.is_assignment())
        .map(|r| {
            let key = r.value.first().to_string();
            let (candidate, source) =
                match curated.opcode.get(&key).and_then(|n| n.rust_name.clone()) {
                    Some(name) => (name.clone(), format!("rust-name {name}")),
                    None => (
                        naming::variant_name(label(&r.description), "Opcode"),
                        r.description.clone(),
                    ),
                };
            NameRequest {
                key,
                candidate,
                source,
                identity: None,
            }
        })
        .collect()
}

pub fn emit(cx: &Context<'_>) -> Result<TokenStream> {
    let (registry, curated) = (cx.registry, cx.curated);
    let people = &registry.people;
    let records = &registry.opcodes.records;
    let assigned: Vec<_> = records.iter().filter(|r| r.is_assignment()).collect();
    let resolved = cx.names_of(ID);
    let names: Vec<String> = assigned
        .iter()
        .map(|r| resolved.name(&r.value.first().to_string()).to_owned())
        .collect();
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
    let label_arms = assigned.iter().zip(&idents).map(|(r, ident)| {
        let label = label(&r.description);
        quote!(Self::#ident => #label)
    });
    let registered_arms = assigned.iter().zip(&idents).map(|(r, ident)| {
        let date = super::opt_str(r.meta.date.as_deref());
        quote!(Self::#ident => #date)
    });
    let updated_arms = assigned.iter().zip(&idents).map(|(r, ident)| {
        let date = super::opt_str(r.meta.updated.as_deref());
        quote!(Self::#ident => #date)
    });
    let refs_arms = assigned.iter().zip(&idents).map(|(r, ident)| {
        let references = refs::slice_tokens(&r.references, people);
        quote!(Self::#ident => #references)
    });
    let ranges = super::writer::range_rows(records, people);
    let module_docs = super::module_docs(
        registry,
        &registry.opcodes.meta,
        "WebSocket opcodes: the 4-bit frame type of RFC 6455 section 5.2.",
    );
    // Opcodes IANA removed stay as deprecated variants with their wire value (`from_u8` no
    // longer returns them); old names stay as deprecated constants.
    let mut removed_variants = Vec::new();
    let mut removed_name_arms = Vec::new();
    for Removed {
        key: value,
        ident,
        record,
    } in removed::<u8>(resolved)
    {
        let literal = Literal::u8_unsuffixed(value);
        let note = format!("IANA no longer assigns opcode {value}; `from_u8` does not return it");
        let doc = format!(
            "Opcode {value}, once {:?}: no longer assigned by the registry.",
            record.source
        );
        let source = &record.source;
        let attrs = deprecated(&doc, &note);
        removed_variants.push(quote!(#attrs #ident = #literal));
        removed_name_arms.push(quote!(#[allow(deprecated)] Self::#ident => #source));
    }
    let aliases = super::alias_consts("Opcode", resolved);
    let texts = texts_method(
        assigned
            .iter()
            .zip(&idents)
            .map(|(r, ident)| {
                let key = r.value.first().to_string();
                let texts =
                    record_texts_tokens(curated, curated.opcode.get(&key), |t| t.opcode.get(&key));
                (quote!(Self::#ident), texts)
            })
            .collect(),
        None,
    );
    let has_variants = !assigned.is_empty() || !removed_variants.is_empty();
    // A zero-variant enum can have no `repr` and no `as` cast.
    let repr = if has_variants {
        quote!(#[repr(u8)])
    } else {
        quote!()
    };
    let as_u8_body = or_empty_match(has_variants, quote!(self as u8));
    // Removed opcodes (deprecated variants) answer their old name, and nothing else.
    let fallback = |value: TokenStream| {
        (!removed_variants.is_empty()).then(|| quote!(#[allow(unreachable_patterns)] _ => #value,))
    };
    let (refs_fallback, date_fallback) = (fallback(quote!(&[])), fallback(quote!(None)));
    let [name_body, label_body, refs_body, registered_body, updated_body] = [
        quote!(match self { #(#names_arms,)* #(#removed_name_arms,)* }),
        quote!(match self { #(#label_arms,)* #(#removed_name_arms,)* }),
        quote!(match self { #(#refs_arms,)* #refs_fallback }),
        quote!(match self { #(#registered_arms,)* #date_fallback }),
        quote!(match self { #(#updated_arms,)* #date_fallback }),
    ]
    .map(|body| or_empty_match(has_variants, body));

    let example = assigned.first().zip(idents.first()).map(|(record, ident)| {
        let value = record.value.first();
        vec![
            "use websocket_registry::Opcode;".to_owned(),
            String::new(),
            format!("let opcode = Opcode::from_u8({value}).expect(\"assigned\");"),
            format!("assert_eq!(opcode, Opcode::{ident});"),
            format!("assert_eq!(opcode.as_u8(), {value});"),
            "assert_eq!(opcode.is_control(), opcode.as_u8() >= 8);".to_owned(),
            "assert!(Opcode::from_u8(16).is_none()); // four bits".to_owned(),
        ]
    });
    let type_doc = docs::attrs(&format!(
        "A frame opcode the registry assigns (RFC 6455 section 5.2). The discriminant is the\n\
         wire value. `#[non_exhaustive]`: IANA may assign more (by Standards Action).{}",
        docs::example(example)
    ));

    Ok(quote! {
        #module_docs

        use crate::{RangeRecord, Reference};

        #type_doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #repr
        pub enum Opcode {
            #(#variants,)*
            #(#removed_variants,)*
        }

        impl Opcode {
            #(#aliases)*

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

            /// IANA's text for the opcode, verbatim (`Text Frame`, `Connection Close Frame`, ...):
            /// `Option` like every type's `name()`, and `Some` for every opcode the registry
            /// assigns.
            pub const fn name(self) -> Option<&'static str> {
                Some(#name_body)
            }

            /// A short readable name: IANA's text without the word "Frame" (`Text`,
            /// `Connection Close`).
            pub const fn label(self) -> &'static str {
                #label_body
            }

            /// When the opcode was registered (`YYYY-MM-DD`), if the registry says.
            pub const fn registered(self) -> Option<&'static str> {
                #registered_body
            }

            /// When its record last changed, if the registry says.
            pub const fn updated(self) -> Option<&'static str> {
                #updated_body
            }

            /// The record's references.
            pub const fn references(self) -> &'static [Reference] {
                #refs_body
            }

            #texts
        }

        /// `1 Text Frame`: the wire value and IANA's description.
        impl core::fmt::Display for Opcode {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                match self.name() {
                    Some(name) => write!(f, "{} {name}", self.as_u8()),
                    None => write!(f, "{}", self.as_u8()),
                }
            }
        }

        /// The registry's range rows (`Unassigned`).
        pub const RANGES: &[RangeRecord] = &[#(#ranges),*];
    })
}
