//! Editing the vendored registry changes the generated code, and the new record arrives with
//! its docs: what a maintainer sees after `cargo xtask regen`.

mod common;

use common::{edited_inputs, file, generate_ok};

#[test]
fn registering_close_code_3999_adds_a_constant_with_docs() {
    let inputs = edited_inputs(|xml| {
        xml.replace(
            "<value>3009-3999</value>\n      <description>Unassigned</description>\n      <contact/>\n    </record>",
            "<value>3009-3998</value>\n      <description>Unassigned</description>\n      <contact/>\n    </record>\n    \
             <record date=\"2026-11-21\">\n      <value>3999</value>\n      <description>Example Code</description>\n      \
             <contact><xref type=\"person\" data=\"Ada_Young\"/></contact>\n    </record>",
        )
    });
    let before = generate_ok(&common::fixture_inputs());
    let after = generate_ok(&inputs);
    let codes = file(&after, "close_codes.rs");
    assert_ne!(file(&before, "close_codes.rs"), codes);
    assert!(codes.contains("pub const EXAMPLE_CODE: CloseCode = CloseCode(3999);"));
    assert!(codes.contains("/// **3999** Example Code"));
    assert!(codes.contains("Contact: Ada Young. Registered 2026-11-21."));
    assert!(codes.contains("3999 => Some(&ENTRIES["));
    // What was generated before the edit is now stale: what `cargo xtask check` reports.
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("edit-3999");
    let _ = std::fs::remove_dir_all(&dir);
    before.write_atomically(&dir).expect("write");
    let staleness = after.compare(&dir).expect("readable");
    assert!(!staleness.is_fresh());
    assert!(staleness
        .changed
        .iter()
        .any(|(name, _)| name == "close_codes.rs"));
    assert!(staleness
        .report()
        .contains("+    pub const EXAMPLE_CODE: CloseCode = CloseCode(3999);"));
}

#[test]
fn registering_a_subprotocol_adds_a_variant_with_docs() {
    let inputs = edited_inputs(|xml| {
        xml.replace(
            "  </registry>\n\n  <registry id=\"version-number\">",
            "    <record date=\"2026-11-21\">\n      <id>example.org</id>\n      <common>Example</common>\n      \
             <definition><xref type=\"uri\" data=\"https://example.org/spec\"/></definition>\n      \
             <xref type=\"person\" data=\"Ada_Young\"/>\n    </record>\n  </registry>\n\n  <registry id=\"version-number\">",
        )
    });
    let set = generate_ok(&inputs);
    let subprotocols = file(&set, "subprotocols.rs");
    assert!(subprotocols.contains("    ExampleOrg,"));
    assert!(subprotocols.contains("/// `example.org`: Example"));
    assert!(common::name_variants(subprotocols)
        .contains(&("example.org".to_owned(), "ExampleOrg".to_owned())));
    let before = generate_ok(&common::fixture_inputs());
    assert_ne!(file(&before, "subprotocols.rs"), subprotocols);
}

#[test]
fn colliding_identifiers_get_distinct_deterministic_names() {
    // `v1-usp` maps to the same Rust name as the registered `v1.usp`; `CLUE` to that of `clue`.
    let inputs = edited_inputs(|xml| {
        xml.replace(
            "  </registry>\n\n  <registry id=\"version-number\">",
            "    <record><id>v1-usp</id><common>x</common><definition>d</definition></record>\n    \
             <record><id>CLUE</id><common>y</common><definition>d</definition></record>\n  </registry>\n\n  <registry id=\"version-number\">",
        )
    });
    let set = generate_ok(&inputs);
    let subprotocols = file(&set, "subprotocols.rs");
    let names = common::name_variants(subprotocols);
    for (id, variant) in [
        ("v1.usp", "V1Usp"),
        ("v1-usp", "V1Usp2"),
        ("clue", "Clue"),
        ("CLUE", "Clue2"),
    ] {
        assert!(
            names.contains(&(id.to_owned(), variant.to_owned())),
            "{id} -> {variant}"
        );
    }
}

