//! The explain tool's tests: what each kind of input answers, in each language, as text and
//! as JSON.

use super::*;

fn explain(query: &str) -> Page {
    explain_in(query, Language::English)
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|a| a.to_string()).collect()
}

/// The value of the field `key` in the page's first section of `kind`.
fn value<'p>(page: &'p Page, kind: &str, key: &str) -> &'p str {
    let section = page
        .sections
        .iter()
        .find(|s| s.kind == kind)
        .unwrap_or_else(|| panic!("no {kind} section in {page:#?}"));
    let field = section
        .fields
        .iter()
        .find(|f| f.key == key)
        .unwrap_or_else(|| panic!("no {key} in {section:#?}"));
    &field.value
}

#[test]
fn a_close_code_shows_its_label_range_and_validity() {
    let page = explain("1014");
    assert!(page.found);
    let text = page.text();
    assert!(text.contains("Close code 1014\n"), "{text}");
    assert_eq!(value(&page, "close_code", "label"), "Bad Gateway");
    assert!(value(&page, "close_code", "valid_on_wire").starts_with("yes: "));
    assert!(value(&page, "close_code", "valid_for_close").starts_with("no: "));
    assert_eq!(
        value(&page, "close_code", "client_sees_chromium"),
        "Chromium: CloseEvent.code 1014, as sent"
    );
    assert_eq!(
        value(&page, "close_code", "client_sees_webkitgtk"),
        "WebKitGTK: CloseEvent.code 1006: the connection fails (wasClean false)"
    );
    assert_eq!(
        value(&page, "close_code", "client_sees_deno"),
        "Deno: CloseEvent.code 0: the connection fails (wasClean false)"
    );
    assert_eq!(
        value(&page, "close_code", "client_sees_undici"),
        "undici: CloseEvent.code 1014, as sent"
    );
    // One line per engine, each labelled "A client sees".
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("A client sees"))
        .collect();
    assert_eq!(lines.len(), ClientEngine::ALL.len(), "{text}");
    // Bun's close() takes 1014, against the WHATWG rule.
    assert_eq!(
        value(&page, "close_code", "close_differs"),
        "Bun: close(code) accepts it all the same"
    );
    assert!(value(&page, "close_code", "every_engine").starts_with("no: "));
    // IANA's text is marked, the project's is not.
    assert!(text.contains("  Description (IANA)  "), "{text}");
    assert!(text.contains("  Label    "), "{text}");
    assert!(
        text.contains("Fields marked (IANA) quote IANA's registry"),
        "{text}"
    );
}

#[test]
fn the_ranges_in_sentences_come_from_the_predicates() {
    // Every code the sentence lists is one every engine shows, and the list is complete:
    // an independent walk over all codes.
    let english = texts::texts(Language::English);
    let listed = code_ranges(|c| c.is_shown_by_every_client_engine(), english);
    let mut count = 0u32;
    for part in listed.split(", ") {
        let (first, last) = match part.split_once('-') {
            Some((a, b)) => (a.parse::<u16>().unwrap(), b.parse::<u16>().unwrap()),
            None => (part.parse().unwrap(), part.parse().unwrap()),
        };
        for code in first..=last {
            assert!(CloseCode::from_u16(code).is_shown_by_every_client_engine());
            count += 1;
        }
    }
    let expected = (0..=u16::MAX)
        .filter(|&c| CloseCode::from_u16(c).is_shown_by_every_client_engine())
        .count();
    assert_eq!(count as usize, expected);
    assert_eq!(
        code_ranges(|c| c.is_valid_for_close_method(), english),
        "1000, 3000-4999"
    );
    assert_eq!(
        code_ranges(
            |c| c.is_valid_for_close_method(),
            texts::texts(Language::Japanese)
        ),
        "1000、3000〜4999"
    );
}

#[test]
fn a_number_is_looked_up_in_every_numeric_registry() {
    let page = explain("13");
    let kinds: Vec<&str> = page.sections.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, ["close_code", "version"]);
    assert_eq!(value(&page, "version", "label"), "RFC 6455");
    assert_eq!(value(&page, "version", "status"), "Standard");
    let page = explain("9");
    let kinds: Vec<&str> = page.sections.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, ["close_code", "version", "opcode"]);
    assert!(page.text().contains("Opcode 9 (0x9)\n"));
    assert_eq!(value(&page, "opcode", "kind"), "control frame");
    assert_eq!(value(&page, "opcode", "label"), "Ping");
    let page = explain("1005");
    assert!(value(&page, "close_code", "valid_on_wire").starts_with("no: RFC 6455 section 7.4.1"));
    assert_eq!(
        value(&page, "close_code", "client_sees_firefox"),
        "Firefox: CloseEvent.code 1005, as sent"
    );
    // Leading zeros are still decimal.
    let page = explain("0013");
    assert!(page.found);
    assert!(page.text().contains("Close code 13\n"));
}

