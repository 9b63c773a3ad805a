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
    /// What the translations lack (one line per language); English is shown instead.
    /// `cargo xtask check` prints it.
    pub missing_translations: Vec<String>,
    /// The name lock after this run (`registry/names.toml`): the lock read, plus the names
    /// given to new records, renames and removals.
    pub names_lock: String,
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
    /// How `registry/names.toml` differs from the lock this run produces (a unified diff,
    /// or a line saying it is missing), when [`GeneratedSet::compare_workspace`] checked it.
    pub names_lock: Option<String>,
}

impl Staleness {
    /// True when `generated/` is exactly what the inputs produce.
    pub fn is_fresh(&self) -> bool {
        self.changed.is_empty()
            && self.missing.is_empty()
            && self.extra.is_empty()
            && self.names_lock.is_none()
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
        if let Some(diff) = &self.names_lock {
            out.push_str(&format!(
                "{}: out of date\n{diff}\n",
                crate::paths::NAMES_LOCK
            ));
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

/// True when `a` and `b` differ at most in line endings (CRLF or LF).
fn same_text(a: &str, b: &str) -> bool {
    fn lines(text: &str) -> impl Iterator<Item = &str> {
        text.split('\n')
            .map(|line| line.strip_suffix('\r').unwrap_or(line))
    }
    a == b || lines(a).eq(lines(b))
}

impl GeneratedSet {
    /// Compares with the files in `dir`; line endings do not count (`.gitattributes` keeps
    /// `generated/` LF, but a checkout may still convert it).
    pub fn compare(&self, dir: &Path) -> Result<Staleness> {
        let mut staleness = Staleness::default();
        for file in &self.files {
            let path = dir.join(file.name);
            match fs::read_to_string(&path) {
                // A checkout that turned LF into CRLF has not changed the code.
                Ok(existing) if same_text(&existing, &file.contents) => {}
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

    /// Compares with the workspace at `root`: `generated/` and `registry/names.toml`.
    pub fn compare_workspace(&self, root: &Path) -> Result<Staleness> {
        let mut staleness = self.compare(&root.join(crate::paths::GENERATED_DIR))?;
        let path = root.join(crate::paths::NAMES_LOCK);
        staleness.names_lock = match read_if_present(&path)? {
            Some(existing) if same_text(&existing, &self.names_lock) => None,
            Some(existing) => Some(
                similar::TextDiff::from_lines(&existing, &self.names_lock)
                    .unified_diff()
                    .context_radius(2)
                    .header(
                        &format!("{} (committed)", crate::paths::NAMES_LOCK),
                        &format!("{} (regenerated)", crate::paths::NAMES_LOCK),
                    )
                    .to_string(),
            ),
            None => Some("missing: `cargo xtask regen` writes it".to_owned()),
        };
        Ok(staleness)
    }

    /// Writes `generated/` ([`write_atomically`](Self::write_atomically)), then
    /// `registry/names.toml` (replaced atomically) if it changed. Returns what changed, as
    /// paths from `root`. Should the lock fail to be written after `generated/` was, the next
    /// `regen` writes the same lock: the lock it reads gives the same names.
    pub fn write_workspace(&self, root: &Path) -> Result<Vec<String>> {
        let mut changed: Vec<String> = self
            .write_atomically(&root.join(crate::paths::GENERATED_DIR))?
            .into_iter()
            .map(|name| format!("{}/{name}", crate::paths::GENERATED_DIR))
            .collect();
        let path = root.join(crate::paths::NAMES_LOCK);
        if !read_if_present(&path)?.is_some_and(|text| same_text(&text, &self.names_lock)) {
            write_file_atomically(&path, self.names_lock.as_bytes())?;
            changed.push(crate::paths::NAMES_LOCK.to_owned());
        }
        Ok(changed)
    }

    /// Replaces the contents of `dir` with these files, all or nothing.
    ///
    /// 1. Every changed file is written and synced under a temporary dot-name in `dir`.
    /// 2. Each file it replaces (and each stale file the generator no longer produces) is
    ///    renamed to a backup dot-name, and the new file is renamed into place. Renames within
    ///    one directory are atomic.
    /// 3. Only when every file is in place are the backups deleted.
    ///
    /// A failure at any step undoes the steps before it (new files out, backups back), so
    /// `dir` is left as it was; only if that undo itself fails does the error say which state
    /// is left. Dot-files are never the generator's output, and a later run removes any it
    /// finds. Returns the names of the files that changed or were removed.
    pub fn write_atomically(&self, dir: &Path) -> Result<Vec<String>> {
        self.write_with(dir, &mut |_| Ok(()))
    }

    /// [`write_atomically`](Self::write_atomically) with a hook called before each step
    /// (`"write:<name>"`, `"backup:<name>"`, `"rename:<name>"`, `"remove:<name>"`), so tests
    /// can inject a failure at every stage.
    pub fn write_with(
        &self,
        dir: &Path,
        hook: &mut dyn FnMut(&str) -> std::io::Result<()>,
    ) -> Result<Vec<String>> {
        fs::create_dir_all(dir).map_err(|err| Error::io(dir, "create", err))?;
        remove_leftovers(dir);
        let staleness = self.compare(dir)?;
        let changed: Vec<&OutputFile> = self
            .files
            .iter()
            .filter(|f| {
                staleness.missing.iter().any(|n| n == f.name)
                    || staleness.changed.iter().any(|(n, _)| n == f.name)
            })
            .collect();
        let mut transaction = Transaction {
            dir,
            temps: Vec::new(),
            done: Vec::new(),
        };
        let result = (|| {
            for file in &changed {
                transaction.stage(file.name, file.contents.as_bytes(), hook)?;
            }
            for file in &changed {
                transaction.replace(file.name, hook)?;
            }
            for name in &staleness.extra {
                transaction.remove(name, hook)?;
            }
            Ok(())
        })();
        match result {
            Ok(()) => {
                transaction.commit();
                Ok(changed
                    .iter()
                    .map(|f| f.name.to_owned())
                    .chain(staleness.extra.iter().cloned())
                    .collect())
            }
            Err(err) => Err(transaction.roll_back(err)),
        }
    }
}

/// One step of [`GeneratedSet::write_with`] that has been carried out and can be undone.
struct Done {
    /// The file in `dir` that now holds new contents (or was removed).
    target: PathBuf,
    /// Where its previous contents went, if it had any.
    backup: Option<PathBuf>,
    /// True when the new file was renamed into place (false: a stale file was only moved to
    /// its backup).
    placed: bool,
}

/// The state of one write of `generated/`, so that a failure can put everything back.
struct Transaction<'a> {
    dir: &'a Path,
    /// Temporary files written (or begun).
    temps: Vec<PathBuf>,
    /// Steps carried out, in order.
    done: Vec<Done>,
}

impl Transaction<'_> {
    fn stage(
        &mut self,
        name: &str,
        contents: &[u8],
        hook: &mut dyn FnMut(&str) -> std::io::Result<()>,
    ) -> Result<()> {
        let temp = dot_name(self.dir, name, "tmp");
        self.temps.push(temp.clone());
        hook(&format!("write:{name}"))
            .and_then(|()| write_synced(&temp, contents))
            .map_err(|err| Error::io(&temp, "write", err))
    }

    /// Moves `name`'s current file (if any) to a backup, then the staged file into place.
    fn replace(
        &mut self,
        name: &str,
        hook: &mut dyn FnMut(&str) -> std::io::Result<()>,
    ) -> Result<()> {
        let target = self.dir.join(name);
        let backup = self.back_up(name, &target, hook)?;
        let index = self.done.len();
        self.done.push(Done {
            target: target.clone(),
            backup,
            placed: false,
        });
        let temp = dot_name(self.dir, name, "tmp");
        hook(&format!("rename:{name}"))
            .and_then(|()| fs::rename(&temp, &target))
            .map_err(|err| Error::io(&target, "move into place", err))?;
        self.done[index].placed = true;
        Ok(())
    }

    /// Moves a stale file to a backup; it is deleted on commit.
    fn remove(
        &mut self,
        name: &str,
        hook: &mut dyn FnMut(&str) -> std::io::Result<()>,
    ) -> Result<()> {
        let target = self.dir.join(name);
        hook(&format!("remove:{name}")).map_err(|err| Error::io(&target, "remove", err))?;
        let backup = self.back_up(name, &target, hook)?;
        self.done.push(Done {
            target,
            backup,
            placed: false,
        });
        Ok(())
    }

    fn back_up(
        &mut self,
        name: &str,
        target: &Path,
        hook: &mut dyn FnMut(&str) -> std::io::Result<()>,
    ) -> Result<Option<PathBuf>> {
        if !target.exists() {
            return Ok(None);
        }
        let backup = dot_name(self.dir, name, "bak");
        hook(&format!("backup:{name}"))
            .and_then(|()| fs::rename(target, &backup))
            .map_err(|err| Error::io(target, "back up", err))?;
        Ok(Some(backup))
    }

    /// Everything is in place: delete the backups. A backup that cannot be deleted is only
    /// a stray dot-file, which the next run removes.
    fn commit(self) {
        for done in &self.done {
            if let Some(backup) = &done.backup {
                let _ = fs::remove_file(backup);
            }
        }
    }

    /// Undoes every step, newest first, and removes the temporary files.
    fn roll_back(self, err: Error) -> Error {
        let mut stuck = Vec::new();
        for done in self.done.iter().rev() {
            let undone = (|| {
                if done.placed {
                    fs::remove_file(&done.target)?;
                }
                if let Some(backup) = &done.backup {
                    fs::rename(backup, &done.target)?;
                }
                std::io::Result::Ok(())
            })();
            if let Err(undo_err) = undone {
                stuck.push(format!("{} ({undo_err})", done.target.display()));
            }
        }
        for temp in &self.temps {
            let _ = fs::remove_file(temp);
        }
        if stuck.is_empty() {
            err
        } else {
            Error::new(
                self.dir,
                format!(
                    "{err}; and could not restore {}: run `cargo xtask regen` again",
                    stuck.join(", ")
                ),
            )
        }
    }
}

/// The hidden name in `dir` for `name`'s temporary file (`kind` `tmp`) or backup (`bak`),
/// unique to this process: `.close_codes.rs.tmp-1234`.
fn dot_name(dir: &Path, name: &str, kind: &str) -> PathBuf {
    dir.join(format!(".{name}.{kind}-{}", std::process::id()))
}

/// Creates `path` with `bytes` and syncs it to disk before returning.
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = fs::File::create(path)?;
    out.write_all(bytes)?;
    out.sync_all()
}

/// Removes the dot-files an interrupted earlier run may have left (`.name.tmp-PID`,
/// `.name.bak-PID`).
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && (name.contains(".tmp-") || name.contains(".bak-")) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The text of `path`, or `None` when there is no such file (a checkout without
/// `registry/names.toml` starts one).
pub(crate) fn read_if_present(path: &Path) -> Result<Option<String>> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(Error::io(path, "read", err)),
    }
}

/// Replaces one file atomically: the bytes go to a temporary dot-file beside it, are synced,
/// and the temporary file is renamed over `path`. On failure `path` is untouched and the
/// temporary file is removed.
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dot_name(dir, &name, "tmp");
    if let Err(err) = write_synced(&temp, bytes).and_then(|()| fs::rename(&temp, path)) {
        let _ = fs::remove_file(&temp);
        return Err(Error::io(path, "replace", err));
    }
    Ok(())
}