#[test]
fn a_curated_entry_for_a_missing_record_is_an_error_with_its_position() {
    let mut inputs = common::fixture_inputs();
    inputs.curated = Some((
        "registry/curated.toml".to_owned(),
        "# notes\n[close-code.1000]\nlabel = \"Normal\"\n\n[close-code.3999]\nlabel = \"Nope\"\n"
            .to_owned(),
    ));
    let err = xtask::generate(&inputs).expect_err("stale curated entry");
    let message = err.to_string();
    assert!(message.starts_with("registry/curated.toml:"), "{message}");
    assert!(message.contains("[close-code.3999]"), "{message}");
    assert_eq!(err.pos.map(|p| p.line), Some(5), "{message}");
}

/// Curated TOML the generator does not understand is refused at the line and column of the
/// offending key or value, never silently ignored.
#[test]
fn malformed_curated_data_is_refused_at_its_key_or_value() {
    let cases = [
        // (text, expected line, expected column, words the message must hold)
        (
            "[close-code.1000]\nlabel = \"Normal\"\nlable = \"typo\"\n",
            3,
            1,
            "unknown field `lable`",
        ),
        (
            "\n[close-code.1000]\nlabel = 1000\n",
            3,
            9,
            "`label` must be a string, found an integer",
        ),
        (
            "[close-codes.1000]\nlabel = \"x\"\n",
            1,
            2,
            "unknown table `close-codes`",
        ),
        (
            "close-code = \"x\"\n",
            1,
            14,
            "`close-code` must be a table",
        ),
        (
            "[opcode.8]\nlabel = \"Close\"\n",
            2,
            1,
            "unknown field `label`, expected one of `rust-name`, `description`",
        ),
        (
            "[subprotocol.\"mqtt\"]\nlabel = \"MQTT\"\n",
            2,
            1,
            "unknown field `label`, expected `rust-name`",
        ),
        (
            "[explain]\nField_Label = \"Label\"\n",
            2,
            1,
            "a key is lowercase words joined by `-`",
        ),
        (
            "[explain]\nheader = \"updated {date\"\n",
            2,
            10,
            "a `{` without its `}`",
        ),
        (
            "[close-code.1000]\nlabel = \"a\"\nlabel = \"b\"\n",
            3,
            1,
            "invalid curated data",
        ),
    ];
    for (text, line, column, words) in cases {
        let mut inputs = common::fixture_inputs();
        inputs.curated = Some(("registry/curated.toml".to_owned(), text.to_owned()));
        let err = xtask::generate(&inputs).expect_err(text);
        let message = err.to_string();
        assert!(message.starts_with("registry/curated.toml:"), "{message}");
        assert!(message.contains(words), "{text:?}: {message}");
        assert_eq!(
            err.pos.map(|p| (p.line, p.column)),
            Some((line, column)),
            "{text:?}: {message}"
        );
    }
}

#[test]
fn errors_name_file_line_and_record() {
    let inputs = edited_inputs(|xml| xml.replace("<value>1009</value>", "<value>10x9</value>"));
    let err = xtask::generate(&inputs).expect_err("bad value");
    let message = err.to_string();
    let line = common::fixture_inputs()
        .xml
        .split(|b| *b == b'\n')
        .position(|l| String::from_utf8_lossy(l).contains("<value>1009</value>"))
        .expect("line of 1009")
        + 1;
    assert!(
        message.starts_with(&format!("history/2026-06-10-9db04fa975ba.xml:{line}:")),
        "{message}"
    );
    assert!(
        message.contains("sub-registry close-code-number"),
        "{message}"
    );
    assert!(message.contains("record \"10x9\""), "{message}");
    assert!(message.contains("not a number"), "{message}");
}

#[test]
fn overlapping_close_code_rows_are_refused() {
    let inputs =
        edited_inputs(|xml| xml.replace("<value>1016-2999</value>", "<value>1015-2999</value>"));
    let message = xtask::generate(&inputs).expect_err("overlap").to_string();
    assert!(message.contains("overlaps"), "{message}");
    assert!(
        message.starts_with("history/2026-06-10-9db04fa975ba.xml:"),
        "{message}"
    );
    assert!(
        message.contains("sub-registry close-code-number"),
        "{message}"
    );
    assert!(
        message.contains("1015-2999") && message.contains("value 1015 "),
        "{message}"
    );
}

