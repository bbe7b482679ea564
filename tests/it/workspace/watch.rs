//! The file watcher, for real: files created, modified, renamed and deleted on
//! disk arrive as `FsChange`s, and applying them keeps a `Workspace` current.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use speech_ls::watch::{FsChange, watch};
use speech_ls::workspace::Workspace;

/// Generous: the debounce is 200 ms, but CI machines can be slow.
const PATIENCE: Duration = Duration::from_secs(5);

/// Collects batches until one mentions `path` (or gives up), returning all changes seen.
fn wait_for(rx: &mpsc::Receiver<Vec<FsChange>>, path: &Path) -> Vec<FsChange> {
    let deadline = Instant::now() + PATIENCE;
    let mut seen = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        let Ok(batch) = rx.recv_timeout(left) else { break };
        let hit = batch.iter().any(|c| c.path() == path);
        seen.extend(batch);
        if hit {
            break;
        }
    }
    seen
}

fn names(ws: &Workspace) -> Vec<String> {
    ws.corpora[0].corpus.files().map(|f| f.path.clone()).collect()
}

#[test]
fn disk_changes_arrive_and_keep_the_workspace_current() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root: PathBuf = std::fs::canonicalize(dir.path()).expect("canonical");
    std::fs::write(root.join("INDEX.md"), "- [A](a.txt)\n").expect("write");
    let mut ws = Workspace::from_folders(std::slice::from_ref(&root), None);
    let (tx, rx) = mpsc::channel();
    let _watcher = watch(std::slice::from_ref(&root), move |batch| {
        let _ = tx.send(batch);
    })
    .expect("watch");
    let nothing_open = |_: &Path| false;

    let a = root.join("a.txt");
    std::fs::write(&a, "Vladimir Putin: Good afternoon.\n").expect("create");
    let changes = wait_for(&rx, &a);
    assert!(changes.contains(&FsChange::Changed(a.clone())), "creation seen: {changes:?}");
    ws.apply_changes(&changes, &nothing_open);
    assert_eq!(names(&ws), ["INDEX.md", "a.txt"]);

    std::fs::write(&a, "Joe Biden: Hello to all of you.\n").expect("modify");
    let changes = wait_for(&rx, &a);
    ws.apply_changes(&changes, &nothing_open);
    let words = ws.corpora[0].corpus.get("a.txt").and_then(|f| f.transcript().map(|t| t.words));
    assert_eq!(words, Some(7), "the new text was analysed");

    let b = root.join("b.txt");
    std::fs::rename(&a, &b).expect("rename");
    let mut changes = wait_for(&rx, &b);
    if !changes.iter().any(|c| c.path() == a) {
        changes.extend(wait_for(&rx, &a));
    }
    ws.apply_changes(&changes, &nothing_open);
    assert_eq!(names(&ws), ["INDEX.md", "b.txt"]);

    std::fs::remove_file(&b).expect("delete");
    let changes = wait_for(&rx, &b);
    assert!(changes.iter().any(|c| c.path() == b), "deletion seen: {changes:?}");
    ws.apply_changes(&changes, &nothing_open);
    assert_eq!(names(&ws), ["INDEX.md"]);
}

#[test]
fn editor_temp_files_and_other_files_are_not_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = std::fs::canonicalize(dir.path()).expect("canonical");
    let (tx, rx) = mpsc::channel();
    let _watcher = watch(std::slice::from_ref(&root), move |batch| {
        let _ = tx.send(batch);
    })
    .expect("watch");
    for name in [".a.txt.swp", "a.txt~", "4913", ".#a.txt", "notes.docx"] {
        std::fs::write(root.join(name), "x").expect("write");
    }
    let marker = root.join("marker.txt");
    std::fs::write(&marker, "M: x\n").expect("write");
    let changes = wait_for(&rx, &marker);
    assert_eq!(changes, [FsChange::Changed(marker)]);
}

#[test]
fn a_root_that_cannot_be_watched_does_not_stop_the_others() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("missing");
    let watcher = watch(&[missing.clone(), dir.path().to_path_buf()], |_| {}).expect("the real root is watched");
    assert_eq!(watcher.roots(), [std::fs::canonicalize(dir.path()).expect("canonical")]);
    assert!(watch(&[missing], |_| {}).is_err(), "nothing to watch is an error");
}

/// Events as the debouncer delivers them, made by hand: what overflow and
/// renames turn into does not depend on the kernel's timing.
mod batches {
    use std::path::PathBuf;
    use std::time::Instant;

    use notify::event::{CreateKind, EventKind, Flag, ModifyKind, RemoveKind, RenameMode};
    use notify_debouncer_full::DebouncedEvent;
    use speech_ls::watch::{FsChange, change_from_client, changes_from_events};

    fn event(kind: EventKind, paths: &[&PathBuf]) -> DebouncedEvent {
        let mut e = notify::Event::new(kind);
        for p in paths {
            e = e.add_path((*p).clone());
        }
        DebouncedEvent::new(e, Instant::now())
    }

    #[test]
    fn overflow_asks_for_a_rescan_of_the_root() {
        let roots = vec![PathBuf::from("/corpus/one"), PathBuf::from("/corpus/two")];
        let overflow = DebouncedEvent::new(notify::Event::new(EventKind::Other).set_flag(Flag::Rescan), Instant::now());
        assert_eq!(
            changes_from_events(&roots, &[overflow]),
            [FsChange::Rescan(roots[0].clone()), FsChange::Rescan(roots[1].clone())]
        );
    }

    #[test]
    fn a_rename_names_both_paths_and_temp_files_are_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (from, to) = (dir.path().join("old.txt"), dir.path().join("new.txt"));
        std::fs::write(&to, "x").expect("write");
        let swap = dir.path().join(".new.txt.swp");
        let events = [
            event(EventKind::Modify(ModifyKind::Name(RenameMode::Both)), &[&from, &to]),
            event(EventKind::Create(CreateKind::File), &[&swap]),
            event(EventKind::Remove(RemoveKind::File), &[&dir.path().join("x.txt~")]),
        ];
        let roots = vec![dir.path().to_path_buf()];
        assert_eq!(changes_from_events(&roots, &events), [FsChange::Changed(to), FsChange::Changed(from)]);
    }

    #[test]
    fn client_events_use_the_same_change_type() {
        let dir = tempfile::tempdir().expect("tempdir");
        let index = dir.path().join("INDEX.md");
        assert_eq!(change_from_client(&index, true), Some(FsChange::Removed(index.clone())));
        std::fs::write(dir.path().join("notes.docx"), "x").expect("write");
        assert_eq!(change_from_client(&dir.path().join("notes.docx"), false), None);
        assert_eq!(change_from_client(&dir.path().join("4913"), false), None);
    }
}
