//! Everything the crate knows about a close code, opcode, version, subprotocol or extension.
//!
//! ```sh
//! cargo xtask explain 1014
//! cargo xtask explain --lang ja 1013     # German: --lang de
//! cargo xtask explain ocpp1.6
//! cargo xtask explain permessage-deflate
//! cargo xtask explain 13
//! ```
//!
//! `cargo xtask explain` builds this file as the `explain` package (`explain/Cargo.toml`),
//! which depends on the runtime crate alone, so it answers within seconds on a fresh clone;
//! `cargo run --example explain -- 1014` works too, but first compiles every dev-dependency.
//!
//! A number is looked up in every numeric registry it fits (a close code is any `u16`, a
//! version any `u8`, an opcode 0-15). Anything else is looked up as a subprotocol and an
//! extension identifier; those are exact and case-sensitive, so an unknown name gets the
//! closest registered ones as suggestions. Exit status: 0 when something was found, 1 when
//! nothing was, 2 on a usage error.

use std::fmt::Write as _;
use std::process::ExitCode;

use websocket_registry::{
    registry, BrowserCloseEvent, BrowserEngine, CloseCode, CloseCodeRange, Extension, Language,
    Opcode, Reference, Subprotocol, Version,
};

const USAGE: &str =
    "usage: cargo xtask explain [--lang en|de|ja] <close code | version | opcode | identifier>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (language, query) = match parse_args(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let (found, text) = explain_in(&query, language);
    print!("{text}");
    if found {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `[--lang CODE] QUERY`, in either order.
fn parse_args(args: &[String]) -> Result<(Language, String), String> {
    let mut language = Language::English;
    let mut query = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == "--lang" {
            let code = rest.next().ok_or("--lang needs a language: en, de or ja")?;
            language = Language::from_code(code)
                .ok_or_else(|| format!("unknown language {code:?}; expected en, de or ja"))?;
        } else if query.replace(arg.clone()).is_some() {
            return Err("give one thing to explain".to_owned());
        }
    }
    Ok((language, query.ok_or("nothing to explain")?))
}

/// The report for one query in English, and whether anything matched.
#[cfg(test)]
fn explain(query: &str) -> (bool, String) {
    explain_in(query, Language::English)
}

/// The report for one query, the project's texts in `language`, and whether anything matched.
fn explain_in(query: &str, language: Language) -> (bool, String) {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "(IANA WebSocket registries, updated {})\n",
        registry::UPDATED
    );
    if let Ok(number) = query.parse::<u16>() {
        if query.len() == 1 || !query.starts_with('0') {
            close_code(&mut out, CloseCode::from_u16(number), language);
            if let Ok(byte) = u8::try_from(number) {
                version(&mut out, Version::from_u8(byte));
                if let Some(opcode) = Opcode::from_u8(byte) {
                    self::opcode(&mut out, opcode);
                }
            }
            return (true, out);
        }
    }
    let mut found = false;
    if let Some(protocol) = Subprotocol::from_name(query) {
        name(
            &mut out,
            "Subprotocol",
            protocol.as_str(),
            protocol.common_name(),
        );
        field(&mut out, "Definition", protocol.definition());
        references(
            &mut out,
            "Definition links",
            protocol.definition_references(),
        );
        references(&mut out, "References", protocol.references());
        references(&mut out, "Change controller", protocol.controller());
        dates(&mut out, protocol.registered(), protocol.updated());
        found = true;
    }
    if let Some(extension) = Extension::from_name(query) {
        name(
            &mut out,
            "Extension",
            extension.as_str(),
            extension.common_name(),
        );
        field(&mut out, "Definition", extension.definition());
        field(
            &mut out,
            "Known incompatible extensions",
            extension.incompatible_text().unwrap_or(""),
        );
        references(&mut out, "References", extension.references());
        dates(&mut out, extension.registered(), extension.updated());
        found = true;
    }
    if !found {
        let _ = writeln!(
            out,
            "{query:?} is not a registered subprotocol or extension identifier (matching is \
             exact and case-sensitive), nor a number."
        );
        let suggestions = near_matches(query);
        if !suggestions.is_empty() {
            let _ = writeln!(out, "Did you mean: {}?", suggestions.join(", "));
        }
    }
    (found, out)
}

