//! Public names survive IANA's edits: the 75 published versions of `websocket.xml` walked
//! forward with the name lock (`registry/names.toml`) carried from each to the next.
//!
//! Without the lock, two of the updates call for a major release, both because IANA renamed
//! a subprotocol identifier (`AMQPWSB10` became `amqp` on 2016-05-31, `Redfish WebSocket`
//! became `Redfish` on 2023-08-14). With it, none does, and the old names still compile and
//! equal the new ones.

mod common;

use std::path::{Path, PathBuf};

use xtask::names_lock::NameLock;
use xtask::release::{advise, ReleaseKind};
use xtask::GeneratedSet;

/// The version's date, from its corpus file name (`2016-05-31-c0f583ccf6e1.xml`).
fn date_of(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    name.get(..10).unwrap_or_default().to_owned()
}

/// Every version generated in order, each with the lock the one before it wrote (or with no
/// lock at all, as the generator worked before it had one).
fn walk(carry_lock: bool) -> Vec<(PathBuf, GeneratedSet)> {
    let mut lock: Option<String> = None;
    let mut out = Vec::new();
    for path in common::history() {
        let mut inputs = common::history_inputs(&path);
        inputs.names_lock = lock
            .take()
            .map(|text| ("registry/names.toml".to_owned(), text));
        let set = common::generate_ok(&inputs);
        if carry_lock {
            lock = Some(set.names_lock.clone());
        }
        out.push((path, set));
    }
    out
}

/// The dates of the updates that call for a major release.
fn majors(walk: &[(PathBuf, GeneratedSet)]) -> Vec<(String, Vec<String>)> {
    walk.windows(2)
        .filter_map(|pair| {
            let advice = advise(&pair[0].1, &pair[1].1);
            (advice.kind == ReleaseKind::Major).then(|| (date_of(&pair[1].0), advice.removed_items))
        })
        .collect()
}

#[test]
fn without_the_lock_the_two_identifier_renames_break_the_api() {
    // The control: the walk below would pass for a lock that did nothing only if this failed.
    let majors = majors(&walk(false));
    let dates: Vec<&str> = majors.iter().map(|(date, _)| date.as_str()).collect();
    assert_eq!(dates, ["2016-05-31", "2023-08-14"], "{majors:?}");
    assert!(majors[0]
        .1
        .iter()
        .any(|item| item.ends_with("Subprotocol::Amqpwsb10")));
    assert!(majors[1]
        .1
        .iter()
        .any(|item| item.ends_with("Subprotocol::RedfishWebSocket")));
}

#[test]
fn with_the_lock_no_update_of_the_corpus_calls_for_a_major_release() {
    let walk = walk(true);
    assert_eq!(walk.len(), 75);
    assert_eq!(majors(&walk), Vec::<(String, Vec<String>)>::new());
    // The renames are recognised as such: each old name is an alias of the new record.
    let (_, last) = walk.last().expect("a corpus");
    let lock = NameLock::parse(
        Path::new("names.toml"),
        &last.names_lock,
        &xtask::registries::name_styles(),
    )
    .expect("the lock parses");
    let subprotocols = &lock.tables["subprotocol-name"];
    let amqp = &subprotocols["amqp"];
    assert_eq!(amqp.name, "Amqp");
    assert_eq!(amqp.aliases[0].name, "Amqpwsb10");
    assert_eq!(amqp.aliases[0].since, "2016-05-31");
    assert_eq!(amqp.aliases[0].reason, "IANA renamed `AMQPWSB10` to `amqp`");
    let redfish = &subprotocols["Redfish"];
    assert_eq!(redfish.aliases[0].name, "RedfishWebSocket");
    assert_eq!(redfish.aliases[0].since, "2023-08-14");
    assert!(!subprotocols.contains_key("AMQPWSB10"));
}

/// The Rust type of each sub-registry's names.
const TYPES: &[(&str, &str)] = &[
    ("close-code-number", "CloseCode"),
    ("opcode", "Opcode"),
    ("subprotocol-name", "Subprotocol"),
    ("extension-name", "Extension"),
    ("version-number", "Version"),
    ("framing-header-bits", "HeaderBit"),
];

#[test]
fn old_names_still_compile_and_equal_the_new_ones() {
    let walk = walk(true);
    let (_, last) = walk.last().expect("a corpus");
    let styles = xtask::registries::name_styles();
    let lock = NameLock::parse(Path::new("names.toml"), &last.names_lock, &styles)
        .expect("the lock parses");
    let mut checks = String::new();
    let mut count = 0;
    for (id, type_name) in TYPES {
        for record in lock.tables.get(*id).into_iter().flat_map(|t| t.values()) {
            for alias in &record.aliases {
                count += 1;
                let (old, new) = (&alias.name, &record.name);
                // In an expression, and as a pattern.
                checks.push_str(&format!(
                    "    assert_eq!({type_name}::{old}, {type_name}::{new});\n    \
                     assert!(matches!({type_name}::{new}, {type_name}::{old}));\n"
                ));
            }
        }
    }
    assert!(
        count >= 2,
        "the corpus has two renames, found {count} aliases"
    );
    let test = format!(
        "#![allow(deprecated)]\nuse generated_names::*;\n\n#[test]\nfn aliases_equal_the_new_names() {{\n{checks}}}\n"
    );
    common::test_runtime_crates(
        "name-lock-crates",
        &[common::RuntimeCrate {
            name: "names".to_owned(),
            set: last.clone(),
            tests: vec![("aliases.rs".to_owned(), test)],
        }],
    );
}

/// `xml` without the `<record>` that contains `marker`.
fn without_record(xml: &str, marker: &str) -> String {
    let at = xml
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} is in the file"));
    let start = xml[..at].rfind("<record").expect("record start");
    let end = at + xml[at..].find("</record>").expect("record end") + "</record>".len();
    format!("{}{}", &xml[..start], &xml[end..])
}

