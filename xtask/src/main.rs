//! `cargo xtask <command>`: the maintainer's entry point. See `cargo xtask help`.

use std::path::PathBuf;
use std::process::ExitCode;

use xtask::text::one_line;
use xtask::update::{compare, Candidate};
use xtask::{generate, workspace_root, Inputs};

const USAGE: &str = "\
usage: cargo xtask [--root DIR] <command> [options]

commands:
  regen     read registry/websocket.xml and registry/curated.toml, rewrite generated/
  check     regenerate in memory; exit 1 with a diff if generated/ is out of date
  diff      compare the vendored registry with IANA's live one (or a file); write nothing
              [--url URL | --file PATH] [--format text|json] [--timeout SECONDS]
            exit 0: same content; 1: the registry changed; 2: could not compare
  fetch     download the live registry, report the changes, replace registry/websocket.xml,
            regenerate generated/ and add the change to CHANGELOG.md (Unreleased)
              [--url URL] [--allow-removals] [--format text|json] [--timeout SECONDS]
              [--pr-body FILE]   also write a pull request body (Markdown) for the update;
                                 nothing is written when the registry did not change
            exit 0: updated, or nothing to do; 1: not updated, nothing written (refused:
            a registry that drops records, unless --allow-removals, or one the code cannot
            be generated from; or a file could not be written); 2: could not check (the
            download failed, or it is not the registry)
  test      the whole test suite: installs the browsers the browser tests need (Debian's
            chromium, firefox-esr, webkit2gtk-driver, xvfb; as root, or prints the command)
            and the runtimes the runtime tests need (undici, Node.js, Deno, Bun: `npm ci`
            into tests/runtimes/, never globally), then runs `cargo test --workspace`, the
            browser tests and the runtime tests
  fuzz      run the cargo-fuzz targets in xtask/fuzz/ from their committed corpus, each for
            a set time; installs cargo-fuzz first when it is missing
              [TARGET] [--time SECONDS]   one target (default: all), seconds each (default 60)
            exit 0: no crash, leak or timeout; 1: a target failed (the error names the
            input file libFuzzer left) or could not be built; 2: bad usage
  explain   everything the crate knows about a close code, opcode, version, header bit,
            subprotocol or extension, in English, German or Japanese
              [--lang en|de|ja] [--format text|json] <number | identifier>
            (builds examples/explain.rs alone) exit 0: found; 1: not found; 2: bad usage
  api       list the runtime crate's public API (every feature on) in api/public-api.txt,
            and audit it: size, and the rules it keeps at zero (deprecated items, arrays,
            errors that cannot propagate, accessors with two return types, missing
            `# Errors`, types without an example); needs `cargo rustdoc` (stable is fine)
              [--check]   compare instead of writing: exit 1 on a difference or a broken rule
  help      show this message

--root DIR  work on the checkout at DIR instead of this one
--url       defaults to https://www.iana.org/assignments/websocket/websocket.xml
";

#[cfg(not(feature = "net"))]
/// Set when the binary re-runs itself with the `net` feature, so that it cannot loop.
const REEXEC_GUARD: &str = "IANA_WEBSOCKET_XTASK_NET_REEXEC";

/// Exit status of `diff` when it could not compare, and of any usage error.
const EXIT_UNCHECKED: u8 = 2;

