//! Themes: tokens (not written yet).
