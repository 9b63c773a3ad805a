//! `cargo xtask <command>`: the maintainer's entry point. See `cargo xtask help`.

use std::process::ExitCode;

use xtask::{generate, paths, workspace_root, Inputs};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  regen   read registry/websocket.xml and registry/curated.toml, rewrite generated/
  check   regenerate in memory; exit 1 with a diff if generated/ is out of date
  help    show this message
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("regen") if args.len() == 1 => regen(),
        Some("check") if args.len() == 1 => check(),
        Some("help" | "--help" | "-h") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn regen() -> ExitCode {
    let root = workspace_root();
    let result = Inputs::from_workspace(&root)
        .and_then(|inputs| generate(&inputs))
        .and_then(|set| set.write_atomically(&root.join(paths::GENERATED_DIR)));
    match result {
        Ok(changed) if changed.is_empty() => {
            println!("generated/ is up to date");
            ExitCode::SUCCESS
        }
        Ok(changed) => {
            for name in changed {
                println!("wrote generated/{name}");
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

fn check() -> ExitCode {
    let root = workspace_root();
    let result = Inputs::from_workspace(&root)
        .and_then(|inputs| generate(&inputs))
        .and_then(|set| set.compare(&root.join(paths::GENERATED_DIR)));
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
