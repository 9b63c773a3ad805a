//! Detects what the compiler offers beyond the crate's minimum Rust (1.63, see Cargo.toml).
//!
//! The crate builds with Rust 1.63 so that WebSocket stacks with old minimums can depend on
//! it. Where a newer compiler adds something worth having, this script turns it on by
//! reading `rustc --version` instead of raising the minimum:
//!
//! - `has_core_error` (Rust 1.81): the error types implement `core::error::Error`.
//!
//! It uses nothing but `std`, so the crate keeps zero dependencies. If the version cannot
//! be read, the newer features stay off: the crate still builds, with less.

use std::env;
use std::process::Command;

/// `(cfg name, first Rust 1.x minor version that has it)`.
const FEATURES: &[(&str, u32)] = &[("has_core_error", 81)];

/// The first Rust 1.x minor version whose Cargo reads `cargo:rustc-check-cfg`.
const CHECK_CFG_SINCE: u32 = 80;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=RUSTC");
    let minor = match rustc_minor_version() {
        Some(minor) => minor,
        None => {
            println!("cargo:warning=could not read `rustc --version`; building without the features of newer compilers");
            return;
        }
    };
    for (name, since) in FEATURES {
        // Declares the cfg to rustc's `unexpected_cfgs` lint, which checks cfgs from Rust
        // 1.80 on; Cargo before 1.80 warns about this line, so it only goes to newer ones.
        if minor >= CHECK_CFG_SINCE {
            println!("cargo:rustc-check-cfg=cfg({name})");
        }
        if minor >= *since {
            println!("cargo:rustc-cfg={name}");
        }
    }
}

/// The `N` of `rustc 1.N.P ...`, from the compiler Cargo builds this crate with.
fn rustc_minor_version() -> Option<u32> {
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(rustc).arg("--version").output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    parse_minor(&text)
}

/// `"rustc 1.63.0 (4b91a6ea7 2022-08-08)"` gives 63; anything else gives `None`.
fn parse_minor(version: &str) -> Option<u32> {
    let number = version.strip_prefix("rustc ")?.split_whitespace().next()?;
    let mut parts = number.split('.');
    if parts.next()? != "1" {
        return None;
    }
    // "1.95.0-nightly" still has its minor version in the second part.
    parts.next()?.parse().ok()
}
