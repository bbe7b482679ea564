//! `speech-ls index --write` and its readers agree on every file name the
//! file system allows: what the writer links, `check` and the server
//! resolve to that very file. Before, names with `#`, `?`, `:`, `\`, a tab
//! or a newline got links that `check` called dead (or outside the corpus),
//! and for `back\slash.txt` the "did you mean" fix proposed the same name
//! again.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::init_params;
use crate::kit::process::ServerProcess;
use crate::kit::proto::uri;
use serde_json::json;
use speech_ls::corpus::consistency::{FixData, check_index, codes, unlisted_transcripts};
use speech_ls::corpus::index::parse_index;
use speech_ls::corpus::index_edit::{apply_edits, repoint_link};
use speech_ls::workspace::load_corpus;

/// Awkward but legal names (UTF-8, no `/`, no NUL), some in subfolders.
const NAMES: &[&str] = &[
    "a#b.txt",
    "#first.txt",
    "q?x.txt",
    "c:d.txt",
    "C:drive.txt",
    "http:x.txt",
    "back\\slash.txt",
    "tab\there.txt",
    "new\nline.txt",
    "cr\rx.txt",
    "two  spaces.txt",
    " lead.txt",
    "trail .txt",
    "<angle>.txt",
    "a>b.txt",
    "100%.txt",
    "%41.txt",
    "ünï cödé – ok.txt",
    "emoji 😀.txt",
    "nbsp\u{a0}x.txt",
    "paren(1).txt",
    "close)x.txt",
    "bracket]x.txt",
    "bracket[x.txt",
    "[[wiki]].txt",
    "tick`x.txt",
    "two`ticks`.txt",
    "pipe|x.txt",
    "star*x*.txt",
    "quote\"x.txt",
    "apos'x.txt",
    "bang!x.txt",
    "amp&x.txt",
    "html <!-- x.txt",
    "sub dir/a b.txt",
    "sub#dir/x?y.txt",
];

fn write_corpus(root: &Path, with_text: bool) {
    for name in NAMES {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        // Without a lead the title comes from the file name: awkward too.
        let text = if with_text { format!("Moderator: A speech called {name:?}.\n") } else { String::new() };
        std::fs::write(&path, text).expect("write");
    }
}

fn speech_ls(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_speech-ls")).args(args).output().expect("run speech-ls")
}

/// What is wrong with INDEX.md's links after the writer ran, in words.
fn link_problems(root: &Path) -> Vec<String> {
    let corpus = load_corpus(root);
    assert_eq!(corpus.transcripts().count(), NAMES.len(), "every name is a transcript");
    let mut problems: Vec<String> = check_index(&corpus)
        .into_iter()
        .filter(|f| [codes::DEAD_LINK, codes::LINK_OUTSIDE_CORPUS, codes::DUPLICATE_ENTRY].contains(&f.problem.code))
        .map(|f| f.problem.message)
        .collect();
    problems.extend(unlisted_transcripts(&corpus).into_iter().map(|p| format!("{p:?} is not listed")));
    problems
}

#[test]
fn index_write_links_every_name_so_that_check_resolves_it() {
    for with_text in [true, false] {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().canonicalize().expect("canonical");
        write_corpus(&root, with_text);
        let root_arg = root.to_str().expect("utf-8 temp path");
        let wrote = speech_ls(&["index", root_arg, "--write"]);
        assert!(wrote.status.success(), "index --write: {}", String::from_utf8_lossy(&wrote.stderr));
        let problems = link_problems(&root);
        let index = std::fs::read_to_string(root.join("INDEX.md")).expect("INDEX.md");
        assert!(problems.is_empty(), "with text: {with_text}; problems: {problems:#?}\nINDEX.md:\n{index}");
        let checked = speech_ls(&["check", root_arg]);
        let out = String::from_utf8_lossy(&checked.stdout);
        assert!(checked.status.success(), "check exits 0: {out}");
        // Running the writer again adds nothing.
        let again = speech_ls(&["index", root_arg, "--write"]);
        assert!(String::from_utf8_lossy(&again.stderr).contains("up to date"), "a second run changes nothing");
    }
}

/// The server reads INDEX.md as `check` does: no dead link, nothing
/// unlisted, once the writer has run.
#[test]
fn the_server_accepts_what_the_writer_wrote() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("canonical");
    write_corpus(&root, true);
    let wrote = speech_ls(&["index", root.to_str().expect("utf-8"), "--write"]);
    assert!(wrote.status.success());
    let server = ServerProcess::spawn(&root);
    server.initialize(init_params(&root, "utf-16"));
    let index = root.join("INDEX.md");
    server.open(&uri(&index), &std::fs::read_to_string(&index).expect("INDEX.md"));
    // Pulled, so that "none" is an answer rather than a silence.
    let report = server
        .request("textDocument/diagnostic", json!({"textDocument": {"uri": uri(&index)}}), Duration::from_secs(20))
        .expect("a diagnostic report");
    let diagnostics = report["result"]["items"].clone();
    assert!(diagnostics.is_array(), "a full report: {report}");
    let bad: Vec<_> = diagnostics
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| {
            ["dead-link", "link-outside-corpus", "unlisted", "unlisted-summary"]
                .contains(&d["code"].as_str().unwrap_or(""))
        })
        .collect();
    assert!(bad.is_empty(), "the server reports: {bad:#?}");
    // And each link leads to its file.
    let links = server
        .request("textDocument/documentLink", json!({"textDocument": {"uri": uri(&index)}}), Duration::from_secs(20))
        .expect("documentLink");
    let targets: Vec<String> = links["result"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l["target"].as_str().map(str::to_string))
        .collect();
    for name in NAMES {
        assert!(targets.contains(&uri(&root.join(name))), "a link to {name:?}: {targets:#?}");
    }
}

/// A link as an older writer wrote it (the bare name, `<...>` around
/// spaces): when it is dead, the fix offered must actually fix it, never
/// propose the very name the link already spells.
#[test]
fn the_point_to_fix_never_proposes_the_name_it_is_fixing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("canonical");
    write_corpus(&root, true);
    let mut index = String::from("# Index\n\n");
    for name in NAMES.iter().filter(|n| !n.contains(['\n', '\r'])) {
        let dest = if name.contains(' ') { format!("<{name}>") } else { name.to_string() };
        index.push_str(&format!("- [Speech]({dest})\n"));
    }
    std::fs::write(root.join("INDEX.md"), &index).expect("write");
    let corpus = load_corpus(&root);
    let doc = parse_index(&index);
    for finding in check_index(&corpus) {
        let FixData::DeadLink { entry, link, nearest: Some(nearest) } = &finding.fix else { continue };
        let edit = repoint_link(&index, &doc, *entry, *link, nearest).expect("an edit");
        let written = doc.entries[*entry].links[*link].target_span.slice(&index);
        assert_ne!(edit.new_text, written, "the fix for {written:?} proposes the same link again");
        let fixed = apply_edits(&index, &[edit]);
        std::fs::write(root.join("INDEX.md"), &fixed).expect("write");
        let after = load_corpus(&root);
        let entry_line = doc.entries[*entry].line;
        let still_dead = check_index(&after).into_iter().any(|f| {
            f.problem.code == codes::DEAD_LINK
                && parse_index(&fixed)
                    .entries
                    .iter()
                    .any(|e| e.line == entry_line && e.span.contains(f.problem.span.start))
        });
        assert!(!still_dead, "pointing {written:?} to {nearest:?} does not fix it");
        std::fs::write(root.join("INDEX.md"), &index).expect("restore");
    }
}
