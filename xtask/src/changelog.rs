//! The changelog entry `cargo xtask fetch` writes for a registry update.
//!
//! The lines `cargo xtask fetch` adds to `CHANGELOG.md` for a registry update: one bullet
//! under `## [Unreleased]` / `### Changed` (Keep a Changelog's headings, which the file
//! already uses), with a line per changed sub-registry and per public name added, removed or
//! deprecated. Each update adds its own bullet, newest first, so two IANA edits before one
//! release read as two entries.

use std::fmt::Write as _;

use crate::diff::SectionDiff;
use crate::release::ReleaseKind;
use crate::report::Report;
use crate::text::markdown_code;

/// The heading of the section that collects what the next release will contain.
const UNRELEASED: &str = "## [Unreleased]";
/// The heading, within it, that registry updates go under.
const CHANGED: &str = "### Changed";

/// The changelog entry for `report`, or `None` when the generated code does not change (the
/// crate's users see no difference, so the changelog has nothing to say).
pub fn entry(report: &Report) -> Option<String> {
    let release = &report.release;
    if report.identical || release.kind == ReleaseKind::None {
        return None;
    }
    let diff = &report.diff;
    let mut out = format!(
        "- The registry is IANA's version of {} (was {}); a {} release: {}.\n",
        markdown_code(&diff.new.updated),
        markdown_code(&diff.old.updated),
        release.kind.as_str(),
        release.reason()
    );
    for section in &diff.sub_registries {
        if let Some(line) = section_line(section) {
            let _ = writeln!(out, "  - {}: {line}.", markdown_code(&section.id));
        }
    }
    for item in &release.added_items {
        let _ = writeln!(out, "  - Added {}.", markdown_code(item));
    }
    for item in &release.removed_items {
        let _ = writeln!(out, "  - Removed {}.", markdown_code(item));
    }
    for deprecated in &release.deprecated_items {
        let _ = writeln!(
            out,
            "  - Deprecated {}: {}.",
            markdown_code(&deprecated.item),
            markdown_code(&deprecated.note)
        );
    }
    Some(out)
}