#[test]
fn a_close_code_shows_reconnect_advice_and_who_may_use_it() {
    let page = explain("1012");
    assert!(value(&page, "close_code", "reconnect").starts_with("reconnect after a delay: "));
    assert!(value(&page, "close_code", "who_may_use").starts_with("the WebSocket protocol itself"));
    let page = explain("4001");
    assert!(value(&page, "close_code", "reconnect").starts_with("the application decides: "));
    assert!(value(&page, "close_code", "who_may_use").starts_with("any application"));
    assert_eq!(value(&page, "close_code", "label"), "(not registered)");
}

#[test]
fn identifiers_show_their_registration() {
    let page = explain("ocpp1.6");
    assert!(page.found);
    assert!(page.text().contains("Subprotocol ocpp1.6\n"));
    assert_eq!(value(&page, "subprotocol", "name"), "OCPP 1.6");
    let page = explain("permessage-deflate");
    assert!(page.found);
    assert_eq!(value(&page, "extension", "label"), "Per-message DEFLATE");
    assert!(value(&page, "extension", "meaning").contains("RFC 7692"));
    let page = explain("RSV1");
    assert!(page.found);
    assert_eq!(value(&page, "header_bit", "mask"), "0x40");
    assert_eq!(
        value(&page, "header_bit", "label"),
        "Per-message compressed"
    );
}

#[test]
fn every_input_gets_an_exact_answer() {
    // (input, found, words of the one message, or "" for a page with sections)
    let cases = [
        ("1000", true, ""),
        ("65535", true, ""),
        (
            "65536",
            false,
            "\"65536\" is out of range for a close code: close codes are 0-65535",
        ),
        ("70000", false, "\"70000\" is out of range for a close code"),
        (
            "99999999999999999999999",
            false,
            "is out of range for a close code",
        ),
        ("-1", false, "\"-1\" is a negative number"),
        ("-70000", false, "is a negative number"),
        (
            "0x3e8",
            false,
            "\"0x3e8\" is not a decimal number; it is 1000 in decimal",
        ),
        ("0X3E8", false, "it is 1000 in decimal"),
        ("0b1111101000", false, "it is 1000 in decimal"),
        ("0o1750", false, "it is 1000 in decimal"),
        ("0x", false, "\"0x\" is not a decimal number: close codes"),
        (
            "0xfffffffffffffffffffffffffffffffffff",
            false,
            "is not a decimal number: close codes",
        ),
        (
            "+1000",
            false,
            "\"+1000\" is not a decimal number: close codes",
        ),
        ("1e3", false, "is not a decimal number: close codes"),
        ("1_000", false, "is not a decimal number: close codes"),
        ("1000.0", false, "is not a decimal number: close codes"),
        (
            "OCPP1.6",
            false,
            "\"OCPP1.6\" is not a registered subprotocol",
        ),
        (
            "rsv1",
            false,
            "is not a registered subprotocol, extension or framing header bit",
        ),
        ("chat", false, "is not a registered subprotocol"),
    ];
    for (input, found, message) in cases {
        let page = explain(input);
        assert_eq!(page.found, found, "{input}: {page:#?}");
        if message.is_empty() {
            assert!(
                !page.sections.is_empty() && page.messages.is_empty(),
                "{input}"
            );
        } else {
            assert!(page.sections.is_empty(), "{input}: {page:#?}");
            assert!(
                page.messages[0].contains(message),
                "{input}: {:?}",
                page.messages
            );
        }
    }
}

#[test]
fn unknown_names_get_near_matches() {
    let page = explain("OCPP1.6");
    assert_eq!(page.suggestions[0], "ocpp1.6");
    assert!(
        page.messages[1].contains("ocpp1.6 (the registry treats case as significant)"),
        "{:?}",
        page.messages
    );
    let page = explain("rsv1");
    assert_eq!(page.suggestions[0], "RSV1");
    let page = explain("permessage-deflat");
    assert!(page.messages[1].starts_with("Did you mean: permessage-deflate"));
    assert!(explain("zzzzzzzzzzzz").suggestions.is_empty());
}

