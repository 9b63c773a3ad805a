//! The generated `from_name` lookups, executed for the layouts that today's registry never
//! produces: a few thousand names (whole-name hashing with a displaced table) and names no
//! seven byte positions can tell apart (whole-name hashing). Each is generated, built into a
//! copy of the runtime crate, and run there against a linear search over the names, for every
//! name and for near misses. The generator's own `verify` only checks its model of the lookup;
//! this checks the code it emits.

mod common;

use std::path::Path;

use common::{test_runtime_crates, RuntimeCrate};
use xtask::Inputs;

const MINIMAL: &str = "tests/data/hostile/minimal.xml";

/// The minimal fixture with `records` added at the end of the sub-registry `id`.
fn with_records(id: &str, records: &str) -> Inputs {
    let xml = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(MINIMAL))
        .expect("readable fixture");
    let open = format!("<registry id=\"{id}\">");
    let start = xml.find(&open).expect("sub-registry");
    let end = start + xml[start..].find("  </registry>").expect("its end");
    Inputs {
        xml_name: format!("{id}-layout.xml"),
        xml: format!("{}{records}{}", &xml[..end], &xml[end..]).into_bytes(),
        curated: None,
        translations: Vec::new(),
        names_lock: None,
    }
}

/// The `<id>`s of the sub-registry `id`, read from the input by string search (the oracle).
fn ids(inputs: &Inputs, id: &str) -> Vec<String> {
    let xml = std::str::from_utf8(&inputs.xml).expect("utf-8");
    let section = &xml[xml
        .find(&format!("<registry id=\"{id}\">"))
        .expect("sub-registry")..];
    let section = &section[..section.find("</registry>").expect("its end")];
    section
        .split("<id>")
        .skip(1)
        .map(|rest| rest[..rest.find("</id>").expect("</id>")].to_owned())
        .collect()
}

fn subprotocol_record(id: &str) -> String {
    format!(
        "    <record>\n      <id>{id}</id>\n      <common>{id}</common>\n      \
         <definition><xref type=\"uri\" data=\"https://example.test/\"/></definition>\n    </record>\n"
    )
}

fn extension_record(id: &str) -> String {
    format!(
        "    <record>\n      <id>{id}</id>\n      <common>{id}</common>\n      \
         <definition><xref type=\"rfc\" data=\"rfc6455\"/></definition>\n      \
         <incompatible>None</incompatible>\n    </record>\n"
    )
}

/// A test for the generated crate: every name is found and is itself, and every near miss
/// finds exactly what a linear search over the names finds.
fn lookup_test(krate: &str, type_name: &str) -> String {
    format!(
        r#"use generated_{krate}::{type_name} as Named;

const NAMES: &str = include_str!("names.txt");

/// The index of `candidate` in `names`, one comparison at a time.
fn linear_search(names: &[&str], candidate: &str) -> Option<usize> {{
    names.iter().position(|name| *name == candidate)
}}

/// Strings one edit away from `name`: a byte added, dropped or changed at each end and in the
/// middle, every letter's case flipped, and each digit turned into the next (which is often
/// another name of the set: the lookup must find that one, not this one).
fn near_misses(name: &str) -> Vec<String> {{
    let mut misses = vec![format!("{{name}}x"), format!("x{{name}}"), name.to_uppercase()];
    if !name.is_empty() {{
        let middle = name.len() / 2;
        misses.push(name[1..].to_owned());
        misses.push(name[..name.len() - 1].to_owned());
        misses.push(format!("{{}}!{{}}", &name[..middle], &name[middle..]));
        let mut bytes = name.as_bytes().to_vec();
        let last = bytes.len() - 1;
        bytes[last] = if bytes[last] == b'0' {{ b'1' }} else {{ b'0' }};
        misses.push(String::from_utf8(bytes).unwrap());
    }}
    for (i, byte) in name.bytes().enumerate() {{
        if byte.is_ascii_digit() {{
            let next = if byte == b'9' {{ b'0' }} else {{ byte + 1 }};
            let mut bytes = name.as_bytes().to_vec();
            bytes[i] = next;
            misses.push(String::from_utf8(bytes).unwrap());
        }}
    }}
    misses
}}

#[test]
fn every_name_and_every_near_miss_agree_with_a_linear_search() {{
    let names: Vec<&str> = NAMES.lines().collect();
    assert_eq!(Named::ALL.len(), names.len());
    let (mut misses_checked, mut misses_that_are_names) = (0, 0);
    for (i, name) in names.iter().enumerate() {{
        let found = Named::from_name(name).unwrap_or_else(|| panic!("{{name:?}} not found"));
        assert_eq!(found.as_str(), *name);
        assert_eq!(Named::ALL[i], found);
        for miss in near_misses(name) {{
            let expected = linear_search(&names, &miss).map(|i| Named::ALL[i]);
            assert_eq!(Named::from_name(&miss), expected, "{{miss:?}}");
            misses_checked += 1;
            misses_that_are_names += usize::from(expected.is_some());
        }}
    }}
    assert!(misses_checked >= names.len() * 3);
    assert!(misses_that_are_names >= names.len(), "{{misses_that_are_names}}");
}}
"#
    )
}

#[test]
fn large_and_unseparable_name_sets_are_looked_up_like_a_linear_search() {
    // 3,000 subprotocols: more than sampled positions and a direct table handle.
    let large_ids: Vec<String> = (0..3000)
        .map(|i| format!("proto-{i:04}.example.test"))
        .collect();
    let large = with_records(
        "subprotocol-name",
        &large_ids
            .iter()
            .map(|id| subprotocol_record(id))
            .collect::<String>(),
    );
    // 256 extensions that differ only in a byte at position 70 and in their last bytes, which
    // no seven sampled positions separate.
    let unseparable_ids: Vec<String> = (0..256)
        .map(|i| format!("{}{}{}{}", "x".repeat(70), i % 16, "y".repeat(20), i / 16))
        .collect();
    let unseparable = with_records(
        "extension-name",
        &unseparable_ids
            .iter()
            .map(|id| extension_record(id))
            .collect::<String>(),
    );

    let mut crates = Vec::new();
    for (name, inputs, file, type_name, id, layout) in [
        (
            "large",
            &large,
            "subprotocols.rs",
            "Subprotocol",
            "subprotocol-name",
            &[
                "crate::name_hash::whole(",
                "crate::name_hash::displaced_slot(",
            ][..],
        ),
        (
            "unseparable",
            &unseparable,
            "extensions.rs",
            "Extension",
            "extension-name",
            &["crate::name_hash::whole("][..],
        ),
    ] {
        let set = common::generate_ok(inputs);
        // The layout under test is the one emitted (a generator change that stopped producing
        // it would leave it untested).
        let source = common::file(&set, file);
        for call in layout {
            assert!(source.contains(call), "{name}: {file} does not call {call}");
        }
        let names = ids(inputs, id);
        assert!(names.len() >= 256, "{name}: {}", names.len());
        crates.push(RuntimeCrate {
            name: name.to_owned(),
            set,
            tests: vec![
                ("names.txt".to_owned(), names.join("\n")),
                ("lookup.rs".to_owned(), lookup_test(name, type_name)),
            ],
        });
    }
    test_runtime_crates("lookup-layouts", &crates);
}
