//! `speech-ls check`: what INDEX.md and the files disagree on, as
//! `file:line:column: severity: message` lines, and the exit code.

use std::path::Path;
use std::process::Command;

use expect_test::expect;

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("a file has a parent")).expect("create folder");
    std::fs::write(path, bytes).expect("write file");
}

/// Runs `speech-ls check ARGS` in `cwd`; returns (exit code, stdout).
fn check(cwd: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_speech-ls"))
        .arg("check")
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run speech-ls");
    (out.status.code(), String::from_utf8(out.stdout).expect("UTF-8 output"))
}

#[test]
fn a_dead_link_is_an_error_and_fails_the_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "corpus/INDEX.md",
        b"# Speeches\n\n- 2021-03-03 [Board](a.txt) #security\n- 2021-04-21 [Address](missing.txt)\n- [Site](https://kremlin.ru)\n",
    );
    write(dir.path(), "corpus/a.txt", b" date 2021-03-03 Source: X\n\nVladimir Putin: Good afternoon.\n");
    write(dir.path(), "corpus/unlisted.txt", b"Joe Biden: Hello.\n");
    let (code, out) = check(dir.path(), &["corpus"]);
    assert_eq!(code, Some(1));
    expect![[r#"
        corpus/INDEX.md:1:1: info: 1 transcript is not listed in INDEX.md: unlisted.txt
        corpus/INDEX.md:4:14: error: `missing.txt` does not exist in the corpus
        corpus/unlisted.txt:1:1: warning: no header line: expected ` date YYYY-MM-DD Source: ...` on the first line
        corpus/unlisted.txt:1:1: warning: unlisted.txt is not listed in INDEX.md
    "#]]
    .assert_eq(&out);
}

#[test]
fn a_consistent_corpus_passes() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "INDEX.md", b"- 2021-03-03 [Board](a.txt)\n- [[sub/b]]\n");
    write(dir.path(), "a.txt", b" date 2021-03-03 Source: X\n\nVladimir Putin: Good afternoon.\n");
    write(dir.path(), "sub/b.txt", b" date 2021-03-04 Source: X\n\nVladimir Putin: Good evening.\n");
    let (code, out) = check(dir.path(), &["."]);
    assert_eq!((code, out.as_str()), (Some(0), ""));
    assert_eq!(check(dir.path(), &["--strict"]), (Some(0), String::new()));
}

#[test]
fn unreadable_and_unlisted_files_are_not_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "INDEX.md", b"- [A](a.txt)\n- [Bin](bin.txt)\n");
    write(dir.path(), "a.txt", b" date 2021-03-03 Source: X\n\nok\n");
    write(dir.path(), "bin.txt", b"\x00\x01binary");
    write(dir.path(), "latin1.txt", b"caf\xE9\n");
    let (code, out) = check(dir.path(), &["."]);
    assert_eq!(code, Some(0));
    assert_eq!(check(dir.path(), &[".", "--strict"]), (Some(1), out.clone()), "--strict fails on warnings");
    expect![[r#"
        INDEX.md:1:1: info: 1 transcript is not listed in INDEX.md: latin1.txt
        bin.txt:1:1: warning: binary file (it contains NUL bytes); not read
        bin.txt:1:1: warning: bin.txt is empty: a transcript starts with ` date YYYY-MM-DD Source: ...`
        latin1.txt:1:1: warning: no header line: expected ` date YYYY-MM-DD Source: ...` on the first line
        latin1.txt:1:1: warning: latin1.txt is not listed in INDEX.md
        latin1.txt:1:4: warning: not valid UTF-8 (first bad byte at offset 3); bad bytes shown as �
    "#]]
    .assert_eq(&out);
}

#[test]
fn a_folder_of_corpora_checks_each_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "one/INDEX.md", b"- [A](a.txt)\n");
    write(dir.path(), "one/a.txt", b" date 2021-03-03 Source: X\n\nok\n");
    write(dir.path(), "two/INDEX.md", b"- [Gone](gone.txt)\n");
    let (code, out) = check(dir.path(), &[]);
    assert_eq!(code, Some(1));
    expect![[r#"
        two/INDEX.md:1:3: error: `gone.txt` does not exist in the corpus
    "#]]
    .assert_eq(&out);
}

#[test]
fn check_without_arguments_uses_seeds() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "seeds/INDEX.md", b"- [A](a.txt)\n");
    write(dir.path(), "seeds/a.txt", b" date 2021-03-03 Source: X\n\nok\n");
    write(dir.path(), "INDEX.md", b"- [Gone](gone.txt)\n");
    assert_eq!(check(dir.path(), &[]), (Some(0), String::new()));
}

#[test]
fn check_of_a_missing_folder_cannot_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert_eq!(check(dir.path(), &["nowhere"]).0, Some(2));
}

#[test]
fn the_shipped_seeds_are_consistent() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let (code, out) = check(&seeds, &["."]);
    assert_eq!((code, out.as_str()), (Some(0), ""), "speech-ls check seeds/ found problems");
}