fn close_code(out: &mut String, code: CloseCode, language: Language) {
    let range = code.range();
    let _ = writeln!(out, "Close code {}", code.as_u16());
    match code.label_in(language) {
        Some(label) => field(out, "Label", label),
        None => field(out, "Label", "(not registered)"),
    }
    if let Some(name) = code.name() {
        field(out, "IANA description", name);
    }
    if let Some(description) = code.description_in(language) {
        field(out, "Meaning", description);
    }
    let reconnect = code.reconnect();
    field(
        out,
        "Reconnect",
        &format!(
            "{}: {}",
            reconnect.text_in(language),
            code.reconnect_reason_in(language)
        ),
    );
    field(out, "Who may use it", who_may_use(range));
    field(
        out,
        "Range",
        &format!(
            "{}-{} ({}){}",
            range.first(),
            range.last(),
            range.short_name(),
            match range.registration_rule() {
                Some(rule) => format!(", registration: {rule}"),
                None => String::new(),
            }
        ),
    );
    field(out, "Range meaning", range.description_in(language));
    field(out, "Registered", yes_no(code.is_registered()));
    let wire = match (code.is_valid_on_wire(), code.not_on_wire_reason(), range) {
        (true, _, _) => "yes: may be sent and received in a Close frame".to_owned(),
        (false, Some(reason), _) => format!("no: {reason}"),
        (false, None, CloseCodeRange::Protocol) => {
            "no: unassigned in 1000-2999; a receiver fails the connection with 1002".to_owned()
        }
        (false, None, _) => "no: outside 1000-4999".to_owned(),
    };
    field(out, "Valid on the wire", &wire);
    let browser = if code.is_valid_for_browser_close() {
        "yes: WebSocket.close(code) accepts it"
    } else {
        "no: WebSocket.close(code) throws InvalidAccessError (it accepts 1000 and 3000-4999 only)"
    };
    field(out, "Valid for close()", browser);
    // What a page sees in each engine when a server closes with this code and no reason.
    let payload = code.as_u16().to_be_bytes();
    for engine in BrowserEngine::ALL {
        let seen = BrowserCloseEvent::after_close_payload(engine, &payload);
        let page = if seen.was_clean() {
            format!(
                "{engine}: CloseEvent.code {}, as sent",
                seen.code().as_u16()
            )
        } else {
            format!(
                "{engine}: CloseEvent.code {}: the connection fails (wasClean false)",
                seen.code().as_u16()
            )
        };
        field(out, "A page sees", &page);
    }
    let everywhere = if code.is_shown_by_every_browser_engine() {
        "yes: Chromium, Firefox and WebKitGTK all show it to the page"
    } else {
        "no: pick 1000-1003, 1007-1011 or 3000-4999 for every engine to show it"
    };
    field(out, "Every engine", everywhere);
    references(out, "References", code.references());
    references(out, "Contact", code.contact());
    dates(out, code.registered(), code.updated());
    out.push('\n');
}

/// Who the range is for: what close-code reference tables call "internal" (the protocol and
/// its extensions), "registered" and "customizable" (applications' private codes).
fn who_may_use(range: CloseCodeRange) -> &'static str {
    match range {
        CloseCodeRange::Protocol => {
            "the WebSocket protocol itself and its extensions (IANA assigns these by standard or specification)"
        }
        CloseCodeRange::Registered => {
            "libraries, frameworks and applications, once registered at IANA (first come, first served)"
        }
        CloseCodeRange::PrivateUse => {
            "any application, privately, by agreement between client and server (never registered)"
        }
        _ => "nobody: RFC 6455 defines no use for it",
    }
}

fn version(out: &mut String, version: Version) {
    let Some(status) = version.status() else {
        return;
    };
    let _ = writeln!(out, "Version {}", version.as_u8());
    field(out, "Status", status.as_str());
    references(out, "References", version.references());
    dates(out, version.registered(), version.updated());
    out.push('\n');
}

fn opcode(out: &mut String, opcode: Opcode) {
    let _ = writeln!(out, "Opcode {} ({:#x})", opcode.as_u8(), opcode.as_u8());
    field(out, "Meaning", opcode.name());
    let kind = if opcode.is_control() {
        "control frame"
    } else if opcode.is_data() {
        "data frame"
    } else {
        "neither (reserved)"
    };
    field(out, "Kind", kind);
    references(out, "References", opcode.references());
    out.push('\n');
}

fn name(out: &mut String, what: &str, id: &str, common: &str) {
    let _ = writeln!(out, "{what} {id}");
    field(out, "Name", common);
}

fn field(out: &mut String, label: &str, value: &str) {
    if !value.is_empty() {
        let _ = writeln!(out, "  {label:<18} {value}");
    }
}

fn references(out: &mut String, label: &str, references: &[Reference]) {
    let text: Vec<String> = references
        .iter()
        .map(|r| match r.url() {
            Some(url) if url != r.text() => format!("{} <{url}>", r.text()),
            _ => r.text().to_owned(),
        })
        .collect();
    field(out, label, &text.join("; "));
}

fn dates(out: &mut String, registered: Option<&str>, updated: Option<&str>) {
    if let Some(date) = registered {
        field(out, "Registered on", date);
    }
    if let Some(date) = updated {
        field(out, "Updated on", date);
    }
}

fn yes_no(value: bool) -> &'static str {
    if value {
        "yes"
    } else {
        "no"
    }
}

