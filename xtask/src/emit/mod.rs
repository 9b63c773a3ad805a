//! Stage 3 and 4: model -> tokens -> formatted Rust source, one file per sub-registry.
//!
//! Each emitter builds a `proc_macro2::TokenStream` with `quote!`; registry text only ever
//! enters as string literals. [`emit_all`] returns the tokens; [`EmittedFile::format`] parses
//! them back with `syn` (so an emitter bug that produces invalid Rust is caught here, not
//! downstream), prints them with `prettyplease`, and prepends the header that says what
//! generated the file and from what. The two are apart so that a fuzz target can run the
//! emitters without paying for formatting on every input.

mod close_code_tables;
pub(crate) mod close_codes;
mod docs;
pub mod explain_texts;
pub(crate) mod header_bits;
pub(crate) mod names;
pub(crate) mod opcodes;
mod perfect_hash;
mod refs;
mod registry_info;
mod texts;
mod untyped;
pub(crate) mod versions;
mod writer;

use proc_macro2::TokenStream;
use quote::quote;

use crate::curated::Curated;
use crate::error::{Error, Result};
use crate::model::{Person, Registry, SubRegistryMeta};
use crate::names_lock::ResolvedTable;
use std::collections::BTreeMap;

/// What the generated files were made from; stamped into every header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The registry file as the header names it (`registry/websocket.xml`).
    pub xml_path: String,
    /// sha256 of the registry file, hex.
    pub xml_sha256: String,
    /// The curated file as the header names it, if one was used.
    pub curated_path: Option<String>,
    /// sha256 of the curated file, hex.
    pub curated_sha256: Option<String>,
    /// Each translation file as the header names it, with its sha256.
    pub translations: Vec<(String, String)>,
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// File name inside `generated/`.
    pub name: &'static str,
    /// Complete contents.
    pub contents: String,
}

/// The emit stage's column of the sub-registry table ([`crate::registries`]): where a typed
/// sub-registry is generated and how.
#[derive(Clone, Copy)]
pub struct Column {
    /// IANA's `id` attribute (`close-code-number`).
    pub id: &'static str,
    /// The file it is generated into, inside `generated/`.
    pub file: &'static str,
    /// Its title, rules and notes, from the model (for the file's header).
    pub meta: fn(&Registry) -> &SubRegistryMeta,
    /// Generates the file's Rust items.
    pub emit: Emitter,
}

/// The one signature every sub-registry's emitter has.
pub type Emitter = fn(&Context<'_>) -> Result<TokenStream>;

/// Everything an emitter reads: the registry, the curated data, the Rust names resolved
/// against the name lock, and what the files are generated from.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The parsed, checked registry.
    pub registry: &'a Registry,
    /// The curated notes and their translations.
    pub curated: &'a Curated,
    /// The Rust names of every sub-registry's records, by sub-registry id.
    pub names: &'a BTreeMap<String, ResolvedTable>,
    /// The input files, for the headers and error messages.
    pub source: &'a Source,
}

impl Context<'_> {
    /// The resolved Rust names of the sub-registry `id` (empty when it has none).
    pub fn names_of(&self, id: &str) -> &ResolvedTable {
        static EMPTY: ResolvedTable = ResolvedTable {
            records: BTreeMap::new(),
        };
        self.names.get(id).unwrap_or(&EMPTY)
    }
}

/// The deprecated associated constants that keep every old name of a sub-registry's records
/// compiling (see [`crate::names_lock`]): `pub const OLD: Self = Self::NEW;`, with the reason
/// and date in the deprecation note. Emitted inside the type's `impl` block; `type_name` is
/// how the note names the type.
pub(crate) fn alias_consts(type_name: &str, resolved: &ResolvedTable) -> Vec<TokenStream> {
    let mut out = Vec::new();
    for record in resolved.records.values() {
        let current = quote::format_ident!("{}", record.name);
        for alias in &record.aliases {
            let old = quote::format_ident!("{}", alias.name);
            let note = format!(
                "renamed: {} (registry of {}); use `{type_name}::{}`",
                alias.reason, alias.since, record.name
            );
            let doc = format!(
                "The old name of [`{type_name}::{}`], kept so that code written against it \
                 still compiles.",
                record.name
            );
            out.push(quote! {
                #[doc = #doc]
                #[deprecated(note = #note)]
                #[allow(non_upper_case_globals, deprecated)]
                pub const #old: Self = Self::#current;
            });
        }
    }
    out
}

/// The file every sub-registry without a typed row is generated into, one module each.
pub const UNTYPED_FILE: &str = "other_registries.rs";

