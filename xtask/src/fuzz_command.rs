//! `cargo xtask fuzz`: the cargo-fuzz targets, from their committed corpus.
//!
//! `cargo xtask fuzz [TARGET] [--time SECONDS]`: every cargo-fuzz target in `xtask/fuzz/`, or
//! one, for a set time each, from the committed corpus.
//!
//! cargo-fuzz is installed from crates.io when it is missing, the way `cargo xtask test`
//! installs the browsers. The targets build once, with LeakSanitizer and the stable toolchain
//! (`RUSTC_BOOTSTRAP=1` lets it take the sanitizer flags). Each one then runs from its
//! committed corpus (`xtask/fuzz/corpus/TARGET/`) with its dictionary
//! (`xtask/fuzz/dict/TARGET.dict`); the inputs it finds go to
//! `xtask/fuzz/target/new-corpus/TARGET/`, so the checkout stays clean. A crash, a leak or a
//! timeout stops the run with a failure that names the file libFuzzer left the input in.

use std::path::{Path, PathBuf};
use std::process::Command;

use toml::de::{DeTable, DeValue};

/// Where the fuzz crate lives in the checkout.
pub const FUZZ_DIR: &str = "xtask/fuzz";

/// Seconds each target runs when `--time` is not given.
pub const DEFAULT_SECONDS: u64 = 60;

/// An input that runs longer than this many seconds is a timeout: a failure.
pub const INPUT_TIMEOUT_SECONDS: u64 = 10;

/// The sanitizer every target is built with. LeakSanitizer, not AddressSanitizer: neither the
/// runtime crate nor the generator has `unsafe` code, so AddressSanitizer has nothing of
/// theirs to check, and it made the generator's targets four times slower (247 against 970
/// inputs a second, measured for `generate_record`). Leaks are still found.
pub const SANITIZER: &str = "leak";

/// The targets the fuzz crate's manifest declares (`[[bin]]` names), in its order.
pub fn targets(manifest: &str) -> Result<Vec<String>, String> {
    let table = DeTable::parse(manifest).map_err(|err| format!("{FUZZ_DIR}/Cargo.toml: {err}"))?;
    let bins = match table.get_ref().get("bin").map(|bins| bins.get_ref()) {
        Some(DeValue::Array(bins)) => bins,
        _ => return Err(format!("{FUZZ_DIR}/Cargo.toml has no [[bin]] targets")),
    };
    bins.iter()
        .enumerate()
        .map(|(i, bin)| {
            let name = match bin.get_ref() {
                DeValue::Table(bin) => bin.get("name").map(|name| name.get_ref()),
                _ => None,
            };
            match name {
                Some(DeValue::String(name)) => Ok(name.to_string()),
                _ => Err(format!(
                    "{FUZZ_DIR}/Cargo.toml: [[bin]] number {} has no name",
                    i + 1
                )),
            }
        })
        .collect()
}

/// The arguments of `cargo fuzz run` for `target`, run for `seconds` from the fuzz crate's
/// directory.
pub fn run_args(target: &str, seconds: u64) -> Vec<String> {
    let mut args: Vec<String> = ["fuzz", "run", "--release", "--sanitizer", SANITIZER, target]
        .map(str::to_owned)
        .to_vec();
    args.push(format!("target/new-corpus/{target}"));
    args.push(format!("corpus/{target}"));
    args.push("--".to_owned());
    args.push(format!("-dict=dict/{target}.dict"));
    args.push(format!("-max_total_time={seconds}"));
    args.push(format!("-timeout={INPUT_TIMEOUT_SECONDS}"));
    args.push(format!("-artifact_prefix=artifacts/{target}/"));
    args.push("-print_final_stats=1".to_owned());
    args
}

/// What the command line asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FuzzOptions {
    /// One target, or all of them.
    pub target: Option<String>,
    /// Seconds per target.
    pub seconds: u64,
}

/// Parses `[TARGET] [--time SECONDS]`.
pub fn parse_options(args: &[String]) -> Result<FuzzOptions, String> {
    let mut options = FuzzOptions {
        target: None,
        seconds: DEFAULT_SECONDS,
    };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--time" => {
                let text = iter.next().ok_or("--time needs a value (seconds)")?;
                options.seconds = match text.parse::<u64>() {
                    Ok(seconds) if seconds > 0 => seconds,
                    _ => return Err(format!("--time {text:?}: expected whole seconds, above 0")),
                };
            }
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag:?}")),
            target if options.target.is_none() => options.target = Some(target.to_owned()),
            extra => {
                return Err(format!(
                    "unexpected argument {extra:?}; give one target or none"
                ))
            }
        }
    }
    Ok(options)
}

fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// Installs cargo-fuzz from crates.io unless `cargo fuzz` already runs.
fn ensure_cargo_fuzz() -> Result<(), String> {
    let installed = Command::new(cargo())
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|out| out.status.success());
    if installed {
        return Ok(());
    }
    eprintln!("installing cargo-fuzz (cargo install --locked cargo-fuzz)");
    let status = Command::new(cargo())
        .args(["install", "--locked", "cargo-fuzz"])
        .status()
        .map_err(|err| format!("cannot run cargo install: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "cargo install --locked cargo-fuzz failed ({status})"
        ))
    }
}

