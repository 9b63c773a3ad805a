//! `cargo xtask api`'s reading of rustdoc JSON, on a small crate written by hand in rustdoc's
//! format (version 57): the lines it lists and the rules its audit counts. The oracle is the
//! Rust each item would be written as, typed here, not the renderer's own output.

use xtask::api::audit::Audit;
use xtask::api::Crate;

/// A crate `websocket_registry` with: a struct `Code(u16)` with an accessor `label(self) ->
/// &'static str` and `parse(text: &str) -> Result<Code, Bad>` (no `# Errors`), a `const
/// LIST: [Code; 2]`, an enum `Kind` with an accessor `label(self) -> Option<&'static str>`
/// and docs that name `registry/curated.toml`, an error `Bad<'a>` that borrows, and
/// `impl Display for Code`.
const JSON: &str = r#"{
  "root": 0, "format_version": 57, "crate_version": null, "includes_private": false,
  "paths": {"90": {"crate_id": 1, "path": ["core", "fmt", "Display"], "kind": "trait"},
            "91": {"crate_id": 1, "path": ["core", "result", "Result"], "kind": "enum"},
            "92": {"crate_id": 1, "path": ["core", "option", "Option"], "kind": "enum"},
            "93": {"crate_id": 1, "path": ["core", "marker", "Send"], "kind": "trait"},
            "94": {"crate_id": 1, "path": ["core", "marker", "Sync"], "kind": "trait"}},
  "index": {
    "0": {"id": 0, "crate_id": 0, "name": "websocket_registry", "visibility": "public", "docs": "The crate.",
          "attrs": [], "deprecation": null, "span": null,
          "inner": {"module": {"is_crate": true, "items": [1, 20, 30, 40, 50], "is_stripped": false}}},
    "1": {"id": 1, "crate_id": 0, "name": "Code", "visibility": "public", "docs": "A code.\n\n```\nlet _ = 1;\n```",
          "attrs": [{"repr": {"kind": "transparent", "align": null, "packed": null, "int": null}}],
          "deprecation": null, "span": null,
          "inner": {"struct": {"kind": {"tuple": [null]}, "generics": {"params": [], "where_predicates": []},
                               "impls": [2, 5]}}},
    "2": {"id": 2, "crate_id": 0, "name": null, "visibility": "default", "docs": null, "attrs": [],
          "deprecation": null, "span": null,
          "inner": {"impl": {"is_unsafe": false, "generics": {"params": [], "where_predicates": []},
                             "provided_trait_methods": [], "trait": null,
                             "for": {"resolved_path": {"path": "Code", "id": 1, "args": null}},
                             "items": [3, 4], "is_negative": false, "is_synthetic": false, "blanket_impl": null}}},
    "3": {"id": 3, "crate_id": 0, "name": "label", "visibility": "public", "docs": "A label.", "attrs": [],
          "deprecation": null, "span": null,
          "inner": {"function": {"sig": {"inputs": [["self", {"generic": "Self"}]],
                                         "output": {"borrowed_ref": {"lifetime": "'static", "is_mutable": false, "type": {"primitive": "str"}}},
                                         "is_c_variadic": false},
                                 "generics": {"params": [], "where_predicates": []},
                                 "header": {"is_const": true, "is_unsafe": false, "is_async": false, "abi": "Rust"},
                                 "has_body": true}}},
    "4": {"id": 4, "crate_id": 0, "name": "parse", "visibility": "public", "docs": "Parses.", "attrs": [],
          "deprecation": null, "span": null,
          "inner": {"function": {"sig": {"inputs": [["text", {"borrowed_ref": {"lifetime": null, "is_mutable": false, "type": {"primitive": "str"}}}]],
                                         "output": {"resolved_path": {"path": "Result", "id": 91, "args": {"angle_bracketed": {"args": [
                                             {"type": {"resolved_path": {"path": "Code", "id": 1, "args": null}}},
                                             {"type": {"resolved_path": {"path": "Bad", "id": 40, "args": {"angle_bracketed": {"args": [{"lifetime": "'static"}], "constraints": []}}}}}],
                                             "constraints": []}}}},
                                         "is_c_variadic": false},
                                 "generics": {"params": [], "where_predicates": []},
                                 "header": {"is_const": false, "is_unsafe": false, "is_async": false, "abi": "Rust"},
                                 "has_body": true}}},
    "5": {"id": 5, "crate_id": 0, "name": null, "visibility": "default", "docs": "Shows it.", "attrs": [],
          "deprecation": null, "span": null,
          "inner": {"impl": {"is_unsafe": false, "generics": {"params": [], "where_predicates": []},
                             "provided_trait_methods": [], "trait": {"path": "Display", "id": 90, "args": null},
                             "for": {"resolved_path": {"path": "Code", "id": 1, "args": null}},
                             "items": [], "is_negative": false, "is_synthetic": false, "blanket_impl": null}}},
    "6": {"id": 6, "crate_id": 0, "name": null, "visibility": "default", "docs": null, "attrs": [],
          "deprecation": null, "span": null,
          "inner": {"impl": {"is_unsafe": false, "generics": {"params": [], "where_predicates": []},
                             "provided_trait_methods": [], "trait": {"path": "Send", "id": 93, "args": null},
                             "for": {"resolved_path": {"path": "Bad", "id": 40, "args": null}},
                             "items": [], "is_negative": false, "is_synthetic": true, "blanket_impl": null}}},
    "20": {"id": 20, "crate_id": 0, "name": "LIST", "visibility": "public", "docs": "Both.", "attrs": [],
           "deprecation": null, "span": null,
           "inner": {"constant": {"type": {"array": {"type": {"resolved_path": {"path": "Code", "id": 1, "args": null}}, "len": "2"}},
                                  "const": {"expr": "_", "value": null, "is_literal": false}}}},
    "30": {"id": 30, "crate_id": 0, "name": "Kind", "visibility": "public", "docs": "See `registry/curated.toml`.\n\n```\n```",
           "attrs": ["non_exhaustive"], "deprecation": null, "span": null,
           "inner": {"enum": {"generics": {"params": [], "where_predicates": []}, "has_stripped_variants": false,
                              "variants": [31], "impls": [32]}}},
    "31": {"id": 31, "crate_id": 0, "name": "Plain", "visibility": "default", "docs": "One.", "attrs": [],
           "deprecation": null, "span": null, "inner": {"variant": {"kind": "plain", "discriminant": null}}},
    "32": {"id": 32, "crate_id": 0, "name": null, "visibility": "default", "docs": null, "attrs": [],
           "deprecation": null, "span": null,
           "inner": {"impl": {"is_unsafe": false, "generics": {"params": [], "where_predicates": []},
                              "provided_trait_methods": [], "trait": null,
                              "for": {"resolved_path": {"path": "Kind", "id": 30, "args": null}},
                              "items": [33], "is_negative": false, "is_synthetic": false, "blanket_impl": null}}},
    "33": {"id": 33, "crate_id": 0, "name": "label", "visibility": "public", "docs": "Maybe a label.", "attrs": [],
           "deprecation": null, "span": null,
           "inner": {"function": {"sig": {"inputs": [["self", {"generic": "Self"}]],
                                          "output": {"resolved_path": {"path": "Option", "id": 92, "args": {"angle_bracketed": {"args": [
                                              {"type": {"borrowed_ref": {"lifetime": "'static", "is_mutable": false, "type": {"primitive": "str"}}}}],
                                              "constraints": []}}}},
                                          "is_c_variadic": false},
                                  "generics": {"params": [], "where_predicates": []},
                                  "header": {"is_const": true, "is_unsafe": false, "is_async": false, "abi": "Rust"},
                                  "has_body": true}}},
    "40": {"id": 40, "crate_id": 0, "name": "Bad", "visibility": "public", "docs": "Bad input.\n\n```\n```", "attrs": [],
           "deprecation": null, "span": null,
           "inner": {"struct": {"kind": {"plain": {"fields": [41], "has_stripped_fields": true}},
                                "generics": {"params": [{"name": "'a", "kind": {"lifetime": {"outlives": []}}}], "where_predicates": []},
                                "impls": [6]}}},
    "41": {"id": 41, "crate_id": 0, "name": "input", "visibility": "public", "docs": "What was read.", "attrs": [],
           "deprecation": null, "span": null,
           "inner": {"struct_field": {"borrowed_ref": {"lifetime": "'a", "is_mutable": false, "type": {"primitive": "str"}}}}},
    "50": {"id": 50, "crate_id": 0, "name": null, "visibility": "public", "docs": null, "attrs": [],
           "deprecation": null, "span": null,
           "inner": {"use": {"source": "self::Code", "name": "Alias", "id": 1, "is_glob": false}}}
  }
}"#;

