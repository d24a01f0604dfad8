//! The `copydesk` binary: all the work is in the library.

fn main() -> std::process::ExitCode {
    copydesk::cli::main()
}