/// The files in `dir` (none when it does not exist).
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// Runs the fuzz targets `args` asks for, from the checkout at `root`.
pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let options = parse_options(args)?;
    let dir = root.join(FUZZ_DIR);
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml"))
        .map_err(|err| format!("{FUZZ_DIR}/Cargo.toml: cannot read: {err}"))?;
    let all = targets(&manifest)?;
    let chosen = match &options.target {
        Some(target) if all.contains(target) => vec![target.clone()],
        Some(target) => {
            return Err(format!(
                "no fuzz target {target:?}; the targets are {}",
                all.join(", ")
            ))
        }
        None => all,
    };
    ensure_cargo_fuzz()?;
    let status = Command::new(cargo())
        .args(["fuzz", "build", "--release", "--sanitizer", SANITIZER])
        .env("RUSTC_BOOTSTRAP", "1")
        .current_dir(&dir)
        .status()
        .map_err(|err| format!("cannot run cargo fuzz build: {err}"))?;
    if !status.success() {
        return Err(format!("cargo fuzz build failed ({status})"));
    }
    let mut failed = Vec::new();
    for target in &chosen {
        let new_corpus = dir.join("target/new-corpus").join(target);
        let artifacts = dir.join("artifacts").join(target);
        for made in [&new_corpus, &artifacts] {
            std::fs::create_dir_all(made)
                .map_err(|err| format!("{}: cannot create: {err}", made.display()))?;
        }
        let before = files_in(&artifacts);
        eprintln!("==> fuzzing {target} for {} s", options.seconds);
        let status = Command::new(cargo())
            .args(run_args(target, options.seconds))
            .env("RUSTC_BOOTSTRAP", "1")
            .current_dir(&dir)
            .status()
            .map_err(|err| format!("cannot run cargo fuzz run {target}: {err}"))?;
        let left: Vec<String> = files_in(&artifacts)
            .into_iter()
            .filter(|file| !before.contains(file))
            .map(|file| file.display().to_string())
            .collect();
        if !status.success() || !left.is_empty() {
            let inputs = if left.is_empty() {
                "libFuzzer left no input file".to_owned()
            } else {
                format!("the input is in {}", left.join(", "))
            };
            eprintln!("error: fuzz target {target} failed ({status}); {inputs}");
            failed.push(format!("{target} ({inputs})"));
        }
    }
    if failed.is_empty() {
        eprintln!(
            "fuzzed {} target(s) for {} s each: no crash, leak or timeout; new inputs are in \
             {FUZZ_DIR}/target/new-corpus/",
            chosen.len(),
            options.seconds
        );
        Ok(())
    } else {
        Err(format!(
            "{} of {} fuzz target(s) failed: {}\n    reproduce with: cd {FUZZ_DIR} && \
             RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer {SANITIZER} TARGET INPUT",
            failed.len(),
            chosen.len(),
            failed.join("; ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_targets_are_the_manifests_bins_in_order() {
        let manifest = "[package]\nname = \"f\"\n\n[[bin]]\nname = \"a\"\npath = \"a.rs\"\n\n\
                        [[bin]]\nname = \"b\"\npath = \"b.rs\"\n";
        assert_eq!(targets(manifest).unwrap(), ["a", "b"]);
        assert_eq!(
            targets("[package]\nname = \"f\"\n").unwrap_err(),
            "xtask/fuzz/Cargo.toml has no [[bin]] targets"
        );
        assert_eq!(
            targets("[[bin]]\npath = \"a.rs\"\n").unwrap_err(),
            "xtask/fuzz/Cargo.toml: [[bin]] number 1 has no name"
        );
    }

    #[test]
    fn options_take_one_target_and_whole_seconds() {
        let args = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            parse_options(&args(&[])).unwrap(),
            FuzzOptions {
                target: None,
                seconds: DEFAULT_SECONDS
            }
        );
        assert_eq!(
            parse_options(&args(&["close_payload", "--time", "30"])).unwrap(),
            FuzzOptions {
                target: Some("close_payload".to_owned()),
                seconds: 30
            }
        );
        for (bad, message) in [
            (&["--time"][..], "--time needs a value (seconds)"),
            (
                &["--time", "0"][..],
                "--time \"0\": expected whole seconds, above 0",
            ),
            (
                &["--time", "1.5"][..],
                "--time \"1.5\": expected whole seconds, above 0",
            ),
            (&["--fast"][..], "unknown option \"--fast\""),
            (
                &["a", "b"][..],
                "unexpected argument \"b\"; give one target or none",
            ),
        ] {
            assert_eq!(parse_options(&args(bad)).unwrap_err(), message);
        }
    }

    #[test]
    fn a_run_reads_the_committed_corpus_and_writes_new_inputs_elsewhere() {
        let args = run_args("version_header", 30);
        assert_eq!(
            args,
            [
                "fuzz",
                "run",
                "--release",
                "--sanitizer",
                "leak",
                "version_header",
                "target/new-corpus/version_header",
                "corpus/version_header",
                "--",
                "-dict=dict/version_header.dict",
                "-max_total_time=30",
                "-timeout=10",
                "-artifact_prefix=artifacts/version_header/",
                "-print_final_stats=1",
            ]
        );
    }
}
