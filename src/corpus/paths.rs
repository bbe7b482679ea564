//! Corpus-relative paths: how an INDEX.md link target becomes a transcript
//! path inside the corpus, and why some targets never do.
//!
//! Paths here are `/`-separated strings relative to the corpus root
//! (`sub/a.txt`), so that the core needs no file system and a link can never
//! name anything outside the corpus.

/// A `/`-separated path relative to the corpus root, normalised: no `.`, no
/// `..`, no leading `/`, no empty segments.
pub type RelPath = String;

/// Why a link target does not resolve to a path inside the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unresolvable {
    /// `https://...`, `mailto:` and other non-file URLs: not ours to check.
    External,
    /// An absolute path, a `file://` URI, or `..` climbing above the root.
    OutsideCorpus,
    Empty,
}

/// Resolves a decoded link target, as written in INDEX.md (which sits at the
/// corpus root), to a corpus-relative path. A fragment (`#...`) or query is
/// dropped. Wiki targets without an extension get `.txt` from the caller.
pub fn resolve_link(target: &str) -> Result<RelPath, Unresolvable> {
    let target = target.trim();
    let target = target.split(['#', '?']).next().unwrap_or("");
    if target.is_empty() {
        return Err(Unresolvable::Empty);
    }
    let lower = target.to_ascii_lowercase();
    if lower.starts_with("file:") || target.starts_with('/') || target.starts_with('\\') || has_drive(target) {
        return Err(Unresolvable::OutsideCorpus);
    }
    if let Some(colon) = target.find(':') {
        let scheme = &target[..colon];
        if !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
            return Err(Unresolvable::External);
        }
    }
    normalize(target).ok_or(Unresolvable::OutsideCorpus)
}

/// Normalises a relative path; `None` when `..` would climb above the root.
pub fn normalize(path: &str) -> Option<RelPath> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    if parts.is_empty() { None } else { Some(parts.join("/")) }
}

fn has_drive(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':' && (b.len() == 2 || b[2] == b'/' || b[2] == b'\\')
}

/// True for file names the corpus treats as transcripts.
pub fn is_transcript_name(path: &str) -> bool {
    path.to_ascii_lowercase().ends_with(".txt")
}

/// True for the corpus index file.
pub fn is_index_name(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|n| n == "INDEX.md")
}
