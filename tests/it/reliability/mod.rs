//! Reliability: the built server as a child process under conditions an
//! editor creates or a hostile corpus does (floods of messages, typing load,
//! cancellations, broken frames, clients that vanish, links out of the
//! corpus, files it must refuse), and a session whose state must be freed.
//! Their shared pieces are here: a seeded PRNG, so a failing storm can be
//! replayed, the seed corpus with generated transcripts, and the
//! `initialize` params of a plain client.

mod containment;
mod corpus_bounds;
mod drift;
mod exit;
mod framing;
mod hostile;
mod index_names;
mod leak;
mod live_vs_fresh;
mod protocol;
mod regressions;
mod settle;
mod skips;
mod storm;
mod swaps;
mod typing;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::kit::corpus::{seed_text, seeds_dir};
use crate::kit::process::server_binary;
use crate::kit::proto::uri;

/// A small, fast, seeded PRNG (xorshift64*), so a failing storm can be replayed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`0` when `n == 0`).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next_u64() % n as u64) as usize }
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The seed for a randomised test: `SPEECH_LS_SEED` when set, else `default`.
pub fn seed_from_env(default: u64) -> u64 {
    std::env::var("SPEECH_LS_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

/// Copies `seeds/` into `dir` (files only) and adds `extra` generated
/// transcripts (the seed with another date and speaker names), each listed
/// in INDEX.md. Returns the generated file names.
pub fn make_seed_corpus(dir: &Path, extra: usize) -> Vec<String> {
    for entry in std::fs::read_dir(seeds_dir()).expect("read seeds/") {
        let entry = entry.expect("seeds/ entry");
        if entry.file_type().map(|t| t.is_file()).unwrap_or(false) {
            std::fs::copy(entry.path(), dir.join(entry.file_name())).expect("copy a seed file");
        }
    }
    // Copies of a read-only seed are read-only too; tests write around them.
    let seed = seed_text();
    let mut index = std::fs::read_to_string(dir.join("INDEX.md")).expect("seeds/INDEX.md");
    let mut names = Vec::new();
    for i in 0..extra {
        let name = format!("gen_{i:03}.txt");
        let day = 10 + i % 18;
        let text =
            seed.replacen("2021-03-03", &format!("2021-04-{day:02}"), 1).replace("Putin", &format!("Speaker{i}"));
        std::fs::write(dir.join(&name), text).expect("write a generated transcript");
        index.push_str(&format!("- 2021-04-{day:02} [Generated speech {i}]({name}) #generated\n"));
        names.push(name);
    }
    make_writable(&dir.join("INDEX.md"));
    std::fs::write(dir.join("INDEX.md"), index).expect("write INDEX.md");
    names
}

fn make_writable(path: &Path) {
    if let Ok(meta) = std::fs::metadata(path) {
        let mut perms = meta.permissions();
        #[allow(clippy::permissions_set_readonly_false)] // test temp files only
        perms.set_readonly(false);
        let _ = std::fs::set_permissions(path, perms);
    }
}

/// `initialize` params for a client rooted at `root`, speaking `encoding`
/// ("utf-16" or "utf-8"), that answers `workspace/configuration`; its
/// process is this test's, so the server may watch it.
pub fn init_params(root: &Path, encoding: &str) -> Value {
    json!({
        "processId": std::process::id(),
        "rootUri": uri(root),
        "workspaceFolders": [{"uri": uri(root), "name": "corpus"}],
        "capabilities": {
            "general": {"positionEncodings": [encoding]},
            "workspace": {"configuration": true, "didChangeWatchedFiles": {"dynamicRegistration": false}},
            "textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": true}}
        }
    })
}

/// A release build of the server if one exists and is newer than the debug
/// one (its figures are the ones users see), else the debug build under
/// test; `SPEECH_LS_BIN` picks another.
pub fn fastest_binary() -> (PathBuf, &'static str) {
    if std::env::var_os("SPEECH_LS_BIN").is_some() {
        return (server_binary(), "SPEECH_LS_BIN");
    }
    let debug = PathBuf::from(env!("CARGO_BIN_EXE_speech-ls"));
    let release = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/speech-ls");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(&release), modified(&debug)) {
        (Some(r), Some(d)) if r >= d => (release, "release"),
        _ => (debug, "debug"),
    }
}
