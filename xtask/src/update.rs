//! Comparing a candidate registry with the vendored one, and applying it.
//!
//! What `cargo xtask diff` and `fetch` do once they hold a candidate registry file: compare
//! it with the vendored copy and, for `fetch`, replace the copy, regenerate, and add the
//! change to `CHANGELOG.md`. No network here (see `fetch.rs`), so all of it is tested with
//! local files.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::output::{read_if_present, write_file_atomically, GeneratedSet};
use crate::registries::{diff, parse_registry};
use crate::release::{advise, ReleaseAdvice};
use crate::report::Report;
use crate::{changelog, pull_request};
use crate::{generate, paths, Inputs};

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

/// What [`Comparison::apply`] changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// True when `registry/websocket.xml` was replaced.
    pub registry_replaced: bool,
    /// Generated files written or removed.
    pub generated_changed: Vec<String>,
    /// True when an entry was added to `CHANGELOG.md`.
    pub changelog_updated: bool,
    /// True when a pull request body was written ([`Comparison::apply_with_pr_body`]).
    pub pr_body_written: bool,
}

/// Parses the candidate and compares it with the registry vendored under `root`.
///
/// Fails when the candidate is not a valid WebSocket registry (with the parser's file, line
/// and column, the file being `candidate.source`), or when the vendored copy itself is broken.
pub fn compare(root: &Path, candidate: &Candidate) -> Result<Comparison> {
    let vendored = Inputs::from_workspace(root)?;
    let old = parse_registry(Path::new(&vendored.xml_name), &vendored.xml)?;
    reject_html(candidate)?;
    let new = parse_registry(Path::new(&candidate.source), &candidate.bytes)?;
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
    /// Replaces `registry/websocket.xml` with the candidate, regenerates `generated/` (and
    /// `registry/names.toml`), and adds the change to the Unreleased section of
    /// `CHANGELOG.md` ([`changelog::entry`]; a change that leaves the generated code as it was
    /// adds nothing).
    ///
    /// Refused, with nothing written, when the candidate drops records and `allow_removals`
    /// is false, or when the code cannot be generated from it (for example because
    /// `registry/curated.toml` names a record it dropped). All or nothing: the changelog and
    /// the registry file are each replaced atomically, then `generated/` is written as one
    /// transaction; if a later step fails, the files of the earlier ones are put back.
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
        let mut undo = Undo::default();
        let result = (|| {
            let changelog_path = root.join(paths::CHANGELOG);
            let changelog_updated = match changelog::entry(&self.report) {
                Some(entry) => {
                    let previous = read_if_present(&changelog_path)?;
                    let text = changelog::with_entry(previous.as_deref(), &entry);
                    undo.replace(
                        &changelog_path,
                        previous.map(String::into_bytes),
                        text.as_bytes(),
                    )?;
                    true
                }
                None => false,
            };
            let registry_path = root.join(paths::REGISTRY_XML);
            let registry_replaced = !self.report.same_bytes;
            if registry_replaced {
                let previous = std::fs::read(&registry_path)
                    .map_err(|err| Error::io(&registry_path, "read", err))?;
                undo.replace(&registry_path, Some(previous), &candidate.bytes)?;
            }
            let generated_changed = generated.write_workspace(root)?;
            Ok(Applied {
                registry_replaced,
                generated_changed,
                changelog_updated,
                pr_body_written: false,
            })
        })();
        result.map_err(|err| undo.roll_back(err))
    }
}

impl Comparison {
    /// [`apply`](Self::apply), and a pull request body for the update written to `pr_body`
    /// ([`pull_request::body`]). No body is written when the registry file is the same bytes
    /// as the vendored one (there is nothing to propose; [`Applied::pr_body_written`] is
    /// false). The body is written atomically before the update and removed again if the
    /// update fails, so a body exists exactly when the checkout holds the change it describes.
    pub fn apply_with_pr_body(
        &self,
        root: &Path,
        candidate: &Candidate,
        allow_removals: bool,
        pr_body: &Path,
    ) -> Result<Applied> {
        let Some(body) = pull_request::body(&self.report) else {
            return self.apply(root, candidate, allow_removals);
        };
        let previous = match std::fs::read(pr_body) {
            Ok(bytes) => Some(bytes),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
            Err(err) => return Err(Error::io(pr_body, "read", err)),
        };
        let mut undo = Undo::default();
        undo.replace(pr_body, previous, body.as_bytes())?;
        match self.apply(root, candidate, allow_removals) {
            Ok(applied) => Ok(Applied {
                pr_body_written: true,
                ..applied
            }),
            Err(err) => Err(undo.roll_back(err)),
        }
    }
}

/// The single files [`Comparison::apply`] (and the pull request body) replaced, with what
/// they held before, so that a later failure can put them back.
#[derive(Default)]
struct Undo {
    /// Each replaced file and its previous bytes (`None`: it did not exist).
    replaced: Vec<(PathBuf, Option<Vec<u8>>)>,
}

impl Undo {
    fn replace(&mut self, path: &Path, previous: Option<Vec<u8>>, bytes: &[u8]) -> Result<()> {
        write_file_atomically(path, bytes)?;
        self.replaced.push((path.to_owned(), previous));
        Ok(())
    }

    /// Puts every replaced file back, newest first; `err` is what went wrong, and the error
    /// returned says so too when a file could not be restored.
    fn roll_back(self, err: Error) -> Error {
        let mut stuck = Vec::new();
        for (path, previous) in self.replaced.into_iter().rev() {
            let restored = match &previous {
                Some(bytes) => write_file_atomically(&path, bytes).map_err(|e| e.to_string()),
                None => std::fs::remove_file(&path).map_err(|e| e.to_string()),
            };
            if let Err(restore) = restored {
                stuck.push(format!("{} ({restore})", path.display()));
            }
        }
        if stuck.is_empty() {
            err
        } else {
            Error::new(
                Path::new(paths::REGISTRY_XML),
                format!(
                    "{err}; and could not restore {}: put them back with git, then run \
                     `cargo xtask regen`",
                    stuck.join(", ")
                ),
            )
        }
    }
}
