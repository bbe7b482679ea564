//! The pieces that let a live server settle to what a fresh one shows, at
//! the library level: a corpus compared with a listing of its folder picks
//! up changes no file event reported, and a theme index updated through
//! folder-level changes counts exactly the corpus's transcripts and, once
//! settled, equals a fresh build.

use std::path::Path;

use speech_ls::workspace::FsChange;
use speech_ls::workspace::reconcile::scan;
use speech_ls::workspace::themes::ThemeIndex;
use speech_ls::workspace::{Workspace, load_corpus};

const NOTHING_OPEN: &dyn Fn(&Path) -> bool = &|_| false;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn paths(ws: &Workspace) -> Vec<String> {
    ws.corpora[0].corpus.files().map(|f| f.path.clone()).collect()
}

fn corpus() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("canonical");
    write(&root, "INDEX.md", "- [A](a.txt)\n- [B](box/b.txt)\n");
    write(&root, "a.txt", "Moderator: Police officers fight crime.\n");
    write(&root, "box/b.txt", "Moderator: Farmers harvest grain.\n");
    write(&root, "box/c.txt", "Moderator: Railway freight and trains.\n");
    (dir, root)
}

/// Moves into a new folder and that folder's removal, with no event at all
/// (as the watcher was seen to report them), and an edit that changes a
/// file's size: one comparison with the disk makes the corpus a fresh load.
/// Before, nothing but a file event could change the corpus.
#[test]
fn a_corpus_compared_with_its_folder_catches_what_no_event_reported() {
    let (_dir, root) = corpus();
    let mut ws = Workspace::from_folders(std::slice::from_ref(&root), None);
    std::fs::create_dir(root.join("gone")).expect("mkdir");
    std::fs::rename(root.join("box/b.txt"), root.join("gone/b.txt")).expect("mv");
    std::fs::remove_dir_all(root.join("gone")).expect("rm -r");
    write(&root, "new.txt", "Moderator: A new speech arrived.\n");
    write(&root, "a.txt", "Moderator: Police officers fight crime and cybercrime.\n");
    let (roots, limits) = ws.scan_plan();
    let applied = ws.apply_scan(&scan(&roots, limits), NOTHING_OPEN);
    assert_eq!(applied.len(), 3, "{applied:?}");
    let fresh = Workspace::from_folders(std::slice::from_ref(&root), None);
    assert_eq!(paths(&ws), paths(&fresh));
    for (a, b) in ws.corpora[0].corpus.files().zip(fresh.corpora[0].corpus.files()) {
        assert_eq!(a, b, "{}", a.path);
    }
    let (roots, limits) = ws.scan_plan();
    assert!(ws.apply_scan(&scan(&roots, limits), NOTHING_OPEN).is_empty(), "nothing more to apply");
}

/// A folder renamed and another removed arrive as folder paths; the index
/// must still count exactly the corpus's transcripts, and once settled its
/// statistics and every speech's topics are a fresh build's. Before, the
/// files below the folders kept (or never got) their counts.
#[test]
fn a_theme_index_follows_folder_changes_and_settles_to_a_fresh_build() {
    let (_dir, root) = corpus();
    let mut corpus = load_corpus(&root);
    let mut index = ThemeIndex::build(&root, &corpus);
    assert_eq!(index.len(), 3);
    std::fs::rename(root.join("box"), root.join("moved")).expect("mv");
    let mut ws = Workspace::from_folders(std::slice::from_ref(&root), None);
    ws.apply_changes(&[FsChange::Changed(root.join("moved")), FsChange::Removed(root.join("box"))], NOTHING_OPEN);
    corpus = (*ws.corpora[0].corpus).clone();
    index.update(&root, &corpus, &["moved".to_string(), "box".to_string()], &|_| None);
    assert_eq!(index.len(), 3, "moved/b.txt and moved/c.txt counted, box/* gone");
    assert!(index.topics.contains_key("moved/b.txt") && !index.topics.contains_key("box/b.txt"));

    write(&root, "a.txt", "Moderator: Schools hire teachers and pupils sit exams.\n");
    corpus = load_corpus(&root);
    index.update(&root, &corpus, &["a.txt".to_string()], &|_| None);
    assert!(index.is_unsettled());
    index.settle(&corpus);
    assert!(!index.is_unsettled());
    let fresh = ThemeIndex::build(&root, &corpus);
    assert_eq!(*index.context.stats, *fresh.context.stats);
    assert_eq!(*index.topics, *fresh.topics);
    assert_eq!(*index.context.user_tags, *fresh.context.user_tags);
}
