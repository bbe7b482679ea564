//! A file replaced by a folder of the same name (and back): the corpus must
//! follow, so that INDEX.md's link to the file that went away is reported
//! dead, and the files of a folder that became a file are gone.

use std::path::Path;

use speech_ls::corpus::consistency::{check_index, codes};
use speech_ls::workspace::FsChange;
use speech_ls::workspace::Workspace;

const NOTHING_OPEN: &dyn Fn(&Path) -> bool = &|_| false;

fn paths(ws: &Workspace) -> Vec<String> {
    ws.corpora[0].corpus.files().map(|f| f.path.clone()).collect()
}

fn dead_links(ws: &Workspace) -> Vec<String> {
    check_index(&ws.corpora[0].corpus)
        .into_iter()
        .filter(|f| f.problem.code == codes::DEAD_LINK)
        .map(|f| f.problem.message)
        .collect()
}

fn corpus() -> (tempfile::TempDir, std::path::PathBuf, Workspace) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("canonical");
    std::fs::write(root.join("INDEX.md"), "- 2021-03-03 [A](a.txt)\n").expect("write");
    std::fs::write(root.join("a.txt"), "Vladimir Putin: Good afternoon.\n").expect("write");
    let ws = Workspace::from_folders(std::slice::from_ref(&root), None);
    (dir, root, ws)
}

/// Before the fix the folder's files were added but `a.txt` itself stayed a
/// transcript, so the link to it was not reported.
#[test]
fn a_file_replaced_by_a_folder_stops_being_a_transcript() {
    // The watcher may report the swap as a removal, a creation, or both.
    for events in [&["removed", "changed"][..], &["changed"], &["removed"]] {
        let (_dir, root, mut ws) = corpus();
        assert!(dead_links(&ws).is_empty());
        let a = root.join("a.txt");
        std::fs::remove_file(&a).expect("remove");
        std::fs::create_dir(&a).expect("mkdir");
        std::fs::write(a.join("inner.txt"), "Joe Biden: Hello.\n").expect("write");
        let changes: Vec<FsChange> = events
            .iter()
            .map(|e| if *e == "removed" { FsChange::Removed(a.clone()) } else { FsChange::Changed(a.clone()) })
            .collect();
        ws.apply_changes(&changes, NOTHING_OPEN);
        assert_eq!(paths(&ws), ["INDEX.md", "a.txt/inner.txt"], "events {events:?}");
        let dead = dead_links(&ws);
        assert_eq!(dead.len(), 1, "the link to a.txt is dead (events {events:?}): {dead:?}");
        assert!(dead[0].contains("a.txt"), "{dead:?}");
        let fresh = Workspace::from_folders(std::slice::from_ref(&root), None);
        assert_eq!(paths(&ws), paths(&fresh));
    }
}

#[test]
fn a_folder_replaced_by_a_file_loses_its_files() {
    let (_dir, root, mut ws) = corpus();
    let a = root.join("a.txt");
    std::fs::remove_file(&a).expect("remove");
    std::fs::create_dir(&a).expect("mkdir");
    std::fs::write(a.join("inner.txt"), "Joe Biden: Hello.\n").expect("write");
    ws.apply_changes(&[FsChange::Changed(a.clone())], NOTHING_OPEN);
    std::fs::remove_dir_all(&a).expect("rm -r");
    std::fs::write(&a, "Vladimir Putin: Good evening.\n").expect("write");
    ws.apply_changes(&[FsChange::Changed(a.clone())], NOTHING_OPEN);
    assert_eq!(paths(&ws), ["INDEX.md", "a.txt"]);
    assert!(dead_links(&ws).is_empty());
}
