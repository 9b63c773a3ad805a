//! Emits `generated/subprotocols.rs` and `generated/extensions.rs`.
//!
//! `generated/subprotocols.rs` and `generated/extensions.rs`: the two registries of wire
//! identifiers, each as an enum with one variant per record.

use std::collections::{BTreeMap, HashMap};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::perfect_hash;
use super::writer::{deprecated, or_empty_match, removed, Removed};
use super::{docs, opt_str, refs, Context};
use crate::curated::{Curated, NameNotes};
use crate::error::{Error, Result};
use crate::model::{NameRecord, Registry, SubRegistry};
use crate::names_lock::{Identity, NameRequest};
use crate::naming;

/// Which of the two name registries.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `subprotocol-name` -> `Subprotocol`.
    Subprotocol,
    /// `extension-name` -> `Extension`.
    Extension,
}

impl Kind {
    fn sub_registry(self, registry: &Registry) -> &SubRegistry<NameRecord> {
        match self {
            Kind::Subprotocol => &registry.subprotocols,
            Kind::Extension => &registry.extensions,
        }
    }

    fn notes(self, curated: &Curated) -> &BTreeMap<String, NameNotes> {
        match self {
            Kind::Subprotocol => &curated.subprotocol,
            Kind::Extension => &curated.extension,
        }
    }
}

/// The variant name each record asks for, keyed by its identifier: a curated `rust-name`, or
/// the identifier in `UpperCamelCase` (see [`crate::naming`]). The registration date and
/// registrant go along, so that [`crate::names_lock`] recognises a record IANA renames.
pub fn name_requests(registry: &Registry, curated: &Curated, kind: Kind) -> Vec<NameRequest> {
    let notes = kind.notes(curated);
    kind.sub_registry(registry)
        .records
        .iter()
        .map(|r| {
            let (candidate, source) = match notes.get(&r.id).and_then(|n| n.rust_name.clone()) {
                Some(name) => (name.clone(), format!("rust-name {name}")),
                None => (naming::variant_name(&r.id, "Id"), r.id.clone()),
            };
            NameRequest {
                key: r.id.clone(),
                candidate,
                source,
                identity: Some(Identity {
                    registered: r.meta.date.clone(),
                    updated: r.meta.updated.clone(),
                    registrant: r.references.iter().map(|x| x.data.clone()).collect(),
                }),
            }
        })
        .collect()
}

/// `generated/subprotocols.rs`.
pub fn emit_subprotocols(cx: &Context<'_>) -> Result<TokenStream> {
    emit(cx, Kind::Subprotocol)
}

/// `generated/extensions.rs`.
pub fn emit_extensions(cx: &Context<'_>) -> Result<TokenStream> {
    emit(cx, Kind::Extension)
}

