//! The `speech-ls` binary: serves LSP on stdio, or runs a command-line subcommand.
fn main() {}
