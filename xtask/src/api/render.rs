//! Writes rustdoc JSON's types, generics and signatures as Rust, one line per public item.

use super::json::Value;
use super::{Crate, Kind, Public};

impl Crate {
    /// The item's line in the listing: its visibility, kind, full path and signature.
    pub(super) fn line(&self, public: &Public<'_>) -> String {
        let item = public.item;
        let inner = item.get("inner");
        let attrs = attributes(item);
        let path = &public.path;
        match public.kind {
            Kind::Module => format!("pub mod {path}"),
            Kind::Struct => {
                let generics = self.generics(inner.get("struct").get("generics"));
                let shape = match inner.get("struct").get("kind").tagged() {
                    Some(("unit", _)) => ";".to_owned(),
                    Some(("tuple", fields)) => self.tuple_fields(fields),
                    _ => String::new(),
                };
                format!("{attrs}pub struct {path}{generics}{shape}")
            }
            Kind::Enum => {
                let generics = self.generics(inner.get("enum").get("generics"));
                format!("{attrs}pub enum {path}{generics}")
            }
            Kind::Variant => {
                let shape = match inner.get("variant").get("kind").tagged() {
                    Some(("tuple", fields)) => self.tuple_fields(fields),
                    Some(("struct", shape)) => {
                        let fields: Vec<String> = shape
                            .get("fields")
                            .items()
                            .iter()
                            .filter_map(|field| self.item(field))
                            .map(|field| {
                                let name = field.get("name").as_str().unwrap_or("_");
                                let ty = self.ty(field.get("inner").get("struct_field"));
                                format!("{name}: {ty}")
                            })
                            .collect();
                        let more = if shape.get("has_stripped_fields").is_true() {
                            ", .."
                        } else {
                            ""
                        };
                        format!(" {{ {}{more} }}", fields.join(", "))
                    }
                    _ => String::new(),
                };
                format!("{attrs}pub {path}{shape}")
            }
            Kind::Field => {
                let ty = self.ty(inner.get("struct_field"));
                format!("pub {path}: {ty}")
            }
            Kind::Function | Kind::Method => {
                let function = inner.get("function");
                let header = function.get("header");
                let mut qualifiers = String::new();
                for (flag, word) in [
                    ("is_const", "const "),
                    ("is_async", "async "),
                    ("is_unsafe", "unsafe "),
                ] {
                    if header.get(flag).is_true() {
                        qualifiers.push_str(word);
                    }
                }
                let generics = self.generics(function.get("generics"));
                let signature = self.signature(function.get("sig"));
                let bounds = self.where_clause(function.get("generics"));
                format!("{attrs}pub {qualifiers}fn {path}{generics}{signature}{bounds}")
            }
            Kind::Const => {
                let ty = match inner.tagged() {
                    Some(("constant", constant)) => self.ty(constant.get("type")),
                    Some(("assoc_const", constant)) => self.ty(constant.get("type")),
                    Some(("static", statik)) => self.ty(statik.get("type")),
                    _ => "_".to_owned(),
                };
                let word = if inner.get("static").is_null() {
                    "const"
                } else {
                    "static"
                };
                format!("{attrs}pub {word} {path}: {ty}")
            }
            Kind::TypeAlias => {
                let alias = inner.get("type_alias");
                let generics = self.generics(alias.get("generics"));
                format!("pub type {path}{generics} = {}", self.ty(alias.get("type")))
            }
            Kind::TraitImpl => {
                let imp = inner.get("impl");
                let generics = self.generics(imp.get("generics"));
                let negative = if imp.get("is_negative").is_true() {
                    "!"
                } else {
                    ""
                };
                let unsafety = if imp.get("is_unsafe").is_true() {
                    "unsafe "
                } else {
                    ""
                };
                let bounds = self.where_clause(imp.get("generics"));
                format!(
                    "{unsafety}impl{generics} {negative}{} for {}{bounds}",
                    self.path(imp.get("trait")),
                    self.ty(imp.get("for"))
                )
            }
            Kind::AssocType => {
                let ty = self.ty(inner.get("assoc_type").get("type"));
                format!("type {path} = {ty}")
            }
            Kind::Other(what) => format!("pub {what} {path}"),
        }
    }

    /// `(T, U)`: a tuple struct's or variant's fields by type, `_` for a private one.
    fn tuple_fields(&self, fields: &Value) -> String {
        let fields: Vec<String> = fields
            .items()
            .iter()
            .map(|field| match self.item(field) {
                Some(field) => self.ty(field.get("inner").get("struct_field")),
                None => "_".to_owned(),
            })
            .collect();
        format!("({})", fields.join(", "))
    }

    /// `(self, name: T) -> U`.
    fn signature(&self, sig: &Value) -> String {
        let inputs: Vec<String> = sig
            .get("inputs")
            .items()
            .iter()
            .map(|input| {
                let pair = input.items();
                let name = pair.first().and_then(Value::as_str).unwrap_or("_");
                let ty = pair.get(1).unwrap_or(&Value::Null);
                if name == "self" {
                    return self_param(ty).unwrap_or_else(|| format!("self: {}", self.ty(ty)));
                }
                format!("{name}: {}", self.ty(ty))
            })
            .collect();
        format!("({}){}", inputs.join(", "), self.returns(sig.get("output")))
    }

