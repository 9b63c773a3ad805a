//! One job per file: every Rust file of the runtime crate (`src/`) and of the generator
//! (`xtask/src/`) states its job in its first line, stays under 500 lines of code before its
//! tests, and has that line as its row in MAINTAINING.md's map of the code.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The most lines of code a file may have before its inline test module.
const MAX_CODE_LINES: usize = 500;

/// The folders the map covers, relative to the repository root.
const ROOTS: [&str; 2] = ["src", "xtask/src"];

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the repository")
        .to_path_buf()
}

/// Every `.rs` file under `dir`, as paths relative to the repository root with `/`.
fn rust_files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(root).expect("under the root");
            let parts: Vec<_> = relative.iter().map(|p| p.to_string_lossy()).collect();
            out.push(parts.join("/"));
        }
    }
}

fn all_files() -> Vec<String> {
    let root = repository();
    let mut files = Vec::new();
    for dir in ROOTS {
        rust_files(&root, &root.join(dir), &mut files);
    }
    files.sort();
    assert!(
        files.len() > 50,
        "found only {} files: {files:?}",
        files.len()
    );
    files
}

/// The file's summary: its first line, a `//!` line that the next line ends (it is followed
/// by an empty `//!` line or by no doc line at all).
fn summary(text: &str) -> Result<&str, String> {
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default();
    let summary = first
        .strip_prefix("//! ")
        .ok_or("does not open with a `//! ` line stating its job")?;
    match lines.next() {
        Some(next) if next.starts_with("//!") && next != "//!" => {
            Err("its summary runs onto a second line; make it one line, then `//!`".into())
        }
        _ => Ok(summary),
    }
}

/// Lines before the first inline test module (`#[cfg(test)]` followed by `mod name {`); a
/// `#[cfg(test)] mod tests;` pointing at another file counts as code.
fn code_lines(text: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .windows(2)
        .position(|pair| {
            pair[0].trim() == "#[cfg(test)]"
                && pair[1].trim_start().starts_with("mod ")
                && pair[1].trim_end().ends_with('{')
        })
        .unwrap_or(lines.len())
}

/// MAINTAINING.md's rows of the map: `` | `path` | summary | ``, by path.
fn map_rows() -> BTreeMap<String, String> {
    let path = repository().join("MAINTAINING.md");
    let text = std::fs::read_to_string(&path).expect("MAINTAINING.md");
    let start = text
        .find("## A map of the code")
        .expect("MAINTAINING.md has a section `## A map of the code`");
    let section = &text[start..];
    let end = section[3..].find("\n## ").map_or(section.len(), |i| i + 3);
    let mut rows = BTreeMap::new();
    for line in section[..end].lines() {
        let Some(rest) = line.strip_prefix("| `") else {
            continue;
        };
        let (file, rest) = rest.split_once("` | ").expect("a row is | `path` | job |");
        let job = rest.strip_suffix(" |").expect("a row ends with ` |`");
        let previous = rows.insert(file.to_owned(), job.to_owned());
        assert!(previous.is_none(), "MAINTAINING.md maps `{file}` twice");
    }
    rows
}

#[test]
fn every_file_states_its_one_job_in_one_line() {
    let problems: Vec<String> = all_files()
        .iter()
        .filter_map(|file| {
            let text = std::fs::read_to_string(repository().join(file)).expect("readable");
            summary(&text).err().map(|why| format!("{file}: {why}"))
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_file_has_more_than_500_lines_of_code_before_its_tests() {
    let problems: Vec<String> = all_files()
        .iter()
        .filter_map(|file| {
            let text = std::fs::read_to_string(repository().join(file)).expect("readable");
            let lines = code_lines(&text);
            (lines > MAX_CODE_LINES).then(|| {
                format!("{file}: {lines} lines of code (at most {MAX_CODE_LINES}); split it by job")
            })
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_map_in_maintaining_names_every_file_with_its_first_line() {
    let mut rows = map_rows();
    let mut problems = Vec::new();
    for file in all_files() {
        let text = std::fs::read_to_string(repository().join(&file)).expect("readable");
        let Ok(job) = summary(&text) else {
            continue; // the first test names it
        };
        match rows.remove(&file) {
            None => problems.push(format!("missing row: | `{file}` | {job} |")),
            Some(row) if row != job => {
                problems.push(format!("`{file}`: the map says {row:?}, the file {job:?}"))
            }
            Some(_) => {}
        }
    }
    for file in rows.keys() {
        problems.push(format!("row for a file that does not exist: `{file}`"));
    }
    assert!(
        problems.is_empty(),
        "MAINTAINING.md, ## A map of the code:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_counts_see_summaries_and_test_modules() {
    assert_eq!(summary("//! One job.\n//!\n//! More.\n"), Ok("One job."));
    assert_eq!(summary("//! One job.\n\nuse x;\n"), Ok("One job."));
    assert!(summary("//! One job\n//! runs on.\n").is_err());
    assert!(summary("use x;\n").is_err());
    let text = "a\nb\n#[cfg(test)]\nmod tests;\nc\n#[cfg(test)]\nmod tests {\n}\n";
    assert_eq!(code_lines(text), 5);
    assert_eq!(code_lines("a\nb\n"), 2);
}
