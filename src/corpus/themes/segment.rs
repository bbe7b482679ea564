//! Themes: segment (not written yet).
