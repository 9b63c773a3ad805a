//! The day IANA adds a sub-registry: `regen` goes on working, generates it as a generic
//! table that compiles and documents, keeps every record and field, and `diff` reports it as
//! a new sub-registry that calls for a minor release.

mod common;

use std::path::Path;

use common::{edited_inputs, file, fixture_inputs, generate_ok};
use xtask::registries::diff;
use xtask::registries::parse_registry;
use xtask::release::{advise, ReleaseKind};
use xtask::report::Report;

/// A sub-registry in the shape IANA's schema allows, with what a generic table must keep: a
/// number, a range, text values, identifiers, references of several kinds (one naming a
/// person of `<people>`), dates, a repeated element and one with markup inside.
const NEW_SUB_REGISTRY: &str = r#"<registry id="websocket-frame-flags">
    <title>WebSocket Frame Flags</title>
    <registration_rule>Specification Required</registration_rule>
    <xref type="rfc" data="rfc9999"/>
    <note>Values 16-255 are <xref type="note" data="1"/> reserved.</note>
    <record date="2026-09-01">
      <value>0</value>
      <name>none</name>
      <description>No flags.</description>
      <xref type="rfc" data="rfc9999" section="3"/>
    </record>
    <record date="2026-09" updated="2026-10-02">
      <value>1</value>
      <id>urgent</id>
      <description>The frame | is urgent.</description>
      <status>Provisional</status>
      <note>First <xref type="person" data="Alexey_Melnikov"/> note.</note>
      <note>Second note.</note>
      <xref type="person" data="Alexey_Melnikov"/>
    </record>
    <record>
      <value>16-255</value>
      <description>Unassigned</description>
    </record>
    <record>
      <value>Reserved</value>
      <common>Held back</common>
    </record>
  </registry>
  <people>"#;

/// A second one whose id is a Rust keyword once in snake case.
const KEYWORD_SUB_REGISTRY: &str = r#"<registry id="type">
    <title>Types</title>
  </registry>
  <people>"#;

fn with(sub_registries: &[&str]) -> xtask::Inputs {
    edited_inputs(|xml| {
        assert!(xml.contains("<people>"));
        sub_registries
            .iter()
            .fold(xml.to_owned(), |xml, sub| xml.replacen("<people>", sub, 1))
    })
}

#[test]
fn an_unknown_sub_registry_is_generated_as_a_generic_table() {
    let before = generate_ok(&fixture_inputs());
    let after = generate_ok(&with(&[NEW_SUB_REGISTRY, KEYWORD_SUB_REGISTRY]));

    // The typed files are untouched: only the generic file and the headers' hash differ.
    for old in &before.files {
        let new = after
            .files
            .iter()
            .find(|f| f.name == old.name)
            .expect("same files");
        if old.name != "other_registries.rs" {
            assert_eq!(
                old.contents.replace(&before.xml_sha256, "<sha>"),
                new.contents.replace(&after.xml_sha256, "<sha>"),
                "{} changed because of a new sub-registry",
                old.name
            );
        }
    }

    let generated = file(&after, "other_registries.rs");
    for expected in [
        "pub const ALL: &[&crate::GenericRegistry] = &[\n    &websocket_frame_flags::REGISTRY,\n    &registry_type::REGISTRY,\n];",
        "pub mod websocket_frame_flags {",
        "pub mod registry_type {",
        "id: \"websocket-frame-flags\"",
        "title: \"WebSocket Frame Flags\"",
        // <name> stands in for the missing <id>; <common> for the missing <description>.
        "identifier: Some(\"none\")",
        "description: Some(\"Held back\")",
        "value: Some(\"16-255\")",
        "value: Some(\"Reserved\")",
        "registered: Some(\"2026-09\")",
        "updated: Some(\"2026-10-02\")",
        "(\"status\", \"Provisional\")",
        "(\"note\", \"First Alexey_Melnikov note.\")",
        "(\"note\", \"Second note.\")",
        "text: \"Alexey Melnikov\"",
        "url: Some(\"https://www.rfc-editor.org/rfc/rfc9999.html#section-3\")",
        "//! Registration rule: Specification Required.",
        "//! | 1 | urgent | The frame \\| is urgent. |",
        "//! The sub-registry has no records yet.",
    ] {
        assert!(
            generated.contains(expected),
            "other_registries.rs lacks {expected:?}:\n{generated}"
        );
    }

    // It compiles with warnings as errors and documents with rustdoc warnings as errors.
    common::build_runtime_crates("new-sub-registry", &[("new".to_owned(), after)], true);
}

#[test]
fn today_there_is_no_generic_table() {
    let generated = file(&generate_ok(&fixture_inputs()), "other_registries.rs").to_owned();
    assert!(generated.contains("pub const ALL: &[&crate::GenericRegistry] = &[];"));
    assert!(!generated.contains("pub mod "));
}

#[test]
fn diff_reports_a_new_sub_registry_and_advises_a_minor_release() {
    let old_inputs = fixture_inputs();
    let new_inputs = with(&[NEW_SUB_REGISTRY]);
    let parse = |inputs: &xtask::Inputs| {
        parse_registry(Path::new(&inputs.xml_name), &inputs.xml).unwrap_or_else(|e| panic!("{e}"))
    };
    let changes = diff(&parse(&old_inputs), "old", &parse(&new_inputs), "new");
    let section = changes
        .sub_registries
        .iter()
        .find(|s| s.id == "websocket-frame-flags")
        .expect("a section for the new sub-registry");
    assert_eq!(section.title, "WebSocket Frame Flags");
    let keys: Vec<&str> = section.added.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["0", "1", "16-255", "Reserved"]);
    assert!(section.removed.is_empty() && section.changed.is_empty());
    assert!(section
        .note
        .as_deref()
        .is_some_and(|note| note.contains("generic table; a typed emitter can follow")));
    let urgent = &section.added[1];
    let field = |name: &str| {
        urgent
            .fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.value.as_str())
    };
    assert_eq!(field("note"), Some("First Alexey_Melnikov note."));
    assert_eq!(field("note 2"), Some("Second note."));
    assert_eq!(field("status"), Some("Provisional"));
    // Every typed sub-registry is still compared, and is unchanged.
    for kind in &xtask::registries::SUB_REGISTRIES {
        let typed = changes.sub_registries.iter().find(|s| s.id == kind.id);
        assert!(typed.is_some_and(|s| s.is_empty()), "{}", kind.id);
    }

    let advice = advise(&generate_ok(&old_inputs), &generate_ok(&new_inputs));
    assert_eq!(advice.kind, ReleaseKind::Minor, "{advice:?}");
    assert!(advice
        .added_items
        .contains(&"other_registries::websocket_frame_flags::RECORDS".to_owned()));
    let text = Report::new(changes.clone(), advice, false).text();
    assert!(
        text.contains(
            "websocket-frame-flags (WebSocket Frame Flags): 4 added\n  ! new sub-registry"
        ),
        "{text}"
    );

    // And the other way: the sub-registry goes away again.
    let back = diff(&parse(&new_inputs), "new", &parse(&old_inputs), "old");
    let gone = back
        .sub_registries
        .iter()
        .find(|s| s.id == "websocket-frame-flags")
        .expect("a section for the removed sub-registry");
    assert_eq!(gone.removed.len(), 4);
    assert!(gone.note.as_deref().is_some_and(|n| n.contains("removed")));
    let advice = advise(&generate_ok(&new_inputs), &generate_ok(&old_inputs));
    assert_eq!(advice.kind, ReleaseKind::Major, "{advice:?}");
}
