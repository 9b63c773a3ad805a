//! `generated/versions.rs`: the `version-number` sub-registry (`Sec-WebSocket-Version`).

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::texts::{record_texts_tokens, texts_method};
use super::writer::{deprecated, or_empty_match, removed, Removed};
use super::{docs, opt_str, refs, Context};
use crate::curated::OTHER_VERSION;
use crate::error::Result;
use crate::model::{Registry, Value};
use crate::names_lock::NameRequest;
use crate::naming;

/// The sub-registry's id, under which [`crate::names_lock`] keeps its names.
const ID: &str = "version-number";

/// The constant each listed version number asks for (`V13`), keyed by the number; a range
/// record stands for each number it covers.
pub fn name_requests(registry: &Registry) -> Vec<NameRequest> {
    registry
        .versions
        .records
        .iter()
        .flat_map(|record| record.value.first()..=record.value.last())
        .map(|value| NameRequest {
            key: value.to_string(),
            candidate: format!("V{value}"),
            source: value.to_string(),
            identity: None,
        })
        .collect()
}

pub fn emit(cx: &Context<'_>) -> Result<TokenStream> {
    let (registry, curated) = (cx.registry, cx.curated);
    let resolved = cx.names_of(ID);
    let people = &registry.people;
    let records = &registry.versions.records;
    // Status values become `VersionStatus` variants, in order of first appearance.
    let mut statuses: Vec<&str> = Vec::new();
    for record in records {
        if let Some(status) = record.status.as_deref() {
            if !statuses.contains(&status) {
                statuses.push(status);
            }
        }
    }
    let status_names = naming::deduplicate(
        statuses
            .iter()
            .map(|s| naming::variant_name(s, "Status"))
            .collect(),
        &mut BTreeSet::new(),
    );
    let status_idents: Vec<_> = status_names
        .iter()
        .map(|n| format_ident!("{}", n))
        .collect();
    let status_variants = statuses.iter().zip(&status_idents).map(|(status, ident)| {
        let doc = docs::attrs(&format!("IANA's status \"{}\".", docs::md(status)));
        quote!(#doc #ident)
    });
    let status_str_arms = statuses
        .iter()
        .zip(&status_idents)
        .map(|(status, ident)| quote!(Self::#ident => #status));
    let status_tokens = |status: Option<&str>| match status {
        Some(status) => {
            let ident = &status_idents[statuses.iter().position(|s| *s == status).unwrap_or(0)];
            quote!(Some(VersionStatus::#ident))
        }
        None => quote!(None),
    };

    // One entry per number: a range record stands for each number it covers.
    let mut consts = Vec::new();
    // The listed numbers' constants, in file order, for `Version::ALL`.
    let mut all = Vec::new();
    let mut arms = Vec::new();
    for record in records {
        let (first, last) = (record.value.first(), record.value.last());
        let status = status_tokens(record.status.as_deref());
        let references = refs::slice_tokens(&record.references, people);
        let date = opt_str(record.meta.date.as_deref());
        let updated = opt_str(record.meta.updated.as_deref());
        let entry = quote! {
            Entry { status: #status, references: #references, registered: #date, updated: #updated }
        };
        arms.push(match record.value {
            Value::Single(v) => {
                let v = super::int(v);
                quote!(#v => Some(&#entry))
            }
            Value::Range(a, b) => {
                let (a, b) = (super::int(a), super::int(b));
                quote!(#a..=#b => Some(&#entry))
            }
        });
        for value in first..=last {
            let ident = format_ident!("{}", resolved.name(&value.to_string()));
            all.push(ident.clone());
            let mut parts = vec![format!(
                "Version **{value}**: {}.",
                record
                    .status
                    .as_deref()
                    .map_or("no status given".to_owned(), docs::md)
            )];
            parts.push(docs::facts(
                &record.references,
                &[],
                None,
                &record.meta,
                people,
            ));
            let doc = docs::attrs(&docs::paragraphs(parts));
            let value = super::int(value);
            consts.push(quote!(#doc pub const #ident: Version = Version(#value);));
        }
    }
    // Numbers IANA no longer lists keep their constant, deprecated; old names (none can
    // arise today, `V<n>` is the number) would stay as aliases.
    for Removed {
        key: value, ident, ..
    } in removed::<u8>(resolved)
    {
        let literal = super::int(value);
        let attrs = deprecated(
            "A version number the registry no longer lists, kept so that code written against it still compiles.",
            &format!("IANA's registry no longer lists version {value}"),
        );
        consts.push(quote! {
            #attrs
            pub const #ident: Version = Version(#literal);
        });
    }
    consts.extend(super::alias_consts("Version", resolved));
    // A version without texts of its own answers the `[version.other]` ones.
    let texts = texts_method(
        records
            .iter()
            .flat_map(|record| record.value.first()..=record.value.last())
            .filter_map(|value| {
                let key = value.to_string();
                let english = curated.version.get(&key);
                let translated = curated
                    .translations
                    .iter()
                    .any(|t| t.version.contains_key(&key));
                if english.is_none() && !translated {
                    return None;
                }
                // A listed version whose table lacks a label or description takes the
                // `[version.other]` one, so that every version has both in English.
                let mut filled = english.cloned().unwrap_or_default();
                let other = curated.version.get(OTHER_VERSION);
                if filled.label.is_none() {
                    filled.label = other.and_then(|o| o.label.clone());
                }
                if filled.description.is_none() {
                    filled.description = other.and_then(|o| o.description.clone());
                }
                let texts = record_texts_tokens(curated, Some(&filled), |t| t.version.get(&key));
                let value = super::int(value);
                Some((quote!(Version(#value)), texts))
            })
            .collect(),
        Some(record_texts_tokens(
            curated,
            curated.version.get(OTHER_VERSION),
            |t| t.version.get(OTHER_VERSION),
        )),
    );
    let module_docs = super::module_docs(
        registry,
        &registry.versions.meta,
        "WebSocket version numbers: the values of `Sec-WebSocket-Version` (RFC 6455 section 4.1).",
    );
    // What the `FromStr` error says parses: `Standard or Interim`.
    let status_spellings = match statuses.split_last() {
        None => "nothing (the registry uses no status)".to_owned(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    };
    let status_as_str = or_empty_match(
        !statuses.is_empty(),
        quote!(match self { #(#status_str_arms,)* }),
    );

    let example = statuses
        .first()
        .zip(status_idents.first())
        .map(|(status, ident)| {
            vec![
                "use websocket_registry::VersionStatus;".to_owned(),
                String::new(),
                format!("let status: VersionStatus = {status:?}.parse()?;"),
                format!("assert_eq!(status, VersionStatus::{ident});"),
                format!("assert_eq!(status.as_str(), {status:?});"),
                "# Ok::<(), websocket_registry::UnknownName>(())".to_owned(),
            ]
        });
    let status_doc = docs::attrs(&format!(
        "A version's status in the registry (IANA's `<status>`).{}",
        docs::example(example)
    ));

    Ok(quote! {
        #module_docs

        use crate::{Reference, Version};

        /// Named constants for every version number the registry lists.
        impl Version {
            /// Every version number the registry lists, in ascending order.
            pub const ALL: &'static [Version] = &[#(Self::#all),*];

            #(#consts)*

            #texts
        }

        #status_doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum VersionStatus {
            #(#status_variants,)*
        }

        impl VersionStatus {
            /// Every status the registry uses, in order of first appearance.
            pub const ALL: &'static [VersionStatus] = &[#(Self::#status_idents),*];

            /// IANA's text for the status.
            pub const fn as_str(self) -> &'static str {
                #status_as_str
            }
        }

        /// Parses IANA's text for a status (`"Standard"`), exactly.
        impl core::str::FromStr for VersionStatus {
            type Err = crate::UnknownName;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|status| status.as_str() == text)
                    .ok_or(crate::UnknownName::new("version status", #status_spellings))
            }
        }

        #[derive(Debug)]
        pub(crate) struct Entry {
            pub(crate) status: Option<VersionStatus>,
            pub(crate) references: &'static [Reference],
            pub(crate) registered: Option<&'static str>,
            pub(crate) updated: Option<&'static str>,
        }

        /// The registry's record for version `value`, if it lists one.
        pub(crate) const fn entry(value: u8) -> Option<&'static Entry> {
            match value {
                #(#arms,)*
                _ => None,
            }
        }
    })
}
