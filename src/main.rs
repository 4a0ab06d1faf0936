//! The `moc` binary: everything lives in the library; see `moc::main`.
//!
//! The allocator is jemalloc (cargo feature `jemalloc`, on by default; not on MSVC). Loading a
//! region means parsing hundreds of files into many small strings and tables and letting them go
//! plan by plan; with glibc's allocator, malloc and free were about a fifth of the instructions of
//! `moc report` over 1 000 plans, and jemalloc makes that report about 15 % faster for a few
//! megabytes more at peak (BENCHMARKS.md). mimalloc was as fast but held twice the memory.

#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    moc::main()
}
