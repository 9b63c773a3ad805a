//! Everything the crate knows about a close code, opcode, version, framing header bit,
//! subprotocol or extension, in English, German or Japanese, as text or JSON.
//!
//! ```sh
//! cargo xtask explain 1014
//! cargo xtask explain --lang ja 1013     # German: --lang de
//! cargo xtask explain ocpp1.6
//! cargo xtask explain permessage-deflate
//! cargo xtask explain RSV1
//! cargo xtask explain 13
//! cargo xtask explain --format json 1013
//! ```
//!
//! `cargo xtask explain` builds this file as the `explain` package (`explain/Cargo.toml`),
//! which depends on the runtime crate alone, so it answers within seconds on a fresh clone;
//! `cargo run --example explain -- 1014` works too, but first compiles every dev-dependency.
//!
//! A decimal number is looked up in every numeric registry it fits (a close code is any
//! `u16`, a version any `u8`, an opcode 0-15). Anything else is looked up as a subprotocol,
//! extension and header-bit identifier; those are exact and case-sensitive, so an unknown
//! name gets the closest registered ones as suggestions. A number outside 0-65535, a negative
//! one and one not written in decimal are each named as such.
//!
//! Every word the tool prints comes from `registry/curated.toml`'s and `registry/l10n/`'s
//! `[explain]` tables (generated into `generated/explain_texts.rs`), or from the crate's
//! texts in the language asked for; IANA's own text is printed as IANA wrote it and marked.
//!
//! Exit status: 0 when something was found, 1 when nothing was, 2 on a usage error.

// A maintainer's tool built with the generator's toolchain (1.86 or newer), not part of the
// runtime crate whose minimum is 1.63.
#![allow(clippy::incompatible_msrv)]

use std::fmt::Write as _;
use std::process::ExitCode;

use websocket_registry::{
    registry, ClientEngine, CloseCode, CloseCodeRange, CloseEvent, Extension, HeaderBit, Language,
    Opcode, Reference, Subprotocol, Version,
};

/// The words of this tool in each language (`registry/curated.toml`'s and
/// `registry/l10n/*.toml`'s `[explain]` tables).
mod texts {
    include!("../generated/explain_texts.rs");
}
use texts::ExplainTexts;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let request = match parse_args(&args) {
        Ok(Command::Explain(request)) => request,
        Ok(Command::Help(language)) => {
            println!("{}", texts::texts(language).usage);
            return ExitCode::SUCCESS;
        }
        Err((language, message)) => {
            eprintln!("{message}\n{}", texts::texts(language).usage);
            return ExitCode::from(2);
        }
    };
    let page = explain_in(&request.query, request.language);
    match request.format {
        Format::Text => print!("{}", page.text()),
        Format::Json => print!("{}", page.json()),
    }
    if page.found {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

// ---------------------------------------------------------------------------------------------
// Arguments

/// How the answer is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// Aligned fields for people.
    Text,
    /// One JSON object for tools: English keys, values in the language asked for.
    Json,
}

/// What to explain, in which language and format.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Request {
    language: Language,
    format: Format,
    query: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Command {
    Explain(Request),
    /// `--help`: the usage, in the language given before it.
    Help(Language),
}

/// `[--lang CODE] [--format text|json] QUERY`, in any order. An error comes with the
/// language to print it in (English until `--lang` is read).
fn parse_args(args: &[String]) -> Result<Command, (Language, String)> {
    let mut language = Language::English;
    let mut format = Format::Text;
    let mut query: Option<String> = None;
    let mut rest = args.iter();
    // Usage errors are worded in the language asked for, wherever `--lang` stands.
    if let Some(position) = args.iter().position(|a| a == "--lang") {
        if let Some(code) = args.get(position + 1).and_then(|c| Language::from_code(c)) {
            language = code;
        }
    }
    let t = texts::texts(language);
    let fail = |message: String| Err((language, message));
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--lang" => {
                let Some(code) = rest.next() else {
                    return fail(t.error_lang_value.to_owned());
                };
                if Language::from_code(code).is_none() {
                    return fail(fill(t.error_unknown_lang, &[("code", &quoted(code))]));
                }
            }
            "--format" => match rest.next().map(String::as_str) {
                Some("text") => format = Format::Text,
                Some("json") => format = Format::Json,
                Some(other) => {
                    return fail(fill(t.error_unknown_format, &[("format", &quoted(other))]))
                }
                None => return fail(t.error_format_value.to_owned()),
            },
            "-h" | "--help" => return Ok(Command::Help(language)),
            // A lone `-` followed by digits is a (negative) number to explain, not an option.
            option if option.starts_with('-') && !is_negative_number(option) => {
                return fail(fill(t.error_unknown_option, &[("option", &quoted(option))]));
            }
            _ if query.is_some() => return fail(t.error_two.to_owned()),
            _ => query = Some(arg.clone()),
        }
    }
    match query {
        Some(query) if !query.trim().is_empty() => Ok(Command::Explain(Request {
            language,
            format,
            query,
        })),
        _ => fail(t.error_nothing.to_owned()),
    }
}

