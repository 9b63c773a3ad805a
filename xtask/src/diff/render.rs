//! Writes IANA's references and rich text as the compact plain strings a diff field holds.

use std::fmt::Write as _;

use crate::model::{Inline, RefKind, Reference, RichText};

/// A reference as IANA wrote it, compactly: `[rfc6455, section 7.4.1]`, `<https://...>`,
/// `[person Alexey_Melnikov]`.
pub fn render_ref(reference: &Reference) -> String {
    let mut out = match reference.kind {
        RefKind::Uri => format!("<{}>", reference.data),
        RefKind::Text => String::new(),
        RefKind::Rfc | RefKind::Draft => format!("[{}", reference.data),
        kind => format!("[{} {}", kind.as_attr(), reference.data),
    };
    if let Some((attr, value)) = &reference.fragment {
        let _ = write!(out, ", {attr} {value}");
    }
    if out.starts_with('[') {
        out.push(']');
    }
    if !reference.text.is_empty() {
        if !out.is_empty() {
            out.push(' ');
        }
        let _ = write!(out, "{:?}", reference.text);
    }
    out
}

pub(super) fn render_refs(references: &[Reference]) -> String {
    references
        .iter()
        .map(render_ref)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A record's `<controller>`, or nothing (which [`fields`] leaves out).
pub(super) fn render_controller(controller: &Option<RichText>) -> String {
    controller.as_ref().map(render_rich).unwrap_or_default()
}

pub(super) fn render_rich(text: &RichText) -> String {
    let mut out = String::new();
    for inline in &text.0 {
        let piece = match inline {
            Inline::Text(text) => text.clone(),
            Inline::Ref(reference) => render_ref(reference),
        };
        if !out.is_empty() && !out.ends_with(' ') && !piece.starts_with([' ', ',', '.', ')']) {
            out.push(' ');
        }
        out.push_str(&piece);
    }
    out.trim().to_owned()
}
