//! Counts the public API's size, and what the 0.1.0 API keeps at zero.
//!
//! Deprecated items outside the name lock, fixed-length arrays, error types that borrow or
//! do not propagate, accessor names with two return types, fallible functions without
//! `# Errors`, and types without an example.

use std::collections::{BTreeMap, BTreeSet};

use super::json::Value;
use super::{Crate, Kind};

/// What `cargo xtask api` measured.
#[derive(Debug, Clone, Default)]
pub struct Audit {
    /// Types (structs, enums, aliases) at the crate root.
    pub root_types: usize,
    /// Types anywhere.
    pub types: usize,
    /// Public functions of inherent impls.
    pub methods: usize,
    /// Associated constants.
    pub associated_constants: usize,
    /// Free constants and statics.
    pub free_constants: usize,
    /// Deprecated items that the name lock did not write (its are in `generated/`).
    pub deprecated: Vec<String>,
    /// Items with a `[T; N]` in their signature, field or type.
    pub arrays: Vec<String>,
    /// Error types with a lifetime, or without `Error`, `Send` or `Sync`.
    pub error_types_not_propagating: Vec<String>,
    /// Accessor names (a method of `self` alone, or of `self` and a `Language`) with more
    /// than one return type, each with its types and where.
    pub accessor_conflicts: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    /// Functions returning `Result` whose docs have no `# Errors` section.
    pub missing_errors_section: Vec<String>,
    /// Types whose own docs have no example.
    pub types_without_example: Vec<String>,
    /// Items whose docs name a maintainer's path or command (`registry/`, `cargo xtask`): a
    /// user reads docs.rs, not the repository.
    pub maintainer_paths_in_docs: Vec<String>,
}

impl Audit {
    /// Measures `krate`.
    pub fn of(krate: &Crate) -> Audit {
        let mut audit = Audit::default();
        let items = krate.public_items();
        let error_impls = krate.impls_of_trait(&["core::error::Error", "std::error::Error"]);
        let result_errors = krate.result_error_types(&items);
        let send = krate.auto_trait_holders("Send");
        let sync = krate.auto_trait_holders("Sync");
        let mut accessors: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
        for public in &items {
            let item = public.item;
            let docs = item.get("docs").as_str().unwrap_or("");
            if let Some(line) = maintainer_path_line(docs) {
                audit
                    .maintainer_paths_in_docs
                    .push(format!("{}: {line}", public.path));
            }
            if !item.get("deprecation").is_null() && !in_generated(item) {
                audit.deprecated.push(public.path.clone());
            }
            if has_array(item.get("inner")) {
                audit.arrays.push(krate.line(public));
            }
            match public.kind {
                Kind::Struct | Kind::Enum | Kind::TypeAlias => {
                    audit.types += 1;
                    if public.path.matches("::").count() == 1 {
                        audit.root_types += 1;
                    }
                    if public.kind != Kind::TypeAlias && !docs.contains("```") {
                        audit.types_without_example.push(public.path.clone());
                    }
                    let id = item.get("id").key_text().unwrap_or_default();
                    // An error: by name, by its `Error` impl, or as a `Result`'s error.
                    let named_error = public.path.ends_with("Error");
                    let is_error = error_impls.contains(id);
                    if named_error || is_error || result_errors.contains(id) {
                        let mut missing = Vec::new();
                        if !is_error {
                            missing.push("std::error::Error");
                        }
                        if !send.contains(id) {
                            missing.push("Send");
                        }
                        if !sync.contains(id) {
                            missing.push("Sync");
                        }
                        if has_lifetime(item) {
                            missing.push("'static (it borrows)");
                        }
                        if !missing.is_empty() {
                            audit.error_types_not_propagating.push(format!(
                                "{}: not {}",
                                public.path,
                                missing.join(", ")
                            ));
                        }
                    }
                }
                Kind::Method | Kind::Function => {
                    let function = item.get("inner").get("function");
                    if returns_result(function) && !docs.contains("# Errors") {
                        audit.missing_errors_section.push(public.path.clone());
                    }
                    if public.kind == Kind::Method {
                        audit.methods += 1;
                        // An accessor reads `self` alone, or `self` in a `Language` (`label_in`).
                        let inputs = function.get("sig").get("inputs").items();
                        let param = |i: usize| inputs.get(i).map(Value::items).unwrap_or_default();
                        let is_self = param(0).first().and_then(Value::as_str) == Some("self");
                        let is_language = |input: &[Value]| {
                            input
                                .get(1)
                                .is_some_and(|ty| short(&krate.ty(ty)) == "Language")
                        };
                        let accessor = is_self
                            && (inputs.len() == 1 || (inputs.len() == 2 && is_language(param(1))));
                        let output = function.get("sig").get("output");
                        if accessor && !output.is_null() {
                            let owner = public.owner.as_deref().unwrap_or_default();
                            let ty = as_self(&krate.ty(output), owner);
                            let name = item.get("name").as_str().unwrap_or("_").to_owned();
                            accessors
                                .entry(name)
                                .or_default()
                                .entry(ty)
                                .or_default()
                                .push(short(owner).to_owned());
                        }
                    }
                }
                Kind::Const => {
                    if public.owner.is_some() {
                        audit.associated_constants += 1;
                    } else {
                        audit.free_constants += 1;
                    }
                }
                _ => {}
            }
        }
        audit.accessor_conflicts = accessors
            .into_iter()
            .filter(|(_, types)| types.len() > 1)
            .collect();
        audit
    }