fn is_negative_number(text: &str) -> bool {
    text.strip_prefix('-')
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// `"x"`, quoted as Rust quotes it, so that an odd argument is visible as it was given.
fn quoted(text: &str) -> String {
    format!("{text:?}")
}

/// `template` with each `{name}` replaced by its value.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The answer, as data: one model, written as text or JSON

/// Where a field's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The project's words, in the language asked for.
    Project,
    /// IANA's registry, as IANA wrote it (in English): marked on the page.
    Iana,
    /// A number, date or mask: the same in every language.
    Fact,
}

impl Source {
    fn as_str(self) -> &'static str {
        match self {
            Source::Project => "project",
            Source::Iana => "iana",
            Source::Fact => "fact",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Field {
    /// The English key for tools (`valid_on_wire`).
    key: String,
    /// The field's name in the language asked for.
    name: &'static str,
    value: String,
    source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Section {
    /// `close_code`, `version`, `opcode`, `header_bit`, `subprotocol`, `extension`.
    kind: &'static str,
    heading: String,
    fields: Vec<Field>,
}

impl Section {
    fn new(kind: &'static str, heading: String) -> Section {
        Section {
            kind,
            heading,
            fields: Vec::new(),
        }
    }

    /// Adds a field; an empty value is left out.
    fn field(&mut self, key: &str, name: &'static str, value: impl Into<String>, source: Source) {
        let value = value.into();
        if !value.is_empty() {
            self.fields.push(Field {
                key: key.to_owned(),
                name,
                value,
                source,
            });
        }
    }

    fn references(&mut self, key: &str, name: &'static str, references: &[Reference]) {
        let text: Vec<String> = references
            .iter()
            .map(|r| match r.url() {
                Some(url) if url != r.text() => format!("{} <{url}>", r.text()),
                _ => r.text().to_owned(),
            })
            .collect();
        self.field(key, name, text.join("; "), Source::Iana);
    }

    fn dates(&mut self, t: &ExplainTexts, registered: Option<&str>, updated: Option<&str>) {
        if let Some(date) = registered {
            self.field("registered_on", t.field_registered_on, date, Source::Fact);
        }
        if let Some(date) = updated {
            self.field("updated_on", t.field_updated_on, date, Source::Fact);
        }
    }
}

/// Everything `explain` prints for one query.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Page {
    query: String,
    language: Language,
    /// True when the query named something (exit 0).
    found: bool,
    sections: Vec<Section>,
    /// Why nothing was found, in the language asked for.
    messages: Vec<String>,
    /// Registered identifiers close to the query.
    suggestions: Vec<String>,
}

/// The page for one query, the project's texts in `language`.
fn explain_in(query: &str, language: Language) -> Page {
    let t = texts::texts(language);
    let mut page = Page {
        query: query.to_owned(),
        language,
        found: false,
        sections: Vec::new(),
        messages: Vec::new(),
        suggestions: Vec::new(),
    };
    let quoted_query = quoted(query);
    if !query.is_empty() && query.bytes().all(|b| b.is_ascii_digit()) {
        // Decimal digits, leading zeros allowed: a number, whatever its size.
        match query.parse::<u16>() {
            Ok(number) => {
                page.sections
                    .push(close_code(CloseCode::from_u16(number), language));
                if let Ok(byte) = u8::try_from(number) {
                    let listed = Version::from_u8(byte);
                    if listed.is_registered() {
                        page.sections.push(version(listed, language));
                    }
                    if let Some(assigned) = Opcode::from_u8(byte) {
                        page.sections.push(opcode(assigned, language));
                    }
                }
                page.found = true;
            }
            Err(_) => page
                .messages
                .push(fill(t.out_of_range, &[("query", &quoted_query)])),
        }
        return page;
    }
    if let Some(protocol) = Subprotocol::from_name(query) {
        page.sections.push(subprotocol(protocol, language));
    }
    if let Some(found) = Extension::from_name(query) {
        page.sections.push(extension(found, language));
    }
    if let Some(bit) = HeaderBit::from_name(query) {
        page.sections.push(header_bit(bit, language));
    }
    page.found = !page.sections.is_empty();
    if page.found {
        return page;
    }
    match not_a_decimal_number(query) {
        NotDecimal::Negative => page
            .messages
            .push(fill(t.negative, &[("query", &quoted_query)])),
        NotDecimal::OtherBase(value) => page.messages.push(fill(
            t.not_decimal_value,
            &[("query", &quoted_query), ("value", &value.to_string())],
        )),
        NotDecimal::OtherNotation => page
            .messages
            .push(fill(t.not_decimal, &[("query", &quoted_query)])),
        NotDecimal::NotANumber => {
            page.messages
                .push(fill(t.not_found, &[("query", &quoted_query)]));
            page.suggestions = near_matches(query);
            if !page.suggestions.is_empty() {
                let names: Vec<String> = page
                    .suggestions
                    .iter()
                    .map(|name| {
                        if name.eq_ignore_ascii_case(query) {
                            fill(t.case_note, &[("name", name)])
                        } else {
                            name.clone()
                        }
                    })
                    .collect();
                page.messages.push(fill(
                    t.did_you_mean,
                    &[("names", &names.join(t.list_separator))],
                ));
            }
        }
    }
    page
}

/// What an input that is not decimal digits (and not an identifier) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NotDecimal {
    /// `-1`
    Negative,
    /// `0x3e8`, `0o1750`, `0b1111101000`: a number, in another base.
    OtherBase(u128),
    /// `+1000`, `1e3`, `1_000`, `1000.0`, `0x` with no digits, a hex number too large for
    /// `u128`: a number, but not in decimal digits alone.
    OtherNotation,
    /// Anything else: looked up as an identifier.
    NotANumber,
}

fn not_a_decimal_number(query: &str) -> NotDecimal {
    if is_negative_number(query) {
        return NotDecimal::Negative;
    }
    let lower = query.to_ascii_lowercase();
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(digits) = lower.strip_prefix(prefix) {
            if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
                return NotDecimal::OtherNotation;
            }
            return match u128::from_str_radix(digits, radix) {
                Ok(value) => NotDecimal::OtherBase(value),
                Err(_) => NotDecimal::OtherNotation,
            };
        }
    }
    let starts_like_a_number = query
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '+' || c == '-' || c == '.');
    let number_characters = query
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | '_' | 'e' | 'E'));
    if starts_like_a_number && number_characters && query.chars().any(|c| c.is_ascii_digit()) {
        NotDecimal::OtherNotation
    } else {
        NotDecimal::NotANumber
    }
}

