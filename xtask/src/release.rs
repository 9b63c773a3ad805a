//! Does a registry change need a new crate release, and of which semver kind?
//!
//! The answer comes from the generated code itself, not from guesses about the registry: both
//! versions are generated, the public items of each (constants, enum variants, functions,
//! types) are listed with `syn`, and the two lists are compared. Removing an item is breaking,
//! adding one is a feature (every generated enum is `#[non_exhaustive]`; a variant added to
//! one that is not counts as breaking), and any other difference in the generated code is a
//! fix-level data or documentation change.

use std::collections::{BTreeMap, BTreeSet};

use crate::json::{json_object, Json, ToJson};
use crate::output::GeneratedSet;

/// The semver kind of release a change calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReleaseKind {
    /// The generated code is the same apart from its provenance header: no release needed.
    None,
    /// Data or documentation changed, the API did not.
    Patch,
    /// Public items were added.
    Minor,
    /// Public items were removed or renamed.
    Major,
}

/// What a change means for the crate's users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseAdvice {
    /// The kind of release needed.
    pub kind: ReleaseKind,
    /// Public items only the new version has (`subprotocols::Subprotocol::Camp`).
    pub added_items: Vec<String>,
    /// Public items only the old version has.
    pub removed_items: Vec<String>,
    /// Public items that are deprecated in the new version and were not in the old one: the
    /// aliases the name lock keeps for renamed records, and removed records kept as
    /// deprecated items. Each is still public, so none of them is in `removed_items`.
    pub deprecated_items: Vec<DeprecatedItem>,
    /// Generated files whose contents changed, beyond the header.
    pub changed_files: Vec<String>,
    /// Caveats about how the advice was reached, if any.
    pub note: Option<String>,
}

/// A public item that a change deprecates, with the note users see when they use it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DeprecatedItem {
    /// Its path, as in [`ReleaseAdvice::added_items`] (`subprotocols::Subprotocol::RedfishWebSocket`).
    pub item: String,
    /// The `#[deprecated(note = "...")]` text, or empty when the attribute has none.
    pub note: String,
}

json_object!(DeprecatedItem { item, note });

impl ReleaseKind {
    /// The kind as one lowercase word: `none`, `patch`, `minor`, `major` (its JSON form).
    pub fn as_str(self) -> &'static str {
        match self {
            ReleaseKind::None => "none",
            ReleaseKind::Patch => "patch",
            ReleaseKind::Minor => "minor",
            ReleaseKind::Major => "major",
        }
    }
}

impl ToJson for ReleaseKind {
    fn to_json(&self) -> Json {
        Json::String(self.as_str().to_owned())
    }
}

json_object!(ReleaseAdvice {
    kind,
    added_items,
    removed_items,
    deprecated_items,
    changed_files,
    note
});

impl ReleaseKind {
    /// How a person reads it, for a crate still at 0.x (where Cargo treats the minor number
    /// as the breaking one).
    pub fn explain(self) -> &'static str {
        match self {
            ReleaseKind::None => "no release needed (the generated code does not change)",
            ReleaseKind::Patch => {
                "patch release (data or documentation changes; the public API is unchanged)"
            }
            ReleaseKind::Minor => {
                "minor release (new public items; at 0.x bump the patch number, it is additive)"
            }
            ReleaseKind::Major => {
                "major release (public items removed or renamed; at 0.x bump the minor number)"
            }
        }
    }
}

impl ReleaseAdvice {
    /// Why the change calls for [`ReleaseAdvice::kind`], in one sentence from the lists the
    /// advice holds: what a pull request body and the changelog say after the kind.
    pub fn reason(&self) -> String {
        let count = |n: usize| {
            if n == 1 {
                "1 public item".to_owned()
            } else {
                format!("{n} public items")
            }
        };
        match self.kind {
            ReleaseKind::Major if !self.removed_items.is_empty() => format!(
                "the generated code loses {} that the vendored version has",
                count(self.removed_items.len())
            ),
            ReleaseKind::Major => {
                "a variant is added to a generated enum that is not #[non_exhaustive]".to_owned()
            }
            ReleaseKind::Minor => format!(
                "the generated code gains {} and loses none",
                count(self.added_items.len())
            ),
            ReleaseKind::Patch => format!(
                "the generated data or documentation changes ({}), the public API does not",
                self.changed_files.join(", ")
            ),
            ReleaseKind::None => {
                "the generated code is the same apart from its provenance header".to_owned()
            }
        }
    }
}

