//! Corpus discovery: which folders of a workspace folder are corpora, and how
//! a `Workspace` built from several folders locates files.

use std::path::{Path, PathBuf};

use speech_ls::workspace::{Workspace, corpus_roots};

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("a file has a parent")).expect("create folder");
    std::fs::write(path, text).expect("write file");
}

/// The roots, relative to `folder`, as `/`-separated strings ("." for the folder).
fn rel_roots(folder: &Path, setting: Option<&Path>) -> Vec<String> {
    corpus_roots(folder, setting)
        .iter()
        .map(|r| match r.strip_prefix(folder).expect("root inside folder").to_string_lossy().replace('\\', "/") {
            s if s.is_empty() => ".".to_string(),
            s => s,
        })
        .collect()
}

#[test]
fn seeds_folder_wins_over_an_index_at_the_root() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "INDEX.md", "");
    write(dir.path(), "seeds/a.txt", "");
    assert_eq!(rel_roots(dir.path(), None), ["seeds"]);
}

#[test]
fn a_folder_with_index_md_is_its_own_corpus() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "INDEX.md", "");
    write(dir.path(), "sub/INDEX.md", "");
    assert_eq!(rel_roots(dir.path(), None), ["."]);
}

#[test]
fn nested_corpora_are_found_below_skipping_hidden_and_build_folders() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "speeches/2021/INDEX.md", "");
    write(dir.path(), "speeches/2021/inner/INDEX.md", "");
    write(dir.path(), "other/INDEX.md", "");
    write(dir.path(), ".git/INDEX.md", "");
    write(dir.path(), "node_modules/x/INDEX.md", "");
    write(dir.path(), "target/INDEX.md", "");
    write(dir.path(), "a/b/c/d/e/f/INDEX.md", "");
    assert_eq!(rel_roots(dir.path(), None), ["other", "speeches/2021", "speeches/2021/inner"]);
}

#[test]
fn the_corpus_setting_overrides_discovery() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "seeds/a.txt", "");
    write(dir.path(), "mine/a.txt", "");
    assert_eq!(rel_roots(dir.path(), Some(Path::new("mine"))), ["mine"]);
}

#[test]
fn a_folder_without_any_corpus_has_no_roots() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "notes/a.txt", "");
    assert!(corpus_roots(dir.path(), None).is_empty());
}

#[test]
fn multi_root_workspace_locates_files_in_the_innermost_corpus() {
    let one = tempfile::tempdir().expect("tempdir");
    let two = tempfile::tempdir().expect("tempdir");
    write(one.path(), "seeds/a.txt", " date 2021-03-03 Source: X\n\nA: hello\n");
    write(two.path(), "INDEX.md", "- [B](b.txt)\n");
    write(two.path(), "b.txt", "B: hi\n");
    write(two.path(), "inner/INDEX.md", "- [C](c.txt)\n");
    write(two.path(), "inner/c.txt", "C: hi\n");
    let mut ws = Workspace::from_folders(&[one.path().to_path_buf(), two.path().to_path_buf()], None);
    ws.add_root(&two.path().join("inner"));
    let located = |p: PathBuf| ws.locate(&p).map(|(i, rel)| (ws.corpora[i].root.clone(), rel));
    let canon = |p: &Path| std::fs::canonicalize(p).expect("canonical");
    assert_eq!(located(one.path().join("seeds/a.txt")), Some((canon(&one.path().join("seeds")), "a.txt".into())));
    assert_eq!(located(two.path().join("b.txt")), Some((canon(two.path()), "b.txt".into())));
    assert_eq!(located(two.path().join("inner/c.txt")), Some((canon(&two.path().join("inner")), "c.txt".into())));
    // A file that does not exist (yet) still locates, so a deletion can be applied.
    assert_eq!(located(two.path().join("gone.txt")).map(|(_, rel)| rel), Some("gone.txt".into()));
    assert_eq!(located(one.path().join("outside.txt")), None);
    let files: Vec<usize> = ws.corpora.iter().map(|c| c.corpus.len()).collect();
    assert_eq!(files, [1, 4, 2], "the outer corpus also holds inner/ files; locate picks the innermost");
}