/// Emits every generated file, in a fixed order: the registry's own facts, one file per typed
/// sub-registry (`columns`, in order), the generic tables, and the close-code tables.
pub fn emit_all(cx: &Context<'_>, columns: &[Column]) -> Result<Vec<EmittedFile>> {
    let (registry, curated, source) = (cx.registry, cx.curated, cx.source);
    let header = |sub: Option<&SubRegistryMeta>| header(registry, source, sub);
    let rust = |name, header, tokens| EmittedFile {
        name,
        contents: Emitted::Rust { header, tokens },
    };
    let text = |name, contents| EmittedFile {
        name,
        contents: Emitted::Text(contents),
    };
    let mut files = vec![rust(
        "registry_info.rs",
        header(None),
        registry_info::emit(registry, source),
    )];
    for column in columns {
        let tokens = (column.emit)(cx)?;
        files.push(rust(
            column.file,
            header(Some((column.meta)(registry))),
            tokens,
        ));
    }
    files.push(rust(UNTYPED_FILE, header(None), untyped::emit(registry)?));
    files.push(rust(
        explain_texts::FILE,
        header(None),
        explain_texts::emit(curated),
    ));
    files.push(text(
        "close_codes.md",
        close_code_tables::table_markdown(cx),
    ));
    for &language in crate::curated::Language::ALL {
        files.push(text(
            close_code_tables::reference_file_name(language),
            close_code_tables::reference_markdown(cx, language),
        ));
    }
    Ok(files)
}

/// One generated file as an emitter leaves it, before [`EmittedFile::format`].
#[derive(Debug, Clone)]
pub struct EmittedFile {
    /// File name inside `generated/`.
    pub name: &'static str,
    /// What goes into it.
    pub contents: Emitted,
}

/// The contents of an [`EmittedFile`].
#[derive(Debug, Clone)]
pub enum Emitted {
    /// Rust, as tokens, and the comment that opens the file.
    Rust {
        /// The opening comment (what generated the file, from which inputs).
        header: String,
        /// The file's items.
        tokens: TokenStream,
    },
    /// A text file (Markdown), complete.
    Text(String),
}

impl EmittedFile {
    /// The file's final text: Rust is parsed back with `syn` (so an emitter bug that
    /// produces invalid Rust is an error here, not downstream) and pretty-printed behind its
    /// header; text is kept as it is.
    pub fn format(self) -> Result<OutputFile> {
        let contents = match self.contents {
            Emitted::Rust { header, tokens } => format_file(self.name, &header, tokens)?,
            Emitted::Text(text) => text,
        };
        Ok(OutputFile {
            name: self.name,
            contents,
        })
    }
}

/// The comment that opens every generated file. Registry text in it is `{:?}`-quoted so that a
/// line break in the input cannot end the comment.
fn header(registry: &Registry, source: &Source, sub: Option<&SubRegistryMeta>) -> String {
    let mut out = String::new();
    out.push_str("// @generated by `cargo xtask regen`. DO NOT EDIT: edit the inputs below and regenerate.\n");
    out.push_str(&format!(
        "// Input: {} (IANA registry updated {:?}, sha256 {})\n",
        source.xml_path, registry.updated, source.xml_sha256
    ));
    if let (Some(path), Some(sha)) = (&source.curated_path, &source.curated_sha256) {
        out.push_str(&format!("//        {path} (sha256 {sha})\n"));
    }
    for (path, sha) in &source.translations {
        out.push_str(&format!("//        {path} (sha256 {sha})\n"));
    }
    if let Some(sub) = sub {
        out.push_str(&format!("// Sub-registry: {:?}\n", sub.id));
    }
    out.push_str(
        "// `cargo xtask check` and `cargo test` fail while this file is out of date.\n\n",
    );
    out
}

/// Parses `tokens` as a Rust file and pretty-prints it behind `header`.
fn format_file(name: &str, header: &str, tokens: TokenStream) -> Result<String> {
    let file: syn::File = syn::parse2(tokens).map_err(|err| {
        Error::new(
            format!("generated/{name}"),
            format!("internal error: the emitter produced invalid Rust: {err}"),
        )
    })?;
    Ok(format!("{header}{}", prettyplease::unparse(&file)))
}

/// An unsuffixed integer literal (`1000`, not `1000u16`).
pub(crate) fn int(value: impl Into<u64>) -> proc_macro2::Literal {
    proc_macro2::Literal::u64_unsuffixed(value.into())
}

/// `Some("..")` / `None` tokens.
pub(crate) fn opt_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(value) => quote!(Some(#value)),
        None => quote!(None),
    }
}

/// Module-level docs for a sub-registry: title, rules, expert, notes, references.
fn module_docs(registry: &Registry, meta: &SubRegistryMeta, summary: &str) -> TokenStream {
    let people: &BTreeMap<String, Person> = &registry.people;
    let mut parts = vec![
        format!("{summary}"),
        format!(
            "Generated from IANA's *{}* (`{}`), registry file updated {}.",
            docs::md(&meta.title),
            docs::md(&meta.id),
            docs::md(&registry.updated)
        ),
    ];
    if let Some(rule) = &meta.registration_rule {
        parts.push(format!("Registration rule: {}.", docs::rich(rule, people)));
    }
    for range in &meta.range_rules {
        parts.push(format!(
            "Registration rule for {}: {}.",
            docs::md(&range.value),
            docs::rich(&range.rule, people)
        ));
    }
    if let Some(expert) = &meta.expert {
        parts.push(format!("Expert: {}.", docs::md(expert)));
    }
    if !meta.references.is_empty() {
        parts.push(format!(
            "Reference: {}.",
            docs::references(&meta.references, people)
        ));
    }
    for note in &meta.notes {
        parts.push(format!("Note: {}", docs::rich(note, people)));
    }
    let text = docs::paragraphs(parts);
    docs::inner_attrs(&text)
}
