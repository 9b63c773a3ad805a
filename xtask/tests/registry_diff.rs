//! The change report against IANA's real updates: consecutive pairs of the 75 published
//! versions kept in `tests/data/history/`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use xtask::diff::RegistryDiff;
use xtask::registries::diff;
use xtask::registries::parse_registry;
use xtask::release::{advise, ReleaseKind};
use xtask::GeneratedSet;

use common::history_file;

fn diff_files(old: &Path, new: &Path) -> RegistryDiff {
    let parse = |path: &Path| {
        let bytes = std::fs::read(path).expect("readable history file");
        parse_registry(path, &bytes).unwrap_or_else(|err| panic!("{err}"))
    };
    diff(
        &parse(old),
        &old.display().to_string(),
        &parse(new),
        &new.display().to_string(),
    )
}

fn diff_pair(old: &str, new: &str) -> RegistryDiff {
    diff_files(&history_file(old), &history_file(new))
}

fn generated(name: &str) -> GeneratedSet {
    common::generate_ok(&common::history_inputs(&history_file(name)))
}

fn release_kind(old: &str, new: &str) -> ReleaseKind {
    advise(&generated(old), &generated(new)).kind
}

/// `(sub-registry, sorted keys)` for one kind of change, leaving out empty sections.
fn keys(
    diff: &RegistryDiff,
    pick: fn(&xtask::diff::SectionDiff) -> Vec<String>,
) -> Vec<(String, Vec<String>)> {
    diff.sub_registries
        .iter()
        .chain([&diff.people])
        .map(|s| {
            let mut k = pick(s);
            k.sort();
            (s.id.clone(), k)
        })
        .filter(|(_, k)| !k.is_empty())
        .collect()
}

fn added(diff: &RegistryDiff) -> Vec<(String, Vec<String>)> {
    keys(diff, |s| s.added.iter().map(|r| r.key.clone()).collect())
}

fn removed(diff: &RegistryDiff) -> Vec<(String, Vec<String>)> {
    keys(diff, |s| s.removed.iter().map(|r| r.key.clone()).collect())
}

fn changed(diff: &RegistryDiff) -> Vec<(String, Vec<String>)> {
    keys(diff, |s| {
        s.changed
            .iter()
            .map(|c| {
                if c.old_key == c.new_key {
                    c.old_key.clone()
                } else {
                    format!("{} -> {}", c.old_key, c.new_key)
                }
            })
            .collect()
    })
}

fn section(id: &str, keys: &[&str]) -> (String, Vec<String>) {
    (id.to_owned(), keys.iter().map(|k| k.to_string()).collect())
}

fn changed_fields(diff: &RegistryDiff, sub_registry: &str, key: &str) -> Vec<String> {
    diff.sub_registries
        .iter()
        .chain([&diff.people])
        .filter(|s| s.id == sub_registry)
        .flat_map(|s| &s.changed)
        .find(|c| c.old_key == key)
        .unwrap_or_else(|| panic!("no change to {sub_registry} {key}"))
        .fields
        .iter()
        .map(|f| f.field.clone())
        .collect()
}

#[test]
fn close_code_registration_splits_the_unassigned_range() {
    // 2021-10: IANA registered 3000 (Unauthorized), which split "1016-3999 Unassigned" into
    // 1016-2999 and 3001-3999 (and added two subprotocols the same day).
    let diff = diff_pair("2021-07-19-a25d49ad119c.xml", "2021-10-05-dd99f9d3f048.xml");
    assert_eq!(
        added(&diff),
        [
            section("subprotocol-name", &["binary.ircv3.net", "text.ircv3.net"]),
            section("close-code-number", &["3000", "3001-3999"]),
            section(
                "people",
                &["Daniel_Oakley", "IRCv3_Working_Group", "Leo_Tietz"]
            ),
        ]
    );
    assert_eq!(removed(&diff), []);
    assert_eq!(
        changed(&diff),
        [section("close-code-number", &["1016-3999 -> 1016-2999"])]
    );
    assert_eq!(
        changed_fields(&diff, "close-code-number", "1016-3999"),
        ["value"]
    );
    assert_eq!(
        release_kind("2021-07-19-a25d49ad119c.xml", "2021-10-05-dd99f9d3f048.xml"),
        ReleaseKind::Minor
    );
}

