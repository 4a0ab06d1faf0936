//! The `moc` binary: everything lives in the library; see `moc::app::main`.
//!
//! The allocator is jemalloc (cargo feature `jemalloc`, on by default; not on MSVC): a region's
//! plans are many small strings let go plan by plan, and jemalloc makes that about 15 % faster
//! than glibc's allocator for a few megabytes more at peak (BENCHMARKS.md).

#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    moc::app::main()
}
