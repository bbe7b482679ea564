//! Themes: taxonomy (not written yet).