/// Registered identifiers that differ from `query` only in case, or by at most two edits.
fn near_matches(query: &str) -> Vec<String> {
    let names = Subprotocol::ALL
        .iter()
        .map(|p| p.as_str())
        .chain(Extension::ALL.iter().map(|e| e.as_str()));
    let mut scored: Vec<(usize, &str)> = names
        .filter_map(|name| {
            if name.eq_ignore_ascii_case(query) {
                Some((0, name))
            } else {
                let distance =
                    edit_distance(&query.to_ascii_lowercase(), &name.to_ascii_lowercase());
                (distance <= 2).then_some((distance, name))
            }
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(5)
        .map(|(distance, name)| {
            if distance == 0 {
                format!("{name} (the registry treats case as significant)")
            } else {
                name.to_owned()
            }
        })
        .collect()
}

/// Levenshtein distance over bytes.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, &x) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, &y) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(x != y);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_close_code_shows_its_label_range_and_validity() {
        let (found, text) = explain("1014");
        assert!(found);
        assert!(text.contains("Close code 1014"), "{text}");
        assert!(text.contains("Bad Gateway"), "{text}");
        assert!(text.contains("Valid on the wire  yes"), "{text}");
        assert!(text.contains("Valid for close()  no"), "{text}");
        for line in [
            "A page sees        Chromium: CloseEvent.code 1014, as sent",
            "A page sees        Firefox: CloseEvent.code 1014, as sent",
            "A page sees        WebKitGTK: CloseEvent.code 1006: the connection fails",
            "Every engine       no:",
        ] {
            assert!(text.contains(line), "{line:?} in {text}");
        }
    }

    #[test]
    fn a_number_is_looked_up_in_every_numeric_registry() {
        let (_, text) = explain("13");
        assert!(text.contains("Version 13"), "{text}");
        assert!(text.contains("Close code 13"), "{text}");
        let (_, text) = explain("9");
        assert!(text.contains("Opcode 9 (0x9)"), "{text}");
        assert!(text.contains("control frame"), "{text}");
        let (_, text) = explain("1005");
        assert!(text.contains("Valid on the wire  no:"), "{text}");
        assert!(
            text.contains(
                "A page sees        Chromium: CloseEvent.code 1006: the connection fails"
            ),
            "{text}"
        );
        assert!(
            text.contains("A page sees        Firefox: CloseEvent.code 1005, as sent"),
            "{text}"
        );
    }

    #[test]
    fn a_close_code_shows_reconnect_advice_and_who_may_use_it() {
        let (_, text) = explain("1012");
        assert!(
            text.contains("Reconnect          reconnect after a delay: "),
            "{text}"
        );
        assert!(
            text.contains("Who may use it     the WebSocket protocol itself"),
            "{text}"
        );
        let (_, text) = explain("4001");
        assert!(
            text.contains("Reconnect          the application decides: "),
            "{text}"
        );
        assert!(
            text.contains("Who may use it     any application"),
            "{text}"
        );
    }

    #[test]
    fn texts_come_in_the_language_asked_for() {
        let (found, text) = explain_in("1013", Language::Japanese);
        assert!(found);
        for expected in [
            "Label              後で再試行",
            "Meaning            サーバーが過負荷など",
            "Reconnect          間隔を広げながら再接続する: ",
            "Range meaning      1000〜2999",
        ] {
            assert!(text.contains(expected), "{expected:?} in {text}");
        }
        let (_, text) = explain_in("1013", Language::German);
        assert!(
            text.contains("Label              Später erneut versuchen"),
            "{text}"
        );
        assert!(
            text.contains("Reconnect          mit wachsenden Pausen erneut verbinden: "),
            "{text}"
        );
    }

    #[test]
    fn arguments_take_a_language_and_one_query() {
        let args = |list: &[&str]| -> Vec<String> { list.iter().map(|a| a.to_string()).collect() };
        assert_eq!(
            parse_args(&args(&["--lang", "ja", "1013"])),
            Ok((Language::Japanese, "1013".to_owned()))
        );
        assert_eq!(
            parse_args(&args(&["1013", "--lang", "de"])),
            Ok((Language::German, "1013".to_owned()))
        );
        assert_eq!(
            parse_args(&args(&["1013"])),
            Ok((Language::English, "1013".to_owned()))
        );
        assert!(parse_args(&args(&["--lang", "fr", "1013"])).is_err());
        assert!(parse_args(&args(&["--lang"])).is_err());
        assert!(parse_args(&args(&["1000", "1001"])).is_err());
        assert!(parse_args(&args(&[])).is_err());
    }

    #[test]
    fn identifiers_show_their_registration() {
        let (found, text) = explain("ocpp1.6");
        assert!(found);
        assert!(text.contains("Subprotocol ocpp1.6"), "{text}");
        assert!(text.contains("OCPP 1.6"), "{text}");
        let (found, text) = explain("permessage-deflate");
        assert!(found);
        assert!(text.contains("Extension permessage-deflate"), "{text}");
    }

    #[test]
    fn unknown_names_get_near_matches() {
        let (found, text) = explain("OCPP1.6");
        assert!(!found);
        assert!(
            text.contains("ocpp1.6 (the registry treats case as significant)"),
            "{text}"
        );
        let (found, text) = explain("permessage-deflat");
        assert!(!found);
        assert!(text.contains("Did you mean: permessage-deflate"), "{text}");
        let (_, text) = explain("zzzzzzzzzzzz");
        assert!(!text.contains("Did you mean"), "{text}");
    }
}