fn yes_no(t: &ExplainTexts, value: bool) -> &'static str {
    if value {
        t.yes
    } else {
        t.no
    }
}

fn close_code(code: CloseCode, language: Language) -> Section {
    let t = texts::texts(language);
    let range = code.range();
    let mut section = Section::new(
        "close_code",
        fill(
            t.close_code_heading,
            &[("code", &code.as_u16().to_string())],
        ),
    );
    // An unregistered code's label is its range's; the page says it is not registered.
    let label = if code.is_registered() {
        code.label_in(language)
    } else {
        t.not_registered
    };
    section.field("label", t.field_label, label, Source::Project);
    if let Some(name) = code.name() {
        section.field(
            "iana_description",
            t.field_iana_description,
            name,
            Source::Iana,
        );
    }
    if code.is_registered() {
        let description = code.description_in(language);
        section.field("meaning", t.field_meaning, description, Source::Project);
    }
    let advice = fill(
        t.reconnect_value,
        &[
            ("advice", code.reconnect().description_in(language)),
            ("reason", code.reconnect_reason_in(language)),
        ],
    );
    section.field("reconnect", t.field_reconnect, advice, Source::Project);
    let who = match range {
        CloseCodeRange::Protocol => t.who_protocol,
        CloseCodeRange::Registered => t.who_registered,
        CloseCodeRange::PrivateUse => t.who_private_use,
        _ => t.who_nobody,
    };
    section.field("who_may_use", t.field_who_may_use, who, Source::Project);
    let range_name = match range {
        CloseCodeRange::NotUsed => t.range_not_used,
        CloseCodeRange::Protocol => t.range_protocol,
        CloseCodeRange::Registered => t.range_registered,
        CloseCodeRange::PrivateUse => t.range_private_use,
        _ => t.range_undefined,
    };
    let range_value = fill(
        t.range_value,
        &[
            ("first", &range.first().to_string()),
            ("last", &range.last().to_string()),
            ("name", range_name),
        ],
    );
    section.field("range", t.field_range, range_value, Source::Project);
    section.field(
        "range_meaning",
        t.field_range_meaning,
        range.description_in(language),
        Source::Project,
    );
    if let Some(rule) = range.registration_rule() {
        section.field("registration", t.field_registration, rule, Source::Iana);
    }
    section.field(
        "registered",
        t.field_registered,
        yes_no(t, code.is_registered()),
        Source::Project,
    );
    let wire = match code.not_on_wire_reason_in(language) {
        None => t.wire_yes.to_owned(),
        Some(reason) => fill(t.wire_no, &[("reason", reason)]),
    };
    section.field(
        "valid_on_wire",
        t.field_valid_on_wire,
        wire,
        Source::Project,
    );
    let close = if code.is_valid_for_close_method() {
        t.close_yes.to_owned()
    } else {
        let accepted = code_ranges(|c| c.is_valid_for_close_method(), t);
        fill(t.close_no, &[("codes", &accepted)])
    };
    section.field(
        "valid_for_close",
        t.field_valid_for_close,
        close,
        Source::Project,
    );
    // The engines whose own close(code) answers otherwise than the WHATWG rule above.
    let differ: Vec<String> = ClientEngine::ALL
        .iter()
        .filter(|engine| engine.close_method_accepts(code) != code.is_valid_for_close_method())
        .map(ToString::to_string)
        .collect();
    if !differ.is_empty() {
        let template = if code.is_valid_for_close_method() {
            t.close_differs_throws
        } else {
            t.close_differs_accepts
        };
        section.field(
            "close_differs",
            t.field_close_differs,
            fill(template, &[("engines", &differ.join(t.list_separator))]),
            Source::Project,
        );
    }
    // What a client shows in each engine when a server closes with this code and no reason.
    let payload = code.as_u16().to_be_bytes();
    for &engine in ClientEngine::ALL {
        let seen = CloseEvent::after_close_payload(engine, &payload);
        let template = if seen.was_clean() {
            t.client_as_sent
        } else {
            t.client_fails
        };
        let value = fill(
            template,
            &[
                ("engine", &engine.to_string()),
                ("code", &seen.code().as_u16().to_string()),
            ],
        );
        let key = format!("client_sees_{}", engine.to_string().to_ascii_lowercase());
        section.field(&key, t.field_client_sees, value, Source::Project);
    }
    let everywhere = if code.is_shown_by_every_client_engine() {
        let engines: Vec<String> = ClientEngine::ALL.iter().map(ToString::to_string).collect();
        fill(
            t.every_engine_yes,
            &[("engines", &engines.join(t.list_separator))],
        )
    } else {
        fill(
            t.every_engine_no,
            &[(
                "ranges",
                &code_ranges(|c| c.is_shown_by_every_client_engine(), t),
            )],
        )
    };
    section.field(
        "every_engine",
        t.field_every_engine,
        everywhere,
        Source::Project,
    );
    section.references("references", t.field_references, code.references());
    section.references("contact", t.field_contact, code.contact());
    section.dates(t, code.registered(), code.updated());
    section
}