#[derive(Debug, Default)]
struct Options {
    root: Option<PathBuf>,
    command: Option<String>,
    url: Option<String>,
    file: Option<PathBuf>,
    json: bool,
    allow_removals: bool,
    timeout_secs: Option<f64>,
    pr_body: Option<PathBuf>,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut options = Options::default();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| {
            iter.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--root" => options.root = Some(PathBuf::from(value("--root")?)),
            "--url" => options.url = Some(value("--url")?),
            "--file" => options.file = Some(PathBuf::from(value("--file")?)),
            "--format" => match value("--format")?.as_str() {
                "text" => options.json = false,
                "json" => options.json = true,
                other => return Err(format!("unknown format {other:?}; expected text or json")),
            },
            "--timeout" => {
                let text = value("--timeout")?;
                match text.parse::<f64>() {
                    Ok(secs) if secs > 0.0 && secs.is_finite() => options.timeout_secs = Some(secs),
                    _ => return Err(format!("--timeout {text:?}: expected seconds, above 0")),
                }
            }
            "--allow-removals" => options.allow_removals = true,
            "--pr-body" => options.pr_body = Some(PathBuf::from(value("--pr-body")?)),
            "-h" | "--help" => options.command = Some("help".to_owned()),
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag:?}")),
            command if options.command.is_none() => options.command = Some(command.to_owned()),
            extra => return Err(format!("unexpected argument {extra:?}")),
        }
    }
    let command = options.command.as_deref().unwrap_or("");
    let allowed: &[&str] = match command {
        "regen" | "check" | "test" | "help" => &[],
        "diff" => &["url", "file", "format", "timeout"],
        "fetch" => &["url", "format", "timeout", "allow-removals", "pr-body"],
        "" => return Err("no command given".to_owned()),
        other => return Err(format!("unknown command {other:?}")),
    };
    let given = [
        ("url", options.url.is_some()),
        ("file", options.file.is_some()),
        ("format", options.json),
        ("timeout", options.timeout_secs.is_some()),
        ("allow-removals", options.allow_removals),
        ("pr-body", options.pr_body.is_some()),
    ];
    for (name, is_given) in given {
        if is_given && !allowed.contains(&name) {
            return Err(format!("`{command}` does not take --{name}"));
        }
    }
    if options.url.is_some() && options.file.is_some() {
        return Err("give --url or --file, not both".to_owned());
    }
    Ok(options)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `explain` takes its own arguments: hand them over untouched.
    if args.first().map(String::as_str) == Some("explain") {
        return explain(&args[1..]);
    }
    if args.first().map(String::as_str) == Some("fuzz") {
        return fuzz(&args[1..]);
    }
    // `api` keeps `--root` (to audit another checkout) and takes `--check`.
    if let Some(at) = args.iter().position(|arg| arg == "api") {
        let root = match &args[..at] {
            [] => workspace_root(),
            [flag, dir] if flag == "--root" => PathBuf::from(dir),
            _ => {
                eprintln!("error: usage: cargo xtask [--root DIR] api [--check]\n");
                eprint!("{USAGE}");
                return ExitCode::from(EXIT_UNCHECKED);
            }
        };
        return api(&root, &args[at + 1..]);
    }
    let options = match parse_args(&args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}\n");
            eprint!("{USAGE}");
            return ExitCode::from(EXIT_UNCHECKED);
        }
    };
    let root = options.root.clone().unwrap_or_else(workspace_root);
    match options.command.as_deref() {
        Some("regen") => regen(&root),
        Some("check") => check(&root),
        Some("test") => match xtask::test_command::run_all(&root) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        },
        Some("diff") if options.file.is_some() => diff(&root, &options),
        Some("diff" | "fetch") => networked(&root, &options, &args),
        _ => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
    }
}

