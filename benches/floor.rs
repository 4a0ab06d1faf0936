//! The floor: the least work any plan tool must do — find the `*.toml` files under a folder, read
//! them and parse the TOML (with the same parser moc uses, spans kept). `moc check`, `status` and
//! `report` are measured against it (see BENCHMARKS.md).
//!
//! `cargo run --release --example floor -- DIR`

// the same allocator as moc itself (src/main.rs), so that the ratio measures moc's own work
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut list: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    list.sort();
    for p in list {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "toml")
            && p.file_name().is_some_and(|n| n != "moc.toml")
        {
            out.push(p);
        }
    }
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "plans".into());
    let mut files = Vec::new();
    walk(std::path::Path::new(&dir), &mut files);
    let mut keys = 0usize;
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        if let Ok(t) = toml::de::DeTable::parse(&text) {
            keys += t.get_ref().len();
        }
    }
    println!("{} files, {keys} top-level keys", files.len());
}
