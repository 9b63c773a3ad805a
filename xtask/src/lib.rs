//! The websocket-registry code generator, as a library.
//!
//! A library so that its tests, benchmarks and the `xtask` binary share one pipeline:
//!
//! 1. [`xml`]: bytes -> positioned element tree (bounded, no entity expansion);
//! 2. [`parse`]: tree -> typed [`model::Registry`], checked against IANA's schema;
//! 3. [`curated`]: the project's own notes, checked against the registry;
//! 4. [`emit`]: model -> tokens -> formatted Rust files;
//! 5. [`output`]: compare with or atomically replace `generated/`.
//!
//! `cargo xtask diff` and `fetch` add: [`diff`] (record-level comparison of two registry
//! versions), [`release`] (the semver kind of a change, from the generated API), [`report`]
//! (text and JSON), [`pull_request`] (the report as a pull request body), [`changelog`] (the
//! report as a changelog entry), [`update`] (compare with and replace the vendored copy and
//! the changelog) and, with the `net` feature, `fetch` (the download).
//!
//! Apart from the pipeline, [`api`] lists the runtime crate's public API for review.

pub mod api;
pub mod changelog;
pub mod close_code_rules;
pub mod curated;
pub mod diff;
pub mod emit;
pub mod error;
pub mod explain_texts;
#[cfg(feature = "net")]
pub mod fetch;
pub mod fuzz_command;
pub mod json;
pub mod model;
pub mod names_lock;
pub mod naming;
pub mod output;
pub mod parse;
pub mod pull_request;
pub mod registries;
pub mod release;
pub mod report;
pub mod test_command;
pub mod text;
pub(crate) mod toml_reader;
pub mod update;
pub mod xml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use error::{Error, Result};
pub use output::GeneratedSet;

/// Paths of the inputs and output, relative to the workspace root.
pub mod paths {
    /// IANA's file, vendored unchanged.
    pub const REGISTRY_XML: &str = "registry/websocket.xml";
    /// The project's own notes.
    pub const CURATED_TOML: &str = "registry/curated.toml";
    /// The translations of the curated texts, one TOML file per language.
    pub const L10N_DIR: &str = "registry/l10n";
    /// The Rust name given to every record, kept across IANA's edits (written by `regen`).
    pub const NAMES_LOCK: &str = "registry/names.toml";
    /// Where generated files go.
    pub const GENERATED_DIR: &str = "generated";
    /// The crate's changelog: `fetch` adds each registry update to its Unreleased section.
    pub const CHANGELOG: &str = "CHANGELOG.md";
}

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hmac_sha256::Hash::hash(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The inputs of one generation run, already read into memory.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// How the header names the registry file.
    pub xml_name: String,
    /// The registry file's bytes.
    pub xml: Vec<u8>,
    /// How the header names the curated file, and its text; `None` generates without curated
    /// notes (used for the historical registry versions, which the notes do not describe).
    pub curated: Option<(String, String)>,
    /// The translations of the curated texts (`registry/l10n/de.toml`, ...): how the header
    /// names each file, and its text.
    pub translations: Vec<(String, String)>,
    /// How the header names the name lock (`registry/names.toml`), and its text; `None`
    /// starts from an empty lock, as the first `regen` does.
    pub names_lock: Option<(String, String)>,
}

impl Inputs {
    /// Reads `registry/websocket.xml`, `registry/curated.toml` and the translations in
    /// `registry/l10n/` under `root`.
    pub fn from_workspace(root: &Path) -> Result<Inputs> {
        let xml_path = root.join(paths::REGISTRY_XML);
        let curated_path = root.join(paths::CURATED_TOML);
        let xml = std::fs::read(&xml_path).map_err(|err| Error::io(&xml_path, "read", err))?;
        let curated = std::fs::read_to_string(&curated_path)
            .map_err(|err| Error::io(&curated_path, "read", err))?;
        let l10n_dir = root.join(paths::L10N_DIR);
        let mut translations = Vec::new();
        // A checkout without translations generates English only.
        let entries = match std::fs::read_dir(&l10n_dir) {
            Ok(entries) => entries.collect::<Vec<_>>(),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(err) => return Err(Error::io(&l10n_dir, "read", err)),
        };
        for entry in entries {
            let path = entry
                .map_err(|err| Error::io(&l10n_dir, "read", err))?
                .path();
            let name = format!(
                "{}/{}",
                paths::L10N_DIR,
                path.file_name().unwrap_or_default().to_string_lossy()
            );
            let text =
                std::fs::read_to_string(&path).map_err(|err| Error::io(&path, "read", err))?;
            translations.push((name, text));
        }
        // Directory order differs between file systems; the output must not.
        translations.sort();
        let lock_path = root.join(paths::NAMES_LOCK);
        // A checkout without a lock starts one; `regen` writes it.
        let names_lock =
            output::read_if_present(&lock_path)?.map(|text| (paths::NAMES_LOCK.to_owned(), text));
        Ok(Inputs {
            xml_name: paths::REGISTRY_XML.to_owned(),
            xml,
            curated: Some((paths::CURATED_TOML.to_owned(), curated)),
            translations,
            names_lock,
        })
    }
}

