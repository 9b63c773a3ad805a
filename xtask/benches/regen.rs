//! The generator, in-process: what `cargo xtask regen` costs on the vendored registry, and
//! across all 75 published versions of it. See benches/BENCHMARKS.md for the results.
//!
//! Run with `cargo bench -p xtask --bench regen`.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use xtask::{generate, paths, workspace_root, Inputs};

/// The registry versions under `xtask/tests/data/history/`, oldest first.
fn history() -> Vec<Inputs> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/history");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|entry| entry.expect("readable directory").path())
        .filter(|path| path.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| Inputs {
            xml_name: path.display().to_string(),
            xml: std::fs::read(&path).expect("readable history file"),
            curated: None,
            translations: Vec::new(),
            names_lock: None,
        })
        .collect()
}

fn regen(c: &mut Criterion) {
    let root = workspace_root();
    let inputs = Inputs::from_workspace(&root).expect("the vendored registry");
    let generated = root.join(paths::GENERATED_DIR);
    let mut group = c.benchmark_group("regen");
    group.sample_size(20);
    // What `cargo xtask regen` does on a tree that is up to date: read, parse, emit, format,
    // compare with generated/ (nothing to write).
    group.bench_function("vendored registry, read + generate + compare", |b| {
        b.iter(|| {
            let inputs = Inputs::from_workspace(black_box(&root)).expect("inputs");
            let set = generate(&inputs).expect("generates");
            set.compare(&generated).expect("comparable")
        })
    });
    group.bench_function("vendored registry, generate only", |b| {
        b.iter(|| generate(black_box(&inputs)).expect("generates"))
    });
    let history = history();
    assert_eq!(history.len(), 75, "the history corpus");
    group.throughput(Throughput::Elements(history.len() as u64));
    group.bench_function("all 75 published versions, generate", |b| {
        b.iter(|| {
            history
                .iter()
                .map(|inputs| generate(black_box(inputs)).expect("generates").files.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, regen);
criterion_main!(benches);