#[test]
fn subprotocol_renamed_to_another_rust_name_is_major_without_the_name_lock_and_minor_with_it() {
    // 2023-08: "Redfish WebSocket" became "Redfish": one record renamed, not one removed and
    // one added, and the Rust variant changes name.
    let diff = diff_pair("2023-08-08-2eb916101e40.xml", "2023-08-14-5f54b4938978.xml");
    assert_eq!(added(&diff), []);
    assert_eq!(removed(&diff), []);
    assert_eq!(
        changed(&diff),
        [
            section("subprotocol-name", &["Redfish WebSocket -> Redfish"]),
            section("people", &["DMTF_Administration"]),
        ]
    );
    assert_eq!(
        changed_fields(&diff, "subprotocol-name", "Redfish WebSocket"),
        ["id", "updated"]
    );
    let advice = advise(
        &generated("2023-08-08-2eb916101e40.xml"),
        &generated("2023-08-14-5f54b4938978.xml"),
    );
    assert_eq!(advice.kind, ReleaseKind::Major);
    assert!(advice
        .removed_items
        .contains(&"subprotocols::Subprotocol::RedfishWebSocket".to_owned()));
    assert!(advice
        .added_items
        .contains(&"subprotocols::Subprotocol::Redfish".to_owned()));

    // With the lock the older version wrote, as `cargo xtask diff` reads registry/names.toml:
    // the old name stays as an alias, and the rename only adds.
    let before = generated("2023-08-08-2eb916101e40.xml");
    let mut inputs = common::history_inputs(&common::history_file("2023-08-14-5f54b4938978.xml"));
    inputs.names_lock = Some(("registry/names.toml".to_owned(), before.names_lock.clone()));
    let advice = advise(&before, &common::generate_ok(&inputs));
    assert_eq!(advice.kind, ReleaseKind::Minor, "{advice:?}");
    assert_eq!(advice.removed_items, Vec::<String>::new());
    assert!(advice
        .added_items
        .contains(&"subprotocols::Subprotocol::Redfish".to_owned()));
}

#[test]
fn subprotocol_renamed_by_case_keeps_its_rust_name() {
    // 2020-11: "CLUE" became "clue"; the variant is `Clue` either way, so only data changes.
    let diff = diff_pair("2020-08-28-1241d546db2d.xml", "2020-11-06-d47f346544b9.xml");
    assert_eq!(
        changed(&diff),
        [section("subprotocol-name", &["CLUE -> clue"])]
    );
    assert_eq!(
        changed_fields(&diff, "subprotocol-name", "CLUE"),
        ["id", "common name"]
    );
    assert_eq!(
        release_kind("2020-08-28-1241d546db2d.xml", "2020-11-06-d47f346544b9.xml"),
        ReleaseKind::Patch
    );
}

#[test]
fn rename_with_new_names_everywhere_is_still_one_record() {
    // 2016-05: AMQPWSB10 became amqp with a new common name and definition; it kept its
    // registration date and reference.
    let diff = diff_pair("2015-12-11-7cbf68e7e25c.xml", "2016-05-31-c0f583ccf6e1.xml");
    assert_eq!(
        changed(&diff),
        [
            section("subprotocol-name", &["AMQPWSB10 -> amqp"]),
            section("people", &["Robin_Cover"]),
        ]
    );
    assert_eq!(added(&diff), []);
    assert_eq!(removed(&diff), []);
}

#[test]
fn reference_only_change() {
    // 2016-09: msrp's draft became RFC 7977.
    let diff = diff_pair("2016-09-06-18139f6ce327.xml", "2016-09-23-0976a0018044.xml");
    assert_eq!(changed(&diff), [section("subprotocol-name", &["msrp"])]);
    let change = &diff.sub_registries[1].changed[0];
    let fields: BTreeMap<&str, (&str, &str)> = change
        .fields
        .iter()
        .map(|f| {
            (
                f.field.as_str(),
                (
                    f.old.as_deref().unwrap_or(""),
                    f.new.as_deref().unwrap_or(""),
                ),
            )
        })
        .collect();
    assert_eq!(
        fields["references"],
        ("[RFC-pd-dispatch-msrp-websocket-15]", "[rfc7977]")
    );
    assert_eq!(
        fields.keys().copied().collect::<Vec<_>>(),
        ["definition", "references"]
    );
    assert_eq!(
        release_kind("2016-09-06-18139f6ce327.xml", "2016-09-23-0976a0018044.xml"),
        ReleaseKind::Patch
    );
}

#[test]
fn sub_registry_reference_change_is_metadata() {
    let diff = diff_pair("2021-01-22-598b1f644d67.xml", "2021-01-22-d787c5872bb3.xml");
    let subprotocols = &diff.sub_registries[1];
    assert_eq!(subprotocols.id, "subprotocol-name");
    assert_eq!(subprotocols.metadata.len(), 1);
    assert_eq!(subprotocols.metadata[0].field, "references");
    assert!(subprotocols.added.is_empty() && subprotocols.changed.is_empty());
}

#[test]
fn layout_only_changes_are_identical_in_content() {
    // A processing instruction replaced; a note re-wrapped.
    for (old, new) in [
        ("2021-01-22-d787c5872bb3.xml", "2021-01-22-f6db75f3d5ba.xml"),
        ("2020-04-14-c8101031c8c0.xml", "2020-04-14-e129d3749a17.xml"),
    ] {
        let diff = diff_pair(old, new);
        assert!(diff.is_identical(), "{old} -> {new}: {diff:#?}");
        assert_eq!(release_kind(old, new), ReleaseKind::None, "{old} -> {new}");
    }
}

#[test]
fn date_only_change_is_reported() {
    let diff = diff_pair("2019-05-13-3d4013d11ebf.xml", "2019-05-21-a9d9c3e8852d.xml");
    assert!(!diff.is_identical());
    assert_eq!(diff.registry.len(), 1);
    assert_eq!(diff.registry[0].field, "updated");
    assert_eq!(added(&diff), []);
    assert_eq!(changed(&diff), []);
}

