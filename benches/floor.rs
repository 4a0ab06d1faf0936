//! The floor: the least work any plan tool must do — find the `*.toml` files under a folder, read
//! them and parse the TOML (with the same parser moc uses, spans kept). `moc check`, `status` and
//! `report` are measured against it (see BENCHMARKS.md).
//!
//! `cargo run --release --example floor -- DIR`
//!
//! `floor DIR --events`: less still — the lexer and parser under `toml` (`toml_parser`) run over
//! each file with nothing built from their events: no tree, no string decoded. No plan tool can
//! do less and still know the file is TOML; BENCHMARKS.md gives it beside the floor.

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

/// The parser's events, counted (their spans kept in mind, nothing built).
#[derive(Default)]
struct Count(usize);

impl toml_parser::parser::EventReceiver for Count {
    fn simple_key(
        &mut self,
        _: toml_parser::Span,
        _: Option<toml_parser::decoder::Encoding>,
        _: &mut dyn toml_parser::ErrorSink,
    ) {
        self.0 += 1;
    }
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "plans".into());
    let events_only = std::env::args().any(|a| a == "--events");
    let mut files = Vec::new();
    walk(std::path::Path::new(&dir), &mut files);
    let mut keys = 0usize;
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        if events_only {
            let source = toml_parser::Source::new(&text);
            let tokens = source.lex().into_vec();
            let mut count = Count::default();
            let mut errors = Vec::new();
            toml_parser::parser::parse_document(&tokens, &mut count, &mut errors);
            keys += count.0;
        } else if let Ok(t) = toml::de::DeTable::parse(&text) {
            keys += t.get_ref().len();
        }
    }
    println!("{} files, {keys} keys", files.len());
}
