//! Hostile files are never dropped silently. Loading a corpus full of them,
//! each file left out of the corpus (a symlink out of it, a symlinked folder,
//! a folder named like a transcript, a name that is not UTF-8, a FIFO) gets
//! exactly one log line naming its path and the reason; each file kept but
//! not read (binary, too large, a symlink loop, no read permission) gets one
//! log line and a diagnostic; a file read with a problem (not UTF-8) gets a
//! diagnostic and no log line; a good file gets neither. Discovery logs the
//! folders it does not search and a `corpus` setting that names no folder.
//!
//! The log is captured by the test binary's one sink (`kit::log`: the loader
//! reads on rayon's threads); each test looks only at lines at info level or
//! above that name its own temporary folder.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use speech_ls::corpus::consistency::check_transcript;
use speech_ls::workspace::read::MAX_FILE_BYTES;
use speech_ls::workspace::{corpus_roots, load_corpus};

use crate::kit::log;

const GOOD: &str = " date 2021-03-03 Source: test\n\nModerator: Good afternoon.\n";

#[test]
fn every_hostile_file_is_logged_once_or_reported_on_the_file() {
    log::capture();
    let dir = tempfile::tempdir().expect("temp dir");
    let base = dir.path().canonicalize().expect("canonical temp dir");
    let root = base.join("corpus");
    let outside = base.join("outside");
    std::fs::create_dir_all(&root).expect("corpus dir");
    std::fs::create_dir_all(&outside).expect("outside dir");
    std::fs::write(outside.join("secret.txt"), GOOD).expect("secret");
    std::fs::write(root.join("INDEX.md"), "# Speeches\n\n- [Good](good.txt)\n").expect("index");
    std::fs::write(root.join("good.txt"), GOOD).expect("good");
    std::fs::write(root.join("latin1.txt"), b" date 2020-01-01 Source: caf\xe9\n\nPr\xe9sident: Bonjour.\n")
        .expect("w");
    std::fs::write(root.join("binary.txt"), b"\x7fELF\0\0\0\x01binary").expect("binary");
    // Sparse: over the limit without writing 64 MB.
    let big = std::fs::File::create(root.join("big.txt")).expect("big");
    big.set_len(MAX_FILE_BYTES + 1).expect("grow big.txt");
    symlink(&root.join("loop_b.txt"), &root.join("loop_a.txt"));
    symlink(&root.join("loop_a.txt"), &root.join("loop_b.txt"));
    symlink(&outside.join("secret.txt"), &root.join("secret_link.txt"));
    symlink(&outside, &root.join("linked"));
    std::fs::create_dir_all(root.join("folder.txt")).expect("a folder named like a transcript");
    std::fs::write(root.join("folder.txt").join("inner.txt"), GOOD).expect("inner");
    let bad_name = root.join(OsStr::from_bytes(b"bad\xff.txt"));
    std::fs::write(&bad_name, GOOD).expect("a file whose name is not UTF-8");
    let fifo = std::process::Command::new("mkfifo").arg(root.join("fifo.txt")).status().is_ok_and(|s| s.success());
    if !fifo {
        println!("mkfifo failed: the FIFO case is not tried");
    }
    let noperm = root.join("noperm.txt");
    std::fs::write(&noperm, GOOD).expect("noperm");
    std::fs::set_permissions(&noperm, std::os::unix::fs::PermissionsExt::from_mode(0o000)).expect("chmod");
    let unreadable = std::fs::read(&noperm).is_err();
    if !unreadable {
        println!("noperm.txt is readable anyway (running as root): the unreadable case is not tried");
    }

    let corpus = load_corpus(&root);
    let log = captured_log();
    let lines_about = |path: &Path| -> Vec<String> {
        let prefix = format!("{}:", path.display());
        log.lines().filter(|l| l.contains(&prefix)).map(str::to_string).collect()
    };

    // Left out of the corpus: one line each, saying why.
    let mut left_out = vec![
        (root.join("secret_link.txt"), "secret_link.txt", "outside the corpus"),
        (root.join("linked"), "linked/secret.txt", "symlinked folder"),
        (root.join("folder.txt"), "folder.txt", "a folder named like"),
        (bad_name, "bad\u{fffd}.txt", "not valid UTF-8"),
    ];
    if fifo {
        left_out.push((root.join("fifo.txt"), "fifo.txt", "not a regular file"));
    }
    for (path, rel, why) in &left_out {
        let lines = lines_about(path);
        assert_eq!(lines.len(), 1, "exactly one log line for {}: {lines:?}", path.display());
        assert!(lines[0].contains(why), "the line for {} says {why:?}: {}", path.display(), lines[0]);
        assert!(!corpus.contains(rel), "{rel} is left out of the corpus");
    }

    // Kept but not read: one line each, and the reason as the file's diagnostic.
    let mut not_read = vec![
        ("binary.txt", "read-binary", "binary"),
        ("big.txt", "read-too-large", "limit"),
        ("loop_a.txt", "read-broken-link", "leads nowhere"),
        ("loop_b.txt", "read-broken-link", "leads nowhere"),
    ];
    if unreadable {
        not_read.push(("noperm.txt", "read-error", "cannot read"));
    }
    for (rel, code, why) in not_read {
        let lines = lines_about(&root.join(rel));
        assert_eq!(lines.len(), 1, "exactly one log line for {rel}: {lines:?}");
        assert!(lines[0].contains(why), "the line for {rel} says {why:?}: {}", lines[0]);
        let codes = finding_codes(&corpus, rel);
        assert!(codes.contains(&code), "{rel} is kept with a {code} diagnostic: {codes:?}");
    }

    // Read with a problem: a diagnostic, no log line. Good files: neither.
    assert!(lines_about(&root.join("latin1.txt")).is_empty(), "latin1.txt was read: no log line");
    assert!(finding_codes(&corpus, "latin1.txt").contains(&"read-not-utf8"));
    for rel in ["good.txt", "folder.txt/inner.txt", "INDEX.md"] {
        assert!(lines_about(&root.join(rel)).is_empty(), "nothing logged for {rel}");
        assert!(corpus.get(rel).is_some_and(|f| f.read_problems.is_empty()), "{rel} is loaded as it is");
    }
}

