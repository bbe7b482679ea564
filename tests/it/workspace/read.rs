//! Safe reading: files outside the corpus are never read, symlink loops end,
//! and binary, non-UTF-8, UTF-16 and empty files get a clear answer.

use std::path::Path;

use speech_ls::workspace::{ReadOutcome, load_corpus, read_transcript_file};

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("a file has a parent")).expect("create folder");
    std::fs::write(path, bytes).expect("write file");
}

/// Each file's read problems as `path: code`, sorted, for a whole corpus.
fn read_problems(root: &Path) -> Vec<String> {
    let corpus = load_corpus(root);
    let mut out: Vec<String> =
        corpus.files().flat_map(|f| f.read_problems.iter().map(move |p| format!("{}: {}", f.path, p.code))).collect();
    out.sort();
    out
}

#[test]
fn plain_utf8_is_read_and_a_bom_is_dropped() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.txt", "\u{FEFF}Putin: hello\n".as_bytes());
    let read = read_transcript_file(dir.path(), "a.txt");
    assert_eq!(read.outcome, ReadOutcome::Read);
    assert_eq!(read.text, "Putin: hello\n");
    assert!(read.problems.is_empty());
}

#[test]
fn invalid_utf8_is_read_lossily_with_a_problem_at_the_bad_byte() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.txt", b"ab\xFFcd");
    let read = read_transcript_file(dir.path(), "a.txt");
    assert_eq!(read.outcome, ReadOutcome::Read);
    assert_eq!(read.text, "ab\u{FFFD}cd");
    assert_eq!(read.problems.len(), 1);
    assert_eq!(read.problems[0].code, "read-not-utf8");
    assert_eq!(read.problems[0].span.slice(&read.text), "\u{FFFD}");
}

#[test]
fn utf16_with_a_bom_is_decoded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend("A: привет\n".encode_utf16().flat_map(|u| u.to_le_bytes()));
    write(dir.path(), "a.txt", &bytes);
    let read = read_transcript_file(dir.path(), "a.txt");
    assert_eq!((read.outcome, read.text.as_str()), (ReadOutcome::Read, "A: привет\n"));
}

#[test]
fn binary_files_are_skipped_and_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.txt", b"GIF89a\x00\x01\x02");
    let read = read_transcript_file(dir.path(), "a.txt");
    assert_eq!(read.outcome, ReadOutcome::Skipped);
    assert!(read.text.is_empty());
    assert_eq!(read.problems[0].code, "read-binary");
}

#[test]
fn empty_and_missing_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "empty.txt", b"");
    let read = read_transcript_file(dir.path(), "empty.txt");
    assert_eq!((read.outcome, read.text.as_str(), read.problems.len()), (ReadOutcome::Read, "", 0));
    assert_eq!(read_transcript_file(dir.path(), "missing.txt").outcome, ReadOutcome::NotFound);
}

