//! Corpus discovery: which folders under a workspace folder are corpora.
//!
//! The rules, in order: the user's `corpus` setting (relative to the workspace
//! folder) if given; else `seeds/` if present; else the folder itself if it
//! has an INDEX.md; else every folder below it (to a bounded depth) that has
//! an INDEX.md. Hidden folders, `node_modules` and `target` are never searched,
//! nor are symlinked folders (a link loop must not hang the server).
//! A folder left unsearched for another reason (it cannot be listed, it is a
//! symlink) and a `corpus` setting that names no folder are logged.

use std::path::{Path, PathBuf};

/// How deep below a workspace folder we look for INDEX.md files. Deep enough
/// for `docs/speeches/2021/INDEX.md`, shallow enough to stay quick in a home folder.
pub const MAX_DEPTH: usize = 4;

/// The corpus roots of one workspace folder, per the rules above. Roots below
/// the folder are returned in sorted order; a corpus inside another corpus is
/// still its own root (the innermost one wins when locating a file).
pub fn corpus_roots(folder: &Path, setting: Option<&Path>) -> Vec<PathBuf> {
    if let Some(setting) = setting {
        let root = folder.join(setting);
        if !root.is_dir() {
            tracing::warn!(
                "{}: the `corpus` setting names no folder here; no corpus is loaded from it",
                root.display()
            );
        }
        return vec![root];
    }
    let seeds = folder.join("seeds");
    if seeds.is_dir() {
        return vec![seeds];
    }
    if has_index(folder) {
        return vec![folder.to_path_buf()];
    }
    let mut found = Vec::new();
    search(folder, 1, &mut found);
    found.sort();
    found
}

fn has_index(dir: &Path) -> bool {
    dir.join("INDEX.md").is_file()
}

fn search(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) {
    if depth > MAX_DEPTH {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
        Err(e) => {
            tracing::warn!("{}: cannot list the folder ({e}); not searched for corpora", dir.display());
            return;
        }
    };
    for entry in entries.flatten() {
        // `file_type` does not follow symlinks, so a linked folder is skipped.
        let Ok(kind) = entry.file_type() else { continue };
        if is_skipped_dir(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let path = entry.path();
        if kind.is_symlink() && path.is_dir() {
            tracing::info!("{}: a symlinked folder; not searched for corpora", path.display());
            continue;
        }
        if !kind.is_dir() {
            continue;
        }
        if has_index(&path) {
            found.push(path.clone());
        }
        search(&path, depth + 1, found);
    }
}

/// Folders no corpus lives in: hidden ones (`.git`), and build output.
pub fn is_skipped_dir(name: &str) -> bool {
    name.starts_with('.') || name == "node_modules" || name == "target"
}
