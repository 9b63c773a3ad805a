//! Emits `generated/other_registries.rs`: sub-registries without a typed row.
//!
//! Every sub-registry without a row in [`crate::registries::SUB_REGISTRIES`], one module each, its records as a table of the runtime crate's
//! `GenericRegistry`.
//!
//! This is what keeps `regen` working the day IANA adds a sub-registry: nothing about it
//! needs code, and nothing in it is dropped. A typed emitter can follow; until then the
//! module says so.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, module_docs, opt_str, refs};
use crate::error::Result;
use crate::model::{GenericRecord, Registry, SubRegistry};
use crate::naming;

pub fn emit(registry: &Registry) -> Result<TokenStream> {
    let names = module_names(&registry.untyped);
    let modules = registry
        .untyped
        .iter()
        .zip(&names)
        .map(|(sub, name)| module(registry, sub, name));
    let idents = names.iter().map(|name| format_ident!("{}", name));
    let docs = docs::inner_attrs(
        "Sub-registries of IANA's file that this crate has no typed API for yet, one module each.\n\n\
         When IANA adds a sub-registry, the next release of the crate lists its records here as a\n\
         [`GenericRegistry`](crate::GenericRegistry) instead of failing, so that nothing in the\n\
         registry is dropped; a typed API may follow in a later release. [`ALL`] is empty while\n\
         every sub-registry has a typed API.",
    );
    Ok(quote! {
        #docs

        /// Every sub-registry of this module, in the order IANA's file lists them.
        pub const ALL: &[&crate::GenericRegistry] = &[#(&#idents::REGISTRY),*];

        #(#modules)*
    })
}

/// A module name per sub-registry: its id in snake case, never a keyword or a duplicate.
fn module_names(subs: &[SubRegistry<GenericRecord>]) -> Vec<String> {
    let names = subs
        .iter()
        .map(|sub| {
            let name = naming::const_name(&sub.meta.id, "REGISTRY_").to_ascii_lowercase();
            if syn::parse_str::<syn::Ident>(&name).is_ok() {
                name
            } else {
                format!("registry_{name}")
            }
        })
        .collect();
    naming::deduplicate(names, &mut BTreeSet::from(["all".to_owned()]))
}

fn module(registry: &Registry, sub: &SubRegistry<GenericRecord>, name: &str) -> TokenStream {
    let ident = format_ident!("{}", name);
    let summary = format!(
        "{}: a generic table (a typed API can follow).",
        docs::md(&sub.meta.title)
    );
    let docs = module_docs(registry, &sub.meta, &summary);
    let table = docs::inner_attrs(&record_table(&sub.records));
    let id = &sub.meta.id;
    let title = &sub.meta.title;
    let records = sub.records.iter().map(|record| {
        let value = opt_str(record.value.as_deref());
        let identifier = opt_str(record.identifier.as_deref());
        let description = opt_str(record.description.as_deref());
        let references = refs::slice_tokens(&record.references, &registry.people);
        let registered = opt_str(record.meta.date.as_deref());
        let updated = opt_str(record.meta.updated.as_deref());
        let fields = record
            .fields
            .iter()
            .map(|(name, text)| quote!((#name, #text)));
        quote! {
            crate::GenericRecord {
                value: #value,
                identifier: #identifier,
                description: #description,
                references: #references,
                registered: #registered,
                updated: #updated,
                fields: &[#(#fields),*],
            }
        }
    });
    quote! {
        pub mod #ident {
            #docs
            #table

            /// The sub-registry, with lookups by value and identifier.
            pub const REGISTRY: crate::GenericRegistry = crate::GenericRegistry {
                id: #id,
                title: #title,
                records: RECORDS,
            };

            /// Its records, in file order.
            pub const RECORDS: &[crate::GenericRecord] = &[#(#records),*];
        }
    }
}

/// The records as a Markdown table for the module's docs.
fn record_table(records: &[GenericRecord]) -> String {
    if records.is_empty() {
        return "\nThe sub-registry has no records yet.".to_owned();
    }
    // `md` escapes `|` too, so a cell cannot split.
    let cell = |text: Option<&str>| docs::md(text.unwrap_or(""));
    let mut out = String::from("\n| Value | Identifier | Description |\n|---|---|---|");
    for record in records {
        out.push_str(&format!(
            "\n| {} | {} | {} |",
            cell(record.value.as_deref()),
            cell(record.identifier.as_deref()),
            cell(record.description.as_deref())
        ));
    }
    out
}