/// `added `camp`; changed `wamp` (references)`, or `None` for a section without changes.
fn section_line(section: &SectionDiff) -> Option<String> {
    let mut parts = Vec::new();
    let keys = |records: &[crate::diff::RecordView]| {
        records
            .iter()
            .map(|record| markdown_code(&record.key))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !section.added.is_empty() {
        parts.push(format!("added {}", keys(&section.added)));
    }
    if !section.removed.is_empty() {
        parts.push(format!("removed {}", keys(&section.removed)));
    }
    for change in &section.changed {
        let fields: Vec<&str> = change.fields.iter().map(|f| f.field.as_str()).collect();
        let key = if change.old_key == change.new_key {
            markdown_code(&change.new_key)
        } else {
            format!(
                "{} -> {}",
                markdown_code(&change.old_key),
                markdown_code(&change.new_key)
            )
        };
        parts.push(format!("changed {key} ({})", fields.join(", ")));
    }
    if !section.metadata.is_empty() {
        let fields: Vec<&str> = section.metadata.iter().map(|f| f.field.as_str()).collect();
        parts.push(format!("the sub-registry's {} changed", fields.join(", ")));
    }
    if let Some(note) = &section.note {
        parts.push(note.clone());
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// `changelog` (the file's text, `None` when there is none yet) with `entry` added at the top
/// of `### Changed` in `## [Unreleased]`; either heading is added where it is missing, the
/// Unreleased section before the first release's. Line endings follow the file's.
pub fn with_entry(changelog: Option<&str>, entry: &str) -> String {
    let Some(text) = changelog else {
        return format!("# Changelog\n\n{UNRELEASED}\n\n{CHANGED}\n{entry}");
    };
    let crlf = text.contains("\r\n");
    let text = text.replace("\r\n", "\n");
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is_heading = |line: &str, heading: &str| line.trim_end().eq_ignore_ascii_case(heading);
    let is_release = |line: &str| line.starts_with("## ");
    let mut out = String::with_capacity(text.len() + entry.len() + 64);
    match lines.iter().position(|line| is_heading(line, UNRELEASED)) {
        Some(start) => {
            let end = lines[start + 1..]
                .iter()
                .position(|line| is_release(line))
                .map_or(lines.len(), |i| start + 1 + i);
            match lines[start + 1..end]
                .iter()
                .position(|line| is_heading(line, CHANGED))
            {
                Some(i) => {
                    // After the heading and the blank line that may follow it: the top of
                    // the list, so that the entry joins the list instead of starting another.
                    let mut top = start + 1 + i + 1;
                    // (A blank line is never the next release's heading, so this stays in
                    // the section.)
                    if lines.get(top).is_some_and(|line| line.trim().is_empty()) {
                        top += 1;
                    }
                    out.extend(lines[..top].iter().copied());
                    ensure_newline(&mut out);
                    out.push_str(entry);
                    out.extend(lines[top..].iter().copied());
                }
                None => {
                    out.extend(lines[..=start].iter().copied());
                    ensure_newline(&mut out);
                    let _ = write!(out, "\n{CHANGED}\n{entry}");
                    // Keep the section's own text (its first subsection) a paragraph apart.
                    if lines
                        .get(start + 1)
                        .is_some_and(|line| !line.trim().is_empty())
                    {
                        out.push('\n');
                    }
                    out.extend(lines[start + 1..].iter().copied());
                }
            }
        }
        None => {
            let first_release = lines
                .iter()
                .position(|line| is_release(line))
                .unwrap_or(lines.len());
            out.extend(lines[..first_release].iter().copied());
            ensure_newline(&mut out);
            if !out.ends_with("\n\n") && !out.is_empty() {
                out.push('\n');
            }
            let _ = write!(out, "{UNRELEASED}\n\n{CHANGED}\n{entry}");
            if first_release < lines.len() {
                out.push('\n');
            }
            out.extend(lines[first_release..].iter().copied());
        }
    }
    if crlf {
        out.replace('\n', "\r\n")
    } else {
        out
    }
}

fn ensure_newline(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::with_entry;

    const ENTRY: &str = "- new\n  - detail.\n";

    #[test]
    fn goes_on_top_of_an_existing_changed_list() {
        let before = "# Changelog\n\nIntro.\n\n## [Unreleased]\n\n### Changed\n- old\n\n### Added\n- x\n\n## 0.1.0\n\n- first\n";
        assert_eq!(
            with_entry(Some(before), ENTRY),
            "# Changelog\n\nIntro.\n\n## [Unreleased]\n\n### Changed\n- new\n  - detail.\n- old\n\n### Added\n- x\n\n## 0.1.0\n\n- first\n"
        );
    }

    #[test]
    fn joins_a_list_that_starts_after_a_blank_line() {
        let before = "## [Unreleased]\n\n### Changed\n\n- old\n";
        assert_eq!(
            with_entry(Some(before), ENTRY),
            "## [Unreleased]\n\n### Changed\n\n- new\n  - detail.\n- old\n"
        );
    }

    #[test]
    fn adds_the_changed_heading_to_an_unreleased_section_without_one() {
        let before = "# Changelog\n\n## [Unreleased]\n\n### Added\n- x\n\n## 0.1.0\n";
        assert_eq!(
            with_entry(Some(before), ENTRY),
            "# Changelog\n\n## [Unreleased]\n\n### Changed\n- new\n  - detail.\n\n### Added\n- x\n\n## 0.1.0\n"
        );
        // A `### Changed` of an earlier release is not the Unreleased one.
        let before = "# Changelog\n\n## [Unreleased]\n\n## 0.1.0\n\n### Changed\n- old\n";
        assert_eq!(
            with_entry(Some(before), ENTRY),
            "# Changelog\n\n## [Unreleased]\n\n### Changed\n- new\n  - detail.\n\n## 0.1.0\n\n### Changed\n- old\n"
        );
    }

    #[test]
    fn finds_a_changed_heading_that_ends_the_section() {
        // Nothing between the heading and the next release: it is still this section's.
        let before = "# Changelog\n\n## [Unreleased]\n### Changed\n## 0.1.0\n";
        assert_eq!(
            with_entry(Some(before), ENTRY),
            "# Changelog\n\n## [Unreleased]\n### Changed\n- new\n  - detail.\n## 0.1.0\n"
        );
    }

    #[test]
    fn keeps_a_subsection_right_under_the_unreleased_heading_a_paragraph_apart() {
        let before = "# Changelog\n\n## [Unreleased]\n### Added\n- x\n";
        assert_eq!(
            with_entry(Some(before), ENTRY),
            "# Changelog\n\n## [Unreleased]\n\n### Changed\n- new\n  - detail.\n\n### Added\n- x\n"
        );
    }

    #[test]
    fn adds_the_unreleased_section_before_the_first_release() {
        let before = "# Changelog\n\nIntro.\n\n## 0.1.0\n\n- first\n";
        assert_eq!(
            with_entry(Some(before), ENTRY),
            "# Changelog\n\nIntro.\n\n## [Unreleased]\n\n### Changed\n- new\n  - detail.\n\n## 0.1.0\n\n- first\n"
        );
        assert_eq!(
            with_entry(Some("# Changelog"), ENTRY),
            "# Changelog\n\n## [Unreleased]\n\n### Changed\n- new\n  - detail.\n"
        );
        assert_eq!(
            with_entry(None, ENTRY),
            "# Changelog\n\n## [Unreleased]\n\n### Changed\n- new\n  - detail.\n"
        );
    }

    #[test]
    fn keeps_crlf_line_endings_and_headings_in_any_case() {
        let before = "# Changelog\r\n\r\n## [unreleased]\r\n\r\n### changed\r\n- old\r\n";
        assert_eq!(
            with_entry(Some(before), ENTRY),
            "# Changelog\r\n\r\n## [unreleased]\r\n\r\n### changed\r\n- new\r\n  - detail.\r\n- old\r\n"
        );
    }
}