    /// The counts and every finding, for people.
    pub fn report(&self) -> String {
        let mut out = format!(
            "public API: {} types ({} at the crate root), {} methods, {} associated and {} free \
             constants\n",
            self.types,
            self.root_types,
            self.methods,
            self.associated_constants,
            self.free_constants
        );
        let lists: [(&str, &Vec<String>); 6] = [
            ("deprecated outside the name lock", &self.deprecated),
            ("with a fixed-length array", &self.arrays),
            (
                "error types that cannot propagate",
                &self.error_types_not_propagating,
            ),
            (
                "fallible functions without `# Errors`",
                &self.missing_errors_section,
            ),
            ("types without an example", &self.types_without_example),
            (
                "docs naming a maintainer's path",
                &self.maintainer_paths_in_docs,
            ),
        ];
        for (what, list) in lists {
            out.push_str(&format!("{what}: {}\n", list.len()));
            for entry in list {
                out.push_str(&format!("  {entry}\n"));
            }
        }
        out.push_str(&format!(
            "accessor names with more than one return type: {}\n",
            self.accessor_conflicts.len()
        ));
        for (name, types) in &self.accessor_conflicts {
            for (ty, owners) in types {
                out.push_str(&format!("  {name}() -> {ty}: {}\n", owners.join(", ")));
            }
        }
        out
    }

    /// The rules the API keeps that this measurement breaks, one line each.
    pub fn broken_rules(&self) -> Vec<String> {
        let mut broken = Vec::new();
        let counts = [
            (
                "deprecated items outside the name lock",
                self.deprecated.len(),
            ),
            ("fixed-length arrays", self.arrays.len()),
            (
                "error types that cannot propagate",
                self.error_types_not_propagating.len(),
            ),
            (
                "accessor names with two return types",
                self.accessor_conflicts.len(),
            ),
            (
                "fallible functions without `# Errors`",
                self.missing_errors_section.len(),
            ),
            ("types without an example", self.types_without_example.len()),
            (
                "docs naming a maintainer's path",
                self.maintainer_paths_in_docs.len(),
            ),
        ];
        for (what, count) in counts {
            if count > 0 {
                broken.push(format!("{count} {what} (must be 0)"));
            }
        }
        broken
    }
}

impl Crate {
    /// The ids of the types that implement one of `traits` (full paths).
    fn impls_of_trait(&self, traits: &[&str]) -> BTreeSet<String> {
        self.impl_self_types(|imp| {
            self.path_name(imp.get("trait").get("id"))
                .is_some_and(|tr| traits.contains(&tr.as_str()))
        })
    }

