//! Safe reading of one corpus file: never outside the corpus, never too much,
//! never a crash on bytes that are not text.
//!
//! Every refusal becomes a `Problem` the user sees on the file, so that a
//! binary `.txt` or a symlink pointing out of the corpus is reported rather
//! than silently missing.

use std::io::Read;
use std::path::Path;

use crate::corpus::{Problem, Severity, Span};

/// Files larger than this are not read (a transcript of 40,000 words is about
/// 250 KB; 64 MB is a log file or a mistake).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What reading a file gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadResult {
    /// The text (lossily decoded, a UTF-8 BOM removed); empty unless `outcome` is `Read`.
    pub text: String,
    /// Why the file was not read, or what was wrong with its bytes.
    pub problems: Vec<Problem>,
    pub outcome: ReadOutcome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadOutcome {
    /// `text` holds the file (possibly with problems such as invalid UTF-8).
    Read,
    /// The file exists but was not read; `problems` says why.
    Skipped,
    /// The file does not exist (or vanished while being read).
    NotFound,
}

/// Reads `rel` (a `/`-separated path) inside the corpus at `root`. Refuses
/// paths that escape the root, through `..` or a symlink.
pub fn read_transcript_file(root: &Path, rel: &str) -> ReadResult {
    let root = super::canonical_or_same(root);
    read_in_canonical_root(&root, rel)
}

/// As `read_transcript_file`, for a root that is already canonical (the loader
/// canonicalises once rather than once per file).
pub(crate) fn read_in_canonical_root(root: &Path, rel: &str) -> ReadResult {
    if rel.split('/').any(|seg| seg == ".." || seg.is_empty()) {
        return skipped("read-outside-corpus", "the path leaves the corpus folder; not read".to_string());
    }
    let path = root.join(rel);
    let meta = match std::fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(e) => return open_failed(e),
    };
    // The folders on the way must not lead out of the corpus either.
    let parent_ok = path.parent().and_then(|p| std::fs::canonicalize(p).ok()).is_some_and(|p| p.starts_with(root));
    let target = meta.file_type().is_symlink().then(|| std::fs::canonicalize(&path));
    if parent_ok && matches!(target, Some(Err(_))) {
        return skipped(
            "read-broken-link",
            "a symlink that leads nowhere (a loop or a missing target); not read".into(),
        );
    }
    let target_ok = target.is_none_or(|t| t.is_ok_and(|t| t.starts_with(root)));
    if !parent_ok || !target_ok {
        return skipped("read-outside-corpus", "a symlink to a file outside the corpus folder; not read".to_string());
    }
    // Only regular files: opening a FIFO named `x.txt` would block forever.
    let is_file = if meta.file_type().is_symlink() { path.is_file() } else { meta.is_file() };
    if !is_file {
        return skipped("read-not-a-file", "not a regular file; not read".to_string());
    }
    read_regular_file(&path)
}

/// Reads a path already known to be a regular file inside the corpus (the
/// loader's walk knows this from the directory listing, without more stats).
pub(crate) fn read_regular_file(path: &Path) -> ReadResult {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return open_failed(e),
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > MAX_FILE_BYTES {
        return skipped(
            "read-too-large",
            // Rounded up, so that a file just over the limit does not read as at it.
            format!(
                "the file is {} MB, more than the {} MB limit; not read",
                len.div_ceil(1 << 20),
                MAX_FILE_BYTES >> 20
            ),
        );
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // `take` guards against a file that grows while it is read.
    if let Err(e) = file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes) {
        return open_failed(e);
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return skipped(
            "read-too-large",
            format!("the file grew past the {} MB limit; not read", MAX_FILE_BYTES >> 20),
        );
    }
    decode(bytes)
}

/// A file that vanished between listing and reading is simply gone; any
/// other failure (permissions, I/O) is reported on the file.
fn open_failed(e: std::io::Error) -> ReadResult {
    if e.kind() == std::io::ErrorKind::NotFound {
        not_found()
    } else {
        skipped("read-error", format!("cannot read the file: {e}"))
    }
}

/// Bytes to text: UTF-16 with a BOM is decoded, other bytes with NULs are
/// binary and skipped, invalid UTF-8 is replaced and reported.
pub fn decode(bytes: Vec<u8>) -> ReadResult {
    if let Some(text) = decode_utf16_with_bom(&bytes) {
        return ReadResult { text, problems: Vec::new(), outcome: ReadOutcome::Read };
    }
    if bytes.contains(&0) {
        return skipped("read-binary", "binary file (it contains NUL bytes); not read".to_string());
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        // Editors hide the BOM from the document, so offsets must not count it.
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(text) => ReadResult { text, problems: Vec::new(), outcome: ReadOutcome::Read },
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let problem = Problem {
                // U+FFFD replaces the first bad byte(s); it is 3 bytes long.
                span: Span::new(at, (at + 3).min(text.len())),
                severity: Severity::Warning,
                code: "read-not-utf8",
                message: format!("not valid UTF-8 (first bad byte at offset {at}); bad bytes shown as �"),
            };
            ReadResult { text, problems: vec![problem], outcome: ReadOutcome::Read }
        }
    }
}

fn decode_utf16_with_bom(bytes: &[u8]) -> Option<String> {
    let (le, rest) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (true, rest),
        [0xFE, 0xFF, rest @ ..] => (false, rest),
        _ => return None,
    };
    let units = rest
        .chunks_exact(2)
        .map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) });
    Some(char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect())
}

fn skipped(code: &'static str, message: String) -> ReadResult {
    let problem = Problem { span: Span::new(0, 0), severity: Severity::Warning, code, message };
    ReadResult { text: String::new(), problems: vec![problem], outcome: ReadOutcome::Skipped }
}

fn not_found() -> ReadResult {
    ReadResult { text: String::new(), problems: Vec::new(), outcome: ReadOutcome::NotFound }
}