fn regen(root: &std::path::Path) -> ExitCode {
    let result = Inputs::from_workspace(root)
        .and_then(|inputs| generate(&inputs))
        .and_then(|set| set.write_workspace(root));
    match result {
        Ok(changed) if changed.is_empty() => {
            println!("generated/ is up to date");
            ExitCode::SUCCESS
        }
        Ok(changed) => {
            for path in changed {
                println!("wrote {path}");
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            eprintln!("generated/ was left unchanged");
            ExitCode::FAILURE
        }
    }
}

fn check(root: &std::path::Path) -> ExitCode {
    let result = Inputs::from_workspace(root)
        .and_then(|inputs| generate(&inputs))
        .and_then(|set| {
            // Not an error: a code registered since the last translation shows English.
            for missing in &set.missing_translations {
                println!("note: {missing} (English is shown until they are written)");
            }
            set.compare_workspace(root)
        });
    match result {
        Ok(staleness) if staleness.is_fresh() => {
            println!("generated/ is up to date with registry/");
            ExitCode::SUCCESS
        }
        Ok(staleness) => {
            eprint!("{}", staleness.report());
            ExitCode::FAILURE
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// `api [--check]`: write or compare the public API listing of the checkout at `root`.
fn api(root: &std::path::Path, args: &[String]) -> ExitCode {
    let mode = match args {
        [] => xtask::api::Mode::Write,
        [flag] if flag == "--check" => xtask::api::Mode::Check,
        _ => {
            eprintln!("error: usage: cargo xtask api [--check]\n");
            eprint!("{USAGE}");
            return ExitCode::from(EXIT_UNCHECKED);
        }
    };
    match xtask::api::run(root, mode) {
        Ok((report, passed)) => {
            print!("{report}");
            if passed {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `fuzz`: its own arguments (`[TARGET] [--time SECONDS]`), on this checkout.
fn fuzz(args: &[String]) -> ExitCode {
    if let Err(message) = xtask::fuzz_command::parse_options(args) {
        eprintln!("error: {message}\n");
        eprint!("{USAGE}");
        return ExitCode::from(EXIT_UNCHECKED);
    }
    match xtask::fuzz_command::run(&workspace_root(), args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `explain`: runs examples/explain.rs as the `explain` package, which depends on the runtime
/// crate alone (the root package's examples would first compile tokio, axum and criterion),
/// with the generator's profile, whose dependencies are already built.
fn explain(args: &[String]) -> ExitCode {
    let manifest = workspace_root().join("Cargo.toml");
    cargo_run(
        &["--package", "explain"],
        &manifest,
        args,
        None,
        "build the explain tool",
    )
}

/// `cargo run --quiet --profile xtask <options> --manifest-path <manifest> -- <args>`, passing
/// on its exit status; `what` says what it was for when cargo cannot be started.
fn cargo_run(
    options: &[&str],
    manifest: &std::path::Path,
    args: &[String],
    env: Option<(&str, &str)>,
    what: &str,
) -> ExitCode {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = std::process::Command::new(cargo);
    command
        .args(["run", "--quiet", "--profile", "xtask"])
        .args(options)
        .arg("--manifest-path")
        .arg(manifest)
        .arg("--")
        .args(args);
    if let Some((key, value)) = env {
        command.env(key, value);
    }
    match command.status() {
        Ok(status) => match status.code() {
            Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(EXIT_UNCHECKED)),
            None => ExitCode::from(EXIT_UNCHECKED),
        },
        Err(err) => {
            eprintln!("error: cannot run cargo to {what}: {err}");
            ExitCode::from(EXIT_UNCHECKED)
        }
    }
}

/// `diff --file`: compares with a local file; needs no network.
fn diff(root: &std::path::Path, options: &Options) -> ExitCode {
    let Some(path) = &options.file else {
        return ExitCode::from(EXIT_UNCHECKED);
    };
    let source = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("error: {source}: cannot read: {err}");
            return ExitCode::from(EXIT_UNCHECKED);
        }
    };
    report_diff(root, options, Candidate { source, bytes })
}

/// The change report on stdout, in the format asked for.
fn print_report(report: &xtask::report::Report, options: &Options) {
    if options.json {
        print!("{}", report.json());
    } else {
        print!("{}", report.text());
    }
}

fn report_diff(root: &std::path::Path, options: &Options, candidate: Candidate) -> ExitCode {
    match compare(root, &candidate) {
        Ok(comparison) => {
            let report = &comparison.report;
            print_report(report, options);
            if report.identical {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(err) => {
            eprintln!("error: {}", one_line(&err.to_string()));
            ExitCode::from(EXIT_UNCHECKED)
        }
    }
}

#[cfg(feature = "net")]
fn networked(root: &std::path::Path, options: &Options, _args: &[String]) -> ExitCode {
    use xtask::fetch::{fetch, FetchOptions, DEFAULT_URL};

    let is_fetch = options.command.as_deref() == Some("fetch");
    // Both commands exit 2 when they could not check; `fetch` exits 1 when it refuses.
    let failure = ExitCode::from(EXIT_UNCHECKED);
    let untouched = if is_fetch {
        " (registry/, generated/ and CHANGELOG.md unchanged)"
    } else {
        ""
    };
    let mut fetch_options = FetchOptions::new(options.url.as_deref().unwrap_or(DEFAULT_URL));
    if let Some(secs) = options.timeout_secs {
        fetch_options.timeout = std::time::Duration::from_secs_f64(secs);
        fetch_options.connect_timeout = fetch_options.connect_timeout.min(fetch_options.timeout);
    }
    let bytes = match fetch(&fetch_options) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("error: {}{untouched}", one_line(&err.to_string()));
            return failure;
        }
    };
    let candidate = Candidate {
        source: fetch_options.url.clone(),
        bytes,
    };
    if !is_fetch {
        return report_diff(root, options, candidate);
    }
    let comparison = match compare(root, &candidate) {
        Ok(comparison) => comparison,
        Err(err) => {
            eprintln!("error: {}{untouched}", one_line(&err.to_string()));
            return failure;
        }
    };
    print_report(&comparison.report, options);
    let applied = match &options.pr_body {
        Some(path) => comparison.apply_with_pr_body(root, &candidate, options.allow_removals, path),
        None => comparison.apply(root, &candidate, options.allow_removals),
    };
    match applied {
        Ok(applied) => {
            // Progress goes to stderr so that `--format json` keeps stdout machine-readable.
            if applied.registry_replaced {
                eprintln!("wrote {}", xtask::paths::REGISTRY_XML);
            }
            for name in &applied.generated_changed {
                eprintln!("wrote {name}");
            }
            if applied.changelog_updated {
                eprintln!("wrote {} (Unreleased)", xtask::paths::CHANGELOG);
            }
            if !applied.registry_replaced && applied.generated_changed.is_empty() {
                eprintln!("registry/ and generated/ are already up to date");
            }
            if let Some(path) = &options.pr_body {
                if applied.pr_body_written {
                    eprintln!("wrote {} (pull request body)", path.display());
                } else {
                    eprintln!(
                        "no change: no pull request body written to {}",
                        path.display()
                    );
                }
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {}{untouched}", one_line(&err.to_string()));
            ExitCode::FAILURE
        }
    }
}

/// Built without the network stack (the `cargo xtask` alias leaves it out so that `regen`
/// and `check` build fast): run this same command again through Cargo with `--features net`.
#[cfg(not(feature = "net"))]
fn networked(_root: &std::path::Path, options: &Options, args: &[String]) -> ExitCode {
    let command = options.command.as_deref().unwrap_or_default();
    if std::env::var_os(REEXEC_GUARD).is_some() {
        eprintln!(
            "error: `{command}` needs the xtask `net` feature, and this build lacks it even \
             after a rebuild with `--features net`"
        );
        return ExitCode::from(EXIT_UNCHECKED);
    }
    // Only people at a terminal need to know why the first run pauses to compile; scripts
    // and CI get nothing but the command's own output (an error stays one line).
    if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        eprintln!(
            "note: `{command}` needs the network stack: running xtask with `--features net` \
             (the first time, this compiles reqwest and rustls)"
        );
    }
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    cargo_run(
        &["--features", "net"],
        &manifest,
        args,
        Some((REEXEC_GUARD, "1")),
        "build xtask with `--features net`",
    )
}