#[test]
fn arguments_take_a_language_a_format_and_one_query() {
    let request = |language, format, query: &str| {
        Ok(Command::Explain(Request {
            language,
            format,
            query: query.to_owned(),
        }))
    };
    assert_eq!(
        parse_args(&args(&["--lang", "ja", "1013"])),
        request(Language::Japanese, Format::Text, "1013")
    );
    assert_eq!(
        parse_args(&args(&["1013", "--format", "json", "--lang", "de"])),
        request(Language::German, Format::Json, "1013")
    );
    assert_eq!(
        parse_args(&args(&["-1"])),
        request(Language::English, Format::Text, "-1")
    );
    assert_eq!(
        parse_args(&args(&["--help"])),
        Ok(Command::Help(Language::English))
    );
    assert_eq!(
        parse_args(&args(&["--lang", "de", "-h"])),
        Ok(Command::Help(Language::German))
    );
    // Usage errors, each named, in the language asked for where there is one.
    let error = |list: &[&str]| match parse_args(&args(list)) {
        Err((language, message)) => (language, message),
        other => panic!("{list:?}: {other:?}"),
    };
    assert_eq!(error(&[]).1, "nothing to explain");
    assert_eq!(error(&[""]).1, "nothing to explain");
    assert_eq!(error(&["  "]).1, "nothing to explain");
    assert_eq!(error(&["1000", "1001"]).1, "give one thing to explain");
    assert_eq!(
        error(&["--lang"]).1,
        "--lang needs a language: en, de or ja"
    );
    assert_eq!(
        error(&["--lang", "fr", "1013"]).1,
        "unknown language \"fr\"; expected en, de or ja"
    );
    assert_eq!(
        error(&["--format", "xml", "1"]).1,
        "unknown format \"xml\"; expected text or json"
    );
    assert_eq!(
        error(&["--format"]).1,
        "--format needs a format: text or json"
    );
    assert_eq!(error(&["--verbose", "1"]).1, "unknown option \"--verbose\"");
    assert_eq!(error(&["-x"]).1, "unknown option \"-x\"");
    assert_eq!(
        error(&["--lang", "de", "1", "2"]),
        (
            Language::German,
            "bitte genau eine Sache zum Erklären angeben".to_owned()
        )
    );
}

#[test]
fn texts_come_in_the_language_asked_for() {
    let page = explain_in("1013", Language::Japanese);
    assert!(page.found);
    assert_eq!(value(&page, "close_code", "label"), "後で再試行");
    assert!(value(&page, "close_code", "meaning").starts_with("サーバーが過負荷など"));
    assert!(value(&page, "close_code", "reconnect").starts_with("間隔を広げながら再接続する："));
    assert!(value(&page, "close_code", "range_meaning").starts_with("1000〜2999"));
    let text = page.text();
    assert!(text.contains("クローズコード 1013\n"), "{text}");
    let page = explain_in("1013", Language::German);
    assert_eq!(
        value(&page, "close_code", "label"),
        "Später erneut versuchen"
    );
    assert!(value(&page, "close_code", "reconnect")
        .starts_with("mit wachsenden Pausen erneut verbinden: "));
    let page = explain_in("70000", Language::German);
    assert!(page.messages[0].contains("liegt außerhalb des Bereichs der Close-Codes"));
}

/// The queries of the language test: one of each kind.
const ONE_OF_EACH_KIND: [&str; 6] = ["1013", "9", "13", "RSV1", "ocpp1.6", "permessage-deflate"];

