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

/// Resolves a link target as written in INDEX.md (not yet decoded) to a
/// corpus-relative path. The fragment (`#...`) and query (`?...`) are cut at
/// the first raw `#` or `?`, the scheme, drive and absolute checks look at
/// the raw text, and only then is each segment percent-decoded (`decode`;
/// wiki links are plain names): so `a%23b.txt` names the file `a#b.txt`,
/// `c%3Ad.txt` the file `c:d.txt` and `back%5Cslash.txt` the file
/// `back\slash.txt`, while a raw `\` still separates folders.
pub fn resolve_written(written: &str, decode: bool) -> Result<RelPath, Unresolvable> {
    let written = written.trim();
    let written = written.split(['#', '?']).next().unwrap_or("").trim();
    if written.is_empty() {
        return Err(Unresolvable::Empty);
    }
    if written.chars().any(char::is_control) {
        return Err(Unresolvable::OutsideCorpus);
    }
    let lower = written.to_ascii_lowercase();
    if lower.starts_with("file:") || written.starts_with('/') || written.starts_with('\\') || has_drive(written) {
        return Err(Unresolvable::OutsideCorpus);
    }
    if let Some(colon) = written.find(':') {
        let scheme = &written[..colon];
        if !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
            return Err(Unresolvable::External);
        }
    }
    let mut parts: Vec<String> = Vec::new();
    for raw in written.split(['/', '\\']) {
        let segment = if decode {
            percent_encoding::percent_decode_str(raw).decode_utf8_lossy().into_owned()
        } else {
            raw.to_string()
        };
        match segment.as_str() {
            "" | "." => {}
            ".." => {
                parts.pop().ok_or(Unresolvable::OutsideCorpus)?;
            }
            // A decoded `/` (or NUL) names no file: a segment is one name.
            s if s.contains(['/', '\0']) => return Err(Unresolvable::OutsideCorpus),
            _ => parts.push(segment),
        }
    }
    if parts.is_empty() { Err(Unresolvable::OutsideCorpus) } else { Ok(parts.join("/")) }
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

/// True for names whose container holds nothing but transcripts (`.txt`,
/// `.vtt`, `.srt`): a link to one that is missing is a dead link. A missing
/// `.md`, `.json` or `.html` may as well be a note or data: not ours to judge.
pub fn is_transcript_only_name(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".txt", ".vtt", ".srt"].iter().any(|ext| lower.ends_with(ext))
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

/// How a corpus path is written as a markdown link destination, so that
/// `resolve_written` gives it back: as is when it is plain; characters a
/// destination cannot carry as themselves percent-encoded (see
/// `encode_for_link`); in `<...>` when it holds spaces or parentheses
/// (which would end a plain destination). Every name a file system allows
/// in a UTF-8 path has such a form.
pub fn link_destination(path: &str) -> String {
    let encoded = encode_for_link(path);
    if encoded.chars().any(|c| c.is_whitespace() || matches!(c, '(' | ')')) { format!("<{encoded}>") } else { encoded }
}

/// `path` with what a link destination cannot hold as itself
/// percent-encoded, segment by segment (`/` stays the separator): `%`, a
/// fragment's `#`, a query's `?`, a scheme's or drive's `:`, `\` (a
/// separator when raw), `<` and `>` (they end `<...>`; `<!--` would start a
/// comment), a backtick (a code span), brackets (`[[` starts a wiki link
/// wherever it is), control characters, a `!` at the
/// start (`<!...>` is no autolink), and whitespace at either end of a name
/// (it is trimmed when read).
pub fn encode_for_link(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for (si, segment) in path.split('/').enumerate() {
        if si > 0 {
            out.push('/');
        }
        let chars: Vec<char> = segment.chars().collect();
        let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
        let trail = chars.len() - chars.iter().rev().take_while(|c| c.is_whitespace()).count();
        for (i, &c) in chars.iter().enumerate() {
            let awkward = matches!(c, '%' | '#' | '?' | ':' | '\\' | '<' | '>' | '`' | '[' | ']')
                || c.is_control()
                || (si == 0 && i == 0 && c == '!')
                || i < lead
                || i >= trail;
            if awkward {
                let mut bytes = [0u8; 4];
                for b in c.encode_utf8(&mut bytes).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            } else {
                out.push(c);
            }
        }
    }
    out
}

/// True when `path` can be written as a bare name or `<autolink>` and read
/// back the same: plain ASCII letters, digits and `_.~+-/`.
pub fn is_plain_path(path: &str) -> bool {
    path.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.~+-/".contains(&b)) && !path.starts_with('/')
}

/// True when `path` can be written inside `[[...]]` and read back the same.
pub fn is_wiki_safe(path: &str) -> bool {
    !path.contains(['[', ']', '|', '#', '?', '\\', ':', '%'])
        && !path.chars().any(char::is_control)
        && path.split('/').all(|s| s.trim() == s && !s.is_empty())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_round_trips_through_its_link_destination() {
        let names = [
            "a.txt",
            "sub/a b.txt",
            "a#b.txt",
            "q?.txt",
            "c:d.txt",
            "C:x.txt",
            "back\\slash.txt",
            "tab\tx.txt",
            "nl\nx.txt",
            " lead/trail .txt",
            "<a>.txt",
            "100%.txt",
            "%41.txt",
            "!bang.txt",
            "[[w]].txt",
            "tick`.txt",
            "ü – 😀.txt",
            "p(1).txt",
        ];
        for name in names {
            let dest = link_destination(name);
            let inner = dest.strip_prefix('<').and_then(|d| d.strip_suffix('>')).unwrap_or(&dest);
            assert_eq!(resolve_written(inner, true).as_deref(), Ok(name), "{name:?} written as {dest:?}");
        }
        assert_eq!(link_destination("plain/a.txt"), "plain/a.txt");
        assert_eq!(resolve_written("a.txt#part", true).as_deref(), Ok("a.txt"));
        assert_eq!(resolve_written("sub\\c.txt", true).as_deref(), Ok("sub/c.txt"));
        assert_eq!(resolve_written("x%2Fy.txt", true), Err(Unresolvable::OutsideCorpus));
        assert_eq!(resolve_written("https://x", true), Err(Unresolvable::External));
    }
}