fn emit(cx: &Context<'_>, kind: Kind) -> Result<TokenStream> {
    let (registry, curated, xml_path) = (cx.registry, cx.curated, cx.source.xml_path.as_str());
    let sub = kind.sub_registry(registry);
    let people = &registry.people;
    let (type_name, what, summary) = match kind {
        Kind::Subprotocol => (
            format_ident!("Subprotocol"),
            "subprotocol",
            "WebSocket subprotocol names: the values of `Sec-WebSocket-Protocol` (RFC 6455 \
             section 11.3.4) that IANA has registered.",
        ),
        Kind::Extension => (
            format_ident!("Extension"),
            "extension",
            "WebSocket extension names: the tokens of `Sec-WebSocket-Extensions` (RFC 6455 \
             section 11.3.2) that IANA has registered.",
        ),
    };
    let resolved = cx.names_of(sub.meta.id.as_str());
    let names: Vec<String> = sub
        .records
        .iter()
        .map(|r| resolved.name(&r.id).to_owned())
        .collect();
    let idents: Vec<_> = names.iter().map(|n| format_ident!("{}", n)).collect();
    // Records IANA removed stay as deprecated variants after the registered ones (so that
    // `ENTRIES` indexes by variant and the lookup tables, which cover the registered ones
    // only, need no gaps); old names stay as deprecated constants.
    let removed = removed::<String>(resolved);
    let removed_variants = removed.iter().map(|Removed { key: id, ident, .. }| {
        let attrs = deprecated(
            &format!(
                "`{id}`, no longer registered: kept so that code written against it still \
                 compiles."
            ),
            &format!("IANA removed `{id}` from the registry; `from_name` no longer returns it"),
        );
        quote! { #attrs #ident }
    });
    let removed_entry_names: Vec<_> = (0..removed.len())
        .map(|i| format_ident!("REMOVED_{}", i))
        .collect();
    let removed_entries = removed
        .iter()
        .zip(&removed_entry_names)
        .map(
            |(
                Removed {
                    key: id,
                    ident,
                    record,
                },
                entry_name,
            )| {
                let name = &record.name;
                quote! {
                    #[allow(deprecated)]
                    const #entry_name: Entry = Entry {
                        id: #id,
                        value: #type_name::#ident,
                        variant: #name,
                        common: "",
                        definition: "",
                        definition_references: &[],
                        references: &[],
                        controller: &[],
                        incompatible: None,
                        incompatible_with: &[],
                        registered: None,
                        updated: None,
                    };
                }
            },
        )
        .collect::<Vec<_>>();
    let aliases = super::alias_consts(&type_name.to_string(), resolved);
    let module_docs = super::module_docs(registry, &sub.meta, summary);
    let registry_title = &sub.meta.title;

    let variants = sub.records.iter().zip(&idents).map(|(r, ident)| {
        let doc = docs::attrs(&variant_doc(r, people));
        quote! { #doc #ident }
    });
    // One `const` per record, then `ENTRIES` as a list of their names: rustc type-checks each
    // small body on its own, where one array literal of every record is checked as a single
    // body, which grows faster than linearly (10,000 records: 29 s against 8 s to check).
    let entry_names: Vec<_> = (0..sub.records.len())
        .map(|i| format_ident!("ENTRY_{}", i))
        .collect();
    let index_of: HashMap<&str, usize> = sub
        .records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let entries = sub.records.iter().enumerate().map(|(i, r)| {
        let (entry_name, ident, variant_name) = (&entry_names[i], &idents[i], &names[i]);
        let id = &r.id;
        let common = &r.common;
        let definition = docs::plain(&r.definition, people);
        let definition_refs = refs::slice_tokens(r.definition.references(), people);
        let references = refs::slice_tokens(&r.references, people);
        let controller =
            refs::slice_tokens(r.controller.iter().flat_map(|c| c.references()), people);
        let incompatible = opt_str(r.incompatible.as_deref());
        // The registered names the text mentions ("None" mentions none).
        let incompatible_with = r
            .incompatible
            .as_deref()
            .unwrap_or("")
            .split(|ch: char| ch == ',' || ch == ';' || ch.is_whitespace())
            .filter(|token| !token.is_empty())
            .filter_map(|token| index_of.get(token))
            .map(|&index| &idents[index]);
        let date = opt_str(r.meta.date.as_deref());
        let updated = opt_str(r.meta.updated.as_deref());
        quote! {
            const #entry_name: Entry = Entry {
                id: #id,
                value: #type_name::#ident,
                variant: #variant_name,
                common: #common,
                definition: #definition,
                definition_references: #definition_refs,
                references: #references,
                controller: #controller,
                incompatible: #incompatible,
                incompatible_with: &[#(#type_name::#incompatible_with),*],
                registered: #date,
                updated: #updated,
            };
        }
    });
    let count = proc_macro2::Literal::usize_unsuffixed(sub.records.len() + removed.len());
    let incompatible_method = match kind {
        Kind::Extension => {
            let texts = super::texts::texts_method(
                sub.records
                    .iter()
                    .zip(&idents)
                    .map(|(r, ident)| {
                        let texts = super::texts::record_texts_tokens(
                            curated,
                            curated.extension.get(&r.id),
                            |t| t.extension.get(&r.id),
                        );
                        (quote!(Self::#ident), texts)
                    })
                    .collect(),
                None,
            );
            quote! {
            #texts

            /// The registered extensions IANA lists as known to be incompatible with this
            /// one (empty when the registry says "None"). Names in the text that are not
            /// registered extensions are left out; [`incompatible_text`](Self::incompatible_text)
            /// has IANA's words.
            pub const fn incompatible(self) -> &'static [Extension] {
                self.entry().incompatible_with
            }

            /// IANA's "known incompatible extensions" text, verbatim (`None` in the
            /// registry's words when there are none); `None` when the record has no such
            /// field.
            pub const fn incompatible_text(self) -> Option<&'static str> {
                self.entry().incompatible
            }
            }
        }
        Kind::Subprotocol => quote!(),
    };
    // The example looks the first record up, and shows that case counts.
    let example = sub
        .records
        .first()
        .zip(idents.first())
        .map(|(record, ident)| {
            let id = &record.id;
            let mut lines = vec![
                format!("use websocket_registry::{type_name};"),
                String::new(),
                format!("let name = {type_name}::from_name({id:?}).expect(\"registered\");"),
                format!("assert_eq!(name, {type_name}::{ident});"),
                format!("assert_eq!(name.as_str(), {id:?});"),
                format!("assert_eq!({id:?}.parse::<{type_name}>(), Ok(name));"),
            ];
            let upper = id.to_ascii_uppercase();
            if upper != *id {
                lines.push(format!(
                    "assert_eq!({type_name}::from_name({upper:?}), None);"
                ));
            }
            lines
        });
    let type_doc = docs::attrs(&format!(
        "A registered WebSocket {what} name: one variant per record of IANA's *{}*.\n\n\
         Look a wire value up with [`from_name`](Self::from_name) (exact, case-sensitive); get \
         it back with [`as_str`](Self::as_str). `Display` prints the identifier. The enum is \
         `#[non_exhaustive]` because IANA registers new names: match with a `_` arm.{}",
        docs::md(registry_title),
        docs::example(example)
    ));
    let has_variants = !sub.records.is_empty() || !removed.is_empty();
    let empty_match = or_empty_match(has_variants, quote!(&ENTRIES[self as usize]));
    let entries_const = if !has_variants {
        quote!()
    } else {
        quote! {
            const ENTRIES: [Entry; #count] = [#(#entry_names,)* #(#removed_entry_names),*];
            #(#entries)*
            #(#removed_entries)*
        }
    };
    let ids: Vec<&str> = sub.records.iter().map(|r| r.id.as_str()).collect();
    let (from_name_body, lookup_items) = if ids.len() <= MAX_NAMES_FOR_LITERAL_MATCH {
        (literal_match(&ids, &idents), quote!())
    } else {
        let in_registry = |message| Error::new(xml_path, message).within(sub.meta.id.clone());
        let index = perfect_hash::build(&ids).map_err(in_registry)?;
        let tables =
            perfect_hash::lookup_tables(&index, &type_name, &ids, &idents).map_err(in_registry)?;
        (
            quote! {
                let words = crate::name_hash::key_words(bytes);
                let slot = match NAME_SLOTS.get(name_slot(bytes, words)) {
                    Some(slot) if slot.holds(bytes, words) => slot,
                    _ => return None,
                };
                if bytes.len() <= crate::name_hash::INLINE_KEY_BYTES {
                    // The same words, middle words and length: the same name. A free slot
                    // holds only the empty name, and its value is `None`.
                    slot.value
                } else {
                    from_long_name(slot.value, bytes)
                }
            },
            tables,
        )
    };

    Ok(quote! {
        #module_docs

        use crate::Reference;

        #type_doc
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #type_name {
            #(#variants,)*
            #(#removed_variants,)*
        }

        impl #type_name {
            #(#aliases)*

            /// Every registered name, in the registry's order.
            pub const ALL: &'static [#type_name] = &[#(Self::#idents),*];

            /// The registered name whose identifier is exactly `name` (case-sensitive, no
            /// trimming), or `None`.
            #[inline]
            pub fn from_name(name: &str) -> Option<Self> {
                Self::from_name_bytes(name.as_bytes())
            }

            /// [`from_name`](Self::from_name) on the bytes of a header value: the readers of
            /// offers look a name up before they turn it into text (a registered name is
            /// ASCII, so a hit needs no UTF-8 check).
            #[inline]
            #[allow(dead_code)]
            pub(crate) fn from_name_bytes(bytes: &[u8]) -> Option<Self> {
                #from_name_body
            }

            /// The identifier as it appears on the wire.
            pub const fn as_str(self) -> &'static str {
                self.entry().id
            }

            /// The registry's common name (IANA's text).
            pub const fn common_name(self) -> &'static str {
                self.entry().common
            }

            /// The registry's definition, as plain text (references rendered as
            /// `text <url>`).
            pub const fn definition(self) -> &'static str {
                self.entry().definition
            }

            /// The references inside the definition (usually the specification).
            pub const fn definition_references(self) -> &'static [Reference] {
                self.entry().definition_references
            }

            /// The record's references (registrant or RFC).
            pub const fn references(self) -> &'static [Reference] {
                self.entry().references
            }

            /// The change controller, when the registry names one.
            pub const fn controller(self) -> &'static [Reference] {
                self.entry().controller
            }

            /// When the name was registered (`YYYY-MM-DD` or `YYYY-MM`), if the registry says.
            pub const fn registered(self) -> Option<&'static str> {
                self.entry().registered
            }

            /// When the record last changed, if the registry says.
            pub const fn updated(self) -> Option<&'static str> {
                self.entry().updated
            }

            #incompatible_method

            const fn entry(self) -> &'static Entry {
                #empty_match
            }
        }

        // Written out rather than derived: the derived `Debug` is one `match` with an arm and a
        // string per variant, which rustc borrow-checks as a single body, slower than linearly
        // (30,000 names took minutes and 19 GB). The variant name lives in each entry instead.
        impl core::fmt::Debug for #type_name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.entry().variant)
            }
        }

        impl core::fmt::Display for #type_name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl core::str::FromStr for #type_name {
            type Err = crate::UnregisteredName;

            fn from_str(name: &str) -> Result<Self, Self::Err> {
                Self::from_name(name).ok_or(crate::UnregisteredName { registry: #registry_title })
            }
        }

        #[allow(dead_code)]
        struct Entry {
            id: &'static str,
            value: #type_name,
            variant: &'static str,
            common: &'static str,
            definition: &'static str,
            definition_references: &'static [Reference],
            references: &'static [Reference],
            controller: &'static [Reference],
            incompatible: Option<&'static str>,
            incompatible_with: &'static [#type_name],
            registered: Option<&'static str>,
            updated: Option<&'static str>,
        }

        #entries_const

        #lookup_items
    })
}