/// Runs the whole pipeline in memory: nothing is written.
pub fn generate(inputs: &Inputs) -> Result<GeneratedSet> {
    let Emission {
        files,
        xml_sha256,
        missing_translations,
        names_lock,
    } = emit_unformatted(inputs)?;
    Ok(GeneratedSet {
        files: files
            .into_iter()
            .map(emit::EmittedFile::format)
            .collect::<Result<_>>()?,
        xml_sha256,
        missing_translations,
        names_lock,
    })
}

/// What [`emit_unformatted`] returns: a [`GeneratedSet`] whose Rust files are still tokens.
#[derive(Debug, Clone)]
pub struct Emission {
    /// The files, in a fixed order, before formatting.
    pub files: Vec<emit::EmittedFile>,
    /// The sha256 of the registry file.
    pub xml_sha256: String,
    /// What the translations lack (see [`GeneratedSet::missing_translations`]).
    pub missing_translations: Vec<String>,
    /// The name lock after this run (see [`GeneratedSet::names_lock`]).
    pub names_lock: String,
}

/// Every stage of [`generate`] but the last: parse, check, name, emit. The Rust files come
/// back as tokens, not yet parsed back and pretty-printed.
pub fn emit_unformatted(inputs: &Inputs) -> Result<Emission> {
    let prepared = prepare(inputs)?;
    let files = emit::emit_all(&prepared.context(), &registries::emit_columns())?;
    Ok(Emission {
        files,
        missing_translations: prepared.curated.missing_translations(&prepared.registry),
        xml_sha256: prepared.source.xml_sha256,
        names_lock: prepared.names_lock,
    })
}

/// What the emitters read: the stages before them, done.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The parsed, checked registry.
    pub registry: model::Registry,
    /// The curated data and translations, checked against the registry.
    pub curated: curated::Curated,
    /// The Rust names of every typed sub-registry's records, by sub-registry id, resolved
    /// against the name lock.
    pub names: BTreeMap<String, names_lock::ResolvedTable>,
    /// What the generated files say they were made from.
    pub source: emit::Source,
    /// The name lock after this run, as `registry/names.toml` text.
    pub names_lock: String,
}

impl Prepared {
    /// What the emitters read.
    pub fn context(&self) -> emit::Context<'_> {
        emit::Context {
            registry: &self.registry,
            curated: &self.curated,
            names: &self.names,
            source: &self.source,
        }
    }
}

/// The stages before the emitters: parse the registry and the curated data, check one
/// against the other, resolve the Rust names against the name lock.
pub fn prepare(inputs: &Inputs) -> Result<Prepared> {
    let registry = registries::parse_registry(Path::new(&inputs.xml_name), &inputs.xml)?;
    let mut curated = match &inputs.curated {
        Some((name, text)) => curated::Curated::parse(Path::new(name), text)?,
        None => curated::Curated::default(),
    };
    for (name, text) in &inputs.translations {
        curated
            .translations
            .push(curated::Translation::parse(Path::new(name), text)?);
    }
    curated.check_against(&registry)?;
    let lock = match &inputs.names_lock {
        Some((name, text)) => {
            names_lock::NameLock::parse(Path::new(name), text, &registries::name_styles())?
        }
        None => names_lock::NameLock::default(),
    };
    let columns = registries::name_columns();
    names_lock::check_rust_names(&curated, &columns)?;
    let names: BTreeMap<String, names_lock::ResolvedTable> = columns
        .iter()
        .map(|column| {
            let requests = (column.requests)(&registry, &curated);
            let resolved = lock.resolve(column.id, &requests, &registry.updated);
            (column.id.to_owned(), resolved)
        })
        .collect();
    let new_lock = names_lock::NameLock {
        tables: names
            .iter()
            .map(|(id, table)| (id.clone(), table.records.clone()))
            .collect(),
    };
    let order: Vec<&str> = columns.iter().map(|column| column.id).collect();
    let source = emit::Source {
        xml_path: inputs.xml_name.clone(),
        xml_sha256: sha256_hex(&inputs.xml),
        curated_path: inputs.curated.as_ref().map(|(name, _)| name.clone()),
        curated_sha256: inputs
            .curated
            .as_ref()
            .map(|(_, text)| sha256_hex(text.as_bytes())),
        translations: inputs
            .translations
            .iter()
            .map(|(name, text)| (name.clone(), sha256_hex(text.as_bytes())))
            .collect(),
    };
    Ok(Prepared {
        registry,
        curated,
        names,
        source,
        names_lock: new_lock.to_toml(&order),
    })
}

#[cfg(test)]
mod tests {
    /// FIPS 180-2 appendix B.1 and the empty message.
    #[test]
    fn sha256_hex_matches_the_published_test_vectors() {
        assert_eq!(
            super::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            super::sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
