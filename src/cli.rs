//! The command-line subcommands (outline, check, index, eval) and the dispatch that
//! starts the language server when no subcommand is given.
//!
//! Each subcommand prints what `corpus/` computed; nothing here analyses text
//! itself. Output goes to stdout, logs to stderr, and the exit code says
//! whether the command found errors (1) or could not run (2).

mod index;
mod line_diff;

use std::path::{Path, PathBuf};

use crate::corpus::consistency;
use crate::corpus::outline::{OutlineKind, OutlineNode, index_outline, transcript_outline};
use crate::corpus::text::{ColumnUnit, LineIndex};
use crate::corpus::{Corpus, FileAnalysis, FileKind, Severity};
use crate::workspace::{corpus_roots, load_corpus, read};

const USAGE: &str = "\
speech-ls: a language server for folders of speech transcripts

usage:
  speech-ls [--stdio]            serve the Language Server Protocol on stdin/stdout
  speech-ls outline FILE [--json]
                                 print the section tree of a transcript or INDEX.md
  speech-ls check [DIR] [--strict]
                                 report what INDEX.md and the files disagree on
                                 (DIR defaults to seeds/ if present, else .);
                                 exits 1 when an error is found (with --strict,
                                 also when a warning is)
  speech-ls index DIR [--write] print a diff bringing DIR/INDEX.md up to date (adds
                                 every unlisted transcript, keeps what was written
                                 by hand; a fresh index when there is none);
                                 --write replaces INDEX.md atomically
  speech-ls themes FILE|DIR      print what a speech (or every speech of a corpus)
                                 is about: themes, key terms, summary, sections
  speech-ls eval DATA_DIR        print the evaluation table for unpacked data
  speech-ls --version | -V       print the version
  speech-ls --help | -h          print this help

Logs go to stderr; set RUST_LOG (e.g. RUST_LOG=info) to see them.
";

/// Runs the command line and returns the process exit code.
pub fn run(args: &[String]) -> i32 {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        // Language clients append transport flags (`--stdio`, and for some
        // `--clientProcessId=N`); any mix of those means "serve".
        flags if flags.iter().all(|f| *f == "--stdio" || f.starts_with("--clientProcessId")) => serve(),
        ["--version" | "-V"] => {
            println!("speech-ls {}", env!("CARGO_PKG_VERSION"));
            0
        }
        ["--help" | "-h" | "help"] => {
            print!("{USAGE}");
            0
        }
        ["outline", file] => report(outline(Path::new(file), false)),
        ["outline", file, "--json"] | ["outline", "--json", file] => report(outline(Path::new(file), true)),
        ["check"] => check(&default_check_dir(), false),
        ["check", "--strict"] => check(&default_check_dir(), true),
        ["check", dir] => check(Path::new(dir), false),
        ["check", dir, "--strict"] | ["check", "--strict", dir] => check(Path::new(dir), true),
        ["themes", target] => match crate::cli_themes::themes(Path::new(target)) {
            Ok(text) => {
                print!("{text}");
                0
            }
            Err(e) => report(Err(e)),
        },
        ["index", dir] => report(index::run(Path::new(dir), false)),
        ["index", dir, "--write"] | ["index", "--write", dir] => report(index::run(Path::new(dir), true)),
        ["eval", dir] => {
            print!("{}", crate::eval::render(&crate::eval::run(Path::new(dir))));
            0
        }
        _ => {
            eprintln!("speech-ls: unrecognised arguments: {}\n\n{USAGE}", args.join(" "));
            2
        }
    }
}

