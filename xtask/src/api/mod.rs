//! `cargo xtask api`: the runtime crate's public API as a listing, and its audit.
//!
//! The listing is checked in; the audit counts the rules the 0.1.0 API keeps.
//!
//! rustdoc writes the crate as JSON (stable Rust with `RUSTC_BOOTSTRAP=1`, every feature on,
//! as docs.rs shows it); [`json`] reads it, [`Crate`] finds every item a user can name and by
//! which path, [`render`] writes each as one line of Rust, and [`audit`] counts what the API
//! promises to keep at zero. `cargo xtask api` writes the listing to [`LISTING`];
//! `cargo xtask api --check` (run by CI) compares, prints the difference and fails on it or on
//! a broken rule. The same [`build`] serves both.

pub mod audit;
pub mod json;
mod render;

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::Path;
use std::process::Command;

use json::Value;

/// The listing, relative to the workspace root.
pub const LISTING: &str = "api/public-api.txt";

/// The runtime crate, as Cargo and rustdoc name it.
const PACKAGE: &str = "websocket-registry";
const LIBRARY: &str = "websocket_registry";

/// What an item is, for its line and for the audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `pub mod`.
    Module,
    /// `pub struct`.
    Struct,
    /// `pub enum`.
    Enum,
    /// A variant of a public enum.
    Variant,
    /// A public field of a public struct.
    Field,
    /// A free function.
    Function,
    /// A function in an inherent impl.
    Method,
    /// A constant or static, free or associated.
    Const,
    /// `pub type`.
    TypeAlias,
    /// `impl Trait for Type`, written by the crate (not auto traits, not blanket impls).
    TraitImpl,
    /// An associated type of such an impl.
    AssocType,
    /// Anything else (traits, macros, re-exports of other crates' items).
    Other(&'static str),
}

impl Kind {
    /// Where the item stands among those of its type in the listing.
    fn rank(self) -> u8 {
        match self {
            Kind::Module | Kind::Struct | Kind::Enum | Kind::TypeAlias | Kind::Other(_) => 0,
            Kind::Function => 0,
            Kind::Variant | Kind::Field => 1,
            Kind::Const => 2,
            Kind::Method => 3,
            Kind::TraitImpl => 4,
            Kind::AssocType => 5,
        }
    }
}

/// One item a user can name, by its shortest public path.
#[derive(Debug, Clone)]
pub struct Public<'a> {
    /// `websocket_registry::CloseCode::from_u16`; for a trait impl, the type's path.
    pub path: String,
    /// What it is.
    pub kind: Kind,
    /// rustdoc's item.
    pub item: &'a Value,
    /// For a method, an associated constant or an associated type: the type's path.
    pub owner: Option<String>,
}

impl<'a> Public<'a> {
    /// A variant, field or inherent item of the type at `owner`, named by `item`.
    fn member(owner: &str, kind: Kind, item: &'a Value) -> Public<'a> {
        let name = item.get("name").as_str().unwrap_or("_");
        Public {
            path: format!("{owner}::{name}"),
            kind,
            item,
            owner: Some(owner.to_owned()),
        }
    }
}

/// The runtime crate as rustdoc describes it.
pub struct Crate {
    index: BTreeMap<String, Value>,
    paths: BTreeMap<String, Value>,
    root: String,
    /// The shortest public path of each local item, by id.
    public_paths: HashMap<String, String>,
}

impl Crate {
    /// Reads rustdoc's JSON text.
    ///
    /// # Errors
    ///
    /// When it is not JSON, or not rustdoc's (no `index` or `root`).
    pub fn from_json(text: &str) -> Result<Crate, String> {
        let value = json::parse(text)?;
        let Value::Object(mut top) = value else {
            return Err("rustdoc JSON: not an object".to_owned());
        };
        let mut take = |key: &str| match top.remove(key) {
            Some(Value::Object(members)) => Ok(members),
            _ => Err(format!("rustdoc JSON: no `{key}` object")),
        };
        let index = take("index")?;
        let paths = take("paths")?;
        let root = top
            .get("root")
            .and_then(Value::key_text)
            .ok_or("rustdoc JSON: no `root`")?
            .to_owned();
        let mut krate = Crate {
            index,
            paths,
            root,
            public_paths: HashMap::new(),
        };
        krate.public_paths = krate.find_public_paths();
        Ok(krate)
    }

    /// The local item an id names.
    fn item(&self, id: &Value) -> Option<&Value> {
        self.index.get(id.key_text()?)
    }

    /// The full path of an item by id: its public path if it is the crate's, else the path
    /// rustdoc gives for another crate's item.
    fn path_name(&self, id: &Value) -> Option<String> {
        let id = id.key_text()?;
        if let Some(path) = self.public_paths.get(id) {
            return Some(path.clone());
        }
        let parts: Vec<&str> = self
            .paths
            .get(id)?
            .get("path")
            .items()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        (!parts.is_empty()).then(|| parts.join("::"))
    }