#[test]
fn discovery_logs_what_it_does_not_search() {
    log::capture();
    let dir = tempfile::tempdir().expect("temp dir");
    let base = dir.path().canonicalize().expect("canonical temp dir");
    let corpus = base.join("speeches");
    std::fs::create_dir_all(&corpus).expect("corpus dir");
    std::fs::write(corpus.join("INDEX.md"), "# Speeches\n").expect("index");
    symlink(&corpus, &base.join("alias"));

    let roots = corpus_roots(&base, None);
    assert_eq!(roots, vec![corpus.clone()], "the corpus is found once, not again through the symlink");
    let missing = corpus_roots(&base, Some(Path::new("nowhere")));
    assert_eq!(missing, vec![base.join("nowhere")]);

    let log = captured_log();
    let about = |path: &Path| log.lines().filter(|l| l.contains(&format!("{}:", path.display()))).count();
    assert_eq!(about(&base.join("alias")), 1, "one line for the symlinked folder: {log}");
    assert_eq!(about(&base.join("nowhere")), 1, "one line for the setting that names no folder: {log}");
    assert_eq!(about(&corpus), 0, "nothing logged for the corpus itself: {log}");
}

/// The codes of the diagnostics `rel` gets in `corpus`.
fn finding_codes(corpus: &speech_ls::corpus::Corpus, rel: &str) -> Vec<&'static str> {
    check_transcript(corpus, rel).into_iter().map(|f| f.problem.code).collect()
}

fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).expect("symlink");
}

/// What the server logged at info level or above, one line per event.
fn captured_log() -> String {
    log::lines_at(tracing::Level::INFO).join("\n")
}
