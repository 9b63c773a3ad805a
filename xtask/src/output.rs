//! Stage 5: compare generated files with `generated/`, or replace it atomically.

use std::fs;
use std::path::{Path, PathBuf};

use crate::emit::OutputFile;
use crate::error::{Error, Result};

/// The complete set of generated files of one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedSet {
    /// The files, in a fixed order.
    pub files: Vec<OutputFile>,
    /// The sha256 of the registry file they were generated from, which they quote.
    pub xml_sha256: String,
}

/// How `generated/` differs from what the inputs produce.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Staleness {
    /// Files whose contents differ, with a unified diff (committed -> regenerated).
    pub changed: Vec<(String, String)>,
    /// Files that should exist but do not.
    pub missing: Vec<String>,
    /// Files in `generated/` that the generator no longer produces.
    pub extra: Vec<String>,
}

impl Staleness {
    /// True when `generated/` is exactly what the inputs produce.
    pub fn is_fresh(&self) -> bool {
        self.changed.is_empty() && self.missing.is_empty() && self.extra.is_empty()
    }

    /// A report for people: what is stale and how to fix it.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for name in &self.missing {
            out.push_str(&format!("generated/{name}: missing\n"));
        }
        for name in &self.extra {
            out.push_str(&format!(
                "generated/{name}: not produced by the generator any more\n"
            ));
        }
        for (name, diff) in &self.changed {
            out.push_str(&format!("generated/{name}: out of date\n{diff}\n"));
        }
        out.push_str(
            "generated/ does not match registry/: run `cargo xtask regen` and commit the result.\n",
        );
        out
    }
}

/// Files in `dir` that the generator owns: everything but dot-files (temporary files of an
/// interrupted run are dot-files too, and are cleaned up by the next `regen`).
fn owned_files(dir: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(names),
        Err(err) => return Err(Error::io(dir, "list", err)),
    };
    for entry in entries {
        let entry = entry.map_err(|err| Error::io(dir, "list", err))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') && entry.path().is_file() {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

impl GeneratedSet {
    /// Compares with the files in `dir`.
    pub fn compare(&self, dir: &Path) -> Result<Staleness> {
        let mut staleness = Staleness::default();
        for file in &self.files {
            let path = dir.join(file.name);
            match fs::read_to_string(&path) {
                Ok(existing) if existing == file.contents => {}
                Ok(existing) => {
                    let diff = similar::TextDiff::from_lines(&existing, &file.contents)
                        .unified_diff()
                        .context_radius(2)
                        .header(
                            &format!("generated/{} (committed)", file.name),
                            &format!("generated/{} (regenerated)", file.name),
                        )
                        .to_string();
                    staleness.changed.push((file.name.to_owned(), diff));
                }
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                    staleness.missing.push(file.name.to_owned())
                }
                Err(err) => return Err(Error::io(&path, "read", err)),
            }
        }
        for name in owned_files(dir)? {
            if !self.files.iter().any(|f| f.name == name) {
                staleness.extra.push(name);
            }
        }
        Ok(staleness)
    }

    /// Replaces the contents of `dir` with these files, all or nothing as far as the file
    /// system allows: every file is first written and synced under a temporary dot-name in
    /// `dir`; only when all of them are written are they renamed into place (a rename within
    /// one directory is atomic). A failure before that point removes the temporary files and
    /// leaves `dir` untouched. Returns the names of the files that changed.
    pub fn write_atomically(&self, dir: &Path) -> Result<Vec<String>> {
        self.write_with(dir, &mut |_| Ok(()))
    }

    /// [`write_atomically`](Self::write_atomically) with a hook called before each step
    /// (`"write:<name>"`, `"rename:<name>"`), so tests can inject a failure at every stage.
    pub fn write_with(
        &self,
        dir: &Path,
        hook: &mut dyn FnMut(&str) -> std::io::Result<()>,
    ) -> Result<Vec<String>> {
        fs::create_dir_all(dir).map_err(|err| Error::io(dir, "create", err))?;
        let staleness = self.compare(dir)?;
        let changed: Vec<&crate::emit::OutputFile> = self
            .files
            .iter()
            .filter(|f| {
                staleness.missing.iter().any(|n| n == f.name)
                    || staleness.changed.iter().any(|(n, _)| n == f.name)
            })
            .collect();
        let mut temps: Vec<(PathBuf, PathBuf)> = Vec::new();
        let cleanup = |temps: &[(PathBuf, PathBuf)]| {
            for (temp, _) in temps {
                let _ = fs::remove_file(temp);
            }
        };
        for file in &changed {
            let temp = dir.join(format!(".{}.tmp-{}", file.name, std::process::id()));
            let target = dir.join(file.name);
            let result = hook(&format!("write:{}", file.name)).and_then(|()| {
                use std::io::Write;
                let mut out = fs::File::create(&temp)?;
                out.write_all(file.contents.as_bytes())?;
                out.sync_all()
            });
            temps.push((temp.clone(), target));
            if let Err(err) = result {
                cleanup(&temps);
                return Err(Error::io(&temp, "write", err));
            }
        }
        for (index, (temp, target)) in temps.iter().enumerate() {
            let name = target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if let Err(err) =
                hook(&format!("rename:{name}")).and_then(|()| fs::rename(temp, target))
            {
                // Files renamed so far are already final; the rest are discarded. Renames of
                // written files almost never fail, but say exactly what state is left.
                cleanup(&temps[index..]);
                return Err(Error::io(
                    target,
                    &format!("move into place (after {index} of {} files were replaced; run `cargo xtask regen` again)", temps.len()),
                    err,
                ));
            }
        }
        for name in &staleness.extra {
            let path = dir.join(name);
            fs::remove_file(&path).map_err(|err| Error::io(&path, "remove stale file", err))?;
        }
        Ok(changed
            .iter()
            .map(|f| f.name.to_owned())
            .chain(staleness.extra.iter().cloned())
            .collect())
    }
}

/// Replaces one file atomically: the bytes go to a temporary dot-file beside it, are synced,
/// and the temporary file is renamed over `path`. On failure `path` is untouched and the
/// temporary file is removed.
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let written = fs::File::create(&temp).and_then(|mut out| {
        out.write_all(bytes)?;
        out.sync_all()
    });
    if let Err(err) = written.and_then(|()| fs::rename(&temp, path)) {
        let _ = fs::remove_file(&temp);
        return Err(Error::io(path, "replace", err));
    }
    Ok(())
}