/// Up to this many names, `from_name` is a plain `match` on string literals, which the
/// compiler turns into a switch on the length and inlined word compares: for two names
/// (today's extension registry) nothing is faster. Above it, the perfect hash wins, and by
/// more the more names there are (benches/BENCHMARKS.md has the figures).
const MAX_NAMES_FOR_LITERAL_MATCH: usize = 8;

/// `match name { "id" => Some(Self::Variant), ... }`.
fn literal_match(ids: &[&str], idents: &[proc_macro2::Ident]) -> TokenStream {
    let ids = ids
        .iter()
        .map(|id| proc_macro2::Literal::byte_string(id.as_bytes()));
    quote! {
        match bytes {
            #(#ids => Some(Self::#idents),)*
            _ => None,
        }
    }
}

fn variant_doc(r: &NameRecord, people: &BTreeMap<String, crate::model::Person>) -> String {
    let mut parts = vec![format!("{}: {}", docs::code(&r.id), docs::md(&r.common))];
    if !r.definition.is_empty() {
        parts.push(format!("Definition: {}", docs::rich(&r.definition, people)));
    }
    if let Some(incompatible) = &r.incompatible {
        parts.push(format!(
            "Known incompatible extensions: {}.",
            docs::md(incompatible)
        ));
    }
    parts.push(docs::facts(
        &r.references,
        &[],
        r.controller.as_ref(),
        &r.meta,
        people,
    ));
    docs::paragraphs(parts)
}