#[test]
fn records_iana_removes_stay_as_deprecated_items_that_lookups_do_not_return() {
    let newest = common::history().pop().expect("a corpus");
    let before = common::generate_ok(&common::history_inputs(&newest));
    let mut inputs = common::history_inputs(&newest);
    let xml = String::from_utf8(inputs.xml.clone()).expect("UTF-8");
    let xml = without_record(&xml, "<id>mqtt</id>");
    let xml = without_record(&xml, "<id>bbf-usp-protocol</id>");
    let xml = without_record(&xml, "<value>3003</value>");
    inputs.xml = xml.into_bytes();
    inputs.names_lock = Some(("registry/names.toml".to_owned(), before.names_lock.clone()));
    let after = common::generate_ok(&inputs);
    // Nothing public disappears: a removal is not a breaking change any more.
    let advice = advise(&before, &after);
    assert!(advice.removed_items.is_empty(), "{advice:?}");
    assert!(after
        .names_lock
        .contains("[subprotocol-name.\"mqtt\"]\nname = \"Mqtt\""));
    assert!(after.names_lock.contains("removed = "));
    // The crate builds with the removed items (warnings are errors there) and they behave.
    let test =
        "#![allow(deprecated)]\nuse generated_removed::*;\n\n#[test]\nfn removed_items() {\n\
        assert_eq!(Subprotocol::from_name(\"mqtt\"), None);\n\
        assert_eq!(Subprotocol::Mqtt.as_str(), \"mqtt\");\n\
        assert!(!Subprotocol::ALL.contains(&Subprotocol::Mqtt));\n\
        assert_eq!(\"mqtt\".parse::<Subprotocol>().ok(), None);\n\
        assert_eq!(Subprotocol::from_name(\"wamp\"), Some(Subprotocol::Wamp));\n\
        assert_eq!(Extension::from_name(\"bbf-usp-protocol\"), None);\n\
        assert_eq!(Extension::BbfUspProtocol.as_str(), \"bbf-usp-protocol\");\n\
        assert_eq!(Extension::ALL, &[Extension::PermessageDeflate]);\n\
        assert_eq!(CloseCode::FORBIDDEN.as_u16(), 3003);\n\
        assert!(!CloseCode::FORBIDDEN.is_registered());\n\
        assert!(CloseCode::from_u16(3008).is_registered());\n\
        }\n";
    common::test_runtime_crates(
        "name-lock-removed",
        &[common::RuntimeCrate {
            name: "removed".to_owned(),
            set: after,
            tests: vec![("removed.rs".to_owned(), test.to_owned())],
        }],
    );
}

#[test]
fn a_reworded_curated_label_keeps_the_old_constant_as_an_alias() {
    let before = common::generate_ok(&common::committed_inputs());
    let mut inputs = common::committed_inputs();
    let (name, curated) = inputs.curated.take().expect("curated notes");
    assert!(curated.contains("label = \"Bad Gateway\""));
    inputs.curated = Some((
        name,
        curated.replace("label = \"Bad Gateway\"", "label = \"Upstream Failure\""),
    ));
    let after = common::generate_ok(&inputs);
    let codes = common::file(&after, "close_codes.rs");
    assert!(
        codes.contains("pub const UPSTREAM_FAILURE: CloseCode = CloseCode(1014);"),
        "{codes}"
    );
    assert!(
        codes.contains("pub const BAD_GATEWAY: Self = Self::UPSTREAM_FAILURE;"),
        "{codes}"
    );
    assert!(codes.contains(
        "renamed: the name was derived from `Bad Gateway`, which is now `Upstream Failure`"
    ));
    let advice = advise(&before, &after);
    assert_eq!(advice.kind, ReleaseKind::Minor, "{advice:?}");
    assert_eq!(
        advice.added_items,
        ["close_codes::CloseCode::UPSTREAM_FAILURE"]
    );
    assert!(after
        .names_lock
        .contains("name = \"BAD_GATEWAY\", since = "));
}

/// C-CASE (the Rust API Guidelines): in `UpperCamelCase` an acronym is one word, `Uuid` and
/// never `UUID`. Read here as: no two capitals in a row, except where the second one is a
/// word of its own before a digit, an `_` or the end (`OneM2MR2_0Json`). Close-code constants
/// are `SCREAMING_SNAKE_CASE`, where only capitals, digits and `_` appear.
fn follows_c_case(section: &str, name: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    if section == "close-code-number" {
        return chars
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_');
    }
    chars.first().is_some_and(char::is_ascii_uppercase)
        && chars.windows(3).all(|w| {
            !(w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase())
                || w[2].is_ascii_digit()
                || w[2] == '_'
        })
        && !chars.ends_with(&['_'])
}

#[test]
fn every_name_of_every_published_version_follows_c_case() {
    let mut checked = 0;
    for (path, set) in walk(true) {
        let mut section = String::new();
        for line in set.names_lock.lines() {
            if let Some(header) = line.strip_prefix('[') {
                section = header.split('.').next().unwrap_or_default().to_owned();
            }
            if let Some(name) = line
                .strip_prefix("name = \"")
                .and_then(|n| n.strip_suffix('"'))
            {
                assert!(
                    follows_c_case(&section, name),
                    "{}: {section} name {name} breaks C-CASE",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    // 75 versions, each with at least its opcodes and close codes.
    assert!(checked > 75 * 20, "only {checked} names were read");
    // The check itself refuses what it is for.
    assert!(!follows_c_case("subprotocol-name", "WebREPLBinaryV1"));
    assert!(follows_c_case("subprotocol-name", "WebReplBinaryV1"));
}
