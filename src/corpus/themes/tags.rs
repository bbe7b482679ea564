//! Themes: tags (not written yet).