fn krate() -> Crate {
    Crate::from_json(JSON).expect("the fixture is rustdoc JSON")
}

#[test]
fn every_public_item_is_one_line_of_rust_by_its_shortest_path() {
    let listing = krate().listing();
    let lines: Vec<&str> = listing.lines().filter(|l| !l.starts_with("# ")).collect();
    for expected in [
        "#[repr(transparent)] pub struct websocket_registry::Code(_)",
        "pub const fn websocket_registry::Code::label(self) -> &'static str",
        "pub fn websocket_registry::Code::parse(text: &str) -> \
         core::result::Result<websocket_registry::Code, websocket_registry::Bad<'static>>",
        "impl core::fmt::Display for websocket_registry::Code",
        "pub const websocket_registry::LIST: [websocket_registry::Code; 2]",
        "#[non_exhaustive] pub enum websocket_registry::Kind",
        "pub websocket_registry::Kind::Plain",
        "pub struct websocket_registry::Bad<'a>",
        "pub websocket_registry::Bad::input: &'a str",
    ] {
        assert!(lines.contains(&expected), "{expected}\nnot in:\n{listing}");
    }
    // A re-export is the same item: listed once, at its shortest path (`Code`, not `Alias`).
    assert!(!listing.contains("Alias"), "{listing}");
    // The synthetic `Send` impl is the compiler's, not the crate's.
    assert!(!listing.contains("Send"), "{listing}");
    // A type's items stand under it, the type first.
    let code = lines
        .iter()
        .position(|l| l.ends_with("struct websocket_registry::Code(_)"));
    let label = lines.iter().position(|l| l.contains("Code::label"));
    assert!(code < label, "{listing}");
}

