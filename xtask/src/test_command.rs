//! `cargo xtask test`: the whole suite, browser tests included.
//!
//! `cargo xtask test`: the whole test suite, browser tests included, on a machine that may
//! have nothing but the Rust toolchain.
//!
//! The browser tests (`tests/browser.rs`) are `#[ignore]`d in a plain `cargo test`, so that
//! it passes without browsers and counts them as ignored. This command first makes sure the
//! three engines are installed (installing Debian's packages when it runs as root, or
//! stopping with the exact command to run), then runs `cargo test --workspace` and the
//! ignored browser tests. It never skips a test.

use std::path::Path;
use std::process::{Command, ExitStatus};

/// A program the browser tests start, and the Debian package that brings it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Requirement {
    /// A command on `PATH`, or an absolute path.
    pub program: &'static str,
    /// The Debian package to install for it.
    pub package: &'static str,
}

/// What `tests/browser.rs` needs.
pub const REQUIREMENTS: [Requirement; 4] = [
    Requirement {
        program: "chromium",
        package: "chromium",
    },
    Requirement {
        program: "firefox-esr",
        package: "firefox-esr",
    },
    Requirement {
        program: "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
        package: "webkit2gtk-driver",
    },
    Requirement {
        program: "Xvfb",
        package: "xvfb",
    },
];

/// Whether `program` can be run: an existing absolute path, or a file on `path_var`.
pub fn is_installed(program: &str, path_var: Option<&std::ffi::OsStr>) -> bool {
    if Path::new(program).is_absolute() {
        return Path::new(program).is_file();
    }
    path_var.is_some_and(|path| std::env::split_paths(path).any(|dir| dir.join(program).is_file()))
}

/// The packages to install for what is missing, in [`REQUIREMENTS`] order.
pub fn missing_packages(path_var: Option<&std::ffi::OsStr>) -> Vec<&'static str> {
    REQUIREMENTS
        .iter()
        .filter(|req| !is_installed(req.program, path_var))
        .map(|req| req.package)
        .collect()
}

/// The command a person runs to install `packages`.
pub fn install_command(packages: &[&str]) -> String {
    format!(
        "sudo apt-get update && sudo apt-get install -y {}",
        packages.join(" ")
    )
}

/// Runs the command; `Err` says why it could not run or how it failed.
fn run(command: &mut Command, what: &str) -> Result<(), String> {
    let status: ExitStatus = command
        .status()
        .map_err(|err| format!("cannot run {what}: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

/// Installs what is missing, or says what to run.
fn ensure_browsers() -> Result<(), String> {
    let path = std::env::var_os("PATH");
    let missing = missing_packages(path.as_deref());
    if missing.is_empty() {
        return Ok(());
    }
    if !is_root() {
        return Err(format!(
            "the browser tests need the Debian packages {}; install them and run again:\n    {}",
            missing.join(", "),
            install_command(&missing)
        ));
    }
    eprintln!("installing {} for the browser tests", missing.join(", "));
    run(
        Command::new("apt-get").args(["update", "-qq"]),
        "apt-get update",
    )?;
    run(
        Command::new("apt-get")
            .args(["install", "-y", "-qq"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
        "apt-get install",
    )?;
    let still = missing_packages(std::env::var_os("PATH").as_deref());
    if still.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "apt-get install succeeded but these are still missing: {}",
            still.join(", ")
        ))
    }
}

/// The whole suite from the checkout at `root`: browsers, `cargo test --workspace`, then the
/// browser tests.
pub fn run_all(root: &Path) -> Result<(), String> {
    ensure_browsers()?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    run(
        Command::new(&cargo)
            .args(["test", "--workspace"])
            .current_dir(root),
        "cargo test --workspace",
    )?;
    run(
        Command::new(&cargo)
            .args([
                "test",
                "--package",
                "websocket-registry",
                "--test",
                "browser",
            ])
            .args(["--", "--ignored"])
            .current_dir(root),
        "the browser tests (cargo test --test browser -- --ignored)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_missing_is_named_by_its_package() {
        let empty = std::ffi::OsString::new();
        assert_eq!(
            missing_packages(Some(&empty))
                .into_iter()
                .filter(|p| *p != "webkit2gtk-driver")
                .collect::<Vec<_>>(),
            ["chromium", "firefox-esr", "xvfb"]
        );
        assert_eq!(
            install_command(&["chromium", "xvfb"]),
            "sudo apt-get update && sudo apt-get install -y chromium xvfb"
        );
    }

    #[test]
    fn a_program_on_path_is_installed() {
        let dir = std::env::temp_dir().join(format!("xtask-path-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("firefox-esr"), "").unwrap();
        let path = std::env::join_paths([&dir]).unwrap();
        assert!(is_installed("firefox-esr", Some(&path)));
        assert!(!is_installed("chromium", Some(&path)));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
