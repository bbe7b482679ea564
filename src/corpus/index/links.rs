//! Finds the links on one INDEX.md line, in every form DESIGN.md §1 accepts:
//! `[[wiki]]`, inline `[t](a.txt)` / `[t](<a b.txt>)`, reference `[t][ref]`,
//! `[t][]` and `[ref]`, `<autolinks>`, and bare `name.txt` (`.vtt`, `.srt`) file names.
//!
//! Forms are matched from the most to the least specific; each match is
//! blanked out of the working copy before the next form looks, so a file
//! name inside an inline link is never also reported as a bare name.
//! External URLs (`https:`, `mailto:`) are not links to transcripts and are
//! skipped; `file:` URIs and absolute paths are kept so that the consistency
//! check can say they point outside the corpus.

use std::collections::HashMap;
use std::sync::LazyLock;

use percent_encoding::percent_decode_str;
use regex::Regex;

use super::blocks::{RefDefinition, blank, normalize_label};
use crate::corpus::index::LinkKind;
use crate::corpus::paths::is_transcript_name;
use crate::corpus::text::Span;

/// A link found on a line, with absolute byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct FoundLink {
    pub kind: LinkKind,
    pub span: Span,
    pub target_span: Span,
    pub target: String,
    /// The target as written (not decoded), `<...>` removed.
    pub written: String,
    /// Link text (`[text](...)`) or wiki alias, when written.
    pub text: Option<String>,
    /// Where the link text is, so that dates in it still count.
    pub text_span: Option<Span>,
}

/// What a line yields: its links, and labels of `[t][ref]` references that
/// have no definition.
#[derive(Debug, Default)]
pub(super) struct LineLinks {
    pub links: Vec<FoundLink>,
    pub undefined_refs: Vec<(Span, String)>,
}

/// Scans one (masked) line that starts at byte `offset` of the file.
pub(super) fn scan_line(line: &str, offset: usize, defs: &HashMap<String, RefDefinition>) -> LineLinks {
    let mut work = line.to_string();
    let mut out = LineLinks::default();
    let abs = |a: usize, b: usize| Span::new(offset + a, offset + b);

    // Cheap substring checks first: most lines hold one link form, and a
    // regex pass that cannot match is the main cost on a large index.
    let wiki = if line.contains("[[") { WIKI.captures_iter(line).collect() } else { Vec::new() };
    for c in wiki {
        let (Some(whole), Some(name)) = (c.get(0), c.get(1)) else { continue };
        let alias = c.get(2).map(|m| m.as_str().trim().to_string()).filter(|s| !s.is_empty());
        let target = name.as_str().trim();
        let lead = name.as_str().len() - name.as_str().trim_start().len();
        out.links.push(FoundLink {
            kind: LinkKind::Wiki,
            span: abs(whole.start(), whole.end()),
            target_span: abs(name.start() + lead, name.start() + lead + target.len()),
            target: target.to_string(),
            written: target.to_string(),
            text_span: c.get(2).map(|m| abs(m.start(), m.end())),
            text: alias,
        });
        blank(&mut work, whole.range());
    }

    let snapshot = work.clone();
    let inline = if snapshot.contains("](") { INLINE.captures_iter(&snapshot).collect() } else { Vec::new() };
    for c in inline {
        let (Some(whole), Some(text)) = (c.get(0), c.get(1)) else { continue };
        if is_image(&snapshot, whole.start()) {
            blank(&mut work, whole.range());
            continue;
        }
        let Some(dest) = c.get(2).or_else(|| c.get(3)) else { continue };
        if is_external(dest.as_str()) {
            blank(&mut work, whole.range());
            continue;
        }
        out.links.push(FoundLink {
            kind: LinkKind::Inline,
            span: abs(whole.start(), whole.end()),
            target_span: abs(dest.start(), dest.end()),
            target: decode(dest.as_str()),
            written: dest.as_str().to_string(),
            text: Some(clean_text(text.as_str())),
            text_span: Some(abs(text.start(), text.end())),
        });
        blank(&mut work, whole.range());
    }

    // Full and collapsed references: `[text][label]`, `[text][]`.
    let snapshot = work.clone();
    let full = if snapshot.contains("][") { FULL_REFERENCE.captures_iter(&snapshot).collect() } else { Vec::new() };
    for c in full {
        let (Some(whole), Some(text), Some(label)) = (c.get(0), c.get(1), c.get(2)) else { continue };
        let key = if label.as_str().trim().is_empty() { text.as_str() } else { label.as_str() };
        match defs.get(&normalize_label(key)) {
            Some(def) => push_reference(&mut out, def, abs(whole.start(), whole.end()), text, offset),
            None => out.undefined_refs.push((abs(whole.start(), whole.end()), key.trim().to_string())),
        }
        blank(&mut work, whole.range());
    }

    let snapshot = work.clone();
    let auto = if snapshot.contains('<') { AUTOLINK.captures_iter(&snapshot).collect() } else { Vec::new() };
    for c in auto {
        let (Some(whole), Some(dest)) = (c.get(0), c.get(1)) else { continue };
        let target = decode(dest.as_str());
        let lower = target.to_ascii_lowercase();
        let path_part = lower.split(['#', '?']).next().unwrap_or("");
        // `<br>` or `<span class="x">` are HTML, not links: only file targets count.
        if !(is_transcript_name(path_part) || lower.starts_with("file:")) {
            continue;
        }
        out.links.push(FoundLink {
            kind: LinkKind::Autolink,
            span: abs(whole.start(), whole.end()),
            target_span: abs(dest.start(), dest.end()),
            target,
            written: dest.as_str().to_string(),
            text: None,
            text_span: None,
        });
        blank(&mut work, whole.range());
    }

    // Shortcut references `[label]` count only when the label is defined:
    // otherwise brackets are just text ("[Applause]").
    let snapshot = work.clone();
    let shortcut = if !defs.is_empty() && snapshot.contains('[') {
        SHORTCUT_REFERENCE.captures_iter(&snapshot).collect()
    } else {
        Vec::new()
    };
    for c in shortcut {
        let Some(label) = c.get(1) else { continue };
        let start = label.start() - 1;
        let end = label.end() + 1;
        let next = snapshot.as_bytes().get(end);
        if matches!(next, Some(b'(') | Some(b'[') | Some(b':')) {
            continue;
        }
        if let Some(def) = defs.get(&normalize_label(label.as_str())) {
            push_reference(&mut out, def, abs(start, end), label, offset);
            blank(&mut work, start..end);
        }
    }

    let snapshot = work.clone();
    let has_txt = snapshot.as_bytes().windows(4).any(|w| BARE_EXTENSIONS.iter().any(|e| w.eq_ignore_ascii_case(e)));
    let bare = if has_txt { BARE.captures_iter(&snapshot).collect() } else { Vec::new() };
    for c in bare {
        let Some(name) = c.get(1) else { continue };
        // The regex crate has no look-ahead: check by hand that the name ends here.
        let next = snapshot[name.end()..].chars().next();
        if next.is_some_and(|ch| ch.is_alphanumeric() || matches!(ch, '_' | '/' | '-' | '%')) {
            continue;
        }
        out.links.push(FoundLink {
            kind: LinkKind::Bare,
            span: abs(name.start(), name.end()),
            target_span: abs(name.start(), name.end()),
            target: decode(name.as_str()),
            written: name.as_str().to_string(),
            text: None,
            text_span: None,
        });
    }

    out.links.sort_by_key(|l| l.span.start);
    out
}