    /// The ids of the types of the impls (not negative ones) that `keep` keeps.
    fn impl_self_types(&self, keep: impl Fn(&Value) -> bool) -> BTreeSet<String> {
        self.index
            .values()
            .map(|item| item.get("inner").get("impl"))
            .filter(|imp| !imp.is_null() && !imp.get("is_negative").is_true() && keep(imp))
            .filter_map(|imp| imp.get("for").get("resolved_path").get("id").key_text())
            .map(str::to_owned)
            .collect()
    }

    /// The ids of the crate's types that a public function returns as a `Result`'s error.
    fn result_error_types(&self, items: &[super::Public<'_>]) -> BTreeSet<String> {
        items
            .iter()
            .filter(|public| matches!(public.kind, Kind::Method | Kind::Function))
            .filter_map(|public| {
                let output = public
                    .item
                    .get("inner")
                    .get("function")
                    .get("sig")
                    .get("output");
                let path = output.get("resolved_path");
                if path.get("path").as_str().map(short) != Some("Result") {
                    return None;
                }
                let args = path.get("args").get("angle_bracketed").get("args").items();
                let error = args.get(1)?.get("type").get("resolved_path").get("id");
                error.key_text().map(str::to_owned)
            })
            .collect()
    }

    /// The ids of the types the compiler gives an auto trait (`Send`, `Sync`).
    fn auto_trait_holders(&self, name: &str) -> BTreeSet<String> {
        self.impl_self_types(|imp| {
            imp.get("is_synthetic").is_true()
                && imp.get("trait").get("path").as_str().map(short) == Some(name)
        })
    }
}

/// `ty` with the path `owner` written `Self`, where it is the whole path (not a prefix of
/// another type's, as `Reference` is of `ReferenceKind`).
fn as_self(ty: &str, owner: &str) -> String {
    let mut out = String::new();
    let mut rest = ty;
    while let Some(at) = rest.find(owner) {
        let after = &rest[at + owner.len()..];
        let whole = !after.starts_with(|c: char| c.is_alphanumeric() || c == '_');
        out.push_str(&rest[..at]);
        out.push_str(if whole { "Self" } else { owner });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// What the repository has and a user of the published crate does not: its folders, its
/// commands, its guides.
const MAINTAINER_WORDS: [&str; 10] = [
    "registry/",
    "generated/",
    "xtask",
    "tests/",
    "src/",
    "benches/",
    ".ci/",
    "MAINTAINING",
    "curated.toml",
    "l10n/",
];

/// The first line of `docs` that names a maintainer's path or command, if any. HTML comments
/// (the generated tables' "generated by" mark) are not shown, and do not count.
fn maintainer_path_line(docs: &str) -> Option<&str> {
    docs.lines()
        .map(str::trim)
        .filter(|line| !line.starts_with("<!--"))
        .find(|line| MAINTAINER_WORDS.iter().any(|word| line.contains(word)))
}

/// The last segment of a path.
fn short(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}

/// True for items the generator wrote (the name lock's deprecated aliases live there).
fn in_generated(item: &Value) -> bool {
    item.get("span")
        .get("filename")
        .as_str()
        .is_some_and(|file| file.contains("generated/"))
}

/// True when a type in this JSON is a `[T; N]` (rustdoc tags those, and only those, `array`).
fn has_array(value: &Value) -> bool {
    match value {
        Value::Object(members) => members
            .iter()
            .any(|(key, member)| key == "array" || has_array(member)),
        Value::Array(items) => items.iter().any(has_array),
        _ => false,
    }
}

/// True when a struct or enum has a lifetime parameter.
fn has_lifetime(item: &Value) -> bool {
    let inner = item.get("inner");
    let generics = match inner.tagged() {
        Some((_, shape)) => shape.get("generics"),
        None => return false,
    };
    generics
        .get("params")
        .items()
        .iter()
        .any(|param| matches!(param.get("kind").tagged(), Some(("lifetime", _))))
}

/// True when a function returns a `Result` (any path ending in `Result`).
fn returns_result(function: &Value) -> bool {
    function
        .get("sig")
        .get("output")
        .get("resolved_path")
        .get("path")
        .as_str()
        .is_some_and(|path| short(path) == "Result")
}
