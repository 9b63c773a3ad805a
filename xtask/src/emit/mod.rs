//! Stage 3 and 4: model -> tokens -> formatted Rust source, one file per sub-registry.
//!
//! Each emitter builds a `proc_macro2::TokenStream` with `quote!`; registry text only ever
//! enters as string literals. [`emit_all`] returns the tokens; [`EmittedFile::format`] parses
//! them back with `syn` (so an emitter bug that produces invalid Rust is caught here, not
//! downstream), prints them with `prettyplease`, and prepends the header that says what
//! generated the file and from what. The two are apart so that a fuzz target can run the
//! emitters without paying for formatting on every input.

mod close_codes;
mod docs;
pub mod explain_texts;
mod header_bits;
mod names;
mod opcodes;
mod perfect_hash;
mod refs;
mod registry_info;
mod texts;
mod untyped;
mod versions;

use proc_macro2::TokenStream;
use quote::quote;

use crate::curated::Curated;
use crate::diff::{self, SectionDiff};
use crate::error::{Error, Pos, Result};
use crate::model::{NameRecord, Person, Registry, SubRegistry, SubRegistryMeta};
use crate::names_lock::{NameRequest, NameStyle, ResolvedTable};
use crate::parse::Parser;
use crate::xml::Element;
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

/// What the generator does with one sub-registry of IANA's file. Every stage reads
/// [`SUB_REGISTRIES`]: [`crate::parse`] parses and checks each row's records, [`emit_all`]
/// generates its file, [`crate::diff`] compares it, and [`crate::output`] writes the files
/// `emit_all` returns.
pub struct SubRegistryKind {
    /// IANA's `id` attribute (`close-code-number`).
    pub id: &'static str,
    /// The file it is generated into, inside `generated/`.
    pub file: &'static str,
    /// Parses the `<registry>` element into its field of the model and refuses records that
    /// clash (two records with one value or identifier).
    pub parse: fn(&Parser, &Element, &mut Registry) -> Result<()>,
    /// Its title, rules and notes, from the model.
    pub meta: fn(&Registry) -> &SubRegistryMeta,
    /// The name each record asks for, keyed by what identifies it; resolved against
    /// `registry/names.toml` before `emit` runs ([`crate::names_lock`]), which then reads
    /// them with [`Curated::names_of`].
    pub names: fn(&Registry, &Curated) -> Vec<NameRequest>,
    /// How those names look (checked when the lock is read).
    pub name_style: NameStyle,
    /// Generates the file's Rust items.
    pub emit: Emitter,
    /// Compares it between two versions of the registry.
    pub diff: fn(old: &Registry, new: &Registry) -> SectionDiff,
}

/// The one signature every sub-registry's emitter has.
pub type Emitter = fn(&Registry, &Curated, &Source) -> Result<TokenStream>;

