//! Criterion benchmarks: `check`, `status`, `overdue` and `report` run in process on generated
//! regions (1 × 50, 100 × 100 and 1 000 × 100 items), next to the floor — reading and parsing the
//! same TOML files. `cargo bench`; the figures are in BENCHMARKS.md.

use std::hint::black_box;

// the allocator of the moc binary (src/main.rs)
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/gen.rs"]
mod generator;

fn run(dir: &Path, args: &[&str]) -> usize {
    let mut argv = vec![
        "moc",
        "--as-of",
        "2026-10-01",
        "--color",
        "never",
        "--lang",
        "ru",
    ];
    argv.extend_from_slice(args);
    let argv: Vec<std::ffi::OsString> = argv.into_iter().map(Into::into).collect();
    // the paths moc reads are relative to the process's folder: run there
    let prev = std::env::current_dir().unwrap_or_default();
    std::env::set_current_dir(dir).unwrap_or_else(|e| panic!("{e}"));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let _ = moc::app::run_with(
        &argv,
        dir,
        &mut out,
        &mut err,
        moc::app::Streams::captured(),
        false,
    );
    std::env::set_current_dir(prev).unwrap_or_else(|e| panic!("{e}"));
    out.len()
}

/// The `*.toml` files under a folder, sorted (as moc finds them).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

fn floor(dir: &Path) -> usize {
    let mut files: Vec<PathBuf> = Vec::new();
    walk(&dir.join("plans"), &mut files);
    files.sort();
    let mut n = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        n += toml::de::DeTable::parse(&text).map_or(0, |t| t.get_ref().len());
    }
    n
}

fn bench(c: &mut Criterion) {
    for (plans, items) in [(1, 50), (100, 100), (1000, 100)] {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        generator::generate(dir.path(), plans, items, 2026).unwrap_or_else(|e| panic!("{e}"));
        let mut g = c.benchmark_group(format!("{plans}x{items}"));
        if plans >= 1000 {
            g.sample_size(10);
        }
        g.bench_function("floor (read + parse)", |b| {
            b.iter(|| black_box(floor(dir.path())));
        });
        g.bench_function("check", |b| {
            b.iter(|| black_box(run(dir.path(), &["check"])));
        });
        g.bench_function("status", |b| {
            b.iter(|| black_box(run(dir.path(), &["status"])));
        });
        g.bench_function("overdue", |b| {
            b.iter(|| black_box(run(dir.path(), &["overdue"])));
        });
        g.bench_function("report", |b| {
            b.iter(|| black_box(run(dir.path(), &["report"])));
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