/// Compares the code generated from two registry versions.
pub fn advise(old: &GeneratedSet, new: &GeneratedSet) -> ReleaseAdvice {
    let old_api = public_items(old);
    let new_api = public_items(new);
    let (old_items, old_exhaustive) = (&old_api.items, &old_api.exhaustive);
    let new_items = &new_api.items;
    let added_items: Vec<String> = new_items.difference(old_items).cloned().collect();
    let removed_items: Vec<String> = old_items.difference(new_items).cloned().collect();
    let deprecated_items: Vec<DeprecatedItem> = new_api
        .deprecated
        .iter()
        .filter(|(item, _)| !old_api.deprecated.contains_key(*item))
        .map(|(item, note)| DeprecatedItem {
            item: item.clone(),
            note: note.clone(),
        })
        .collect();
    let mut changed_files = Vec::new();
    // The explain tool's words are generated beside the crate's code but are not part of
    // the crate: a change to them calls for no release.
    let in_crate = |name: &str| name != crate::emit::explain_texts::FILE;
    for file in new.files.iter().filter(|f| in_crate(f.name)) {
        let before = old.files.iter().find(|f| f.name == file.name);
        let unchanged = before.is_some_and(|before| {
            without_provenance(&before.contents, &old.xml_sha256)
                == without_provenance(&file.contents, &new.xml_sha256)
        });
        if !unchanged {
            changed_files.push(file.name.to_owned());
        }
    }
    for file in old.files.iter().filter(|f| in_crate(f.name)) {
        if !new.files.iter().any(|f| f.name == file.name) {
            changed_files.push(file.name.to_owned());
        }
    }
    let breaks_exhaustive = added_items
        .iter()
        .any(|item| old_exhaustive.iter().any(|e| is_variant_of(item, e)));
    let kind = if !removed_items.is_empty() || breaks_exhaustive {
        ReleaseKind::Major
    } else if !added_items.is_empty() {
        ReleaseKind::Minor
    } else if !changed_files.is_empty() {
        ReleaseKind::Patch
    } else {
        ReleaseKind::None
    };
    ReleaseAdvice {
        kind,
        added_items,
        removed_items,
        deprecated_items,
        changed_files,
        note: None,
    }
}

fn is_variant_of(item: &str, enum_path: &str) -> bool {
    item.strip_prefix(enum_path)
        .and_then(|rest| rest.strip_prefix("::"))
        .is_some_and(|rest| !rest.contains("::"))
}

/// A generated file without what records where it came from: the leading header comment and
/// the input's sha256 (`registry::SHA256`). Both change whenever the registry's bytes do,
/// even when its content does not, and neither calls for a release.
fn without_provenance(contents: &str, xml_sha256: &str) -> String {
    let body = without_header(contents);
    if xml_sha256.is_empty() {
        body.to_owned()
    } else {
        body.replace(xml_sha256, "<sha256>")
    }
}

/// A generated file without its leading comment lines.
fn without_header(contents: &str) -> &str {
    let mut rest = contents;
    loop {
        let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = &rest[..line_end];
        let is_header = (line.starts_with("//") && !line.starts_with("//!"))
            || (line.starts_with("<!--") && line.trim_end().ends_with("-->"));
        if !is_header || line.is_empty() {
            return rest;
        }
        rest = &rest[line_end..];
    }
}

/// The public API of one generated set.
#[derive(Default)]
struct PublicApi {
    /// Every public item, as a `module::Type::ITEM` path.
    items: BTreeSet<String>,
    /// The paths of the enums that are not `#[non_exhaustive]`.
    exhaustive: BTreeSet<String>,
    /// The items marked `#[deprecated]`, with their notes.
    deprecated: BTreeMap<String, String>,
}

/// The public API of the generated Rust files.
fn public_items(set: &GeneratedSet) -> PublicApi {
    let mut api = PublicApi::default();
    for file in &set.files {
        let Some(module) = file.name.strip_suffix(".rs") else {
            continue;
        };
        // The generator formatted these files from a syntax tree, so they parse; if one ever
        // did not, its items would all look removed, which errs on the safe (major) side.
        let Ok(parsed) = syn::parse_file(&file.contents) else {
            continue;
        };
        for item in &parsed.items {
            collect(module, item, &mut api);
        }
    }
    api
}

