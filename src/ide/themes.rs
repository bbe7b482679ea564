//! One file's themes as features read them: computed from its text on
//! demand against its corpus's theme context, and cached by file version.
//!
//! The analysis stops early when its request is cancelled or a newer version
//! of the file arrives (see `cancel`); what stopped early is never cached,
//! and the caller answers with nothing (the protocol layer turns that into
//! the matching error). Each corpus's theme index is built and kept current
//! by the server's background work, which publishes it as `ThemeView`s
//! (see `theme_cache`).

use std::path::Path;
use std::sync::{Arc, LazyLock};

use crate::corpus::themes::analysis::{FileThemes, ThemeContext, analyze_until};
use crate::ide::cancel::Watch;
use crate::ide::theme_cache::{CacheEntry, lookup, remember};
use crate::ide::world::{FileView, World};

/// Files larger than this get no themes in the editor: their analysis would
/// hold up requests for seconds (the command line analyses them in full).
pub const MAX_THEMES_BYTES: usize = 4 * 1024 * 1024;

/// The theme context for a file: its corpus's once built, else a standalone one.
pub fn context_for(world: &World, file: &FileView) -> Arc<ThemeContext> {
    static STANDALONE: LazyLock<Arc<ThemeContext>> = LazyLock::new(|| Arc::new(ThemeContext::standalone()));
    file.corpus
        .as_ref()
        .and_then(|cv| world.themes.get(&cv.root))
        .map(|v| v.context.clone())
        .unwrap_or_else(|| STANDALONE.clone())
}

/// True when `root` has a theme view (its index is built).
pub fn is_ready(world: &World, root: &Path) -> bool {
    world.themes.contains_key(root)
}

/// The text to analyse for themes, when the file is small enough to analyse in the editor.
pub fn themes_text(world: &World, file: &FileView) -> Option<Arc<str>> {
    if file.analysis.line_index.len() > MAX_THEMES_BYTES {
        return None;
    }
    world.text(file)
}

/// The themes of a transcript (with its sections when `sections` is true),
/// from the cache when this version was analysed before. `None` also when
/// the analysis stopped early (inside a request that was cancelled, or about
/// an open text that has a newer version now).
pub fn file_themes(world: &World, file: &FileView, text: &str, sections: bool) -> Option<Arc<FileThemes>> {
    let transcript = file.analysis.transcript()?;
    if text.len() > MAX_THEMES_BYTES {
        return None;
    }
    let ctx = context_for(world, file);
    if let Some(hit) = lookup(&world.theme_cache, &file.analysis, &ctx, sections) {
        return Some(hit);
    }
    let path = &file.analysis.path;
    let open = world.open.showing(&file.analysis);
    let which = match open {
        Some(open) => format!("{path} v{}", open.version),
        None => path.clone(),
    };
    let watch = Watch::current(open.map(|d| d.edits.clone()));
    tracing::debug!("themes of {which}: analysing");
    let should_stop = || watch.should_stop();
    let Some(themes) = analyze_until(path, text, transcript, &ctx, sections, &should_stop) else {
        if let Some(why) = watch.record_stop() {
            tracing::debug!("themes of {which} cancelled: {why}");
        }
        return None;
    };
    let themes = Arc::new(themes);
    tracing::debug!("themes of {which}: done");
    if watch.is_superseded() {
        // Complete and right for the version asked about, but no later
        // request will ask for it: caching it would only push out the newer
        // version's entry (entries are kept one per path).
        return Some(themes);
    }
    remember(&world.theme_cache, CacheEntry::new(file.analysis.clone(), ctx, sections, themes.clone()));
    Some(themes)
}

/// The cached themes of this exact version of a file, with sections, if any.
pub fn cached_sections(world: &World, file: &FileView) -> Option<Arc<FileThemes>> {
    lookup(&world.theme_cache, &file.analysis, &context_for(world, file), true)
}
