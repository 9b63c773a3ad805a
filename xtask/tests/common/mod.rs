//! Helpers shared by the generator's integration tests.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use xtask::{generate, GeneratedSet, Inputs};

/// The workspace root.
pub fn root() -> PathBuf {
    xtask::workspace_root()
}

/// The inputs as committed.
pub fn committed_inputs() -> Inputs {
    Inputs::from_workspace(&root()).expect("registry/ is readable")
}

/// A fixed registry version (IANA's file of 2026-06-10) without curated notes: tests that
/// edit a registry use it, so that they keep passing when `registry/` is updated.
pub fn fixture_inputs() -> Inputs {
    history_inputs(&history_file("2026-06-10-9db04fa975ba.xml"))
}

/// The path of one historical registry version, by file name.
pub fn history_file(name: &str) -> PathBuf {
    history_dir().join(name)
}

/// Where the historical registry versions are kept.
fn history_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/history")
}

/// A throwaway checkout under the test's temporary directory: the pinned fixture as
/// `registry/websocket.xml` and empty curated notes (no `generated/` yet), so tests that run
/// the binary do not change when `registry/` is updated.
pub fn fixture_checkout(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(root.join("registry")).expect("create checkout");
    fs::write(root.join("registry/websocket.xml"), fixture_inputs().xml).expect("write registry");
    fs::write(root.join("registry/curated.toml"), "").expect("write curated");
    root
}

/// Runs the `xtask` binary on the checkout at `root`.
pub fn run_xtask(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("run xtask")
}

/// The values of every string literal in the generated Rust files (which must parse).
pub fn string_literals(set: &GeneratedSet) -> std::collections::BTreeSet<String> {
    struct Collect(std::collections::BTreeSet<String>);
    impl<'ast> syn::visit::Visit<'ast> for Collect {
        fn visit_lit_str(&mut self, lit: &'ast syn::LitStr) {
            self.0.insert(lit.value());
        }
    }
    let mut collect = Collect(Default::default());
    for file in set.files.iter().filter(|f| f.name.ends_with(".rs")) {
        let parsed = syn::parse_file(&file.contents)
            .unwrap_or_else(|err| panic!("{} does not parse: {err}", file.name));
        syn::visit::visit_file(&mut collect, &parsed);
    }
    collect.0
}

/// `(identifier, variant)` for every name of a generated `subprotocols.rs` or `extensions.rs`,
/// in registry order: `ALL`'s variants zipped with the entries' `id` fields, read with `syn`
/// (so it holds whichever lookup shape the generator chose for `from_name`).
pub fn name_variants(source: &str) -> Vec<(String, String)> {
    #[derive(Default)]
    struct Collect {
        ids: Vec<String>,
        variants: Vec<String>,
    }
    impl<'ast> syn::visit::Visit<'ast> for Collect {
        fn visit_field_value(&mut self, field: &'ast syn::FieldValue) {
            if let (syn::Member::Named(name), syn::Expr::Lit(lit)) = (&field.member, &field.expr) {
                if let (true, syn::Lit::Str(id)) = (name == "id", &lit.lit) {
                    self.ids.push(id.value());
                }
            }
            syn::visit::visit_field_value(self, field);
        }
        fn visit_impl_item_const(&mut self, item: &'ast syn::ImplItemConst) {
            if item.ident == "ALL" {
                struct Paths<'a>(&'a mut Vec<String>);
                impl<'ast> syn::visit::Visit<'ast> for Paths<'_> {
                    fn visit_expr_path(&mut self, path: &'ast syn::ExprPath) {
                        if let Some(last) = path.path.segments.last() {
                            self.0.push(last.ident.to_string());
                        }
                    }
                }
                syn::visit::visit_expr(&mut Paths(&mut self.variants), &item.expr);
            }
        }
    }
    let parsed = syn::parse_file(source).expect("generated source parses");
    let mut collect = Collect::default();
    syn::visit::visit_file(&mut collect, &parsed);
    assert_eq!(
        collect.ids.len(),
        collect.variants.len(),
        "one entry per variant"
    );
    collect.ids.into_iter().zip(collect.variants).collect()
}

/// The fixture with the registry XML passed through `edit`.
pub fn edited_inputs(edit: impl FnOnce(&str) -> String) -> Inputs {
    let mut inputs = fixture_inputs();
    let xml = String::from_utf8(inputs.xml).expect("registry is UTF-8");
    inputs.xml = edit(&xml).into_bytes();
    inputs
}

/// Generates from `inputs`, panicking with the generator's error.
pub fn generate_ok(inputs: &Inputs) -> GeneratedSet {
    generate(inputs).unwrap_or_else(|err| panic!("generation failed: {err}"))
}

/// The contents of generated file `name`.
pub fn file<'a>(set: &'a GeneratedSet, name: &str) -> &'a str {
    &set.files
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no generated file {name}"))
        .contents
}

/// The historical registry versions kept as test data, oldest first.
pub fn history() -> Vec<PathBuf> {
    let dir = history_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("history corpus present")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    files
}

