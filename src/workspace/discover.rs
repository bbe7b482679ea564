//! Corpus discovery: which folders under a workspace folder are corpora.
//!
//! The rules, in order: the user's `corpus` setting (relative to the workspace
//! folder) if given; else `seeds/` if present; else the folder itself if it
//! has an INDEX.md; else every folder below it (to a bounded depth) that has
//! an INDEX.md. Hidden folders, `node_modules` and `target` are never searched,
//! nor are symlinked folders (a link loop must not hang the server).
//! A folder left unsearched for another reason (it cannot be listed, it is a
//! symlink) and a `corpus` setting that names no folder are logged.
//!
//! The `corpus` setting is kept inside the workspace folders: `"/"`, `".."`
//! or any path (absolute, relative, or through a symlink) that leads out of
//! them is refused with a message the server shows the user, because the
//! server would load and watch everything below it.

use std::path::{Component, Path, PathBuf};

/// The corpora of a session's folders, and the `corpus` settings refused.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovery {
    /// Roots in folder order, each once.
    pub roots: Vec<PathBuf>,
    /// Why a setting was refused, one message each, for the user.
    pub refused: Vec<String>,
}

/// The corpus roots of all the workspace `folders`, with the user's
/// `corpus` setting kept inside them. An absolute setting is taken once,
/// when it lies inside any folder; a relative one in each folder it stays
/// inside.
pub fn discover(folders: &[PathBuf], setting: Option<&Path>) -> Discovery {
    let mut found = Discovery::default();
    let add = |root: PathBuf, found: &mut Discovery| {
        if !found.roots.contains(&root) {
            found.roots.push(root);
        }
    };
    match setting {
        Some(setting) if setting.is_absolute() => match folders.iter().find_map(|f| inside(f, setting)) {
            Some(root) => add(root, &mut found),
            None => found.refused.push(outside_message(setting, folders)),
        },
        Some(setting) => {
            for folder in folders {
                match inside(folder, &folder.join(setting)) {
                    Some(root) => add(root, &mut found),
                    None => found.refused.push(outside_message(setting, std::slice::from_ref(folder))),
                }
            }
        }
        None => {
            for root in folders.iter().flat_map(|f| corpus_roots(f, None)) {
                add(root, &mut found);
            }
        }
    }
    for message in &found.refused {
        tracing::warn!("{message}");
    }
    for root in found.roots.iter().filter(|r| setting.is_some() && !r.is_dir()) {
        tracing::warn!("{}: the `corpus` setting names no folder here; no corpus is loaded from it", root.display());
    }
    found
}

/// `path` when it lies inside `folder` (`..` resolved, and symlinks too when
/// the path exists); `None` when it leads out.
fn inside(folder: &Path, path: &Path) -> Option<PathBuf> {
    let lexical = normalize(path);
    if !lexical.starts_with(normalize(folder)) {
        return None;
    }
    match (std::fs::canonicalize(&lexical), std::fs::canonicalize(folder)) {
        (Ok(real), Ok(real_folder)) if !real.starts_with(&real_folder) => None,
        _ => Some(lexical),
    }
}

/// `.` and `..` resolved without the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn outside_message(setting: &Path, folders: &[PathBuf]) -> String {
    let folders: Vec<String> = folders.iter().map(|f| f.display().to_string()).collect();
    format!(
        "the `speech-ls.corpus` setting `{}` leads outside the workspace folder ({}); it is ignored. \
         Name a folder inside the workspace",
        setting.display(),
        folders.join(", ")
    )
}

/// How deep below a workspace folder we look for INDEX.md files. Deep enough
/// for `docs/speeches/2021/INDEX.md`, shallow enough to stay quick in a home folder.
pub const MAX_DEPTH: usize = 4;

/// The corpus roots of one workspace folder, per the rules above. Roots below
/// the folder are returned in sorted order; a corpus inside another corpus is
/// still its own root (the innermost one wins when locating a file). A
/// setting that leads out of the folder gives no root (logged).
pub fn corpus_roots(folder: &Path, setting: Option<&Path>) -> Vec<PathBuf> {
    if let Some(setting) = setting {
        return discover(&[folder.to_path_buf()], Some(setting)).roots;
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
