//! Registry references as citations and URLs, for rustdoc and the runtime `Reference`.
//!
//! Turns registry references into what people read: a citation text and, where there is one,
//! a URL. Shared by the rustdoc text and the runtime `Reference` tables so both agree.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Person, RefKind, Reference};

/// A reference resolved for output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// IANA's kind.
    pub kind: RefKind,
    /// What a person reads: `RFC 6455`, `Alexey Melnikov`, a page title or the URI.
    pub text: String,
    /// Where to read it.
    pub url: Option<String>,
}

/// Resolves `reference`, looking persons up in `people`.
pub fn resolve(reference: &Reference, people: &BTreeMap<String, Person>) -> Resolved {
    let data = reference.data.as_str();
    let (text, url) = match reference.kind {
        RefKind::Rfc => rfc(data, reference.fragment.as_ref()),
        RefKind::RfcErrata if is_digits(data) => (
            format!("RFC Errata {data}"),
            Some(format!("https://www.rfc-editor.org/errata/eid{data}")),
        ),
        RefKind::Draft if is_draft_name(data) => (
            data.to_owned(),
            Some(format!("https://datatracker.ietf.org/doc/{data}/")),
        ),
        RefKind::Uri => {
            let text = if reference.text.is_empty() {
                data.to_owned()
            } else {
                reference.text.clone()
            };
            // Only web addresses become links: a `javascript:` or `data:` URI in the registry
            // must not turn into a clickable link in docs or a `url` that tools follow.
            (text, is_web_url(data).then(|| data.to_owned()))
        }
        RefKind::Person => match people.get(data) {
            Some(person) => (
                person
                    .name
                    .clone()
                    .or_else(|| person.org.clone())
                    .unwrap_or_else(|| data.replace('_', " ")),
                person
                    .uris
                    .iter()
                    .find(|uri| uri.starts_with("https://") || uri.starts_with("http://"))
                    .cloned(),
            ),
            None => (data.replace('_', " "), None),
        },
        RefKind::Registry if is_registry_id(data) => (
            format!("IANA registry {data}"),
            Some(format!("https://www.iana.org/assignments/{data}")),
        ),
        RefKind::Note => (format!("Note {data}"), None),
        // `text`, and any other kind whose data is not of the form IANA's schema requires:
        // show what the file says, link nowhere.
        _ => {
            let text = if reference.text.is_empty() {
                data.to_owned()
            } else {
                reference.text.clone()
            };
            (text, None)
        }
    };
    Resolved {
        kind: reference.kind,
        text,
        url,
    }
}

fn rfc(data: &str, fragment: Option<&(String, String)>) -> (String, Option<String>) {
    let split = data
        .find(|ch: char| ch.is_ascii_digit())
        .unwrap_or(data.len());
    let (series, number) = data.split_at(split);
    if !is_digits(number) {
        return (data.to_owned(), None);
    }
    match series {
        "rfc" => {
            let mut text = format!("RFC {number}");
            let mut url = format!("https://www.rfc-editor.org/rfc/rfc{number}.html");
            if let Some((kind, value)) = fragment {
                text.push_str(&format!(", {kind} {value}"));
                if kind == "section"
                    && value
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'.')
                {
                    url.push_str(&format!("#section-{value}"));
                }
            }
            (text, Some(url))
        }
        "bcp" | "std" => (
            format!("{} {number}", series.to_ascii_uppercase()),
            Some(format!("https://www.rfc-editor.org/info/{series}{number}")),
        ),
        _ => (data.to_owned(), None),
    }
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

fn is_draft_name(text: &str) -> bool {
    (text.starts_with("draft-") || text.starts_with("RFC-"))
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn is_registry_id(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// `crate::ReferenceKind::X` for `kind`.
fn kind_tokens(kind: RefKind) -> TokenStream {
    match kind {
        RefKind::Rfc => quote!(crate::ReferenceKind::Rfc),
        RefKind::RfcErrata => quote!(crate::ReferenceKind::RfcErrata),
        RefKind::Draft => quote!(crate::ReferenceKind::Draft),
        RefKind::Uri => quote!(crate::ReferenceKind::Uri),
        RefKind::Person => quote!(crate::ReferenceKind::Person),
        RefKind::Text => quote!(crate::ReferenceKind::Text),
        RefKind::Registry => quote!(crate::ReferenceKind::Registry),
        RefKind::Note => quote!(crate::ReferenceKind::Note),
        RefKind::Unicode => quote!(crate::ReferenceKind::Unicode),
    }
}

/// A `&[crate::Reference]` expression for `references`.
pub fn slice_tokens<'a>(
    references: impl IntoIterator<Item = &'a Reference>,
    people: &BTreeMap<String, Person>,
) -> TokenStream {
    let items = references.into_iter().map(|reference| {
        let Resolved { kind, text, url } = resolve(reference, people);
        let kind = kind_tokens(kind);
        let url = super::opt_str(url.as_deref());
        quote!(crate::Reference { kind: #kind, text: #text, url: #url })
    });
    quote!(&[#(#items),*])
}

/// An `http://` or `https://` URL with no whitespace or control characters in it.
fn is_web_url(uri: &str) -> bool {
    let lower = uri.get(..8).unwrap_or(uri).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !uri.chars().any(|c| c.is_whitespace() || c.is_control())
}