/// Inputs for a historical version, without curated notes (they describe today's registry).
pub fn history_inputs(path: &Path) -> Inputs {
    Inputs {
        xml_name: format!(
            "history/{}",
            path.file_name().unwrap_or_default().to_string_lossy()
        ),
        xml: std::fs::read(path).expect("readable history file"),
        curated: None,
        translations: Vec::new(),
        names_lock: None,
    }
}

/// Copies the directory tree `from` to `to` (which may not exist yet).
fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create directory");
    for entry in fs::read_dir(from).expect("directory readable") {
        let entry = entry.expect("entry");
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            fs::copy(&path, to.join(entry.file_name())).expect("copy file");
        }
    }
}

/// Builds each generated set into its own copy of the runtime crate (`src/` as committed),
/// all in one temporary Cargo workspace so they share one build, with warnings as errors
/// (missing docs or dead code in generated output fail). With `rustdoc`, also documents them
/// with rustdoc warnings as errors (broken links, unclosed HTML in doc text). Panics with the
/// compiler's output on failure.
///
/// The features are declared, so that their `cfg`s are known: `std` is on, as by default, and
/// the optional ones are never enabled: the generated code is what is under test.
pub fn build_runtime_crates(work: &str, sets: &[(String, GeneratedSet)], rustdoc: bool) {
    let crates: Vec<RuntimeCrate> = sets
        .iter()
        .map(|(name, set)| RuntimeCrate {
            name: name.clone(),
            set: set.clone(),
            tests: Vec::new(),
        })
        .collect();
    let work = write_runtime_workspace(work, &crates);
    run_cargo(
        &work,
        &["build", "--workspace", "--lib", "--offline", "--quiet"],
    );
    if rustdoc {
        run_cargo(
            &work,
            &["doc", "--workspace", "--no-deps", "--offline", "--quiet"],
        );
    }
}

/// A copy of the runtime crate with generated code and integration tests of its own.
pub struct RuntimeCrate {
    /// Names the crate `generated-<name>` (the library is `generated_<name>`).
    pub name: String,
    /// Its `generated/`.
    pub set: GeneratedSet,
    /// Files to put under its `tests/`: (file name, contents).
    pub tests: Vec<(String, String)>,
}

/// Builds the crates as [`build_runtime_crates`] does and runs their `tests/`: the generated
/// code executed, not just compiled. Panics with cargo's output when a test fails.
pub fn test_runtime_crates(work: &str, crates: &[RuntimeCrate]) {
    let work = write_runtime_workspace(work, crates);
    run_cargo(
        &work,
        &["test", "--workspace", "--tests", "--offline", "--quiet"],
    );
}

fn write_runtime_workspace(work: &str, crates: &[RuntimeCrate]) -> PathBuf {
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join(work);
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work).expect("create work dir");
    let src = root().join("src");
    let mut members = String::new();
    for krate in crates {
        let name = &krate.name;
        let dir = work.join(name);
        fs::create_dir_all(dir.join("src")).expect("create crate");
        copy_dir(&src, &dir.join("src"));
        // The compiler detection the crate's cfgs come from.
        fs::copy(root().join("build.rs"), dir.join("build.rs")).expect("copy build.rs");
        krate
            .set
            .write_atomically(&dir.join("generated"))
            .expect("write generated");
        if !krate.tests.is_empty() {
            fs::create_dir_all(dir.join("tests")).expect("create tests");
        }
        for (file, contents) in &krate.tests {
            fs::write(dir.join("tests").join(file), contents).expect("write test");
        }
        fs::write(
            dir.join("Cargo.toml"),
            format!(
                "[package]\nname = \"generated-{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
                 publish = false\n[lib]\npath = \"src/lib.rs\"\ndoctest = false\n\
                 [features]\ndefault = [\"std\"]\n{}",
                runtime_features()
            ),
        )
        .expect("write manifest");
        let _ = write!(members, "\"{name}\", ");
    }
    fs::write(
        work.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [{members}]\n"),
    )
    .expect("write workspace manifest");
    work
}

fn run_cargo(work: &Path, args: &[&str]) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(&cargo)
        .args(args)
        .current_dir(work)
        .env("CARGO_TARGET_DIR", work.join("target"))
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "`cargo {}` failed on generated code:\n{}{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Every feature of the runtime crate's manifest but `default`, each as `name = []`: the
/// copies build without dependencies, but their `#[cfg(feature = ...)]` lines must name
/// features the manifest declares.
fn runtime_features() -> String {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml");
    let text = fs::read_to_string(&manifest).expect("the runtime crate's Cargo.toml");
    let document = toml::de::DeTable::parse(&text).expect("the runtime crate's Cargo.toml parses");
    let features = document
        .get_ref()
        .get("features")
        .and_then(|features| features.get_ref().as_table())
        .expect("a [features] table");
    features
        .iter()
        .map(|(name, _)| name.get_ref().as_ref())
        .filter(|name| *name != "default")
        .map(|name| format!("{name} = []\n"))
        .collect()
}