#[test]
fn a_range_inside_another_is_an_overlap() {
    // 2000 lies inside 1016-2999 without touching either end.
    let inputs = edited_inputs(|xml| xml.replace("<value>3000</value>", "<value>2000</value>"));
    let message = xtask::generate(&inputs).expect_err("overlap").to_string();
    assert!(
        message.contains("value 2000 overlaps value 1016-2999"),
        "{message}"
    );
}

#[test]
fn a_duplicate_identifier_or_bit_is_refused() {
    let inputs = edited_inputs(|xml| xml.replace("<id>rwpcp</id>", "<id>wpcp</id>"));
    let message = xtask::generate(&inputs).expect_err("duplicate").to_string();
    assert!(
        message.contains("sub-registry subprotocol-name"),
        "{message}"
    );
    assert!(
        message.contains("identifier \"wpcp\" is registered twice"),
        "{message}"
    );

    let inputs = edited_inputs(|xml| {
        xml.replace(
            "  </registry>\n  \n  \n  <people>",
            "    <record><value>RSV1</value><description>again</description></record>\n  </registry>\n  \n  \n  <people>",
        )
    });
    let message = xtask::generate(&inputs)
        .expect_err("duplicate bit")
        .to_string();
    assert!(
        message.contains("sub-registry framing-header-bits"),
        "{message}"
    );
    assert!(message.contains("RSV1 is registered twice"), "{message}");
}

#[test]
fn definitions_keep_the_text_around_their_references() {
    // On the pinned fixture: MBWS's definition is a reference followed by "(page 9)", SHIP's
    // is prose with references inside it.
    let literals = common::string_literals(&generate_ok(&common::fixture_inputs()));
    let mbws = "http://www.ietf.org/id/draft-hapner-hybi-messagebroker-subprotocol-01.txt (page 9)";
    assert!(literals.contains(mbws), "no literal {mbws:?}");
    let ship = "SHIP (Smart Home IP) is a an IP based approach to plug and play home automation";
    assert!(
        literals.iter().any(|literal| literal.starts_with(ship)),
        "no literal starting {ship:?}"
    );
}

/// The fixture with `curated` as the curated file and `translations` as `registry/l10n/`.
fn with_texts(curated: &str, translations: &[(&str, &str)]) -> xtask::Inputs {
    let mut inputs = common::fixture_inputs();
    inputs.curated = Some(("registry/curated.toml".to_owned(), curated.to_owned()));
    inputs.translations = translations
        .iter()
        .map(|(name, text)| (format!("registry/l10n/{name}"), (*text).to_owned()))
        .collect();
    inputs
}

#[test]
fn a_missing_translation_shows_english_and_is_listed_but_never_stops_regen() {
    let curated = "[close-code.1000]\nlabel = \"Normal Closure\"\ndescription = \"Done.\"\n\
                   reconnect = \"no\"\nreconnect-why = \"Done.\"\n";
    let german = "[close-code.1000]\nlabel = \"Normales Schließen\"\n\n\
                  [reconnect-advice]\nno = \"nicht erneut verbinden\"\n\n\
                  [close-code-table]\nyes = \"ja\"\n";
    let set = generate_ok(&with_texts(curated, &[("de.toml", german)]));
    // One line for German; the curated text here has no [close-code-table], which the
    // English line says.
    let missing: Vec<&String> = set
        .missing_translations
        .iter()
        .filter(|line| !line.starts_with("English words missing"))
        .collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    // 1000 lacks its description and reason, 1001 everything, every range its texts.
    for expected in [
        "German texts missing for: 1000, 1001,",
        "range not-used",
        "range undefined",
        "reconnect-advice.after-delay",
    ] {
        assert!(missing[0].contains(expected), "{expected:?} in {missing:?}");
    }
    let codes = file(&set, "close_codes.rs");
    assert!(
        codes.contains("language: crate::Language::German"),
        "{codes}"
    );
    assert!(
        codes.contains("label: Some(\"Normales Schließen\")"),
        "{codes}"
    );
    let table = file(&set, "close_codes.de.md");
    assert!(
        table.contains(
            "| 1000 | Normales Schließen | Done. | ja | ja | nicht erneut verbinden: Done. |"
        ),
        "{table}"
    );
    assert!(table.contains("| 1001 | Going Away |"), "{table}");
}

/// (curated file, translation files, where the error must point, words it must hold)
type TextCase<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str, &'a [&'a str]);