/// The codes `rule` holds for, as ranges (`1000-1003, 1007-1011, 3000-4999`), in the
/// notation of `t`: computed from the crate's predicates, so that no page repeats a rule's
/// bounds by hand.
fn code_ranges(rule: impl Fn(CloseCode) -> bool, t: &ExplainTexts) -> String {
    let mut ranges: Vec<(u16, u16)> = Vec::new();
    for code in 0..=u16::MAX {
        if !rule(CloseCode::from_u16(code)) {
            continue;
        }
        match ranges.last_mut() {
            Some((_, last)) if u32::from(*last) + 1 == u32::from(code) => *last = code,
            _ => ranges.push((code, code)),
        }
    }
    ranges
        .iter()
        .map(|&(first, last)| {
            if first == last {
                first.to_string()
            } else {
                let (first, last) = (first.to_string(), last.to_string());
                fill(t.code_range, &[("first", &first), ("last", &last)])
            }
        })
        .collect::<Vec<_>>()
        .join(t.list_separator)
}

fn version(version: Version, language: Language) -> Section {
    let t = texts::texts(language);
    let mut section = Section::new(
        "version",
        fill(
            t.version_heading,
            &[("version", &version.as_u8().to_string())],
        ),
    );
    // A number the registry does not list has no page of its own to label.
    if version.is_registered() {
        let label = version.label_in(language);
        section.field("label", t.field_label, label, Source::Project);
    }
    if let Some(status) = version.status() {
        section.field("status", t.field_status, status.as_str(), Source::Iana);
    }
    if version.is_registered() {
        let description = version.description_in(language);
        section.field("meaning", t.field_meaning, description, Source::Project);
    }
    section.references("references", t.field_references, version.references());
    section.dates(t, version.registered(), version.updated());
    section
}

