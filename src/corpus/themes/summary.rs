//! Themes: summary (not written yet).
