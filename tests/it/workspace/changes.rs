//! Incremental updates: a `Workspace` follows files created, edited, renamed
//! and deleted on disk, leaves open documents alone, and rescans on demand.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use speech_ls::watch::FsChange;
use speech_ls::workspace::Workspace;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("a file has a parent")).expect("create folder");
    std::fs::write(path, text).expect("write file");
}

fn paths(ws: &Workspace) -> Vec<String> {
    ws.corpora[0].corpus.files().map(|f| f.path.clone()).collect()
}

/// The words in a transcript: a figure that tells versions of a file apart
/// without depending on how speaker turns are detected.
fn words(ws: &Workspace, rel: &str) -> usize {
    let corpus = &ws.corpora[0].corpus;
    corpus.get(rel).and_then(|f| f.transcript().map(|t| t.words)).expect("transcript in corpus")
}

const NOTHING_OPEN: &dyn Fn(&Path) -> bool = &|_| false;

fn corpus_dir() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "INDEX.md", "- 2021-03-03 [A](a.txt)\n");
    write(dir.path(), "a.txt", "Vladimir Putin: Good afternoon.\n");
    let ws = Workspace::from_folders(&[dir.path().to_path_buf()], None);
    (dir, ws)
}

#[test]
fn created_edited_and_deleted_files_are_followed() {
    let (dir, mut ws) = corpus_dir();
    assert_eq!(paths(&ws), ["INDEX.md", "a.txt"]);

    write(dir.path(), "b.txt", "Joe Biden: Hello.\n");
    assert_eq!(ws.apply_disk_change(&dir.path().join("b.txt"), NOTHING_OPEN), Some(0));
    assert_eq!(paths(&ws), ["INDEX.md", "a.txt", "b.txt"]);

    write(dir.path(), "b.txt", "Kamala Harris: Hello to all of you.\n");
    ws.apply_disk_change(&dir.path().join("b.txt"), NOTHING_OPEN);
    assert_eq!(words(&ws, "b.txt"), 7);

    // Re-reading an unchanged file reports no change.
    assert_eq!(ws.apply_disk_change(&dir.path().join("b.txt"), NOTHING_OPEN), None);

    std::fs::remove_file(dir.path().join("b.txt")).expect("remove");
    assert_eq!(ws.apply_disk_change(&dir.path().join("b.txt"), NOTHING_OPEN), Some(0));
    assert_eq!(paths(&ws), ["INDEX.md", "a.txt"]);
}

#[test]
fn a_rename_is_a_removal_and_an_addition() {
    let (dir, mut ws) = corpus_dir();
    std::fs::rename(dir.path().join("a.txt"), dir.path().join("renamed.txt")).expect("rename");
    let changes = [FsChange::Removed(dir.path().join("a.txt")), FsChange::Changed(dir.path().join("renamed.txt"))];
    assert_eq!(ws.apply_changes(&changes, NOTHING_OPEN), [0]);
    assert_eq!(paths(&ws), ["INDEX.md", "renamed.txt"]);
}

#[test]
fn folders_moved_in_and_out_bring_and_take_their_files() {
    let (dir, mut ws) = corpus_dir();
    let outside = tempfile::tempdir().expect("tempdir");
    write(outside.path(), "batch/c.txt", "C: x\n");
    write(outside.path(), "batch/deeper/d.txt", "D: x\n");
    std::fs::rename(outside.path().join("batch"), dir.path().join("batch")).expect("move in");
    ws.apply_changes(&[FsChange::Changed(dir.path().join("batch"))], NOTHING_OPEN);
    assert_eq!(paths(&ws), ["INDEX.md", "a.txt", "batch/c.txt", "batch/deeper/d.txt"]);

    std::fs::remove_dir_all(dir.path().join("batch")).expect("remove folder");
    ws.apply_changes(&[FsChange::Removed(dir.path().join("batch"))], NOTHING_OPEN);
    assert_eq!(paths(&ws), ["INDEX.md", "a.txt"]);
}

#[test]
fn open_documents_win_over_the_disk() {
    let (dir, mut ws) = corpus_dir();
    let a = dir.path().join("a.txt");
    assert_eq!(ws.set_text(&a, "Editor: typed in the editor.\n"), Some(0));
    let open: HashSet<PathBuf> = [a.clone()].into();
    let is_open = |p: &Path| open.contains(p);

    write(dir.path(), "a.txt", "Disk Speaker: written by another program.\n");
    assert_eq!(ws.apply_disk_change(&a, &is_open), None);
    std::fs::remove_file(&a).expect("remove");
    ws.apply_changes(&[FsChange::Removed(a.clone()), FsChange::Rescan(dir.path().to_path_buf())], &is_open);
    assert_eq!(words(&ws, "a.txt"), 5, "neither a change, a deletion nor a rescan overrides it");

    // Once closed, the disk is the truth again.
    ws.apply_disk_change(&a, NOTHING_OPEN);
    assert_eq!(paths(&ws), ["INDEX.md"]);
}