    /// ` -> T`, or nothing for `()`.
    fn returns(&self, output: &Value) -> String {
        match output {
            Value::Null => String::new(),
            ty => format!(" -> {}", self.ty(ty)),
        }
    }

    /// `<'a, T: Bound, const N: usize>`, without the parameters `impl Trait` arguments make.
    fn generics(&self, generics: &Value) -> String {
        let params: Vec<String> = generics
            .get("params")
            .items()
            .iter()
            .filter_map(|param| {
                let name = param.get("name").as_str().unwrap_or("_");
                match param.get("kind").tagged() {
                    Some(("lifetime", kind)) => Some(bounded(name, &outlives(kind))),
                    Some(("type", kind)) if kind.get("is_synthetic").is_true() => None,
                    Some(("type", kind)) => Some(bounded(name, &self.bounds(kind.get("bounds")))),
                    Some(("const", kind)) => {
                        Some(format!("const {name}: {}", self.ty(kind.get("type"))))
                    }
                    _ => Some(name.to_owned()),
                }
            })
            .collect();
        wrapped("<", &params, ">")
    }

    /// ` where T: Bound`, or nothing.
    fn where_clause(&self, generics: &Value) -> String {
        let predicates: Vec<String> = generics
            .get("where_predicates")
            .items()
            .iter()
            .filter_map(|predicate| match predicate.tagged() {
                Some(("bound_predicate", bound)) => Some(format!(
                    "{}: {}",
                    self.ty(bound.get("type")),
                    self.bounds(bound.get("bounds"))
                )),
                Some(("lifetime_predicate", bound)) => Some(format!(
                    "{}: {}",
                    bound.get("lifetime").as_str().unwrap_or("'_"),
                    outlives(bound)
                )),
                Some(("eq_predicate", eq)) => Some(format!(
                    "{} = {}",
                    self.ty(eq.get("lhs")),
                    self.ty(eq.get("rhs").get("type"))
                )),
                _ => None,
            })
            .collect();
        wrapped(" where ", &predicates, "")
    }

    /// `Trait<..> + ?Sized + 'a`.
    fn bounds(&self, bounds: &Value) -> String {
        let bounds: Vec<String> = bounds
            .items()
            .iter()
            .map(|bound| match bound.tagged() {
                Some(("trait_bound", bound)) => {
                    let maybe = match bound.get("modifier").as_str() {
                        Some("maybe") => "?",
                        _ => "",
                    };
                    format!("{maybe}{}", self.path(bound.get("trait")))
                }
                Some(("outlives", lifetime)) => lifetime.as_str().unwrap_or("'_").to_owned(),
                _ => "_".to_owned(),
            })
            .collect();
        bounds.join(" + ")
    }

    /// A path with its generic arguments, by its full public path where the crate knows it.
    pub(super) fn path(&self, path: &Value) -> String {
        let name = self
            .path_name(path.get("id"))
            .unwrap_or_else(|| path.get("path").as_str().unwrap_or("_").to_owned());
        format!("{name}{}", self.generic_args(path.get("args")))
    }

    /// `<'a, T, Item = U>` or `(A) -> B`, or nothing.
    fn generic_args(&self, args: &Value) -> String {
        match args.tagged() {
            Some(("angle_bracketed", args)) => {
                let mut parts: Vec<String> = args
                    .get("args")
                    .items()
                    .iter()
                    .map(|arg| match arg.tagged() {
                        Some(("lifetime", lifetime)) => {
                            lifetime.as_str().unwrap_or("'_").to_owned()
                        }
                        Some(("type", ty)) => self.ty(ty),
                        Some(("const", constant)) => {
                            constant.get("expr").as_str().unwrap_or("_").to_owned()
                        }
                        _ => "_".to_owned(),
                    })
                    .collect();
                for constraint in args.get("constraints").items() {
                    let name = constraint.get("name").as_str().unwrap_or("_");
                    let args = self.generic_args(constraint.get("args"));
                    match constraint.get("binding").tagged() {
                        Some(("equality", term)) => {
                            let term = match term.tagged() {
                                Some(("type", ty)) => self.ty(ty),
                                _ => "_".to_owned(),
                            };
                            parts.push(format!("{name}{args} = {term}"));
                        }
                        Some(("constraint", bounds)) => {
                            parts.push(format!("{name}{args}: {}", self.bounds(bounds)));
                        }
                        _ => {}
                    }
                }
                wrapped("<", &parts, ">")
            }
            Some(("parenthesized", args)) => {
                let inputs: Vec<String> = args
                    .get("inputs")
                    .items()
                    .iter()
                    .map(|t| self.ty(t))
                    .collect();
                format!(
                    "({}){}",
                    inputs.join(", "),
                    self.returns(args.get("output"))
                )
            }
            _ => String::new(),
        }
    }

