//! `generated/close_codes.rs`: the `close-code-number` sub-registry.
//!
//! Emits the named constants of `CloseCode` (the type itself and the RFC 6455 rules are
//! hand-written in `src/close_code.rs`), a lookup from code to its record, the range rows, and
//! `close_codes.md`, the table that the crate-level docs include.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::texts::texts_tokens;
use super::writer::{deprecated, removed, Removed};
use super::{docs, opt_str, refs, Context};
use crate::close_code_rules::CloseCodeRange;
use crate::curated::{Curated, Language, RangeNotes, Reconnect};
use crate::error::Result;
use crate::model::{CodeRecord, Registry};
use crate::names_lock::NameRequest;
use crate::naming;

/// An assigned close code with everything the output needs.
pub(super) struct Assigned<'a> {
    pub(super) code: u16,
    pub(super) record: &'a CodeRecord<u16>,
    const_name: String,
    pub(super) label: String,
    pub(super) description: Option<String>,
    /// `not-on-wire = true` in `registry/curated.toml`.
    kept_off_wire: bool,
    pub(super) not_on_wire_reason: Option<String>,
    /// `peer-note`: what measured peers do with the code, for the constant's docs.
    peer_note: Option<String>,
}

impl Assigned<'_> {
    /// Whether RFC 6455 lets a Close frame carry this assigned code, as far as the curated
    /// data says: `registry/curated.toml` marks the codes it keeps off the wire.
    pub(super) fn sendable(&self) -> bool {
        !self.kept_off_wire
    }
}

/// True when IANA's description reads as a short name ("Policy Violation") rather than a
/// sentence (1014's "The server was acting as a gateway or proxy ...").
pub fn is_name_like(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=6).contains(&words) && text.chars().count() <= 40 && !text.contains(". ")
}

/// The sub-registry's id, under which [`crate::names_lock`] keeps its names.
const ID: &str = "close-code-number";

/// The assigned codes' records, in file order.
fn records(registry: &Registry) -> Vec<(u16, &CodeRecord<u16>)> {
    registry
        .close_codes
        .records
        .iter()
        .filter(|r| r.is_assignment())
        .map(|r| (r.value.first(), r))
        .collect()
}

/// The short readable name: curated, or IANA's description.
fn label(code: u16, record: &CodeRecord<u16>, curated: &Curated) -> String {
    curated
        .close_code(code)
        .and_then(|n| n.label.clone())
        .unwrap_or_else(|| record.description.clone())
}

/// The constant name each assigned code asks for, keyed by the code: a curated `rust-name`,
/// else the label when it reads as a name, else `CODE_<n>`.
pub fn name_requests(registry: &Registry, curated: &Curated) -> Vec<NameRequest> {
    records(registry)
        .into_iter()
        .map(|(code, record)| {
            let label = label(code, record, curated);
            let (candidate, source) =
                match curated.close_code(code).and_then(|n| n.rust_name.clone()) {
                    Some(name) => (name.clone(), format!("rust-name {name}")),
                    None if is_name_like(&label) => (naming::const_name(&label, "CODE_"), label),
                    None => (format!("CODE_{code}"), label),
                };
            NameRequest {
                key: code.to_string(),
                candidate,
                source,
                identity: None,
            }
        })
        .collect()
}

pub(super) fn assigned<'a>(cx: &Context<'a>) -> Vec<Assigned<'a>> {
    let (registry, curated) = (cx.registry, cx.curated);
    let names = cx.names_of(ID);
    records(registry)
        .into_iter()
        .map(|(code, record)| {
            let notes = curated.close_code(code);
            Assigned {
                code,
                record,
                const_name: names.name(&code.to_string()).to_owned(),
                label: label(code, record, curated),
                description: notes.and_then(|n| n.description.clone()),
                kept_off_wire: notes.is_some_and(|n| n.not_on_wire),
                not_on_wire_reason: notes.and_then(|n| n.not_on_wire_reason.clone()),
                peer_note: notes.and_then(|n| n.peer_note.clone()),
            }
        })
        .collect()
}