#[test]
fn snapshots_do_not_see_later_changes() {
    let (dir, mut ws) = corpus_dir();
    let before = ws.snapshot(0).expect("corpus 0");
    write(dir.path(), "b.txt", "B: x\n");
    ws.apply_disk_change(&dir.path().join("b.txt"), NOTHING_OPEN);
    assert_eq!(before.len(), 2);
    assert_eq!(ws.snapshot(0).expect("corpus 0").len(), 3);
}

#[test]
fn rescan_picks_up_everything_missed() {
    let (dir, mut ws) = corpus_dir();
    write(dir.path(), "x/y.txt", "Y: x\n");
    std::fs::remove_file(dir.path().join("a.txt")).expect("remove");
    assert!(ws.rescan(0, NOTHING_OPEN));
    assert_eq!(paths(&ws), ["INDEX.md", "x/y.txt"]);
    assert!(!ws.rescan(0, NOTHING_OPEN), "a second rescan finds nothing new");
}

#[test]
fn paths_outside_every_corpus_and_non_corpus_files_are_ignored() {
    let (dir, mut ws) = corpus_dir();
    let elsewhere = tempfile::tempdir().expect("tempdir");
    write(elsewhere.path(), "z.txt", "Z: x\n");
    assert_eq!(ws.apply_disk_change(&elsewhere.path().join("z.txt"), NOTHING_OPEN), None);
    assert_eq!(ws.set_text(&elsewhere.path().join("z.txt"), "Z: x\n"), None);
    write(dir.path(), "notes.docx", "# notes\n");
    assert_eq!(ws.apply_disk_change(&dir.path().join("notes.docx"), NOTHING_OPEN), None);
    assert_eq!(paths(&ws), ["INDEX.md", "a.txt"]);
}

#[test]
fn nested_corpora_both_follow_a_shared_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "INDEX.md", "- [C](inner/c.txt)\n");
    write(dir.path(), "inner/INDEX.md", "- [C](c.txt)\n");
    let mut ws = Workspace::new();
    let outer = ws.add_root(dir.path());
    let inner = ws.add_root(&dir.path().join("inner"));
    write(dir.path(), "inner/c.txt", "C: x\n");
    assert_eq!(ws.apply_changes(&[FsChange::Changed(dir.path().join("inner/c.txt"))], NOTHING_OPEN), [inner, outer]);
    assert!(ws.corpora[outer].corpus.contains("inner/c.txt"));
    assert!(ws.corpora[inner].corpus.contains("c.txt"));
    assert_eq!(ws.locate(&dir.path().join("inner/c.txt")), Some((inner, "c.txt".to_string())));
}

#[cfg(unix)]
#[test]
fn a_folder_change_reported_through_a_symlink_does_not_pull_in_outside_files() {
    let (dir, mut ws) = corpus_dir();
    let outside = tempfile::tempdir().expect("tempdir");
    write(outside.path(), "sub/secret.txt", "Secret: x\n");
    std::os::unix::fs::symlink(outside.path(), dir.path().join("linked")).expect("symlink");
    let changes = [FsChange::Changed(dir.path().join("linked")), FsChange::Changed(dir.path().join("linked/sub"))];
    assert_eq!(ws.apply_changes(&changes, NOTHING_OPEN), Vec::<usize>::new());
    assert_eq!(paths(&ws), ["INDEX.md", "a.txt"]);
}

#[test]
fn changes_inside_folders_the_loader_skips_are_ignored() {
    let (dir, mut ws) = corpus_dir();
    write(dir.path(), "node_modules/pkg/LICENSE.txt", "MIT\n");
    write(dir.path(), ".git/notes.txt", "x\n");
    let changes = [
        FsChange::Changed(dir.path().join("node_modules/pkg")),
        FsChange::Changed(dir.path().join("node_modules/pkg/LICENSE.txt")),
        FsChange::Changed(dir.path().join(".git/notes.txt")),
    ];
    assert_eq!(ws.apply_changes(&changes, NOTHING_OPEN), Vec::<usize>::new());
    assert_eq!(paths(&ws), ["INDEX.md", "a.txt"]);
}
