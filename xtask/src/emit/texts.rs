//! The project's own texts as tokens, for every emitter that has them.
//!
//! The project's own texts as tokens, for every emitter that has them: the per-language
//! `Texts` of a close code or range, and the `RecordTexts` (label, description, their
//! translations) of an opcode, version, header bit or extension.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::opt_str;
use crate::curated::{Curated, NameNotes, TranslatedTexts, Translation};

/// A `&[crate::language::Texts]` with one element per language that has texts for the entry
/// `pick` finds.
pub(super) fn texts_tokens(
    curated: &Curated,
    pick: impl Fn(&Translation) -> Option<&TranslatedTexts>,
) -> TokenStream {
    let texts = curated.translations.iter().filter_map(|translation| {
        let texts = pick(translation)?;
        let language = format_ident!("{}", format!("{:?}", translation.language));
        let label = opt_str(texts.label.as_deref());
        let description = opt_str(texts.description.as_deref());
        let reconnect_why = opt_str(texts.reconnect_why.as_deref());
        let not_on_wire = opt_str(texts.not_on_wire_reason.as_deref());
        Some(quote! {
            crate::language::Texts {
                language: crate::Language::#language,
                label: #label,
                description: #description,
                reconnect_why: #reconnect_why,
                not_on_wire: #not_on_wire,
            }
        })
    });
    quote!(&[#(#texts),*])
}

/// `&crate::language::RecordTexts { .. }` for one record: the English label and description
/// of `english` (its curated entry, if any) and the translations `pick` finds; a record the
/// project says nothing about is `&crate::language::RecordTexts::NONE`.
pub(super) fn record_texts_tokens(
    curated: &Curated,
    english: Option<&NameNotes>,
    pick: impl Fn(&Translation) -> Option<&TranslatedTexts>,
) -> TokenStream {
    let translated = curated.translations.iter().any(|t| pick(t).is_some());
    let label = english.and_then(|notes| notes.label.as_deref());
    let description = english.and_then(|notes| notes.description.as_deref());
    if label.is_none() && description.is_none() && !translated {
        return quote!(&crate::language::RecordTexts::NONE);
    }
    let (label, description) = (opt_str(label), opt_str(description));
    let texts = texts_tokens(curated, pick);
    quote! {
        &crate::language::RecordTexts {
            label: #label,
            description: #description,
            texts: #texts,
        }
    }
}

/// `pub(crate) const fn texts(self) -> &'static RecordTexts`, one arm per record: the
/// runtime's `label_in` and `description_in` read it (`src/record_texts.rs`). `arms` are
/// `pattern => texts` pairs; every other value (an unregistered version, a removed record)
/// answers `rest`, or `RecordTexts::NONE` without one.
pub(super) fn texts_method(
    arms: Vec<(TokenStream, TokenStream)>,
    rest: Option<TokenStream>,
) -> TokenStream {
    let arms = arms
        .into_iter()
        .map(|(pattern, texts)| quote!(#pattern => #texts,));
    let rest = rest.unwrap_or_else(|| quote!(&crate::language::RecordTexts::NONE));
    let rest = quote!(_ => #rest,);
    quote! {
        /// The project's own label and description and their translations
        /// (`registry/curated.toml`, `registry/l10n/`).
        #[allow(unreachable_patterns)]
        pub(crate) const fn texts(self) -> &'static crate::language::RecordTexts {
            match self {
                #(#arms)*
                #rest
            }
        }
    }
}
