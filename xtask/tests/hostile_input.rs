//! The generator under hostile and malformed registry input: whatever the file holds, it
//! emits correct, compiling, faithful code, or stops with an error that names the file,
//! line and column, the sub-registry and the record. Fixtures are in `tests/data/hostile/`.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use xtask::{GeneratedSet, Inputs};

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/hostile")
        .join(name)
}

fn inputs(name: &str, xml: Vec<u8>) -> Inputs {
    Inputs {
        xml_name: format!("hostile/{name}"),
        xml,
        curated: None,
    }
}

fn fixture(name: &str) -> Inputs {
    inputs(
        name,
        std::fs::read(fixture_path(name)).expect("readable fixture"),
    )
}

/// The values of every string literal in the generated Rust files.
fn string_literals(set: &GeneratedSet) -> BTreeSet<String> {
    struct Collect(BTreeSet<String>);
    impl<'ast> syn::visit::Visit<'ast> for Collect {
        fn visit_lit_str(&mut self, lit: &'ast syn::LitStr) {
            self.0.insert(lit.value());
        }
    }
    let mut collect = Collect(BTreeSet::new());
    for file in set.files.iter().filter(|f| f.name.ends_with(".rs")) {
        let parsed = syn::parse_file(&file.contents)
            .unwrap_or_else(|err| panic!("{} does not parse: {err}", file.name));
        syn::visit::visit_file(&mut collect, &parsed);
    }
    collect.0
}

#[test]
fn text_that_tries_to_break_out_stays_data() {
    let set = common::generate_ok(&fixture("injection.xml"));
    let literals = string_literals(&set);
    // Exactly IANA's text (whitespace-normalised), as string literals: nothing became tokens.
    for expected in [
        r#"Quote " backslash \ end-comment */ start-comment /* hash # brackets ] } line-comment // attr #[cfg(any())] break-out "); panic!("x"); r#" raw"#,
        r#"quote"back\slash*/#[x]"#,
        r#"*/ #![forbid(unsafe_code)] /*"#,
        "Bit */ \"quoted\" \\ \u{202e}rtl, see http://example.test/bare and https://example.test/x_y*z",
    ] {
        assert!(
            literals.contains(expected),
            "missing literal {expected:?}"
        );
    }
    let description = literals
        .iter()
        .find(|l| l.starts_with("Text with <script>"))
        .expect("the close code's description is a literal");
    for piece in [
        "<script>alert(1)</script>",
        "&amp; \"entities\" 'apos' \"char-ref\" \\backslash",
        "newline here and CRLF, tab here",
        "bidi \u{202e}override\u{202c} and \u{2066}isolate\u{2069}",
        "zero-width\u{200b}space",
        "Ünïcödé ✓ 日本語 😀",
        "CDATA */ \"quoted\" <b>bold</b> & end",
    ] {
        assert!(description.contains(piece), "{piece:?} in {description:?}");
    }
    // No bidi control appears raw anywhere in the output: literals escape them, docs show
    // them as visible code points.
    for file in &set.files {
        assert!(
            !file.contents.chars().any(xtask::text::is_bidi_control),
            "{} has a raw bidi control",
            file.name
        );
    }
    // Docs never open an injected attribute or close the comment: every doc line is one
    // `///` or `//!` line whose text the parser keeps as a doc string.
    let subprotocols = common::file(&set, "subprotocols.rs");
    assert!(!subprotocols.contains("#![forbid(unsafe_code)] /*\n"));
}

#[test]
fn hostile_text_compiles_and_documents_cleanly() {
    let mut big = String::from_utf8(fixture("minimal.xml").xml).expect("utf-8");
    // A 1 MB description.
    let long = "A long description */ \"quoted\" & more. ".repeat(1 << 20 >> 5);
    big = big.replace(
        "<description>Normal Closure</description>",
        &format!("<description>{}</description>", long.replace('&', "&amp;")),
    );
    let sets = vec![
        (
            "injection".to_owned(),
            common::generate_ok(&fixture("injection.xml")),
        ),
        (
            "big".to_owned(),
            common::generate_ok(&inputs("big.xml", big.into_bytes())),
        ),
    ];
    common::build_runtime_crates("hostile-crates", &sets, true);
}