/// The sub-registries the generator has typed code for, in the order IANA's file lists them.
/// A sub-registry that is not here is generated as a generic table (see [`untyped`]); one that
/// is here but missing from the file is an error.
///
/// Adding a typed sub-registry: its record type and its field in [`Registry`]
/// (`model.rs`), a row here (and the `mod` line above), and its emitter in its own file
/// beside this one. Records of a new shape get their parser (a function taking the
/// [`Parser`]) and their diff flattening (see [`crate::diff::Flat`]) in that same file.
pub const SUB_REGISTRIES: [SubRegistryKind; 6] = [
    SubRegistryKind {
        id: "extension-name",
        file: "extensions.rs",
        parse: |p, element, registry| {
            registry.extensions = p.sub_registry(element, |r| p.name_record(r, true))?;
            p.unique("extension-name", identifiers(&registry.extensions))
        },
        meta: |registry| &registry.extensions.meta,
        names: |registry, curated| names::name_requests(registry, curated, names::Kind::Extension),
        name_style: NameStyle::UpperCamel,
        emit: |registry, curated, source| {
            names::emit(registry, curated, names::Kind::Extension, &source.xml_path)
        },
        diff: |old, new| diff::section(&old.extensions, &new.extensions, diff::name_record),
    },
    SubRegistryKind {
        id: "subprotocol-name",
        file: "subprotocols.rs",
        parse: |p, element, registry| {
            registry.subprotocols = p.sub_registry(element, |r| p.name_record(r, false))?;
            p.unique("subprotocol-name", identifiers(&registry.subprotocols))
        },
        meta: |registry| &registry.subprotocols.meta,
        names: |registry, curated| {
            names::name_requests(registry, curated, names::Kind::Subprotocol)
        },
        name_style: NameStyle::UpperCamel,
        emit: |registry, curated, source| {
            names::emit(
                registry,
                curated,
                names::Kind::Subprotocol,
                &source.xml_path,
            )
        },
        diff: |old, new| diff::section(&old.subprotocols, &new.subprotocols, diff::name_record),
    },
    SubRegistryKind {
        id: "version-number",
        file: "versions.rs",
        parse: |p, element, registry| {
            registry.versions = p.sub_registry(element, |r| p.version_record(r))?;
            let values = registry.versions.records.iter();
            p.no_overlap(
                "version-number",
                values.map(|r| (r.value, r.meta.pos)).collect(),
            )
        },
        meta: |registry| &registry.versions.meta,
        names: |registry, _| versions::name_requests(registry),
        name_style: NameStyle::Constant,
        emit: |registry, curated, _| versions::emit(registry, curated),
        diff: |old, new| diff::section(&old.versions, &new.versions, diff::version_record),
    },
    SubRegistryKind {
        id: "close-code-number",
        file: "close_codes.rs",
        parse: |p, element, registry| {
            registry.close_codes = p.sub_registry(element, |r| p.code_record(r, true))?;
            let values = registry.close_codes.records.iter();
            p.no_overlap(
                "close-code-number",
                values.map(|r| (r.value, r.meta.pos)).collect(),
            )
        },
        meta: |registry| &registry.close_codes.meta,
        names: close_codes::name_requests,
        name_style: NameStyle::Constant,
        emit: |registry, curated, _| close_codes::emit(registry, curated),
        diff: |old, new| diff::section(&old.close_codes, &new.close_codes, diff::code_record),
    },
    SubRegistryKind {
        id: "opcode",
        file: "opcodes.rs",
        parse: |p, element, registry| {
            registry.opcodes = p.sub_registry(element, |r| p.opcode_record(r))?;
            let values = registry.opcodes.records.iter();
            p.no_overlap("opcode", values.map(|r| (r.value, r.meta.pos)).collect())
        },
        meta: |registry| &registry.opcodes.meta,
        names: opcodes::name_requests,
        name_style: NameStyle::UpperCamel,
        emit: |registry, curated, _| opcodes::emit(registry, curated),
        diff: |old, new| diff::section(&old.opcodes, &new.opcodes, diff::code_record),
    },
    SubRegistryKind {
        id: "framing-header-bits",
        file: "header_bits.rs",
        parse: |p, element, registry| {
            registry.header_bits = p.sub_registry(element, |r| p.header_bit_record(r))?;
            let bits = registry.header_bits.records.iter();
            p.unique(
                "framing-header-bits",
                bits.map(|r| (r.name.clone(), r.meta.pos)),
            )
        },
        meta: |registry| &registry.header_bits.meta,
        names: |registry, _| header_bits::name_requests(registry),
        name_style: NameStyle::UpperCamel,
        emit: |registry, curated, _| Ok(header_bits::emit(registry, curated)),
        diff: |old, new| diff::section(&old.header_bits, &new.header_bits, diff::header_bit_record),
    },
];

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

/// Each typed sub-registry's id with the style of its Rust names, for reading the lock.
pub fn name_styles() -> Vec<(&'static str, NameStyle)> {
    SUB_REGISTRIES
        .iter()
        .map(|row| (row.id, row.name_style))
        .collect()
}

/// Identifiers are exact and case-sensitive on the wire: only identical ones clash.
fn identifiers(sub: &SubRegistry<NameRecord>) -> impl Iterator<Item = (String, Pos)> + '_ {
    sub.records
        .iter()
        .map(|r| (format!("identifier {:?}", r.id), r.meta.pos))
}

/// The file every sub-registry without a typed row is generated into, one module each.
pub const UNTYPED_FILE: &str = "other_registries.rs";

/// Emits every generated file, in a fixed order: the registry's own facts, one file per row of
/// [`SUB_REGISTRIES`], the generic tables, and the close-code table for the docs.
pub fn emit_all(
    registry: &Registry,
    curated: &Curated,
    source: &Source,
) -> Result<Vec<EmittedFile>> {
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
    for kind in &SUB_REGISTRIES {
        let tokens = (kind.emit)(registry, curated, source)?;
        files.push(rust(kind.file, header(Some((kind.meta)(registry))), tokens));
    }
    files.push(rust(UNTYPED_FILE, header(None), untyped::emit(registry)?));
    files.push(rust(
        explain_texts::FILE,
        header(None),
        explain_texts::emit(curated),
    ));
    files.push(text(
        "close_codes.md",
        close_codes::table_markdown(registry, curated),
    ));
    for language in crate::curated::Language::ALL {
        files.push(text(
            close_codes::reference_file_name(language),
            close_codes::reference_markdown(registry, curated, language),
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
