//! Emits `generated/explain_texts.rs`: the words of `cargo xtask explain`.
//!
//! `generated/explain_texts.rs`: the words of `cargo xtask explain` (`examples/explain.rs`)
//! in every language, one struct field per key of the `[explain]` tables (see
//! [`crate::explain_texts`]). The tool includes the file; the runtime crate does not.
//!
//! A key a translation lacks gets the English text, so every language has every field, and
//! a key English lacks cannot exist (the generator refuses it), so the tool cannot ask for a
//! text that is not there.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::curated::{Curated, Language};

/// The file, inside `generated/`.
pub const FILE: &str = "explain_texts.rs";

pub fn emit(curated: &Curated) -> TokenStream {
    let english = &curated.explain.texts;
    let field = |key: &str| format_ident!("{}", key.replace('-', "_"));
    let fields = english.iter().map(|(key, text)| {
        let name = field(key);
        let doc = format!(" `{key}`; in English: {:?}", text.value);
        quote!(#[doc = #doc] pub(crate) #name: &'static str)
    });
    let languages: Vec<Language> = Language::ALL.to_vec();
    let constants = languages.iter().map(|&language| {
        let name = format_ident!("{}", format!("{language:?}").to_uppercase());
        let translation = curated
            .translations
            .iter()
            .find(|t| t.language == language)
            .map(|t| &t.explain.texts);
        let values = english.iter().map(|(key, text)| {
            let value = translation
                .and_then(|texts| texts.get(key))
                .map_or(text.value.as_str(), |t| t.value.as_str());
            let name = field(key);
            quote!(#name: #value)
        });
        let doc = format!(" The texts in {language:?} (English where a text is missing).");
        quote! {
            #[doc = #doc]
            pub(crate) const #name: ExplainTexts = ExplainTexts { #(#values,)* };
        }
    });
    let arms = languages.iter().map(|&language| {
        let variant = format_ident!("{}", format!("{language:?}"));
        let name = format_ident!("{}", format!("{language:?}").to_uppercase());
        quote!(websocket_registry::Language::#variant => &#name,)
    });
    quote! {
        // No inner doc comment: `examples/explain.rs` includes this file with `include!`,
        // where inner attributes are not allowed.

        /// Every text of `cargo xtask explain`; `{name}` marks a value it fills in. From the
        /// `[explain]` tables of `registry/curated.toml` (English) and `registry/l10n/`;
        /// included by `examples/explain.rs`, not part of the runtime crate.
        #[derive(Debug)]
        pub(crate) struct ExplainTexts {
            #(#fields,)*
        }

        #(#constants)*

        /// The texts in `language`.
        #[allow(unreachable_patterns)]
        pub(crate) const fn texts(language: websocket_registry::Language) -> &'static ExplainTexts {
            match language {
                #(#arms)*
                _ => &ENGLISH,
            }
        }
    }
}
