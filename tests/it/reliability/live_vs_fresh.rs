//! The invariant: once the folder has been quiet for a moment, a server that
//! lived through any sequence of changes answers exactly as a server started
//! fresh on the same folder — every file's outline, hovers and diagnostics,
//! and workspace symbols (which carry the speeches' key terms and themes).
//! A seeded random sequence of what happens to a corpus folder: edits on
//! disk, editor sessions (open, type, save or not, close), renames, moves
//! into new folders, folder renames and removals, `git checkout`s (many files
//! replaced at once), a file swapped for a folder of its name and back,
//! INDEX.md rewritten. Then the live server's view must settle to the fresh
//! one; and two fresh servers must agree with each other.
//!
//! Replay with `SPEECH_LS_SEED=<seed> cargo test --test it reliability::live_vs_fresh`;
//! `SPEECH_LS_LOG_DUMP=<file>` keeps the live server's log of a failure
//! (with `RUST_LOG=speech_ls=debug`, every batch of disk changes applied).
//!
//! What it found (issue 16): two fresh servers disagreed (ties between terms
//! were broken by interning order); the theme index missed files below a
//! renamed or removed folder and kept a closed buffer's counts, and its
//! incremental statistics never settled; and the watcher's events were
//! incomplete (files moved into a folder that was then removed produced no
//! event), so the corpus kept files that were gone.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{Rng, init_params, seed_from_env};
use crate::kit::corpus::seed_text;
use crate::kit::process::ServerProcess;
use crate::kit::proto::uri;
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(60);
/// How long the live view may take to settle once the folder is quiet.
const SETTLE: Duration = Duration::from_secs(60);

/// Variants of the seed transcript: other names, dates and paragraph
/// orders, so that key terms, neighbours and summaries differ between files.
fn speech(rng: &mut Rng) -> String {
    let seed = seed_text();
    let (header, body) = seed.split_once('\n').unwrap_or(("", &seed));
    let mut paragraphs: Vec<&str> = body.split("\n\n").filter(|p| !p.trim().is_empty()).collect();
    let keep = 3 + rng.below(paragraphs.len().saturating_sub(3).max(1));
    for i in (1..paragraphs.len()).rev() {
        paragraphs.swap(i, rng.below(i + 1));
    }
    paragraphs.truncate(keep);
    let names = ["Putin", "Mishustin", "Lavrov", "Shoigu", "Kolokoltsev"];
    let extra =
        ["Farmers harvest grain and wheat this year.", "Railway freight and new trains.", "Schools hire teachers."];
    let day = 1 + rng.below(28);
    let mut text = header.replacen("2021-03-03", &format!("2021-05-{day:02}"), 1);
    text.push('\n');
    let name = names[rng.below(names.len())];
    let closing = extra[rng.below(extra.len())];
    text.push_str(&paragraphs.join("\n\n").replace("Putin", name));
    text.push_str("\n\n");
    text.push_str(closing);
    text.push('\n');
    text
}

/// The corpus folder and what the random sequence does to it.
struct Folder {
    root: PathBuf,
    rng: Rng,
    n: usize,
}

impl Folder {
    fn files(&self) -> Vec<String> {
        let mut out = Vec::new();
        walk(&self.root, "", &mut out);
        out.sort();
        out
    }

    fn transcripts(&self) -> Vec<String> {
        self.files().into_iter().filter(|f| f.ends_with(".txt")).collect()
    }

    fn folders(&self) -> Vec<String> {
        let mut out: Vec<String> =
            self.files().iter().filter_map(|f| f.rsplit_once('/').map(|(d, _)| d.to_string())).collect();
        out.sort();
        out.dedup();
        out
    }

    fn fresh_name(&mut self, dir: &str) -> String {
        self.n += 1;
        let name = format!("s{:03}.txt", self.n);
        if dir.is_empty() { name } else { format!("{dir}/{name}") }
    }

    fn write(&mut self, rel: &str) {
        let text = speech(&mut self.rng);
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    /// An INDEX.md listing most transcripts (some with tags), plus a dead link.
    fn write_index(&mut self) {
        let tags = ["#security", "#economy", "#transport", ""];
        let mut index = String::from("# Speeches\n\n## 2021\n\n");
        for (i, rel) in self.transcripts().iter().enumerate() {
            if self.rng.chance(85) {
                let tag = *self.rng.pick(&tags[..]);
                index.push_str(&format!("- 2021-05-{:02} [Speech {i}]({rel}) {tag}\n", 1 + i % 28));
            }
        }
        index.push_str("- 2021-06-01 [Gone](gone.txt)\n");
        std::fs::write(self.root.join("INDEX.md"), index).expect("write INDEX.md");
    }

    fn pick(&mut self, items: &[String]) -> Option<String> {
        (!items.is_empty()).then(|| items[self.rng.below(items.len())].clone())
    }
}

fn walk(dir: &Path, rel: &str, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let child = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
        if entry.path().is_dir() {
            walk(&entry.path(), &child, out);
        } else if name.ends_with(".txt") || name == "INDEX.md" {
            out.push(child);
        }
    }
}

