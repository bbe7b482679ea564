//! `speech-ls speakers DIR [--json]`: the persons of a corpus, one person
//! for every alias, most turns first.

use std::path::Path;
use std::process::Command;

use expect_test::expect;

fn write(root: &Path, rel: &str, text: &str) {
    std::fs::write(root.join(rel), text).expect("write file");
}

fn speakers(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_speech-ls")).arg("speakers").arg(dir).args(args).output().expect("run");
    (out.status.code(), String::from_utf8(out.stdout).expect("UTF-8 output"))
}

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "INDEX.md", "# Speeches\n");
    write(
        dir.path(),
        "a.txt",
        " date 2021-03-03 Source: Kremlin\n\nPresident of Russia Vladimir Putin: Good afternoon, colleagues.\n\n\
         Question: Why?\n\nPresident of Russia Vladimir Putin: Because.\n",
    );
    write(
        dir.path(),
        "b.txt",
        " date 2021-04-04 Source: Kremlin\n\nVladimir Putin: Hello again.\n\nQuestion: And now?\n\nVladimir Putin: Now too.\n",
    );
    dir
}

#[test]
fn persons_are_listed_with_their_aliases_turns_words_and_dates() {
    let dir = corpus();
    let (code, out) = speakers(dir.path(), &[]);
    assert_eq!(code, Some(0));
    expect![[r#"
        Vladimir Putin · 4 turns · 8 words · 2 speeches · 2021-03-03 – 2021-04-04
            as President of Russia Vladimir Putin · 2 turns
            as Vladimir Putin · 2 turns
        Question (role) · 2 turns · 3 words · 2 speeches · 2021-03-03 – 2021-04-04
    "#]]
    .assert_eq(&out);
}

#[test]
fn json_lists_the_same_persons() {
    let dir = corpus();
    let (code, out) = speakers(dir.path(), &["--json"]);
    assert_eq!(code, Some(0));
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let persons = json[0]["persons"].as_array().expect("persons");
    let putin = &persons[0];
    assert_eq!(putin["name"], "Vladimir Putin");
    assert_eq!(putin["turns"], 4);
    assert_eq!(putin["first"], "2021-03-03");
    assert_eq!(putin["last"], "2021-04-04");
    assert_eq!(putin["aliases"].as_array().map(Vec::len), Some(2));
    assert!(persons.iter().any(|p| p["name"] == "Question" && p["kind"] == "role"));
}

#[test]
fn a_missing_folder_is_an_error() {
    let (code, _) = speakers(Path::new("/nonexistent/speech-ls-speakers"), &[]);
    assert_eq!(code, Some(2));
}
