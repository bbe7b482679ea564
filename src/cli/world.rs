//! The worlds the command line asks the features in: a corpus folder loaded
//! with its theme index, as the server has it once its themes are ready, so
//! that a subcommand prints what the editor shows.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;

use crate::corpus::FileAnalysis;
use crate::ide::cancel::Edits;
use crate::ide::theme_cache::ThemeView;
use crate::ide::{FileRef, OpenText, World};
use crate::workspace::Workspace;
use crate::workspace::read::{ReadOutcome, read_regular_file};
use crate::workspace::themes::ThemeIndex;

/// The corpus at `root`, loaded (without themes: `check` needs none).
pub fn corpus_world(root: &Path) -> World {
    let mut workspace = Workspace::new();
    workspace.add_root(root);
    World::of_workspace(workspace)
}

/// The corpus at `root`, loaded, with its themes built.
pub fn corpus_world_with_themes(root: &Path) -> World {
    let world = corpus_world(root);
    let themes: HashMap<PathBuf, ThemeView> = world
        .workspace
        .corpora
        .iter()
        .map(|c| {
            let index = ThemeIndex::build(&c.root, &c.corpus);
            let view = ThemeView { context: index.context, topics: index.topics, topics_text: index.topics_text };
            (c.root.clone(), view)
        })
        .collect();
    World { themes: Arc::new(themes), ..world }
}

/// The world one file is seen in: the corpus it lies in (the nearest folder
/// at or above its own that holds an INDEX.md), else the file alone, as an
/// editor that opened it outside any corpus would see it.
pub fn file_world(path: &Path) -> anyhow::Result<(World, FileRef)> {
    let meta = std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    anyhow::ensure!(meta.is_file(), "cannot read {}: not a regular file", path.display());
    let path = std::fs::canonicalize(path).with_context(|| format!("cannot read {}", path.display()))?;
    let file = FileRef::Disk(path.clone());
    if let Some(root) = corpus_root_of(&path) {
        let world = corpus_world_with_themes(&root);
        if world.file(&file).is_some() {
            return Ok((world, file));
        }
    }
    // The same limits as the server: size, binary content, lossy UTF-8.
    let read = read_regular_file(&path);
    for p in &read.problems {
        eprintln!("{}: {}", path.display(), p.message);
    }
    anyhow::ensure!(read.outcome == ReadOutcome::Read, "{} was not read", path.display());
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let analysis = Arc::new(FileAnalysis::analyze(&name, &read.text));
    let mut world = World::default();
    let text = Arc::from(read.text);
    world.open.insert(OpenText { file: file.clone(), version: 0, text, analysis, edits: Edits::default() });
    Ok((world, file))
}

/// The nearest folder at or above the file's own folder that holds an INDEX.md.
pub fn corpus_root_of(file: &Path) -> Option<PathBuf> {
    file.ancestors().skip(1).find(|dir| dir.join("INDEX.md").is_file()).map(Path::to_path_buf)
}
