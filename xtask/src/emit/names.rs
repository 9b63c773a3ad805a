//! `generated/subprotocols.rs` and `generated/extensions.rs`: the two registries of wire
//! identifiers, each as an enum with one variant per record.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, opt_str, refs};
use crate::curated::{Curated, NameNotes};
use crate::error::Result;
use crate::model::{NameRecord, Registry, SubRegistry};
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

    fn table(self) -> &'static str {
        match self {
            Kind::Subprotocol => "subprotocol",
            Kind::Extension => "extension",
        }
    }
}

/// The variant name of every record, in file order (see [`crate::naming`] for the rules).
pub fn variant_names(records: &[NameRecord], notes: &BTreeMap<String, NameNotes>) -> Vec<String> {
    let names = records
        .iter()
        .map(
            |r| match notes.get(&r.id).and_then(|n| n.rust_name.clone()) {
                Some(name) => name,
                None => naming::variant_name(&r.id, "Id"),
            },
        )
        .collect();
    naming::deduplicate(names, &mut BTreeSet::new())
}

pub fn emit(registry: &Registry, curated: &Curated, kind: Kind) -> Result<TokenStream> {
    let sub = kind.sub_registry(registry);
    let notes = kind.notes(curated);
    for (key, note) in notes {
        if let Some(name) = &note.rust_name {
            if !naming::is_upper_camel(name) {
                return Err(curated.entry_error(
                    kind.table(),
                    key,
                    format!("rust-name {name:?} is not an UpperCamelCase identifier"),
                ));
            }
        }
    }
    let people = &registry.people;
    let names = variant_names(&sub.records, notes);
    let idents: Vec<_> = names.iter().map(|n| format_ident!("{}", n)).collect();
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
    let module_docs = super::module_docs(registry, &sub.meta, summary);
    let registry_title = &sub.meta.title;

    let variants = sub.records.iter().zip(&idents).map(|(r, ident)| {
        let doc = docs::attrs(&variant_doc(r, people));
        quote! { #doc #ident }
    });
    let entries = sub.records.iter().map(|r| {
        let id = &r.id;
        let common = &r.common;
        let definition = docs::plain(&r.definition, people);
        let definition_refs = refs::slice_tokens(r.definition.references(), people);
        let references = refs::slice_tokens(&r.references, people);
        let controller =
            refs::slice_tokens(r.controller.iter().flat_map(|c| c.references()), people);
        let incompatible = opt_str(r.incompatible.as_deref());
        let date = opt_str(r.meta.date.as_deref());
        let updated = opt_str(r.meta.updated.as_deref());
        quote! {
            Entry {
                id: #id,
                common: #common,
                definition: #definition,
                definition_references: #definition_refs,
                references: #references,
                controller: #controller,
                incompatible: #incompatible,
                registered: #date,
                updated: #updated,
            }
        }
    });
    let from_name_arms = sub.records.iter().zip(&idents).map(|(r, ident)| {
        let id = &r.id;
        quote!(#id => Some(Self::#ident))
    });
    let count = proc_macro2::Literal::usize_unsuffixed(sub.records.len());
    let incompatible_method = match kind {
        Kind::Extension => quote! {
            /// IANA's "known incompatible extensions" text for this extension, verbatim
            /// (`None` in the registry's words when there are none).
            pub const fn incompatible(self) -> &'static str {
                match self.entry().incompatible {
                    Some(text) => text,
                    None => "",
                }
            }
        },
        Kind::Subprotocol => quote!(),
    };
    let type_doc = docs::attrs(&format!(
        "A registered WebSocket {what} name: one variant per record of IANA's *{}*.\n\n\
         Look a wire value up with [`from_name`](Self::from_name) (exact, case-sensitive); get \
         it back with [`as_str`](Self::as_str). `Display` prints the identifier. The enum is \
         `#[non_exhaustive]` because IANA registers new names: match with a `_` arm.",
        docs::md(registry_title)
    ));
    let (empty_match, entries_const) = if sub.records.is_empty() {
        (quote!(match self {}), quote!())
    } else {
        (
            quote!(&ENTRIES[self as usize]),
            quote!(const ENTRIES: [Entry; #count] = [#(#entries),*];),
        )
    };

    Ok(quote! {
        #module_docs

        use crate::Reference;

        #type_doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #type_name {
            #(#variants,)*
        }

        impl #type_name {
            /// Every registered name, in the registry's order.
            pub const ALL: &'static [#type_name] = &[#(Self::#idents),*];

            /// The registered name whose identifier is exactly `name` (case-sensitive, no
            /// trimming), or `None`.
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    #(#from_name_arms,)*
                    _ => None,
                }
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
            common: &'static str,
            definition: &'static str,
            definition_references: &'static [Reference],
            references: &'static [Reference],
            controller: &'static [Reference],
            incompatible: Option<&'static str>,
            registered: Option<&'static str>,
            updated: Option<&'static str>,
        }

        #entries_const
    })
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