// ---------------------------------------------------------------------------------------------
// An independent oracle over every consecutive pair: the records whose XML text differs.

/// Whitespace-insensitive text of each `<record>` (and `<person>`) element per sub-registry,
/// keyed by its `<id>`/`<value>` (or `id` attribute), found by plain string search.
fn record_texts(xml: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut out: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<registry id=\"") {
        let after = &rest[start + 14..];
        let id = &after[..after.find('"').expect("closing quote")];
        let end = after.find("</registry>").expect("sub-registry closes");
        let body = &after[..end];
        let records = out.entry(id.to_owned()).or_default();
        for block in elements(body, "<record", "</record>") {
            let key = inner(&block, "<id>", "</id>")
                .or_else(|| inner(&block, "<value>", "</value>"))
                .expect("record has a key");
            let key = same_number_range(&normalize(&key));
            records.insert(key.clone(), normalize_record(&block, &key));
        }
        rest = &after[end..];
    }
    let people = out.entry("people".to_owned()).or_default();
    for block in elements(xml, "<person ", "</person>") {
        let key = inner(&block, "id=\"", "\"").expect("person id");
        people.insert(key, normalize(&block));
    }
    out
}

fn elements(text: &str, open: &str, close: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        let end = rest[start..].find(close).expect("element closes") + start + close.len();
        found.push(rest[start..end].to_owned());
        rest = &rest[end..];
    }
    found
}

fn inner(text: &str, open: &str, close: &str) -> Option<String> {
    let start = text.find(open)? + open.len();
    let end = text[start..].find(close)? + start;
    Some(text[start..end].to_owned())
}

/// Collapses whitespace, drops it between tags and at the ends of attribute values (IANA
/// once fixed `data="Alexey_Melnikov "`; both name the same person), and drops empty
/// `<controller/>` elements, which say no more than an absent one.
fn normalize(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .replace("<controller/>", "")
        .replace("<controller></controller>", "")
        .replace("> <", "><")
        .replace("> ", ">")
        .replace(" <", "<")
        .replace(" \"", "\"")
        .replace("=\" ", "=\"")
}

/// IANA once wrote `1014-1014` for `1014`; the generator reads both as the same value.
fn same_number_range(key: &str) -> String {
    match key.split_once('-') {
        Some((a, b)) if a == b => a.to_owned(),
        _ => key.to_owned(),
    }
}

fn normalize_record(block: &str, key: &str) -> String {
    let text = normalize(block);
    match inner(&text, "<value>", "</value>") {
        Some(raw) if raw != key => text.replace(
            &format!("<value>{raw}</value>"),
            &format!("<value>{key}</value>"),
        ),
        _ => text,
    }
}

#[test]
fn every_consecutive_pair_reports_exactly_the_records_that_differ() {
    let files = common::history();
    assert_eq!(files.len(), 75);
    let mut pairs_with_changes = 0;
    for pair in files.windows(2) {
        let (old_path, new_path) = (&pair[0], &pair[1]);
        let report = diff_files(old_path, new_path);
        let old = record_texts(&std::fs::read_to_string(old_path).expect("utf-8"));
        let new = record_texts(&std::fs::read_to_string(new_path).expect("utf-8"));
        let sections: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
        for id in sections {
            let empty = BTreeMap::new();
            let (before, after) = (old.get(id).unwrap_or(&empty), new.get(id).unwrap_or(&empty));
            let new_texts: BTreeSet<&String> = after.values().collect();
            let old_texts: BTreeSet<&String> = before.values().collect();
            let vanished: BTreeSet<String> = before
                .iter()
                .filter(|(_, text)| !new_texts.contains(text))
                .map(|(key, _)| key.clone())
                .collect();
            let appeared: BTreeSet<String> = after
                .iter()
                .filter(|(_, text)| !old_texts.contains(text))
                .map(|(key, _)| key.clone())
                .collect();
            let section = report
                .sub_registries
                .iter()
                .chain([&report.people])
                .find(|s| &s.id == id)
                .unwrap_or_else(|| panic!("report has no section {id}"));
            let reported_old: BTreeSet<String> = section
                .removed
                .iter()
                .map(|r| r.key.clone())
                .chain(section.changed.iter().map(|c| c.old_key.clone()))
                .collect();
            let reported_new: BTreeSet<String> = section
                .added
                .iter()
                .map(|r| r.key.clone())
                .chain(section.changed.iter().map(|c| c.new_key.clone()))
                .collect();
            let context = format!(
                "{} -> {}, {id}",
                old_path.file_name().unwrap_or_default().to_string_lossy(),
                new_path.file_name().unwrap_or_default().to_string_lossy()
            );
            assert_eq!(reported_old, vanished, "{context}: old records reported");
            assert_eq!(reported_new, appeared, "{context}: new records reported");
            if !vanished.is_empty() || !appeared.is_empty() {
                pairs_with_changes += 1;
            }
        }
    }
    // Most published versions change at least one record; the oracle is not vacuous.
    assert!(pairs_with_changes > 60, "{pairs_with_changes}");
}
