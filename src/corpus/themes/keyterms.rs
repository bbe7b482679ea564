//! Themes: keyterms (not written yet).