    /// A type as Rust writes it.
    pub(super) fn ty(&self, ty: &Value) -> String {
        match ty.tagged() {
            Some(("primitive" | "generic", name)) => name.as_str().unwrap_or("_").to_owned(),
            Some(("resolved_path", path)) => self.path(path),
            Some(("borrowed_ref", reference)) => {
                format!(
                    "{}{}",
                    reference_prefix(reference),
                    self.ty(reference.get("type"))
                )
            }
            Some(("raw_pointer", pointer)) => {
                let kind = if pointer.get("is_mutable").is_true() {
                    "mut"
                } else {
                    "const"
                };
                format!("*{kind} {}", self.ty(pointer.get("type")))
            }
            Some(("slice", element)) => format!("[{}]", self.ty(element)),
            Some(("array", array)) => format!(
                "[{}; {}]",
                self.ty(array.get("type")),
                array.get("len").as_str().unwrap_or("_")
            ),
            Some(("tuple", types)) => {
                let types: Vec<String> = types.items().iter().map(|t| self.ty(t)).collect();
                if types.len() == 1 {
                    format!("({},)", types[0])
                } else {
                    format!("({})", types.join(", "))
                }
            }
            Some(("impl_trait", bounds)) => format!("impl {}", self.bounds(bounds)),
            Some(("dyn_trait", dyn_trait)) => {
                let mut traits: Vec<String> = dyn_trait
                    .get("traits")
                    .items()
                    .iter()
                    .map(|t| self.path(t.get("trait")))
                    .collect();
                if let Some(lifetime) = dyn_trait.get("lifetime").as_str() {
                    traits.push(lifetime.to_owned());
                }
                format!("dyn {}", traits.join(" + "))
            }
            Some(("function_pointer", pointer)) => {
                format!("fn{}", self.signature(pointer.get("sig")))
            }
            Some(("qualified_path", qualified)) => {
                let name = qualified.get("name").as_str().unwrap_or("_");
                let self_type = self.ty(qualified.get("self_type"));
                match qualified.get("trait") {
                    Value::Null => format!("{self_type}::{name}"),
                    tr => format!("<{self_type} as {}>::{name}", self.path(tr)),
                }
            }
            Some(("pat", pattern)) => self.ty(pattern.get("type")),
            Some(("infer", _)) => "_".to_owned(),
            _ => "_".to_owned(),
        }
    }
}

/// `self`, `&self`, `&mut self` or `&'a self`, when the parameter is one of those forms.
fn self_param(ty: &Value) -> Option<String> {
    match ty.tagged() {
        Some(("generic", name)) if name.as_str() == Some("Self") => Some("self".to_owned()),
        Some(("borrowed_ref", reference))
            if reference.get("type").get("generic").as_str() == Some("Self") =>
        {
            Some(format!("{}self", reference_prefix(reference)))
        }
        _ => None,
    }
}

/// `&`, `&'a ` or `&'a mut `: a reference type up to what it refers to.
fn reference_prefix(reference: &Value) -> String {
    let lifetime = match reference.get("lifetime").as_str() {
        Some(lifetime) => format!("{lifetime} "),
        None => String::new(),
    };
    let mutable = if reference.get("is_mutable").is_true() {
        "mut "
    } else {
        ""
    };
    format!("&{lifetime}{mutable}")
}

/// `open`, the parts joined by `, `, `close`; nothing when there are no parts.
fn wrapped(open: &str, parts: &[String], close: &str) -> String {
    if parts.is_empty() {
        String::new()
    } else {
        format!("{open}{}{close}", parts.join(", "))
    }
}

/// The lifetimes a lifetime parameter or predicate outlives: `'a + 'b`.
fn outlives(of: &Value) -> String {
    let lifetimes: Vec<&str> = of
        .get("outlives")
        .items()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    lifetimes.join(" + ")
}

/// `name: bounds`, or the name alone.
fn bounded(name: &str, bounds: &str) -> String {
    if bounds.is_empty() {
        name.to_owned()
    } else {
        format!("{name}: {bounds}")
    }
}

/// The attributes a user relies on, as a prefix: `#[non_exhaustive]`, `#[repr(u8)]`,
/// `#[deprecated]` and `#[must_use]`.
fn attributes(item: &Value) -> String {
    let mut out = String::new();
    if !item.get("deprecation").is_null() {
        out.push_str("#[deprecated] ");
    }
    for attr in item.get("attrs").items() {
        match attr.tagged() {
            Some(("non_exhaustive", _)) => out.push_str("#[non_exhaustive] "),
            Some(("must_use", _)) => out.push_str("#[must_use] "),
            Some(("repr", repr)) => {
                let kind = repr.get("kind").as_str().unwrap_or("rust");
                match repr.get("int").as_str() {
                    Some(int) => out.push_str(&format!("#[repr({int})] ")),
                    None if kind != "rust" => out.push_str(&format!("#[repr({kind})] ")),
                    None => {}
                }
            }
            _ => {}
        }
    }
    out
}