/// One random thing happening to the folder (and to the live server's editor).
fn step(folder: &mut Folder, server: &ServerProcess, version: &mut i32) -> String {
    let transcripts = folder.transcripts();
    let folders = folder.folders();
    match folder.rng.below(12) {
        0 | 1 => {
            let Some(rel) = folder.pick(&transcripts) else { return "nothing".into() };
            folder.write(&rel);
            format!("edit {rel}")
        }
        2 => {
            let dir = folder.pick(&folders).unwrap_or_default();
            let rel = folder.fresh_name(&dir);
            folder.write(&rel);
            format!("create {rel}")
        }
        3 => {
            let Some(rel) = folder.pick(&transcripts) else { return "nothing".into() };
            let dir = rel.rsplit_once('/').map(|(d, _)| d.to_string()).unwrap_or_default();
            let to = folder.fresh_name(&dir);
            std::fs::rename(folder.root.join(&rel), folder.root.join(&to)).expect("rename");
            format!("rename {rel} -> {to}")
        }
        4 => {
            // Move a few files into a new folder.
            folder.n += 1;
            let dir = format!("box{}", folder.n);
            std::fs::create_dir_all(folder.root.join(&dir)).expect("mkdir");
            for _ in 0..3 {
                if let Some(rel) = folder.pick(&folder.transcripts()) {
                    let name = rel.rsplit('/').next().unwrap_or(&rel).to_string();
                    let _ = std::fs::rename(folder.root.join(&rel), folder.root.join(&dir).join(name));
                }
            }
            format!("move into {dir}")
        }
        5 => {
            let Some(dir) = folder.pick(&folders) else { return "nothing".into() };
            folder.n += 1;
            let to = format!("renamed{}", folder.n);
            std::fs::rename(folder.root.join(&dir), folder.root.join(&to)).expect("rename folder");
            format!("rename folder {dir} -> {to}")
        }
        6 => {
            let Some(dir) = folder.pick(&folders) else { return "nothing".into() };
            std::fs::remove_dir_all(folder.root.join(&dir)).expect("rm -r");
            format!("remove folder {dir}")
        }
        7 => {
            // A `git checkout`: many files replaced, some gone, some new, at once.
            let mut changed = 0;
            for rel in &transcripts {
                match folder.rng.below(4) {
                    0 => {
                        let _ = std::fs::remove_file(folder.root.join(rel));
                    }
                    1 | 2 => folder.write(rel),
                    _ => continue,
                }
                changed += 1;
            }
            for _ in 0..3 {
                let rel = folder.fresh_name("");
                folder.write(&rel);
            }
            folder.write_index();
            format!("checkout ({changed} files)")
        }
        8 => {
            // A file swapped for a folder of its name, now and then back.
            let Some(rel) = folder.pick(&transcripts) else { return "nothing".into() };
            let path = folder.root.join(&rel);
            std::fs::remove_file(&path).expect("rm");
            std::fs::create_dir(&path).expect("mkdir");
            folder.write(&format!("{rel}/inner.txt"));
            if folder.rng.chance(50) {
                std::thread::sleep(Duration::from_millis(folder.rng.below(300) as u64));
                std::fs::remove_dir_all(&path).expect("rm -r");
                folder.write(&rel);
                return format!("swap {rel} for a folder and back");
            }
            format!("swap {rel} for a folder")
        }
        9 => {
            let Some(rel) = folder.pick(&transcripts) else { return "nothing".into() };
            std::fs::remove_file(folder.root.join(&rel)).expect("rm");
            format!("delete {rel}")
        }
        10 => {
            folder.write_index();
            "rewrite INDEX.md".into()
        }
        _ => {
            // An editor session: open, type, then save or not, and close.
            let Some(rel) = folder.pick(&transcripts) else { return "nothing".into() };
            let path = folder.root.join(&rel);
            let Ok(text) = std::fs::read_to_string(&path) else { return "nothing".into() };
            let doc_uri = uri(&path);
            server.open(&doc_uri, &text);
            let typed = format!("Moderator: an edit number {}.\n\n", folder.n);
            *version += 1;
            server.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": doc_uri, "version": *version},
                       "contentChanges": [{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": typed}]}),
            );
            let save = folder.rng.chance(60);
            if save {
                let mut saved = text.clone();
                let at = saved.find('\n').map_or(saved.len(), |i| i + 1);
                saved.insert_str(at, &typed);
                std::fs::write(&path, saved).expect("save");
                server.notify("textDocument/didSave", json!({"textDocument": {"uri": doc_uri}}));
            }
            std::thread::sleep(Duration::from_millis(folder.rng.below(200) as u64));
            server.notify("textDocument/didClose", json!({"textDocument": {"uri": doc_uri}}));
            format!("editor session on {rel} ({})", if save { "saved" } else { "not saved" })
        }
    }
}

/// Everything a user can see of the corpus, by request.
fn view(server: &ServerProcess, folder: &Folder) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    let mut ask = |key: String, method: &str, params: Value| {
        let reply = server.request(method, params, WAIT).unwrap_or_else(|| panic!("no answer to {method}"));
        let mut result = reply.get("result").cloned().or_else(|| reply.get("error").cloned()).unwrap_or(Value::Null);
        if let Some(obj) = result.as_object_mut() {
            obj.remove("resultId");
        }
        out.insert(key, result);
    };
    for query in ["", "security", "grain", "putin", "s00"] {
        ask(format!("workspace/symbol {query:?}"), "workspace/symbol", json!({"query": query}));
    }
    for rel in folder.files() {
        let path = folder.root.join(&rel);
        let doc = json!({"uri": uri(&path)});
        ask(format!("{rel} outline"), "textDocument/documentSymbol", json!({"textDocument": doc}));
        ask(format!("{rel} diagnostics"), "textDocument/diagnostic", json!({"textDocument": doc}));
        let lines = std::fs::read_to_string(&path).map(|t| t.lines().count()).unwrap_or(0);
        for line in [0, 2, 4, lines / 2, lines.saturating_sub(1)] {
            let position = json!({"line": line, "character": 1});
            ask(
                format!("{rel} hover {line}"),
                "textDocument/hover",
                json!({"textDocument": doc, "position": position}),
            );
        }
    }
    out
}