#[test]
fn the_audit_counts_what_the_api_keeps_at_zero() {
    let audit = Audit::of(&krate());
    assert_eq!((audit.types, audit.root_types, audit.methods), (3, 3, 3));
    assert_eq!(audit.free_constants, 1);
    assert_eq!(
        audit.arrays,
        ["pub const websocket_registry::LIST: [websocket_registry::Code; 2]"]
    );
    assert_eq!(
        audit.missing_errors_section,
        ["websocket_registry::Code::parse"]
    );
    assert_eq!(audit.types_without_example, Vec::<String>::new());
    // `Bad` is an error (a `Result`'s), borrows, and has no `Error` impl and no `Sync`.
    assert_eq!(
        audit.error_types_not_propagating,
        ["websocket_registry::Bad: not std::error::Error, Sync, 'static (it borrows)"]
    );
    assert_eq!(
        audit.maintainer_paths_in_docs,
        ["websocket_registry::Kind: See `registry/curated.toml`."]
    );
    // `label` returns `&'static str` on `Code` and an `Option` on `Kind`.
    let label = &audit.accessor_conflicts["label"];
    assert_eq!(label["&'static str"], ["Code"]);
    assert_eq!(label["core::option::Option<&'static str>"], ["Kind"]);
    // Five rules broken: the array, the error, the accessor, `# Errors`, the path.
    assert_eq!(audit.broken_rules().len(), 5, "{:?}", audit.broken_rules());
}

#[test]
fn what_is_not_rustdoc_json_is_refused() {
    assert!(Crate::from_json("[]").is_err());
    assert!(Crate::from_json(r#"{"index": {}, "paths": {}}"#)
        .err()
        .is_some_and(|e| e.contains("root")));
    assert!(Crate::from_json("{").is_err());
}