/// Serves LSP on stdio until the client says `exit`; the exit code is 0
/// only when `shutdown` came first (the specification's rule).
fn serve() -> i32 {
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

/// `speech-ls outline FILE [--json]`.
fn outline(file: &Path, json: bool) -> anyhow::Result<()> {
    let meta = std::fs::metadata(file).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
    anyhow::ensure!(meta.is_file(), "cannot read {}: not a regular file", file.display());
    // The same limits as the server: size, binary content, lossy UTF-8.
    let read = read::read_regular_file(file);
    for p in &read.problems {
        eprintln!("{}: {}: {}", file.display(), severity_name(p.severity), p.message);
    }
    anyhow::ensure!(read.outcome == read::ReadOutcome::Read, "{} was not read", file.display());
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let analysis = FileAnalysis::analyze(&name, &read.text);
    let nodes = match &analysis.kind {
        FileKind::Transcript(t) => transcript_outline(t, &read.text),
        FileKind::Index(doc) => index_outline(doc, &read.text),
    };
    if json {
        let tree: Vec<serde_json::Value> = nodes.iter().map(|n| node_json(n, &analysis.line_index)).collect();
        println!("{}", serde_json::to_string_pretty(&tree)?);
    } else {
        let mut out = String::new();
        for node in &nodes {
            render_node(node, 0, &analysis.line_index, &mut out);
        }
        print!("{out}");
    }
    Ok(())
}

/// One outline node per line: `name [kind] lines A-B · detail`, children
/// indented by two spaces. Lines are 1-based.
fn render_node(node: &OutlineNode, depth: usize, lines: &LineIndex, out: &mut String) {
    let (first, last) = line_range(node, lines);
    let where_ = if first == last { format!("line {first}") } else { format!("lines {first}-{last}") };
    out.push_str(&format!("{}{} [{}] {where_}", "  ".repeat(depth), node.name, kind_name(node.kind)));
    if let Some(detail) = node.detail.as_deref().filter(|d| !d.is_empty()) {
        out.push_str(&format!(" · {detail}"));
    }
    out.push('\n');
    for child in &node.children {
        render_node(child, depth + 1, lines, out);
    }
}

fn node_json(node: &OutlineNode, lines: &LineIndex) -> serde_json::Value {
    let (first, last) = line_range(node, lines);
    serde_json::json!({
        "kind": kind_name(node.kind),
        "name": node.name,
        "detail": node.detail,
        "line": first,
        "end_line": last,
        "start": node.span.start,
        "end": node.span.end,
        "selection": { "start": node.selection.start, "end": node.selection.end },
        "children": node.children.iter().map(|c| node_json(c, lines)).collect::<Vec<_>>(),
    })
}

fn line_range(node: &OutlineNode, lines: &LineIndex) -> (usize, usize) {
    let first = lines.position(node.span.start, ColumnUnit::Utf8).0 + 1;
    let last = lines.position(node.span.end, ColumnUnit::Utf8).0 + 1;
    (first, last.max(first))
}

fn kind_name(kind: OutlineKind) -> &'static str {
    match kind {
        OutlineKind::Header => "header",
        OutlineKind::Lead => "lead",
        OutlineKind::Part => "part",
        OutlineKind::Turn => "turn",
        OutlineKind::Section => "section",
        OutlineKind::StageNote => "stage note",
        OutlineKind::Heading => "heading",
        OutlineKind::Entry => "entry",
    }
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn default_check_dir() -> PathBuf {
    let seeds = PathBuf::from("seeds");
    if seeds.is_dir() { seeds } else { PathBuf::from(".") }
}

/// One line of `check` output, before rendering.
struct Finding {
    path: PathBuf,
    line: usize,
    column: usize,
    severity: Severity,
    message: String,
}

/// `speech-ls check [DIR] [--strict]`: prints `file:line:column: severity:
/// message` lines (1-based line, 1-based byte column) and returns 1 when any
/// is an error, or (strict) a warning.
fn check(dir: &Path, strict: bool) -> i32 {
    if !dir.is_dir() {
        eprintln!("speech-ls: {} is not a folder", dir.display());
        return 2;
    }
    let roots = if dir.join("INDEX.md").is_file() { vec![dir.to_path_buf()] } else { corpus_roots(dir, None) };
    let roots = if roots.is_empty() { vec![dir.to_path_buf()] } else { roots };
    let mut findings = Vec::new();
    for root in &roots {
        let started = std::time::Instant::now();
        let corpus = load_corpus(root);
        tracing::info!("loaded {} files from {} in {} ms", corpus.len(), root.display(), started.elapsed().as_millis());
        let mut found = check_corpus(root, &corpus);
        found.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        findings.extend(found);
    }
    for f in &findings {
        println!("{}:{}:{}: {}: {}", f.path.display(), f.line, f.column, severity_name(f.severity), f.message);
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings, notes) = (count(Severity::Error), count(Severity::Warning), count(Severity::Info));
    eprintln!(
        "speech-ls check: {errors} error(s), {warnings} warning(s), {notes} note(s) in {} corpus folder(s)",
        roots.len()
    );
    let warnings_fail = strict && warnings > 0;
    i32::from(errors > 0 || warnings_fail)
}

/// What is inconsistent in one corpus, from `corpus::consistency` (dead
/// links, duplicates, date mismatches, unlisted and unreadable files), plus a
/// warning when the folder has no INDEX.md at all.
fn check_corpus(root: &Path, corpus: &Corpus) -> Vec<Finding> {
    let mut out: Vec<Finding> = consistency::check_corpus(corpus)
        .into_iter()
        .map(|finding| {
            let (line, column) = corpus
                .get(&finding.path)
                .map(|f| f.line_index.position(finding.problem.span.start, ColumnUnit::Utf8))
                .unwrap_or((0, 0));
            Finding {
                path: shown_path(root, &finding.path),
                line: line + 1,
                column: column + 1,
                severity: finding.problem.severity,
                message: finding.problem.message,
            }
        })
        .collect();
    if corpus.index().is_none() {
        let count = corpus.transcripts().count();
        out.push(Finding {
            path: shown_path(root, "INDEX.md"),
            line: 1,
            column: 1,
            severity: Severity::Warning,
            message: format!("no INDEX.md in this corpus folder; its {count} transcript(s) are listed nowhere"),
        });
    }
    out
}

/// The path to print for `rel` in the corpus at `root`: as the user named the
/// folder, without a leading `./` (`check .` prints `a.txt`, not `./a.txt`).
fn shown_path(root: &Path, rel: &str) -> PathBuf {
    let joined = root.join(rel);
    joined.strip_prefix(".").map(Path::to_path_buf).unwrap_or(joined)
}