/// English fragments of `text` between placeholders that hold at least two words of letters
/// (`", as sent"`, not `": CloseEvent.code "`): what a translated page must not contain.
fn english_fragments(text: &str) -> Vec<String> {
    text.split(['{', '}'])
        .step_by(2)
        .filter(|fragment| {
            fragment
                .split(|c: char| !c.is_ascii_alphabetic() && c != '.' && c != '(' && c != ')')
                .filter(|word| word.len() >= 2 && word.chars().all(|c| c.is_ascii_alphabetic()))
                .count()
                >= 2
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn german_and_japanese_pages_have_no_english_but_ianas() {
    let english_texts = texts::texts(Language::English);
    // Every English text of the tool, by its Debug form's values.
    let debug = format!("{english_texts:?}");
    let sentences: Vec<String> = debug
        .split('"')
        .skip(1)
        .step_by(2)
        .flat_map(english_fragments)
        .collect();
    assert!(sentences.len() > 40, "{sentences:?}");
    for language in [Language::German, Language::Japanese] {
        for query in ONE_OF_EACH_KIND {
            let page = explain_in(query, language);
            let english = explain_in(query, Language::English);
            assert!(page.found, "{query}");
            assert_eq!(page.sections.len(), english.sections.len());
            for (section, english_section) in page.sections.iter().zip(&english.sections) {
                assert_ne!(
                    section.heading, english_section.heading,
                    "{language:?} {query}"
                );
                for field in &section.fields {
                    let english_field = english_section
                        .fields
                        .iter()
                        .find(|f| f.key == field.key)
                        .expect("the same fields in every language");
                    assert_ne!(
                        field.name, english_field.name,
                        "{language:?} {query}: field name {} is English",
                        field.key
                    );
                    if field.source != Source::Project {
                        continue;
                    }
                    // Labels may be the same word (Ping); sentences must not be English.
                    if field.key != "label" {
                        assert_ne!(
                            field.value, english_field.value,
                            "{language:?} {query}: {}",
                            field.key
                        );
                    }
                    for sentence in &sentences {
                        assert!(
                            !field.value.contains(sentence.as_str()),
                            "{language:?} {query}: {}: {:?} contains English {sentence:?}",
                            field.key,
                            field.value
                        );
                    }
                }
            }
            // The page's own lines (header, legend) are translated too.
            let text = page.text();
            for sentence in &sentences {
                let iana_lines: Vec<&str> = text
                    .lines()
                    .filter(|line| line.contains("IANA") && line.starts_with("  "))
                    .collect();
                for line in text.lines().filter(|l| !iana_lines.contains(l)) {
                    assert!(
                        !line.contains(sentence.as_str()),
                        "{language:?} {query}: {line:?} contains English {sentence:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn json_holds_the_same_facts_with_english_keys() {
    for &language in Language::ALL {
        for query in ONE_OF_EACH_KIND
            .iter()
            .chain(&["70000", "OCPP1.6", "a\"b\\c\n\u{1}"])
        {
            let page = explain_in(query, language);
            let json: serde_json::Value = serde_json::from_str(&page.json())
                .unwrap_or_else(|e| panic!("{query}: {e}\n{}", page.json()));
            assert_eq!(json["query"], *query);
            assert_eq!(json["language"], language.as_str());
            assert_eq!(json["registry_updated"], registry::UPDATED);
            assert_eq!(json["found"], page.found);
            let sections = json["sections"].as_array().expect("sections");
            assert_eq!(sections.len(), page.sections.len());
            for (json_section, section) in sections.iter().zip(&page.sections) {
                assert_eq!(json_section["kind"], section.kind);
                assert_eq!(json_section["heading"], section.heading.as_str());
                let fields = json_section["fields"].as_array().expect("fields");
                assert_eq!(fields.len(), section.fields.len());
                for (json_field, field) in fields.iter().zip(&section.fields) {
                    assert_eq!(json_field["key"], field.key.as_str());
                    assert!(json_field["key"].as_str().unwrap().is_ascii());
                    assert_eq!(json_field["name"], field.name);
                    assert_eq!(json_field["value"], field.value.as_str());
                    assert_eq!(json_field["source"], field.source.as_str());
                }
            }
            let messages: Vec<&str> = json["messages"]
                .as_array()
                .expect("messages")
                .iter()
                .map(|m| m.as_str().expect("string"))
                .collect();
            assert_eq!(messages, page.messages);
            assert_eq!(
                json["suggestions"].as_array().expect("suggestions").len(),
                page.suggestions.len()
            );
        }
    }
    // The localized texts are the values: Japanese in, Japanese out.
    let json: serde_json::Value =
        serde_json::from_str(&explain_in("1013", Language::Japanese).json()).expect("JSON");
    assert_eq!(json["sections"][0]["fields"][0]["key"], "label");
    assert_eq!(json["sections"][0]["fields"][0]["value"], "後で再試行");
}

#[test]
fn japanese_columns_line_up_by_display_width() {
    assert_eq!(display_width("Label"), 5);
    assert_eq!(display_width("名前"), 4);
    assert_eq!(display_width("Close フレームで有効"), 20);
    let text = explain_in("1013", Language::Japanese).text();
    let columns: Vec<usize> = text
        .lines()
        .filter(|l| l.starts_with("  "))
        .map(|line| {
            let name_end = line[2..].find("  ").map(|i| i + 2).expect("two spaces");
            let value_start = line[name_end..].find(|c| c != ' ').expect("value") + name_end;
            display_width(&line[..value_start])
        })
        .collect();
    assert!(
        columns.windows(2).all(|w| w[0] == w[1]),
        "{columns:?}\n{text}"
    );
}
