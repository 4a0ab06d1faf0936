//! `cargo run --release --example genplans -- DIR PLANS ITEMS [SEED]`: write a region's
//! repository of generated plans for benchmarks (see BENCHMARKS.md).

#[path = "support/gen.rs"]
mod generator;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(plans), Some(items)) = (
        args.get(1),
        args.get(2).and_then(|a| a.parse().ok()),
        args.get(3).and_then(|a| a.parse().ok()),
    ) else {
        eprintln!("usage: genplans DIR PLANS ITEMS [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(4).and_then(|a| a.parse().ok()).unwrap_or(2026);
    match generator::generate(std::path::Path::new(dir), plans, items, seed) {
        Ok(bytes) => println!("{plans} plans x {items} items, {bytes} bytes in {dir}"),
        Err(e) => {
            eprintln!("genplans: {e}");
            std::process::exit(1);
        }
    }
}