#[test]
fn translations_and_reconnect_advice_are_checked_where_they_are_written() {
    let cases: &[TextCase<'_>] = &[
        (
            "",
            &[(
                "de.toml",
                "[close-code.1000]\nlabel = \"x\"\n\n[close-code.3999]\nlabel = \"y\"\n",
            )],
            "registry/l10n/de.toml:4:",
            &[
                "[close-code.3999]",
                "no close code record that assigns this number",
            ],
        ),
        (
            "",
            &[("fr.toml", "")],
            "registry/l10n/fr.toml",
            &["not a language this crate has texts in", "de.toml, ja.toml"],
        ),
        (
            "",
            &[(
                "ja.toml",
                "[close-code-range.private]\ndescription = \"x\"\n",
            )],
            "registry/l10n/ja.toml:1:",
            &["not a range of RFC 6455 section 7.4.2"],
        ),
        (
            "",
            &[("de.toml", "[close-code.1000]\nlabel = \"\"\n")],
            "registry/l10n/de.toml:2:9",
            &["`label` is empty"],
        ),
        (
            "[close-code.1000]\nreconnect = \"later\"\nreconnect-why = \"x\"\n",
            &[],
            "registry/curated.toml:2:13",
            &[
                "`reconnect` is \"later\"",
                "\"no\", \"after-delay\", \"with-backoff\", \"application-defined\"",
            ],
        ),
        (
            "[close-code.1000]\nreconnect = \"no\"\n",
            &[],
            "registry/curated.toml:1:",
            &["`reconnect` and `reconnect-why` go together"],
        ),
        (
            "[explain]\nheader = \"updated {date}\"\n",
            &[(
                "de.toml",
                "[explain]\nheader = \"Stand {date}\"\nheadr = \"x\"\n",
            )],
            "registry/l10n/de.toml:3:1",
            &["`explain.headr` is not a text of `cargo xtask explain`"],
        ),
        (
            "[explain]\nheader = \"updated {date}\"\n",
            &[("ja.toml", "[explain]\nheader = \"{datum} 更新\"\n")],
            "registry/l10n/ja.toml:2:1",
            &["has the placeholders {datum} but the English text has {date}"],
        ),
        (
            "",
            &[("de.toml", "[close-code.1000]\nnot-on-wire-reason = \"x\"\n")],
            "registry/l10n/de.toml:1:",
            &["`not-on-wire-reason` translates a reason registry/curated.toml does not give"],
        ),
        (
            "[close-code-range.registered]\nnot-on-wire-reason = \"x\"\n",
            &[],
            "registry/curated.toml:1:",
            &["every code is valid on the wire"],
        ),
        (
            "[close-code.1000]\nrust-name = \"Normal\"\n",
            &[],
            "registry/curated.toml:1:1",
            &["rust-name \"Normal\" is not a SCREAMING_SNAKE_CASE identifier"],
        ),
        (
            "[opcode.1]\nrust-name = \"textFrame\"\n",
            &[],
            "registry/curated.toml:1:1",
            &["rust-name \"textFrame\" is not an UpperCamelCase identifier"],
        ),
        (
            "[close-code.1000]\nnot-on-wire = true\n",
            &[],
            "registry/curated.toml:1:",
            &["`not-on-wire = true` and `not-on-wire-reason` go together"],
        ),
        (
            "[close-code.1000]\nnot-on-wire-reason = \"x\"\n",
            &[],
            "registry/curated.toml:1:",
            &["`not-on-wire = true` and `not-on-wire-reason` go together"],
        ),
        (
            "[close-code.1000]\nnot-on-wire = \"yes\"\n",
            &[],
            "registry/curated.toml:2:15",
            &["`not-on-wire` must be true or false, found a string"],
        ),
        (
            "[version.99]\nlabel = \"x\"\n",
            &[],
            "registry/curated.toml:1:",
            &["[version.99]", "no version record with this number"],
        ),
        (
            "",
            &[("ja.toml", "[header-bit.RSV3]\nlabel = \"x\"\n")],
            "registry/l10n/ja.toml:1:",
            &["[header-bit.RSV3]", "no framing header bit with this name"],
        ),
        (
            "",
            &[("de.toml", "[opcode.1]\nreconnect-why = \"x\"\n")],
            "registry/l10n/de.toml:2:1",
            &["unknown field `reconnect-why`, expected one of `label`, `description`"],
        ),
        (
            "[reconnect-advice]\nlater = \"x\"\n",
            &[],
            "registry/curated.toml:2:1",
            &[
                "unknown advice `later` in [reconnect-advice]",
                "`after-delay`",
            ],
        ),
    ];
    for (curated, translations, place, words) in cases {
        let err = xtask::generate(&with_texts(curated, translations)).expect_err(place);
        let message = err.to_string();
        assert!(message.starts_with(place), "{place:?}: {message}");
        for word in *words {
            assert!(message.contains(word), "{word:?} in {message}");
        }
    }
}