fn opcode(opcode: Opcode, language: Language) -> Section {
    let t = texts::texts(language);
    let value = opcode.as_u8();
    let mut section = Section::new(
        "opcode",
        fill(
            t.opcode_heading,
            &[
                ("opcode", &value.to_string()),
                ("hex", &format!("{value:#x}")),
            ],
        ),
    );
    section.field(
        "label",
        t.field_label,
        opcode.label_in(language),
        Source::Project,
    );
    section.field(
        "iana_description",
        t.field_iana_description,
        opcode.name().unwrap_or_default(),
        Source::Iana,
    );
    let description = opcode.description_in(language);
    section.field("meaning", t.field_meaning, description, Source::Project);
    let kind = if opcode.is_control() {
        t.kind_control
    } else if opcode.is_data() {
        t.kind_data
    } else {
        t.kind_reserved
    };
    section.field("kind", t.field_kind, kind, Source::Project);
    section.references("references", t.field_references, opcode.references());
    section.dates(t, opcode.registered(), opcode.updated());
    section
}

fn header_bit(bit: HeaderBit, language: Language) -> Section {
    let t = texts::texts(language);
    let mut section = Section::new(
        "header_bit",
        fill(t.header_bit_heading, &[("name", bit.as_str())]),
    );
    section.field(
        "label",
        t.field_label,
        bit.label_in(language),
        Source::Project,
    );
    section.field(
        "iana_description",
        t.field_iana_description,
        bit.meaning(),
        Source::Iana,
    );
    let description = bit.description_in(language);
    section.field("meaning", t.field_meaning, description, Source::Project);
    section.field(
        "mask",
        t.field_mask,
        format!("{:#04x}", bit.mask()),
        Source::Fact,
    );
    section.references("references", t.field_references, bit.references());
    section.dates(t, bit.registered(), bit.updated());
    section
}

fn subprotocol(protocol: Subprotocol, language: Language) -> Section {
    let t = texts::texts(language);
    let mut section = Section::new(
        "subprotocol",
        fill(t.subprotocol_heading, &[("id", protocol.as_str())]),
    );
    section.field("name", t.field_name, protocol.common_name(), Source::Iana);
    section.field(
        "definition",
        t.field_definition,
        protocol.definition(),
        Source::Iana,
    );
    section.references(
        "definition_links",
        t.field_definition_links,
        protocol.definition_references(),
    );
    section.references("references", t.field_references, protocol.references());
    section.references(
        "change_controller",
        t.field_change_controller,
        protocol.controller(),
    );
    section.dates(t, protocol.registered(), protocol.updated());
    section
}

fn extension(extension: Extension, language: Language) -> Section {
    let t = texts::texts(language);
    let mut section = Section::new(
        "extension",
        fill(t.extension_heading, &[("id", extension.as_str())]),
    );
    section.field(
        "label",
        t.field_label,
        extension.label_in(language),
        Source::Project,
    );
    section.field("name", t.field_name, extension.common_name(), Source::Iana);
    let description = extension.description_in(language);
    section.field("meaning", t.field_meaning, description, Source::Project);
    section.field(
        "definition",
        t.field_definition,
        extension.definition(),
        Source::Iana,
    );
    section.field(
        "incompatible",
        t.field_incompatible,
        extension.incompatible_text().unwrap_or(""),
        Source::Iana,
    );
    section.references("references", t.field_references, extension.references());
    section.dates(t, extension.registered(), extension.updated());
    section
}

