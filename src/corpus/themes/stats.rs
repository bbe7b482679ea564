//! Themes: stats (not written yet).