#[test]
fn record_and_explain_texts_fall_back_to_english_and_are_listed() {
    let curated = "[opcode.1]\ndescription = \"Text.\"\n\n[header-bit.RSV1]\nlabel = \"Compressed\"\n\
                   description = \"Compressed message.\"\n\n[explain]\nyes = \"yes\"\nno = \"no\"\n";
    let german = "[header-bit.RSV1]\nlabel = \"Komprimiert\"\n\n[explain]\nyes = \"ja\"\n";
    let set = generate_ok(&with_texts(curated, &[("de.toml", german)]));
    // One line for German; the curated text here has no [close-code-table], which the
    // English line says.
    let missing: Vec<&String> = set
        .missing_translations
        .iter()
        .filter(|line| !line.starts_with("English words missing"))
        .collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    for expected in ["opcode 1", "header-bit RSV1", "explain.no"] {
        assert!(missing[0].contains(expected), "{expected:?} in {missing:?}");
    }
    assert!(!missing[0].contains("explain.yes"), "{missing:?}");
    // The German texts: its own where it has them, English where not.
    let texts = file(&set, "explain_texts.rs");
    let german_texts = &texts[texts.find("const GERMAN").expect("GERMAN")..];
    assert!(german_texts.contains("yes: \"ja\""), "{texts}");
    assert!(german_texts.contains("no: \"no\""), "{texts}");
    let bits = file(&set, "header_bits.rs");
    assert!(bits.contains("label: Some(\"Compressed\")"), "{bits}");
    assert!(bits.contains("label: Some(\"Komprimiert\")"), "{bits}");
    let opcodes = file(&set, "opcodes.rs");
    assert!(
        opcodes.contains("description: Some(\"Text.\")"),
        "{opcodes}"
    );
    assert!(
        opcodes.contains("RecordTexts::NONE"),
        "opcodes without texts: {opcodes}"
    );
}

/// The reference tables' words come from `[close-code-table]`: a translation's where it has
/// them, English where not (listed), and a word the tables do not use is refused where it is
/// written.
#[test]
fn the_reference_tables_take_their_words_from_close_code_table() {
    let curated = "[close-code-table]\ncode = \"Code\"\nlabel = \"Label\"\n\
                   description = \"Description\"\non-wire = \"On the wire\"\n\
                   close = \"close()\"\nreconnect = \"Reconnect\"\nyes = \"yes\"\n\
                   no = \"no\"\nrange = \"range\"\n";
    let german = "[close-code-table]\nyes = \"ja\"\non-wire = \"Auf der Leitung\"\n";
    let set = generate_ok(&with_texts(curated, &[("de.toml", german)]));
    let table = file(&set, "close_codes.de.md");
    assert!(
        table.contains("| Code | Label | Description | Auf der Leitung | close() | Reconnect |"),
        "{table}"
    );
    assert!(table.contains("| ja |"), "{table}");
    assert!(
        table.contains("| no |"),
        "German lacks `no`: English shows\n{table}"
    );
    let missing = set.missing_translations.join("\n");
    assert!(missing.contains("close-code-table.no"), "{missing}");
    assert!(!missing.contains("close-code-table.yes"), "{missing}");
    assert!(!missing.contains("English words missing"), "{missing}");

    let error = xtask::generate(&with_texts("[close-code-table]\nmaybe = \"x\"\n", &[]))
        .expect_err("an unknown word");
    let message = error.to_string();
    assert!(
        message
            .starts_with("registry/curated.toml:2:1: unknown word `maybe` in [close-code-table]"),
        "{message}"
    );
}