/// The first difference between two views, described (and how many
/// answers differ).
fn difference(live: &BTreeMap<String, Value>, fresh: &BTreeMap<String, Value>) -> Option<String> {
    let differing: Vec<&String> = fresh.keys().filter(|k| live.get(*k) != fresh.get(*k)).collect();
    for (key, want) in fresh {
        let got = live.get(key).unwrap_or(&Value::Null);
        if got != want {
            let (got, want) = (got.to_string(), want.to_string());
            let at = got.bytes().zip(want.bytes()).position(|(a, b)| a != b).unwrap_or(0);
            let cut = |s: &str| {
                let from = (at.saturating_sub(150)..=at).find(|&i| s.is_char_boundary(i)).unwrap_or(0).min(s.len());
                let to = (at + 250..at + 260).find(|&i| i >= s.len() || s.is_char_boundary(i)).unwrap_or(s.len());
                s[from..to.min(s.len())].to_string()
            };
            return Some(format!(
                "{} answers differ ({differing:?}); {key} at byte {at}:\n live: …{}\nfresh: …{}",
                differing.len(),
                cut(&got),
                cut(&want)
            ));
        }
    }
    None
}

/// A server on `root` whose themes are built (it reports their progress).
fn started(root: &Path) -> ServerProcess {
    let server = ServerProcess::spawn(root);
    let mut params = init_params(root, "utf-16");
    params["capabilities"]["window"] = json!({"workDoneProgress": true});
    params["capabilities"]["textDocument"]["diagnostic"] = json!({});
    server.request("initialize", params, WAIT).expect("initialized");
    server.notify("initialized", json!({}));
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        let done = server
            .notifications("$/progress")
            .iter()
            .any(|(_, n)| n["params"]["token"] == "speech-ls/themes" && n["params"]["value"]["kind"] == "end");
        if done {
            return server;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the themes of {} were not built in {WAIT:?}", root.display());
}

fn run(seed: u64, steps: usize) {
    let dir = tempfile::tempdir().expect("temp corpus");
    let root = dir.path().canonicalize().expect("canonical temp dir");
    let mut folder = Folder { root: root.clone(), rng: Rng::new(seed), n: 0 };
    for i in 0..8 {
        let rel = if i % 3 == 0 { folder.fresh_name("sub") } else { folder.fresh_name("") };
        folder.write(&rel);
    }
    folder.write_index();
    let live = started(&root);
    let mut version = 1;
    let mut history = Vec::new();
    for _ in 0..steps {
        history.push(step(&mut folder, &live, &mut version));
        let pause = folder.rng.below(250) as u64;
        std::thread::sleep(Duration::from_millis(pause));
    }
    let fresh = started(&root);
    let want = view(&fresh, &folder);
    let other = started(&root);
    assert_eq!(difference(&view(&other, &folder), &want), None, "two fresh servers disagree (seed {seed})");
    let deadline = Instant::now() + SETTLE;
    let mut last;
    loop {
        last = difference(&view(&live, &folder), &want);
        if last.is_none() || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    if let Some(difference) = last {
        eprintln!("files on disk: {:?}", folder.files());
        if let Some(path) = std::env::var_os("SPEECH_LS_LOG_DUMP") {
            let _ = std::fs::write(path, live.stderr_log());
        }
        panic!("seed {seed}: after {} the live server differs from a fresh one: {difference}", history.join(", "));
    }
    live.assert_no_panic_in_log();
}

#[test]
fn after_random_changes_the_live_server_settles_to_what_a_fresh_one_shows() {
    let seed = seed_from_env(0x11fe_0001);
    for round in 0..3u64 {
        run(seed.wrapping_add(round), 25);
    }
}
