//! The protocol tests' shared corpus: a temporary `seeds/` folder with the
//! seed transcript, a second transcript with an emoji and en dashes on its
//! header line, and an INDEX.md written here; plus helpers to build requests
//! and render answers as short text.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::{TestClient, seeds_dir, uri};

pub const SEED: &str = "000_dfd047e8c9417aac.txt";
pub const PUTIN: &str = "President of Russia Vladimir Putin";

pub const INDEX: &str = "\
# Speeches

## 2021
- 2021-03-03 [Expanded meeting of the Interior Ministry Board](000_dfd047e8c9417aac.txt) #public-safety #cybercrime
- 2021-03-04 [Studio talk](emoji.txt) #studio
- 2022-01-01 [Not written yet](missing.txt)

## Again
- [Interior Ministry, listed twice](./000_dfd047e8c9417aac.txt)
";

// The header line starts with a space, as in the Kremlin transcripts.
pub const EMOJI: &str = " date 2021-03-04 Source: Test – 😀 Studio – English

The meeting opened with greetings.

Moderator: Welcome 😀 everyone to the studio.

President of Russia Vladimir Putin: Thank you, good afternoon.
";

/// A workspace folder with `seeds/` holding the fixture corpus.
pub fn fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("canonical temp dir");
    let corpus = root.join("seeds");
    std::fs::create_dir(&corpus).expect("create seeds/");
    std::fs::copy(seeds_dir().join(SEED), corpus.join(SEED)).expect("copy the seed transcript");
    std::fs::write(corpus.join("INDEX.md"), INDEX).expect("write INDEX.md");
    std::fs::write(corpus.join("emoji.txt"), EMOJI).expect("write emoji.txt");
    (dir, root)
}

pub async fn start(params: Value) -> TestClient {
    let mut client = TestClient::in_process(Value::Null);
    client.initialize(params).await;
    client
}

pub fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

pub fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": pos(line, character)})
}

/// `uri line:col-line:col`, with the URI relative to the corpus.
pub fn render_location(loc: &Value, corpus: &Path) -> String {
    let prefix = uri(corpus) + "/";
    let u = loc["uri"].as_str().unwrap_or("?").replace(&prefix, "");
    let r = &loc["range"];
    format!("{u} {}:{}-{}:{}", r["start"]["line"], r["start"]["character"], r["end"]["line"], r["end"]["character"])
}

pub fn render_locations(v: &Value, corpus: &Path) -> String {
    let list = match v {
        Value::Array(a) => a.clone(),
        Value::Null => Vec::new(),
        one => vec![one.clone()],
    };
    let mut lines: Vec<String> = list.iter().map(|l| render_location(l, corpus)).collect();
    lines.sort();
    lines.join("\n")
}

/// The line of `needle` in `text` and its column in UTF-8 and UTF-16 units.
pub fn find(text: &str, needle: &str) -> (u32, u32, u32) {
    let offset = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in text"));
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..offset].matches('\n').count() as u32;
    let before = &text[line_start..offset];
    (line, before.len() as u32, before.encode_utf16().count() as u32)
}