/// The deprecated constants that keep old names compiling: every alias of an assigned code,
/// and every code IANA removed (whose constant stays, though the registry no longer
/// assigns it).
fn kept_names(cx: &Context<'_>) -> Vec<TokenStream> {
    let names = cx.names_of(ID);
    let mut out = super::alias_consts("CloseCode", names);
    for Removed {
        key: code, record, ..
    } in removed::<u16>(names)
    {
        let literal = proc_macro2::Literal::u16_unsuffixed(code);
        let since = record.removed.as_deref().unwrap_or_default();
        let note = format!(
            "IANA no longer assigns {code} (removed from the registry of {since}); the constant \
             is kept so that code written against it still compiles"
        );
        let doc = format!(
            "Close code {code}, once registered as {:?}; IANA's registry no longer assigns it \
             ([`CloseCode::is_registered`] is false).",
            record.source
        );
        let idents = std::iter::once(record.name.as_str())
            .chain(record.aliases.iter().map(|a| a.name.as_str()))
            .map(|name| format_ident!("{}", name));
        let attrs = deprecated(&doc, &note);
        for ident in idents {
            out.push(quote! {
                #attrs
                pub const #ident: CloseCode = CloseCode(#literal);
            });
        }
    }
    out
}

pub fn emit(cx: &Context<'_>) -> Result<TokenStream> {
    let (registry, curated) = (cx.registry, cx.curated);
    let people = &registry.people;
    let codes = assigned(cx);
    let module_docs = super::module_docs(
        registry,
        &registry.close_codes.meta,
        "WebSocket close codes (the status code of a Close frame, RFC 6455 section 7.4): the \
         registry's records and ranges. The named constants live on [`CloseCode`].",
    );

    let kept = kept_names(cx);
    let mut by_code: Vec<&Assigned<'_>> = codes.iter().collect();
    by_code.sort_by_key(|c| c.code);
    let all_idents: Vec<_> = by_code
        .iter()
        .map(|c| format_ident!("{}", c.const_name))
        .collect();
    let consts = codes.iter().map(|c| {
        let ident = format_ident!("{}", c.const_name);
        let code = proc_macro2::Literal::u16_unsuffixed(c.code);
        let doc = docs::attrs(&const_doc(c, people));
        quote! {
            #doc
            pub const #ident: CloseCode = CloseCode(#code);
        }
    });
    let entries = codes.iter().map(|c| {
        let name = &c.record.description;
        let label = &c.label;
        let description = opt_str(c.description.as_deref());
        let not_on_wire = opt_str(c.not_on_wire_reason.as_deref());
        let references = refs::slice_tokens(&c.record.references, people);
        let contact = refs::slice_tokens(&c.record.contact, people);
        let date = opt_str(c.record.meta.date.as_deref());
        let updated = opt_str(c.record.meta.updated.as_deref());
        let notes = curated.close_code(c.code);
        let reconnect = reconnect_tokens(notes.and_then(|n| n.reconnect));
        let reconnect_why = opt_str(notes.and_then(|n| n.reconnect_why.as_deref()));
        let texts = texts_tokens(curated, |t| t.close_code.get(&c.code.to_string()));
        quote! {
            Entry {
                name: #name,
                label: #label,
                description: #description,
                not_on_wire: #not_on_wire,
                references: #references,
                contact: #contact,
                registered: #date,
                updated: #updated,
                reconnect: #reconnect,
                reconnect_why: #reconnect_why,
                texts: #texts,
            }
        }
    });
    // Per translated language, then English for every language (the last arm per kind).
    let mut reconnect_text_arms = Vec::new();
    for translation in &curated.translations {
        let language = format_ident!("{}", format!("{:?}", translation.language));
        for &kind in Reconnect::ALL {
            if let Some(text) = translation.reconnect_advice.get(kind.as_str()) {
                let variant = format_ident!("{}", format!("{kind:?}"));
                reconnect_text_arms.push(
                    quote!((crate::Language::#language, crate::Reconnect::#variant) => #text),
                );
            }
        }
    }
    for &kind in Reconnect::ALL {
        let variant = format_ident!("{}", format!("{kind:?}"));
        let text = curated.reconnect_text(kind, Language::English);
        reconnect_text_arms.push(quote!((_, crate::Reconnect::#variant) => #text));
    }
    let range_arms = CloseCodeRange::ALL.iter().map(|range| {
        let key = range.key();
        let variant = format_ident!("{}", format!("{range:?}"));
        let notes = curated
            .close_code_range
            .get(key)
            .cloned()
            .unwrap_or_default();
        let RangeNotes {
            label,
            description,
            reconnect,
            reconnect_why,
            not_on_wire_reason,
        } = notes;
        let label = opt_str(label.as_deref());
        let description = opt_str(description.as_deref());
        let reconnect = reconnect_tokens(reconnect);
        let reconnect_why = opt_str(reconnect_why.as_deref());
        let not_on_wire = opt_str(not_on_wire_reason.as_deref());
        let texts = texts_tokens(curated, |t| t.close_code_range.get(key));
        quote! {
            crate::CloseCodeRange::#variant => &crate::language::RangeNotes {
                label: #label,
                description: #description,
                reconnect: #reconnect,
                reconnect_why: #reconnect_why,
                not_on_wire: #not_on_wire,
                texts: #texts,
            }
        }
    });
    let lookup_arms = runs(codes.iter().enumerate().map(|(index, c)| (c.code, index)))
        .into_iter()
        .map(|run| {
            let (first, last) = (super::int(run.first), super::int(run.last));
            let index = proc_macro2::Literal::usize_unsuffixed(run.index);
            if run.first == run.last {
                quote!(#first => Some(&ENTRIES[#index]))
            } else if run.index == 0 {
                quote!(#first..=#last => Some(&ENTRIES[(code - #first) as usize]))
            } else {
                quote!(#first..=#last => Some(&ENTRIES[#index + (code - #first) as usize]))
            }
        });
    let sendable = runs(
        codes
            .iter()
            .filter(|c| CloseCodeRange::of(c.code) == CloseCodeRange::Protocol && c.sendable())
            .map(|c| (c.code, usize::from(c.code))),
    )
    .into_iter()
    .map(|run| {
        let (first, last) = (super::int(run.first), super::int(run.last));
        if run.first == run.last {
            quote!(#first)
        } else {
            quote!(#first..=#last)
        }
    })
    .collect::<Vec<_>>();
    let sendable_body = if sendable.is_empty() {
        quote!(false)
    } else {
        quote!(matches!(code, #(#sendable)|*))
    };
    let ranges = super::writer::range_rows(&registry.close_codes.records, people);
    let rules = registry.close_codes.meta.range_rules.iter().filter_map(|rule| {
        let (first, last) = parse_range(&rule.value)?;
        let (first, last) = (super::int(first), super::int(last));
        let text = docs::plain(&rule.rule, people);
        let references = refs::slice_tokens(rule.rule.references(), people);
        Some(quote!(RangeRecord { first: #first, last: #last, description: #text, references: #references }))
    });
    let count = proc_macro2::Literal::usize_unsuffixed(codes.len());

    Ok(quote! {
        #module_docs

        use crate::{CloseCode, RangeRecord, Reference};

        /// Named constants for every close code the registry assigns, with IANA's text.
        impl CloseCode {
            /// Every code the registry assigns, in ascending order (1004-1006 and 1015
            /// included, though they may never be sent).
            pub const ALL: &'static [CloseCode] = &[#(Self::#all_idents),*];

            #(#consts)*
            #(#kept)*
        }

        /// The registry's range rows: values it describes as a block rather than assigning
        /// (`Unassigned`, `Reserved for Private Use`).
        pub const RANGES: &[RangeRecord] = &[#(#ranges),*];

        /// The registry's registration rules, per range of codes, in IANA's words.
        pub const REGISTRATION_RULES: &[RangeRecord] = &[#(#rules),*];

        /// What the registry (and the project's curated notes) say about one assigned code.
        #[derive(Debug)]
        pub(crate) struct Entry {
            pub(crate) name: &'static str,
            pub(crate) label: &'static str,
            pub(crate) description: Option<&'static str>,
            pub(crate) not_on_wire: Option<&'static str>,
            pub(crate) references: &'static [Reference],
            pub(crate) contact: &'static [Reference],
            pub(crate) registered: Option<&'static str>,
            pub(crate) updated: Option<&'static str>,
            pub(crate) reconnect: Option<crate::Reconnect>,
            pub(crate) reconnect_why: Option<&'static str>,
            pub(crate) texts: &'static [crate::language::Texts],
        }

        const ENTRIES: [Entry; #count] = [#(#entries),*];

        /// True for the codes of the protocol range that the registry assigns and RFC 6455
        /// lets a Close frame carry (`CloseCode::is_valid_on_wire` adds the ranges that are
        /// valid as a whole, see `close_code_rules.rs`). The same `matches!` a careful
        /// library writes by hand, kept in step with the registry.
        #[inline]
        pub(crate) const fn is_sendable_protocol_code(code: u16) -> bool {
            #sendable_body
        }

        /// Each kind of reconnect advice in a few words, in `language` (English where there
        /// is no text in it yet): `registry/curated.toml`'s and `registry/l10n/`'s
        /// `[reconnect-advice]` tables.
        pub(crate) const fn reconnect_text(reconnect: crate::Reconnect, language: crate::Language) -> &'static str {
            match (language, reconnect) {
                #(#reconnect_text_arms,)*
            }
        }

        /// The project's notes on a range: its description, reconnect advice and their
        /// translations (`registry/curated.toml`, `registry/l10n/`).
        pub(crate) const fn range_notes(range: crate::CloseCodeRange) -> &'static crate::language::RangeNotes {
            match range {
                #(#range_arms,)*
            }
        }

        /// The registry's record for `code`, if the registry assigns it. Consecutive codes are
        /// one arm, so the common codes cost a subtraction, not a jump table.
        pub(crate) const fn entry(code: u16) -> Option<&'static Entry> {
            match code {
                #(#lookup_arms,)*
                _ => None,
            }
        }
    })
}

/// `Some(crate::Reconnect::..)` or `None`.
fn reconnect_tokens(reconnect: Option<crate::curated::Reconnect>) -> TokenStream {
    match reconnect {
        Some(kind) => {
            let variant = format_ident!("{}", format!("{kind:?}"));
            quote!(Some(crate::Reconnect::#variant))
        }
        None => quote!(None),
    }
}

/// A run of consecutive codes whose entries are consecutive too.
struct Run {
    first: u16,
    last: u16,
    /// The entry index of `first`.
    index: usize,
}

/// Groups `(code, entry index)` pairs, sorted by code, into runs where both go up by one.
/// Callers that only need runs of codes pass the code itself as the index.
fn runs(pairs: impl Iterator<Item = (u16, usize)>) -> Vec<Run> {
    let mut sorted: Vec<(u16, usize)> = pairs.collect();
    sorted.sort_unstable();
    let mut out: Vec<Run> = Vec::new();
    for (code, index) in sorted {
        match out.last_mut() {
            Some(run)
                if u32::from(run.last) + 1 == u32::from(code)
                    && run.index + usize::from(code - run.first) == index =>
            {
                run.last = code
            }
            _ => out.push(Run {
                first: code,
                last: code,
                index,
            }),
        }
    }
    out
}

/// `1000-2999` -> (1000, 2999); `3000` -> (3000, 3000).
fn parse_range(text: &str) -> Option<(u16, u16)> {
    let (a, b) = text.split_once('-').unwrap_or((text, text));
    let (a, b): (u16, u16) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (a <= b).then_some((a, b))
}

fn const_doc(
    c: &Assigned<'_>,
    people: &std::collections::BTreeMap<String, crate::model::Person>,
) -> String {
    let r = c.record;
    let mut parts = vec![format!("**{}** {}", c.code, docs::md(&c.label))];
    if c.label != r.description {
        parts.push(format!("IANA: \"{}\"", docs::md(&r.description)));
    }
    if let Some(description) = &c.description {
        parts.push(docs::md(description));
    }
    if let Some(reason) = &c.not_on_wire_reason {
        parts.push(format!(
            "Never valid in a Close frame: {}",
            docs::md(reason)
        ));
    }
    if let Some(note) = &c.peer_note {
        parts.push(docs::md(note));
    }
    parts.push(docs::facts(
        &r.references,
        &r.contact,
        r.controller.as_ref(),
        &r.meta,
        people,
    ));
    docs::paragraphs(parts)
}
