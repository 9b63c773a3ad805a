//! The JSON writer behind `cargo xtask diff --format json`, read back by `serde_json`: an
//! oracle written independently of `xtask::json`.

mod common;

use std::path::Path;

use proptest::prelude::*;
use xtask::json::{Json, ToJson};
use xtask::registries::diff;
use xtask::release::advise;
use xtask::report::Report;

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any string comes back unchanged, whatever it holds (quotes, controls, non-ASCII).
    #[test]
    fn any_string_round_trips(text in any::<String>()) {
        let written = Json::String(text.clone()).pretty();
        let read: String = serde_json::from_str(&written).expect("valid JSON");
        prop_assert_eq!(read, text);
    }

    /// Nested arrays and objects of strings, booleans and nulls stay the same structure.
    #[test]
    fn nested_values_round_trip(items in prop::collection::vec((any::<String>(), any::<Option<bool>>()), 0..6)) {
        let value = Json::Object(vec![
            ("items", Json::Array(items.iter().map(|(text, flag)| Json::Object(vec![
                ("text", text.to_json()),
                ("flag", flag.map_or(Json::Null, Json::Bool)),
            ])).collect())),
            ("empty", Json::Array(Vec::new())),
        ]);
        let read: serde_json::Value = serde_json::from_str(&value.pretty()).expect("valid JSON");
        let expected = serde_json::json!({
            "items": items.iter().map(|(text, flag)| serde_json::json!({"text": text, "flag": flag})).collect::<Vec<_>>(),
            "empty": [],
        });
        prop_assert_eq!(read, expected);
    }
}

/// A real registry update (IANA renamed `Redfish WebSocket` to `Redfish` on 2023-08-14), as
/// the report's JSON: the fields a tool reads, with the values the text report shows.
#[test]
fn a_real_update_reads_back_as_the_report_says() {
    let [old, new] = ["2023-08-08-2eb916101e40.xml", "2023-08-14-5f54b4938978.xml"]
        .map(|name| common::history_inputs(&common::history_file(name)));
    let parse = |inputs: &xtask::Inputs| {
        xtask::registries::parse_registry(Path::new(&inputs.xml_name), &inputs.xml)
            .unwrap_or_else(|err| panic!("{err}"))
    };
    let changes = diff(&parse(&old), "old.xml", &parse(&new), "new.xml");
    let release = advise(&common::generate_ok(&old), &common::generate_ok(&new));
    let report = Report::new(changes, release, false);
    let json: serde_json::Value = serde_json::from_str(&report.json()).expect("valid JSON");
    assert_eq!(json["identical"], false);
    assert_eq!(json["new"]["updated"], "2023-08-14");
    assert_eq!(json["release"]["kind"], report.release.kind.as_str());
    let sections = json["sub_registries"].as_array().expect("sub_registries");
    let subprotocols = sections
        .iter()
        .find(|s| s["id"] == "subprotocol-name")
        .expect("subprotocol-name section");
    let changed = subprotocols["changed"].as_array().expect("changed");
    assert!(
        changed
            .iter()
            .any(|c| c["old_key"] == "Redfish WebSocket" && c["new_key"] == "Redfish"),
        "{subprotocols:#}"
    );
}
