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
    let target = target.split(['#', '?']).next().unwrap_or("").trim();
    if target.is_empty() {
        return Err(Unresolvable::Empty);
    }
    // Control characters (a NUL, a line break) never name a real file; refusing
    // them keeps odd bytes away from whoever opens the path later.
    if target.chars().any(char::is_control) {
        return Err(Unresolvable::OutsideCorpus);
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

/// `C:`, `C:/x`, `C:\x` and the drive-relative `C:x` all name another drive.
fn has_drive(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'
}

/// True for file names that may hold a transcript (`.txt`, `.md`, `.vtt`,
/// `.srt`, `.json`, `.tsv`, `.csv`, `.html`, `.htm`; see `corpus::formats`).
/// A Markdown file is one only when its content says so, and INDEX.md never.
pub fn is_transcript_name(path: &str) -> bool {
    crate::corpus::formats::format_of_name(path).is_some() && !is_index_name(path)
}

/// `path` without its transcript extension (`talk` of `talk.vtt`), as a
/// wiki link may name it.
pub fn without_transcript_extension(path: &str) -> &str {
    match path.rsplit_once('.') {
        Some((stem, _)) if is_transcript_name(path) && !stem.is_empty() && !stem.ends_with('/') => stem,
        _ => path,
    }
}

/// True for the corpus index file.
pub fn is_index_name(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|n| n == "INDEX.md")
}

/// How a corpus path is written as a markdown link destination: as is when
/// it is plain, in `<...>` when it holds spaces or parentheses (which would
/// end a plain destination), with `<`, `>` and `%` percent-encoded there.
pub fn link_destination(path: &str) -> String {
    let needs_angle = path.chars().any(|c| c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>' | '%'));
    if !needs_angle {
        return path.to_string();
    }
    let escaped = path.replace('%', "%25").replace('<', "%3C").replace('>', "%3E");
    format!("<{escaped}>")
}

/// The candidate closest to `target` by edit distance on file names (case
/// ignored), when it is close enough to be a plausible typo: at most a third
/// of the name's length, and at least 1. Ties go to the smaller path.
pub fn nearest_path<'a>(target: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    NameMatcher::new(candidates).nearest(target)
}

/// Candidate names prepared once (lower-cased, split into chars) for many
/// `nearest` questions, e.g. one per dead link of a large index.
pub struct NameMatcher<'a> {
    names: Vec<(&'a str, Vec<char>, CharBag)>,
}

/// Counts of characters folded into 32 buckets. Half the L1 distance of two
/// bags (rounded up) never exceeds the edit distance, and costs 32 steps
/// instead of a full table: most names are rejected by it alone.
type CharBag = [u8; 32];

fn char_bag(chars: &[char]) -> CharBag {
    let mut bag = [0u8; 32];
    for &c in chars {
        let slot = &mut bag[(c as usize) % 32];
        *slot = slot.saturating_add(1);
    }
    bag
}

fn bag_lower_bound(a: &CharBag, b: &CharBag) -> usize {
    let (mut more, mut fewer) = (0usize, 0usize);
    for (x, y) in a.iter().zip(b) {
        if x > y {
            more += usize::from(x - y);
        } else {
            fewer += usize::from(y - x);
        }
    }
    more.max(fewer)
}

impl<'a> NameMatcher<'a> {
    pub fn new(candidates: impl IntoIterator<Item = &'a str>) -> NameMatcher<'a> {
        let names = candidates
            .into_iter()
            .map(|p| {
                let chars: Vec<char> = file_name(p).to_lowercase().chars().collect();
                let bag = char_bag(&chars);
                (p, chars, bag)
            })
            .collect();
        NameMatcher { names }
    }

    /// See `nearest_path`.
    pub fn nearest(&self, target: &str) -> Option<&'a str> {
        let want: Vec<char> = file_name(target).to_lowercase().chars().collect();
        let want_bag = char_bag(&want);
        let limit = (want.len() / 3).max(1);
        let mut row = Vec::new();
        let mut best: Option<(usize, &'a str)> = None;
        for (path, name, bag) in &self.names {
            let path = *path;
            let bound = best.map_or(limit, |(d, _)| d.min(limit));
            // Lengths and character counts bound the distance from below:
            // skip hopeless names before computing the table.
            if name.len().abs_diff(want.len()) > bound || bag_lower_bound(&want_bag, bag) > bound {
                continue;
            }
            let Some(d) = distance_within(&want, name, bound, &mut row) else { continue };
            if best.is_none_or(|(bd, bp)| d < bd || (d == bd && path < bp)) {
                best = Some((d, path));
            }
        }
        best.map(|(_, p)| p)
    }
}

/// The last segment of a `/`-separated path.
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    distance_within(&a, &b, usize::MAX, &mut Vec::new()).unwrap_or(usize::MAX)
}

/// The edit distance when it is at most `limit`, with one reusable row of
/// memory; stops as soon as a whole row exceeds the limit.
fn distance_within(a: &[char], b: &[char], limit: usize, row: &mut Vec<usize>) -> Option<usize> {
    row.clear();
    row.extend(0..=b.len());
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        let mut row_min = row[0];
        for (j, &cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
            row_min = row_min.min(row[j + 1]);
        }
        if row_min > limit {
            return None;
        }
    }
    row.last().copied().filter(|&d| d <= limit)
}
