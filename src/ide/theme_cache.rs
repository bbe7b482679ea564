//! The shapes theme results are shared in: each corpus's `ThemeView`, which
//! the server's background work publishes, and the cache of recently
//! computed file themes, keyed by the very analysis and context they were
//! computed from. Plain data: `ide::themes` fills and reads them.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::corpus::FileAnalysis;
use crate::corpus::themes::analysis::{FileThemes, ThemeContext};
use crate::workspace::topics::{TopicsMap, TopicsText};

/// What features read about one corpus's themes.
#[derive(Debug, Clone, Default)]
pub struct ThemeView {
    pub context: Arc<ThemeContext>,
    pub topics: Arc<TopicsMap>,
    pub topics_text: Arc<TopicsText>,
}

/// Theme views by corpus root.
pub type ThemeViews = Arc<HashMap<PathBuf, ThemeView>>;

/// Recently computed file themes, shared by every world.
pub type ThemeCache = Arc<Mutex<Vec<CacheEntry>>>;

/// How many files' themes the cache keeps.
const CACHE_SIZE: usize = 32;

/// One file's themes and what they were computed from. The entry holds the
/// analysis and the context themselves, so that a hit means the very same
/// file version against the very same corpus themes (a themes rebuild or an
/// edit makes every older entry miss, even one stored a moment later by a
/// request that started before).
#[derive(Debug, Clone)]
pub struct CacheEntry {
    analysis: Arc<FileAnalysis>,
    context: Arc<ThemeContext>,
    sections: bool,
    themes: Arc<FileThemes>,
}

impl CacheEntry {
    pub fn new(
        analysis: Arc<FileAnalysis>,
        context: Arc<ThemeContext>,
        sections: bool,
        themes: Arc<FileThemes>,
    ) -> CacheEntry {
        CacheEntry { analysis, context, sections, themes }
    }

    /// True when the entry holds the themes of exactly this analysis
    /// against exactly this context (with sections, when they are asked for).
    pub fn is_for(&self, analysis: &Arc<FileAnalysis>, context: &Arc<ThemeContext>, sections: bool) -> bool {
        Arc::ptr_eq(&self.analysis, analysis) && Arc::ptr_eq(&self.context, context) && (self.sections || !sections)
    }

    pub fn path(&self) -> &str {
        &self.analysis.path
    }

    pub fn themes(&self) -> &Arc<FileThemes> {
        &self.themes
    }
}

/// Keeps at most this many entries, one per path, the newest last.
pub fn remember(cache: &ThemeCache, entry: CacheEntry) {
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    cache.retain(|e| e.path() != entry.path());
    cache.push(entry);
    if cache.len() > CACHE_SIZE {
        cache.remove(0);
    }
}

/// The cached entry for this analysis and context, if any.
pub fn lookup(
    cache: &ThemeCache,
    analysis: &Arc<FileAnalysis>,
    context: &Arc<ThemeContext>,
    sections: bool,
) -> Option<Arc<FileThemes>> {
    let cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    cache.iter().find(|e| e.is_for(analysis, context, sections)).map(|e| e.themes.clone())
}

/// Drops every cached file theme (the corpus themes were rebuilt).
pub fn clear_cache(cache: &ThemeCache) {
    cache.lock().unwrap_or_else(|e| e.into_inner()).clear();
}