/// Registered identifiers that differ from `query` only in case, or by at most two edits.
fn near_matches(query: &str) -> Vec<String> {
    let names = Subprotocol::ALL
        .iter()
        .map(|p| p.as_str())
        .chain(Extension::ALL.iter().map(|e| e.as_str()))
        .chain(HeaderBit::ALL.iter().map(|b| b.as_str()));
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
        .map(|(_, name)| name.to_owned())
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

// ---------------------------------------------------------------------------------------------
// Writers

impl Page {
    /// The page for people: a heading per section, its fields in aligned columns, IANA's
    /// fields marked.
    fn text(&self) -> String {
        let t = texts::texts(self.language);
        let mut out = fill(t.header, &[("date", registry::UPDATED)]);
        out.push('\n');
        let mark = t.iana_mark;
        if self
            .sections
            .iter()
            .any(|s| s.fields.iter().any(|f| f.source == Source::Iana))
        {
            out.push_str(&fill(t.legend, &[("mark", mark.trim())]));
            out.push('\n');
        }
        out.push('\n');
        let name_of = |field: &Field| -> String {
            match field.source {
                Source::Iana => format!("{}{mark}", field.name),
                _ => field.name.to_owned(),
            }
        };
        let width = self
            .sections
            .iter()
            .flat_map(|s| &s.fields)
            .map(|f| display_width(&name_of(f)))
            .max()
            .unwrap_or(0);
        for section in &self.sections {
            let _ = writeln!(out, "{}", section.heading);
            for field in &section.fields {
                let name = name_of(field);
                let pad = " ".repeat(width - display_width(&name));
                let _ = writeln!(out, "  {name}{pad}  {}", field.value);
            }
            out.push('\n');
        }
        for message in &self.messages {
            let _ = writeln!(out, "{message}");
        }
        out
    }

    /// The same facts for tools: English keys, the page's texts as values.
    fn json(&self) -> String {
        let mut out = String::from("{\n");
        let _ = writeln!(out, "  \"query\": {},", json_string(&self.query));
        let _ = writeln!(
            out,
            "  \"language\": {},",
            json_string(self.language.as_str())
        );
        let _ = writeln!(
            out,
            "  \"registry_updated\": {},",
            json_string(registry::UPDATED)
        );
        let _ = writeln!(out, "  \"found\": {},", self.found);
        out.push_str("  \"sections\": [");
        for (i, section) in self.sections.iter().enumerate() {
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            let _ = write!(
                out,
                "    {{\n      \"kind\": {},\n      \"heading\": {},\n      \"fields\": [",
                json_string(section.kind),
                json_string(&section.heading)
            );
            for (j, field) in section.fields.iter().enumerate() {
                out.push_str(if j == 0 { "\n" } else { ",\n" });
                let _ = write!(
                    out,
                    "        {{\"key\": {}, \"name\": {}, \"value\": {}, \"source\": {}}}",
                    json_string(&field.key),
                    json_string(field.name),
                    json_string(&field.value),
                    json_string(field.source.as_str())
                );
            }
            out.push_str(if section.fields.is_empty() {
                "]\n    }"
            } else {
                "\n      ]\n    }"
            });
        }
        out.push_str(if self.sections.is_empty() {
            "],\n"
        } else {
            "\n  ],\n"
        });
        let list = |items: &[String]| -> String {
            let items: Vec<String> = items.iter().map(|s| json_string(s)).collect();
            format!("[{}]", items.join(", "))
        };
        let _ = writeln!(out, "  \"messages\": {},", list(&self.messages));
        let _ = writeln!(out, "  \"suggestions\": {}", list(&self.suggestions));
        out.push_str("}\n");
        out
    }
}

/// `text` as a JSON string literal (RFC 8259: `"` and `\` escaped, control characters as
/// `\uXXXX`).
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Columns `text` takes in a terminal: two for East Asian wide and full-width characters
/// (the Japanese field names), one for the rest.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            let wide = matches!(u32::from(c),
                0x1100..=0x115f | 0x2e80..=0x303e | 0x3041..=0x33ff | 0x3400..=0x4dbf
                | 0x4e00..=0x9fff | 0xa000..=0xa4cf | 0xac00..=0xd7a3 | 0xf900..=0xfaff
                | 0xfe30..=0xfe4f | 0xff00..=0xff60 | 0xffe0..=0xffe6);
            if wide {
                2
            } else {
                1
            }
        })
        .sum()
}

// Beside this file, not in it: a crate root's modules would otherwise sit in examples/.
#[cfg(test)]
#[path = "explain/tests.rs"]
mod tests;