fn push_reference(out: &mut LineLinks, def: &RefDefinition, span: Span, text: regex::Match, offset: usize) {
    if is_external(&def.target) {
        return;
    }
    out.links.push(FoundLink {
        kind: LinkKind::Reference,
        span,
        target_span: def.target_span,
        target: decode(&def.target),
        written: def.target.clone(),
        text: Some(clean_text(text.as_str())),
        text_span: Some(Span::new(offset + text.start(), offset + text.end())),
    });
}

/// A URL with a scheme other than `file:` (a drive letter `C:` is not a scheme).
pub(super) fn is_external(target: &str) -> bool {
    let target = target.trim();
    let Some(colon) = target.find(':') else { return false };
    let scheme = &target[..colon];
    scheme.len() > 1
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && !scheme.eq_ignore_ascii_case("file")
        && !scheme.contains('.')
}

fn is_image(line: &str, start: usize) -> bool {
    start > 0 && line.as_bytes().get(start - 1) == Some(&b'!')
}

fn decode(target: &str) -> String {
    percent_decode_str(target.trim()).decode_utf8_lossy().into_owned()
}

/// Link text with markdown emphasis markers and extra spaces removed.
fn clean_text(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").trim_matches(['*', '_']).trim().to_string()
}

static WIKI: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[\[([^\[\]|\n]+)(?:\|([^\[\]\n]*))?\]\]").expect("valid regex"));

/// `[text](dest "title")`; dest either `<...>` (spaces allowed) or a run
/// without spaces that may hold one level of balanced parentheses.
static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\([ \t]*(?:<([^<>\n]*)>|((?:[^()\s]|\([^()\s]*\))+))(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^()]*\)))?[ \t]*\)"#,
    )
    .expect("valid regex")
});

static FULL_REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\[([^\[\]]*)\]").expect("valid regex"));

static SHORTCUT_REFERENCE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\[\]]+)\]").expect("valid regex"));

static AUTOLINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<([^<>\s!/][^<>]*)>").expect("valid regex"));

/// The extensions a bare file name may have and still be a link: the
/// transcript containers that are never anything else (a bare `notes.md` or
/// `data.json` in prose is more often a mention than a link).
const BARE_EXTENSIONS: [&[u8]; 3] = [b".txt", b".vtt", b".srt"];

/// A bare `.txt`, `.vtt` or `.srt` name: starts the line or follows a space
/// or opening punctuation (not `/` or `:`, which would make it part of a URL).
static BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s(\[,;])((?:[\p{L}\p{N}_.~%+\-]+/)*[\p{L}\p{N}_.~%+\-]*[\p{L}\p{N}_]\.(?i:txt|vtt|srt))")
        .expect("valid regex")
});