/// The note of a `#[deprecated]` (or `#[deprecated(note = "...")]`) attribute among `attrs`;
/// `None` when the item is not deprecated.
fn deprecation(attrs: &[syn::Attribute]) -> Option<String> {
    let attr = attrs.iter().find(|a| a.path().is_ident("deprecated"))?;
    let mut note = String::new();
    if let syn::Meta::List(_) = &attr.meta {
        // `deprecated(since = "..", note = "..")`: keep the note, skip the rest.
        let _ = attr.parse_nested_meta(|meta| {
            let value: syn::LitStr = meta.value()?.parse()?;
            if meta.path.is_ident("note") {
                note = value.value();
            }
            Ok(())
        });
    } else if let syn::Meta::NameValue(name_value) = &attr.meta {
        // `#[deprecated = "..."]`
        if let syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) = &name_value.value
        {
            note = text.value();
        }
    }
    Some(note)
}

fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

fn collect(module: &str, item: &syn::Item, api: &mut PublicApi) {
    let mut add = |name: String, attrs: &[syn::Attribute]| {
        let path = format!("{module}::{name}");
        if let Some(note) = deprecation(attrs) {
            api.deprecated.insert(path.clone(), note);
        }
        api.items.insert(path);
    };
    match item {
        syn::Item::Const(c) if is_pub(&c.vis) => add(c.ident.to_string(), &c.attrs),
        syn::Item::Static(s) if is_pub(&s.vis) => add(s.ident.to_string(), &s.attrs),
        syn::Item::Fn(f) if is_pub(&f.vis) => add(f.sig.ident.to_string(), &f.attrs),
        syn::Item::Type(t) if is_pub(&t.vis) => add(t.ident.to_string(), &t.attrs),
        syn::Item::Struct(s) if is_pub(&s.vis) => {
            add(s.ident.to_string(), &s.attrs);
            for field in s.fields.iter().filter(|f| is_pub(&f.vis)) {
                if let Some(name) = &field.ident {
                    add(format!("{}.{name}", s.ident), &field.attrs);
                }
            }
        }
        syn::Item::Enum(e) if is_pub(&e.vis) => {
            add(e.ident.to_string(), &e.attrs);
            for variant in &e.variants {
                add(format!("{}::{}", e.ident, variant.ident), &variant.attrs);
            }
            let non_exhaustive = e.attrs.iter().any(|a| a.path().is_ident("non_exhaustive"));
            if !non_exhaustive {
                api.exhaustive.insert(format!("{module}::{}", e.ident));
            }
        }
        syn::Item::Mod(m) if is_pub(&m.vis) => {
            add(m.ident.to_string(), &m.attrs);
            let inner = format!("{module}::{}", m.ident);
            for item in m.content.iter().flat_map(|(_, items)| items) {
                collect(&inner, item, api);
            }
        }
        syn::Item::Impl(imp) if imp.trait_.is_none() => {
            let syn::Type::Path(self_ty) = &*imp.self_ty else {
                return;
            };
            let Some(type_name) = self_ty.path.segments.last().map(|s| s.ident.to_string()) else {
                return;
            };
            for inner in &imp.items {
                match inner {
                    syn::ImplItem::Const(c) if is_pub(&c.vis) => {
                        add(format!("{type_name}::{}", c.ident), &c.attrs)
                    }
                    syn::ImplItem::Fn(f) if is_pub(&f.vis) => {
                        add(format!("{type_name}::{}", f.sig.ident), &f.attrs)
                    }
                    _ => {}
                }
            }
        }
        syn::Item::Impl(imp) => {
            // A trait impl is public API too (`impl Display for Opcode`).
            if let (Some((_, trait_path, _)), syn::Type::Path(self_ty)) =
                (&imp.trait_, &*imp.self_ty)
            {
                let name = |path: &syn::Path| {
                    path.segments
                        .last()
                        .map(|s| s.ident.to_string())
                        .unwrap_or_default()
                };
                add(
                    format!("impl {} for {}", name(trait_path), name(&self_ty.path)),
                    &imp.attrs,
                );
            }
        }
        _ => {}
    }
}