#[test]
fn paths_climbing_out_of_the_root_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "corpus/a.txt", b"A: x\n");
    write(dir.path(), "secret.txt", b"secret\n");
    let read = read_transcript_file(&dir.path().join("corpus"), "../secret.txt");
    assert_eq!(read.outcome, ReadOutcome::Skipped);
    assert_eq!(read.problems[0].code, "read-outside-corpus");
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_corpus_is_not_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("corpus");
    write(&root, "a.txt", b"A: x\n");
    write(dir.path(), "outside/secret.txt", b"TOP SECRET\n");
    std::os::unix::fs::symlink("/etc/passwd", root.join("passwd.txt")).expect("symlink");
    std::os::unix::fs::symlink(dir.path().join("outside/secret.txt"), root.join("secret.txt")).expect("symlink");
    std::os::unix::fs::symlink(dir.path().join("outside"), root.join("linked-dir")).expect("symlink");
    // A symlink to a file inside the corpus is fine.
    std::os::unix::fs::symlink(root.join("a.txt"), root.join("alias.txt")).expect("symlink");

    let read = read_transcript_file(&root, "passwd.txt");
    assert_eq!((read.outcome, read.text.as_str()), (ReadOutcome::Skipped, ""));
    assert_eq!(read_transcript_file(&root, "linked-dir/secret.txt").outcome, ReadOutcome::Skipped);
    assert_eq!(read_transcript_file(&root, "alias.txt").text, "A: x\n");

    let corpus = load_corpus(&root);
    let paths: Vec<&str> = corpus.files().map(|f| f.path.as_str()).collect();
    // Symlinks out of the corpus are not part of it: never read, never offered.
    assert_eq!(paths, ["a.txt", "alias.txt"], "links out are left out and linked-dir/ is not entered");
    assert!(read_problems(&root).is_empty());
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_terminates() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "sub/a.txt", b"A: x\n");
    std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).expect("symlink");
    std::os::unix::fs::symlink("self.txt", dir.path().join("self.txt")).expect("symlink");
    let corpus = load_corpus(dir.path());
    let paths: Vec<&str> = corpus.files().map(|f| f.path.as_str()).collect();
    // self.txt points at itself: it cannot be read, and is reported rather than lost.
    assert_eq!(paths, ["self.txt", "sub/a.txt"]);
    assert_eq!(read_problems(dir.path()), ["self.txt: read-broken-link"]);
}

#[test]
fn load_skips_hidden_folders_and_editor_temp_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    for rel in ["a.txt", "INDEX.md", "sub/b.TXT", ".hidden/c.txt", ".#a.txt", "a.txt~", "a.txt.swp", "4913", "#a.txt#"]
    {
        write(dir.path(), rel, b"A: x\n");
    }
    write(dir.path(), "notes.docx", b"not a corpus file\n");
    // Markdown is read, to see whether it is a transcript: this one is a note.
    write(dir.path(), "notes.md", b"not a transcript\n");
    let corpus = load_corpus(dir.path());
    let paths: Vec<&str> = corpus.files().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["INDEX.md", "a.txt", "notes.md", "sub/b.TXT"]);
    let transcripts: Vec<&str> = corpus.transcripts().map(|(f, _)| f.path.as_str()).collect();
    assert_eq!(transcripts, ["a.txt", "sub/b.TXT"]);
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_transcript_does_not_block() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipping: mkfifo is not available");
        return;
    }
    let read = read_transcript_file(dir.path(), "pipe.txt");
    assert_eq!(read.outcome, ReadOutcome::Skipped);
    assert_eq!(read.problems[0].code, "read-not-a-file");
    assert!(load_corpus(dir.path()).is_empty(), "the walk lists only files and symlinks");
}

#[test]
fn files_over_the_size_limit_are_skipped_without_reading_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = std::fs::File::create(dir.path().join("huge.txt")).expect("create");
    // A sparse file: large on paper, instant to make.
    file.set_len(speech_ls::workspace::read::MAX_FILE_BYTES + 1).expect("set_len");
    let read = read_transcript_file(dir.path(), "huge.txt");
    assert_eq!((read.outcome, read.problems[0].code), (ReadOutcome::Skipped, "read-too-large"));
    assert_eq!(read_problems(dir.path()), ["huge.txt: read-too-large"]);
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "locked.txt", b"A: x\n");
    let path = dir.path().join("locked.txt");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&path).is_ok() {
        eprintln!("skipping: running with privileges that ignore file permissions (root)");
        return;
    }
    let read = read_transcript_file(dir.path(), "locked.txt");
    assert_eq!((read.outcome, read.problems[0].code), (ReadOutcome::Skipped, "read-error"));
    assert!(read.problems[0].message.starts_with("cannot read the file"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_name_that_is_not_utf8_is_skipped_without_harm() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.txt", b"A: x\n");
    let odd = dir.path().join(std::ffi::OsStr::from_bytes(b"caf\xE9.txt"));
    std::fs::write(odd, b"A: x\n").expect("write");
    let corpus = load_corpus(dir.path());
    let paths: Vec<&str> = corpus.files().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["a.txt"]);
}