    /// Breadth first from the crate root, so that the first path found is the shortest;
    /// `use` re-exports count as the item at the new path.
    fn find_public_paths(&self) -> HashMap<String, String> {
        let mut found = HashMap::new();
        let mut queue = VecDeque::from([(self.root.clone(), LIBRARY.to_owned())]);
        found.insert(self.root.clone(), LIBRARY.to_owned());
        while let Some((module, path)) = queue.pop_front() {
            for (id, child_path) in self.module_children(&module, &path) {
                if found.contains_key(&id) {
                    continue;
                }
                found.insert(id.clone(), child_path.clone());
                if let Some(("module", _)) =
                    self.index.get(&id).and_then(|i| i.get("inner").tagged())
                {
                    queue.push_back((id, child_path));
                }
            }
        }
        found
    }

    /// The local items a module makes public, with their paths (re-exports resolved, globs
    /// expanded).
    fn module_children(&self, module: &str, path: &str) -> Vec<(String, String)> {
        let mut children = Vec::new();
        let Some(item) = self.index.get(module) else {
            return children;
        };
        for child in item.get("inner").get("module").get("items").items() {
            let Some(child_item) = self.item(child) else {
                continue;
            };
            let id = child.key_text().unwrap_or_default().to_owned();
            match child_item.get("inner").tagged() {
                Some(("use", reexport)) => {
                    let Some(target) = reexport.get("id").key_text() else {
                        continue;
                    };
                    if reexport.get("is_glob").is_true() {
                        children.extend(self.module_children(target, path));
                    } else if self.index.contains_key(target) {
                        let name = reexport.get("name").as_str().unwrap_or("_");
                        children.push((target.to_owned(), format!("{path}::{name}")));
                    }
                }
                _ => {
                    if let Some(name) = child_item.get("name").as_str() {
                        children.push((id, format!("{path}::{name}")));
                    }
                }
            }
        }
        children
    }

    /// Every public item: modules, types with their variants, fields and inherent items,
    /// free functions and constants, and the trait impls the crate writes.
    pub fn public_items(&self) -> Vec<Public<'_>> {
        let mut items = Vec::new();
        let mut ids: Vec<(&String, &String)> = self.public_paths.iter().collect();
        ids.sort_by(|a, b| a.1.cmp(b.1));
        for (id, path) in ids {
            let Some(item) = self.index.get(id) else {
                continue;
            };
            let public = |kind| Public {
                path: path.clone(),
                kind,
                item,
                owner: None,
            };
            match item.get("inner").tagged() {
                Some(("module", _)) => items.push(public(Kind::Module)),
                Some(("struct", strukt)) => {
                    items.push(public(Kind::Struct));
                    if let Some(("plain", plain)) = strukt.get("kind").tagged() {
                        self.push_fields(path, plain.get("fields"), &mut items);
                    }
                    self.push_inherent(path, strukt.get("impls"), &mut items);
                }
                Some(("enum", enumeration)) => {
                    items.push(public(Kind::Enum));
                    for variant in enumeration.get("variants").items() {
                        if let Some(variant) = self.item(variant) {
                            items.push(Public::member(path, Kind::Variant, variant));
                        }
                    }
                    self.push_inherent(path, enumeration.get("impls"), &mut items);
                }
                Some(("function", _)) => items.push(public(Kind::Function)),
                Some(("constant" | "static", _)) => items.push(public(Kind::Const)),
                Some(("type_alias", _)) => items.push(public(Kind::TypeAlias)),
                Some(("trait", _)) => items.push(public(Kind::Other("trait"))),
                Some(("macro", _)) => items.push(public(Kind::Other("macro"))),
                _ => {}
            }
        }
        self.push_trait_impls(&mut items);
        items
    }

