//! `speech-ls outline`: the section tree of every transcript in `seeds/` as
//! text and as JSON, and of an INDEX.md.

use std::path::Path;
use std::process::Command;

use expect_test::expect;

fn outline(path: &Path, json: bool) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_speech-ls"));
    cmd.arg("outline").arg(path);
    if json {
        cmd.arg("--json");
    }
    let out = cmd.output().expect("run speech-ls");
    assert!(out.status.success(), "outline failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn seed() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/000_dfd047e8c9417aac.txt")
}

#[test]
fn seed_transcript_outline() {
    expect![[r#"
        2021-03-03 [header] line 1 · President of Russia – The Kremlin – English
        Lead [lead] line 3 · The participants summed up the results of the…
        President of Russia Vladimir Putin [turn] lines 5-45 · 1015 words
          Crime and policing · ¶2-10 [section] lines 5-21 · public safety, discussed, format
          Technology and the internet · ¶11-16 [section] lines 23-33 · criminal challenges, course, technologies
          Internet content and media law · ¶17-22 [section] lines 35-45 · local police officers, law, content
    "#]]
    .assert_eq(&outline(&seed(), false));
}

#[test]
fn seed_index_outline() {
    let index = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/INDEX.md");
    expect![[r#"
        2021 [heading] lines 3-5
          2021-03-03 Expanded meeting of the Interior Ministry Board [entry] line 5 · 000_dfd047e8c9417aac.txt
    "#]]
    .assert_eq(&outline(&index, false));
}

/// A new file in `seeds/` needs its own snapshot test above.
#[test]
fn every_seed_file_has_an_outline_snapshot() {
    let snapshotted = ["000_dfd047e8c9417aac.txt", "INDEX.md"];
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut names: Vec<String> = std::fs::read_dir(&seeds)
        .expect("seeds/ exists")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, snapshotted);
}

#[test]
fn json_outline_renders_to_the_same_tree_as_the_text() {
    let text = outline(&seed(), false);
    let json: serde_json::Value = serde_json::from_str(&outline(&seed(), true)).expect("valid JSON");
    fn render(nodes: &serde_json::Value, depth: usize, out: &mut String) {
        for node in nodes.as_array().into_iter().flatten() {
            let (line, end) = (&node["line"], &node["end_line"]);
            let lines = if line == end { format!("line {line}") } else { format!("lines {line}-{end}") };
            let name = node["name"].as_str().unwrap_or("?");
            let kind = node["kind"].as_str().unwrap_or("?");
            out.push_str(&format!("{}{name} [{kind}] {lines}", "  ".repeat(depth)));
            if let Some(detail) = node["detail"].as_str().filter(|d| !d.is_empty()) {
                out.push_str(&format!(" · {detail}"));
            }
            out.push('\n');
            render(&node["children"], depth + 1, out);
        }
    }
    let mut from_json = String::new();
    render(&json, 0, &mut from_json);
    assert!(!from_json.is_empty());
    assert_eq!(from_json, text);
}

#[test]
fn index_outline_nests_entries_under_headings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = dir.path().join("INDEX.md");
    std::fs::write(
        &index,
        "# Speeches\n\n## 2021\n\n- 2021-03-03 [Interior Ministry Board](a.txt) #public-safety\n\n## 2020\n\n- 2020-01-15 [Address](b.txt)\n",
    )
    .expect("write");
    expect![[r#"
        Speeches [heading] lines 1-9
          2021 [heading] lines 3-5
            2021-03-03 Interior Ministry Board [entry] line 5 · a.txt
          2020 [heading] lines 7-9
            2020-01-15 Address [entry] line 9 · b.txt
    "#]]
    .assert_eq(&outline(&index, false));
}
