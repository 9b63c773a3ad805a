//! Turns on the peers' part of `benches/extensions.rs`, which the main crate's build of the
//! same file leaves out.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(peer_benches)");
    println!("cargo::rustc-cfg=peer_benches");
}
