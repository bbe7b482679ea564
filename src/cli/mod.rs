//! The command line: `clap` reads the arguments, each subcommand asks the
//! same features as the editor (`ide`) and prints their answers. With no
//! subcommand the binary serves LSP on stdin/stdout, as editors start it
//! (they may append `--stdio` and `--clientProcessId=N`).
//!
//! Output goes to stdout, logs to stderr, and the exit code says whether the
//! command found errors (1) or could not run (2; also for usage errors).

mod check;
mod index;
mod line_diff;
mod outline;
mod speakers;
mod themes;
mod world;

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand};

/// A language server for folders of speech transcripts.
#[derive(Debug, Parser)]
#[command(
    name = "speech-ls",
    version,
    about,
    after_help = "With no command, speech-ls serves the Language Server Protocol on stdin/stdout.\n\
                  Logs go to stderr; set RUST_LOG (e.g. RUST_LOG=info) to see them."
)]
struct Cli {
    /// Serve LSP on stdin/stdout (the default; editors pass it).
    #[arg(long)]
    stdio: bool,
    /// The editor's process id (some editors pass it; the server reads it from `initialize`).
    #[arg(long = "clientProcessId", alias = "client-process-id", hide = true)]
    client_process_id: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve LSP on stdin/stdout (what running with no command does).
    Serve {
        #[arg(long, hide = true)]
        stdio: bool,
    },
    /// Print the outline of a transcript or INDEX.md: header, lead, parts,
    /// turns and topical sections, as the editor shows it.
    Outline {
        /// A transcript or INDEX.md.
        file: PathBuf,
        /// Print JSON instead of an indented tree.
        #[arg(long)]
        json: bool,
    },
    /// Report what INDEX.md and the files disagree on, as
    /// `file:line:column: severity: message`; exit 1 when an error is found.
    Check {
        /// The corpus folder (default: seeds/ if present, else the current folder).
        dir: Option<PathBuf>,
        /// Exit 1 on warnings too.
        #[arg(long)]
        strict: bool,
    },
    /// Print a diff bringing DIR/INDEX.md up to date: every unlisted
    /// transcript is added, what was written by hand is kept; a fresh index
    /// when there is none.
    Index {
        dir: PathBuf,
        /// Replace INDEX.md (atomically) instead of printing the diff.
        #[arg(long)]
        write: bool,
    },
    /// Print what a speech (or every speech of a corpus) is about: themes,
    /// key terms, summary and sections.
    Themes {
        /// A transcript or a corpus folder.
        target: PathBuf,
    },
    /// List the persons of a corpus (every label resolved to the person it
    /// names) with their aliases, turns, words, speeches, first and last date.
    Speakers {
        /// The corpus folder (or a folder holding corpora).
        dir: PathBuf,
        /// Print JSON instead of one line per person.
        #[arg(long)]
        json: bool,
    },
    /// Print the evaluation table for the unpacked shared data.
    Eval {
        /// The folder `shared/tools/unpack` wrote.
        data_dir: PathBuf,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
}

/// Runs the command line on `args` (without the program name) and returns
/// the process exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> i32 {
    let argv = std::iter::once(OsString::from("speech-ls")).chain(args);
    let cli = match Cli::try_parse_from(argv) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return e.exit_code();
        }
    };
    match cli.command {
        None | Some(Command::Serve { .. }) => serve(),
        Some(Command::Outline { file, json }) => report(outline::run(&file, json)),
        Some(Command::Check { dir, strict }) => check::run(&dir.unwrap_or_else(check::default_dir), strict),
        Some(Command::Index { dir, write }) => report(index::run(&dir, write)),
        Some(Command::Themes { target }) => report(themes::run(&target)),
        Some(Command::Speakers { dir, json }) => report(speakers::run(&dir, json)),
        Some(Command::Eval { data_dir }) => {
            print!("{}", crate::eval::render(&crate::eval::run(&data_dir)));
            0
        }
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "speech-ls", &mut std::io::stdout());
            0
        }
    }
}

/// Serves LSP on stdio until the client says `exit` (or closes the input).
/// Started by hand from a terminal, it says what it is waiting for.
fn serve() -> i32 {
    if std::io::stdin().is_terminal() {
        eprintln!(
            "speech-ls: serving the Language Server Protocol on stdin/stdout (an editor starts it); \
             `speech-ls --help` lists the commands"
        );
    }
    // The exit code is 0 only when `shutdown` came first (the specification's rule).
    match crate::lsp::serve_stdio() {
        Ok(code) => code,
        Err(e) => report(Err(e)),
    }
}

fn report(result: anyhow::Result<()>) -> i32 {
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("speech-ls: {e:#}");
            2
        }
    }
}