    fn push_fields<'a>(&'a self, owner: &str, fields: &Value, items: &mut Vec<Public<'a>>) {
        for field in fields.items() {
            let Some(field) = self.item(field) else {
                continue;
            };
            if field.get("visibility").as_str() != Some("public") {
                continue;
            }
            items.push(Public::member(owner, Kind::Field, field));
        }
    }

    /// The public functions and constants of a type's inherent impls.
    fn push_inherent<'a>(&'a self, owner: &str, impls: &Value, items: &mut Vec<Public<'a>>) {
        for imp in impls.items().iter().filter_map(|id| self.item(id)) {
            let imp = imp.get("inner").get("impl");
            if !imp.get("trait").is_null() || imp.get("is_synthetic").is_true() {
                continue;
            }
            for member in imp
                .get("items")
                .items()
                .iter()
                .filter_map(|id| self.item(id))
            {
                if member.get("visibility").as_str() != Some("public") {
                    continue;
                }
                let kind = match member.get("inner").tagged() {
                    Some(("function", _)) => Kind::Method,
                    Some(("assoc_const", _)) => Kind::Const,
                    _ => continue,
                };
                items.push(Public::member(owner, kind, member));
            }
        }
    }

    /// Every trait impl the crate writes, on its own types or on others' (`From<CloseCode>
    /// for u16`), with its associated types; not auto traits or blanket impls.
    fn push_trait_impls<'a>(&'a self, items: &mut Vec<Public<'a>>) {
        for item in self.index.values() {
            let Some(("impl", imp)) = item.get("inner").tagged() else {
                continue;
            };
            // `StructuralPartialEq` is the compiler's mark of a derived `PartialEq`.
            if imp.get("trait").is_null()
                || imp.get("trait").get("path").as_str() == Some("StructuralPartialEq")
                || imp.get("is_synthetic").is_true()
                || !imp.get("blanket_impl").is_null()
                || item.get("crate_id").key_text() != Some("0")
            {
                continue;
            }
            // An impl on a type of the crate's that is not public is not API.
            let self_id = imp.get("for").get("resolved_path").get("id");
            if let Some(id) = self_id.key_text() {
                if self.index.contains_key(id) && !self.public_paths.contains_key(id) {
                    continue;
                }
            }
            let self_type = self.ty(imp.get("for"));
            let trait_path = self.path(imp.get("trait"));
            items.push(Public {
                path: self_type.clone(),
                kind: Kind::TraitImpl,
                item,
                owner: None,
            });
            for member in imp
                .get("items")
                .items()
                .iter()
                .filter_map(|id| self.item(id))
            {
                if let Some(("assoc_type", _)) = member.get("inner").tagged() {
                    let name = member.get("name").as_str().unwrap_or("_");
                    items.push(Public {
                        path: format!("<{self_type} as {trait_path}>::{name}"),
                        kind: Kind::AssocType,
                        item: member,
                        owner: Some(self_type.clone()),
                    });
                }
            }
        }
    }

    /// The listing: a header, then one line per item, sorted.
    pub fn listing(&self) -> String {
        // By path first, so that a type's items stand together under it, the type first.
        let lines: BTreeSet<(String, u8, String)> = self
            .public_items()
            .iter()
            .map(|public| {
                (
                    public.owner.clone().unwrap_or_else(|| public.path.clone()),
                    public.kind.rank(),
                    self.line(public),
                )
            })
            .collect();
        let mut out = String::from(
            "# The public API of the websocket-registry crate, every feature on: one line per\n\
             # item a user can name. Written by `cargo xtask api`; CI runs `cargo xtask api\n\
             # --check`, which fails when the code and this file differ. Do not edit by hand.\n",
        );
        for (_, _, line) in lines {
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}

/// What `cargo xtask api` should do with the listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write it.
    Write,
    /// Compare it; a difference is a failure.
    Check,
}

/// The listing and the audit, built from the crate in the checkout at `root`.
///
/// # Errors
///
/// When rustdoc fails (its output is in the message) or writes what cannot be read.
pub fn build(root: &Path) -> Result<(String, audit::Audit), String> {
    let target = root.join("target").join("api");
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .current_dir(root)
        .env("RUSTC_BOOTSTRAP", "1")
        .args([
            "rustdoc",
            "--quiet",
            "--package",
            PACKAGE,
            "--all-features",
            "--target-dir",
        ])
        .arg(&target)
        .args(["--", "-Z", "unstable-options", "--output-format", "json"])
        .output()
        .map_err(|err| format!("could not run cargo rustdoc: {err}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo rustdoc --output-format json failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let json_path = target.join("doc").join(format!("{LIBRARY}.json"));
    let text = std::fs::read_to_string(&json_path)
        .map_err(|err| format!("{}: {err}", json_path.display()))?;
    let krate = Crate::from_json(&text).map_err(|err| format!("{}: {err}", json_path.display()))?;
    Ok((krate.listing(), audit::Audit::of(&krate)))
}

/// `cargo xtask api [--check]`: writes or compares [`LISTING`]. Returns the report to print
/// and whether the run passed.
///
/// # Errors
///
/// As [`build`], and when the listing cannot be read or written.
pub fn run(root: &Path, mode: Mode) -> Result<(String, bool), String> {
    let (listing, audit) = build(root)?;
    let path = root.join(LISTING);
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(format!("{}: {err}", path.display())),
    };
    let mut report = audit.report();
    let broken = audit.broken_rules();
    let mut passed = broken.is_empty();
    for rule in &broken {
        report.push_str(&format!("rule broken: {rule}\n"));
    }
    match (mode, existing.as_deref() == Some(listing.as_str())) {
        (_, true) => report.push_str(&format!("{LISTING} is up to date\n")),
        (Mode::Write, false) => {
            crate::output::write_file_atomically(&path, listing.as_bytes())
                .map_err(|err| err.to_string())?;
            report.push_str(&format!("wrote {LISTING}\n"));
        }
        (Mode::Check, false) => {
            let before = existing.unwrap_or_default();
            let diff = similar::TextDiff::from_lines(&before, &listing)
                .unified_diff()
                .context_radius(1)
                .header(
                    &format!("{LISTING} (committed)"),
                    &format!("{LISTING} (the code)"),
                )
                .to_string();
            report.push_str(&diff);
            report.push_str(&format!(
                "{LISTING} differs from the code's public API: review the change, run \
                 `cargo xtask api` and commit the listing with it.\n"
            ));
            passed = false;
        }
    }
    Ok((report, passed))
}
