//! Themes: sentences (not written yet).
