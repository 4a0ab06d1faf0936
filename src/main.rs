//! The `moc` binary: everything lives in the library; see `moc::main`.

fn main() -> std::process::ExitCode {
    moc::main()
}
