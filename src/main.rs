//! The `speech-ls` binary: serves LSP on stdio, or runs a command-line subcommand.
//! Logs go to stderr (RUST_LOG, default `warn`) so stdout stays for protocol messages.

fn main() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(ansi).init();
    // `env::args` panics on arguments that are not UTF-8; a lossy copy does not.
    let args: Vec<String> = std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
    let code = speech_ls::cli::run(&args);
    // `exit` skips destructors, so flush what the subcommand printed first.
    let _ = std::io::Write::flush(&mut std::io::stdout());
    std::process::exit(code);
}
