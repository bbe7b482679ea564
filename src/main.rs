//! The `speech-ls` binary: serves LSP on stdio, or runs a command-line subcommand.
//! Logs go to stderr (RUST_LOG, default `warn`) so stdout stays for protocol messages.

fn main() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(ansi).init();
    let code = speech_ls::cli::run(std::env::args_os().skip(1));
    // `exit` skips destructors, so flush what the subcommand printed first.
    let _ = std::io::Write::flush(&mut std::io::stdout());
    std::process::exit(code);
}
