//! What `cargo xtask diff` and `fetch` do once they hold a candidate registry file: compare
//! it with the vendored copy and, for `fetch`, replace the copy and regenerate. No network
//! here (see `fetch.rs`), so all of it is tested with local files.

use std::path::Path;

use crate::diff::diff;
use crate::error::{Error, Result};
use crate::output::{write_file_atomically, GeneratedSet};
use crate::release::{advise, ReleaseAdvice};
use crate::report::Report;
use crate::{generate, parse, paths, Inputs};

/// A registry file that may replace the vendored copy.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Where it came from (a URL or a path): errors and the report name it.
    pub source: String,
    /// Its bytes, as received.
    pub bytes: Vec<u8>,
}

/// The candidate compared with the vendored copy.
#[derive(Debug)]
pub struct Comparison {
    /// What changed and what it means for a release.
    pub report: Report,
    /// What `generated/` becomes with the candidate and today's `registry/curated.toml`, or
    /// why it cannot be generated.
    generated: Result<GeneratedSet>,
}

/// What [`apply`] changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// True when `registry/websocket.xml` was replaced.
    pub registry_replaced: bool,
    /// Generated files written or removed.
    pub generated_changed: Vec<String>,
}

/// Parses the candidate and compares it with the registry vendored under `root`.
///
/// Fails when the candidate is not a valid WebSocket registry (with the parser's file, line
/// and column, the file being `candidate.source`), or when the vendored copy itself is broken.
pub fn compare(root: &Path, candidate: &Candidate) -> Result<Comparison> {
    let vendored = Inputs::from_workspace(root)?;
    let old = parse::parse_registry(Path::new(&vendored.xml_name), &vendored.xml)?;
    reject_html(candidate)?;
    let new = parse::parse_registry(Path::new(&candidate.source), &candidate.bytes)?;
    let changes = diff(&old, &vendored.xml_name, &new, &candidate.source);

    // Generate as `fetch` would write it: the header names the vendored path.
    let new_inputs = Inputs {
        xml: candidate.bytes.clone(),
        ..vendored.clone()
    };
    let generated = generate(&new_inputs);
    let release = release_advice(&vendored, &new_inputs, &generated)?;
    Ok(Comparison {
        report: Report::new(changes, release, vendored.xml == candidate.bytes),
        generated,
    })
}

/// Release advice from the code each side generates. The curated notes may not fit the new
/// registry (they name a record it dropped); the advice is then computed without them, and
/// says so.
fn release_advice(
    vendored: &Inputs,
    new_inputs: &Inputs,
    generated: &Result<GeneratedSet>,
) -> Result<ReleaseAdvice> {
    match generated {
        Ok(new_set) => Ok(advise(&generate(vendored)?, new_set)),
        Err(err) => {
            let bare = |inputs: &Inputs| {
                generate(&Inputs {
                    curated: None,
                    translations: Vec::new(),
                    ..inputs.clone()
                })
            };
            let mut advice = advise(&bare(vendored)?, &bare(new_inputs)?);
            advice.note = Some(format!(
                "computed without registry/curated.toml, which does not fit the new registry: {err}"
            ));
            Ok(advice)
        }
    }
}

/// A server that answers with an error page, a login portal or a "moved" notice gives HTML;
/// say so plainly rather than report the first XML error in it.
fn reject_html(candidate: &Candidate) -> Result<()> {
    let start: String = String::from_utf8_lossy(&candidate.bytes[..candidate.bytes.len().min(512)])
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    if start.starts_with("<!doctype html") || start.starts_with("<html") {
        return Err(Error::new(
            &candidate.source,
            "got an HTML page, not IANA's registry XML",
        ));
    }
    Ok(())
}

impl Comparison {
    /// Replaces `registry/websocket.xml` with the candidate and regenerates `generated/`.
    ///
    /// Refused, with nothing written, when the candidate drops records and `allow_removals`
    /// is false, or when the code cannot be generated from it (for example because
    /// `registry/curated.toml` names a record it dropped). The registry file is replaced
    /// first; if `generated/` then cannot be written, the old registry file is put back.
    pub fn apply(
        &self,
        root: &Path,
        candidate: &Candidate,
        allow_removals: bool,
    ) -> Result<Applied> {
        let removed: Vec<String> = self
            .report
            .diff
            .removed_records()
            .map(|(section, record)| format!("{section} {}", record.key))
            .collect();
        if !removed.is_empty() && !allow_removals {
            return Err(Error::new(
                &candidate.source,
                format!(
                    "refusing to update: this registry drops {} record(s) the vendored copy has ({}); \
                     IANA rarely removes registrations, so check the report, then rerun with --allow-removals",
                    removed.len(),
                    removed.join(", ")
                ),
            ));
        }
        let generated = self.generated.as_ref().map_err(|err| {
            Error::new(
                &candidate.source,
                format!("refusing to update: cannot generate code from this registry: {err}"),
            )
        })?;
        let registry_path = root.join(paths::REGISTRY_XML);
        let registry_replaced = !self.report.same_bytes;
        let previous = if registry_replaced {
            let previous = std::fs::read(&registry_path)
                .map_err(|err| Error::io(&registry_path, "read", err))?;
            write_file_atomically(&registry_path, &candidate.bytes)?;
            Some(previous)
        } else {
            None
        };
        match generated.write_workspace(root) {
            Ok(generated_changed) => Ok(Applied {
                registry_replaced,
                generated_changed,
            }),
            Err(err) => {
                if let Some(previous) = previous {
                    write_file_atomically(&registry_path, &previous).map_err(|restore| {
                        Error::new(
                            &registry_path,
                            format!(
                                "{err}; and the previous registry file could not be restored \
                                 ({restore}): run `cargo xtask regen`"
                            ),
                        )
                    })?;
                }
                Err(err)
            }
        }
    }
}
