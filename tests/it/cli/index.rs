//! `speech-ls index DIR [--write]` through the built binary: the diff it
//! prints, that `--write` keeps every hand-written line and a second run
//! changes nothing, and a fresh INDEX.md for a folder without one.

use std::path::Path;
use std::process::Command;

const SEED: &str = "000_dfd047e8c9417aac.txt";

/// An index written by hand: prose, odd headings, tags, a comment, a
/// reference link, an entry without a date, CRLF-free but no final newline.
const HAND_WRITTEN: &str = "\
# My speeches

Notes I keep *by hand*. Do not reorder!

<!-- private: check the 2019 transcripts again -->

## 2021

- 2021-03-03 [Interior Ministry Board][board] #public-safety #police
- [Someone else's notes](https://example.com/notes)

## Someday

- Read the 1990s speeches #todo

[board]: 000_dfd047e8c9417aac.txt";

const LATER: &str = " date 2021-11-05 Source: Test

The President spoke at a ceremony in the Kremlin. Awards were given.

Vladimir Putin: Good afternoon.
";

const EARLY: &str = " date 2019-02-01 Source: Test

A meeting with farmers took place in Tver.

Vladimir Putin: Hello.
";

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    std::fs::copy(seeds.join(SEED), dir.path().join(SEED)).expect("copy seed");
    std::fs::write(dir.path().join("later.txt"), LATER).expect("write");
    std::fs::create_dir(dir.path().join("old")).expect("mkdir");
    std::fs::write(dir.path().join("old/early.txt"), EARLY).expect("write");
    dir
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_speech-ls")).args(args).output().expect("run speech-ls");
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

#[test]
fn index_prints_a_diff_and_changes_nothing_without_write() {
    let dir = corpus();
    let index = dir.path().join("INDEX.md");
    std::fs::write(&index, HAND_WRITTEN).expect("write INDEX.md");
    let (code, stdout, stderr) = run(&["index", &dir.path().display().to_string()]);
    assert_eq!(code, 0, "{stderr}");
    // Blank context lines are a lone space in a unified diff; trimmed here so
    // that the snapshot has no trailing white space for editors to strip.
    let shown: String = stdout
        .replace(&dir.path().display().to_string(), "DIR")
        .lines()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    expect_test::expect![[r#"
        --- DIR/INDEX.md
        +++ DIR/INDEX.md
        @@ -4,9 +4,14 @@

         <!-- private: check the 2019 transcripts again -->

        +## 2019
        +
        +- 2019-02-01 [A meeting with farmers took place in Tver](old/early.txt)
        +
         ## 2021

         - 2021-03-03 [Interior Ministry Board][board] #public-safety #police
        +- 2021-11-05 [The President spoke at a ceremony in the Kremlin](later.txt)
         - [Someone else's notes](https://example.com/notes)

         ## Someday
    "#]]
    .assert_eq(&shown);
    assert_eq!(std::fs::read_to_string(&index).expect("read"), HAND_WRITTEN, "no --write, no change");
}

#[test]
fn write_twice_keeps_every_hand_written_line_and_then_changes_nothing() {
    let dir = corpus();
    let index = dir.path().join("INDEX.md");
    std::fs::write(&index, HAND_WRITTEN).expect("write INDEX.md");
    let d = dir.path().display().to_string();
    let (code, _, stderr) = run(&["index", &d, "--write"]);
    assert_eq!(code, 0, "{stderr}");
    let first = std::fs::read_to_string(&index).expect("read");
    let new_lines: Vec<&str> = first.lines().collect();
    for line in HAND_WRITTEN.lines() {
        assert!(new_lines.contains(&line), "lost hand-written line {line:?}:\n{first}");
    }
    // Hand-written lines keep their order, too.
    let positions: Vec<usize> =
        HAND_WRITTEN.lines().filter(|l| !l.is_empty()).filter_map(|l| new_lines.iter().position(|n| n == &l)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(first.contains("(later.txt)") && first.contains("(old/early.txt)"), "{first}");
    // No temporary file is left behind.
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).expect("ls").flatten().map(|e| e.file_name().to_string_lossy().into()).collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");

    let (code, stdout, stderr) = run(&["index", &d, "--write"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("up to date"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&index).expect("read"), first, "the second run changes nothing");
    let (_, diff, _) = run(&["index", &d]);
    assert_eq!(diff, "", "nothing left to show");
}

#[test]
fn a_folder_without_index_gets_a_fresh_one() {
    let dir = corpus();
    let d = dir.path().display().to_string();
    let (code, _, stderr) = run(&["index", &d, "--write"]);
    assert_eq!(code, 0, "{stderr}");
    let written = std::fs::read_to_string(dir.path().join("INDEX.md")).expect("INDEX.md written");
    expect_test::expect![[r#"
        # Index

        The transcripts in this folder, by date.

        ## 2019

        - 2019-02-01 [A meeting with farmers took place in Tver](old/early.txt)

        ## 2021

        - 2021-03-03 [The participants summed up the results of the internal affairs agencies’ operational…](000_dfd047e8c9417aac.txt)
        - 2021-11-05 [The President spoke at a ceremony in the Kremlin](later.txt)
    "#]]
    .assert_eq(&written);
    let (code, _, stderr) = run(&["index", &d, "--write"]);
    assert_eq!(code, 0);
    assert!(stderr.contains("up to date"), "{stderr}");
}

#[test]
fn refuses_an_index_that_is_not_utf8_and_a_missing_folder() {
    let dir = corpus();
    let index = dir.path().join("INDEX.md");
    std::fs::write(&index, b"# Index\n\xff\xfe broken\n").expect("write");
    let (code, _, stderr) = run(&["index", &dir.path().display().to_string(), "--write"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("not valid UTF-8"), "{stderr}");
    assert_eq!(std::fs::read(&index).expect("read"), b"# Index\n\xff\xfe broken\n");
    let (code, _, stderr) = run(&["index", "/no/such/folder"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a folder"), "{stderr}");
}
