//! New INDEX.md entries for transcripts: the date the file states (header,
//! front matter, a date near the top, the file name) and a title (the one
//! the file names, else the lead's first sentence or opening heading, else
//! the first sentence spoken that is no greeting, shortened), and how an entry is written in
//! the style of its neighbours.

use crate::corpus::index::{IndexDoc, IndexEntry, LinkKind};
use crate::corpus::paths::{
    RelPath, file_name, is_plain_path, is_wiki_safe, link_destination, without_transcript_extension,
};
use crate::corpus::text::{Date, Span};
use crate::corpus::themes::greetings::is_greeting;
use crate::corpus::transcript::{ParagraphKind, Transcript};

/// An entry to add: which file, its date, and a one-line title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub path: RelPath,
    pub date: Option<Date>,
    pub title: String,
}

/// Longest title, in words, before it is cut with an ellipsis.
const TITLE_WORDS: usize = 12;

/// Builds the entry for a transcript. `text` is the transcript's text (the
/// analysis keeps none); without it the title falls back to the file name.
pub fn entry_for_transcript(path: &str, transcript: &Transcript, text: Option<&str>) -> NewEntry {
    let date = transcript.date();
    let title = transcript
        .meta
        .title
        .as_deref()
        .map(|t| shorten(t, TITLE_WORDS))
        .filter(|t| !t.is_empty())
        .or_else(|| text.and_then(|t| title_from_text(transcript, t)))
        .unwrap_or_else(|| title_from_path(path));
    NewEntry { path: path.to_string(), date, title }
}

/// The lead's first sentence, or with no lead the opening heading, else the
/// first sentence of the first turn after its label that is no greeting ("Vladimir Putin: Hello
/// again. We meet to discuss ..." gives "We meet to discuss ..."), shortened
/// to a dozen words; `None` when there is no such sentence. Timestamps and
/// other noise are never part of it.
pub fn title_from_text(transcript: &Transcript, text: &str) -> Option<String> {
    let text = transcript.analysis_text(text);
    let sentence = match &transcript.lead {
        Some(lead) => first_sentence(transcript.paragraphs.get(lead.start)?.span.slice(&text)),
        // A speech that opens with a heading ("Opening remarks") is named by it.
        None if transcript.paragraphs.first().is_some_and(|p| p.kind == ParagraphKind::Heading) => {
            first_sentence(transcript.paragraphs[0].span.slice(&text).trim())
        }
        None => {
            let turn = transcript.turns.first()?;
            let paragraph = transcript.paragraphs.get(turn.paragraphs.start)?.span;
            let from = if paragraph.contains(turn.label_span.end) { turn.label_span.end + 1 } else { paragraph.start };
            let mut rest = text.get(from.min(paragraph.end)..paragraph.end)?.trim_start_matches([':', '.', ' ', '*']);
            let mut chosen = None;
            for _ in 0..3 {
                let sentence = first_sentence(rest);
                if sentence.trim().is_empty() {
                    break;
                }
                if !is_greeting(sentence) {
                    chosen = Some(sentence);
                    break;
                }
                rest = rest[sentence.len()..].trim_start_matches(['.', '!', '?', ' ', '\n', '\r']);
            }
            chosen?
        }
    };
    let title = shorten(sentence, TITLE_WORDS);
    (!title.is_empty()).then_some(title)
}

/// The file name without its transcript extension, cleaned like any title
/// (see `shorten`).
pub(super) fn title_from_path(path: &str) -> String {
    let title = shorten(without_transcript_extension(file_name(path)), usize::MAX);
    if title.is_empty() { "untitled".to_string() } else { title }
}

/// Up to the first `.`, `!` or `?` that ends the paragraph or is followed
/// by a space and an upper-case letter, except after abbreviations and
/// initials ("Mr. Putin", "V. Putin"), which would cut a title short.
fn first_sentence(paragraph: &str) -> &str {
    for (i, c) in paragraph.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let rest = &paragraph[i + c.len_utf8()..];
        let next_word = rest.trim_start().chars().next();
        let word_before = paragraph[..i].rsplit(|ch: char| !ch.is_alphanumeric()).next().unwrap_or("");
        let abbreviation = c == '.' && (ABBREVIATIONS.contains(&word_before) || word_before.chars().count() == 1);
        let ends =
            rest.is_empty() || rest.starts_with(char::is_whitespace) && next_word.is_some_and(char::is_uppercase);
        if ends && !abbreviation {
            // A question or exclamation keeps its mark; a full stop is dropped.
            let keep = if c == '.' { 0 } else { c.len_utf8() };
            return &paragraph[..i + keep];
        }
    }
    paragraph
}

const ABBREVIATIONS: &[&str] =
    &["Mr", "Mrs", "Ms", "Dr", "St", "Prof", "Gen", "Gov", "Sen", "Rep", "Jr", "Sr", "No", "vs"];

/// Collapses whitespace, removes characters that would break a link text
/// (brackets, `|`, line breaks and other control characters; `<`, `>` and
/// backticks, which could open an HTML comment or a code span that hides
/// the link; a `\\` that would escape the closing bracket), and cuts to
/// `max_words` words with an ellipsis.
fn shorten(s: &str, max_words: usize) -> String {
    let breaks = |c: char| matches!(c, '[' | ']' | '|' | '<' | '>' | '`' | '\\') || c.is_control();
    let cleaned: String = s.chars().map(|c| if breaks(c) { ' ' } else { c }).collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    // Punctuation that announces more text ("The decree says:") reads badly
    // at the end of a title.
    let dangling = [',', ';', ':', '-', '–', '—', ' '];
    if words.len() > max_words {
        format!("{}…", words[..max_words].join(" ").trim_end_matches(dangling))
    } else {
        words.join(" ").trim_end_matches(dangling).to_string()
    }
}

/// How entries are written in this index, learnt from an existing entry.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryStyle {
    /// List marker with its indentation and trailing space, e.g. `- `.
    pub marker: String,
    /// Whether entries carry a date.
    pub dated: bool,
    pub link: LinkKind,
    /// For wiki links: whether the `.txt` is written.
    pub wiki_ext: bool,
}

impl Default for EntryStyle {
    fn default() -> Self {
        EntryStyle { marker: "- ".into(), dated: true, link: LinkKind::Inline, wiki_ext: false }
    }
}

impl EntryStyle {
    /// The style of `neighbour`, an entry of the same index.
    pub fn of(neighbour: &IndexEntry, index_text: &str) -> EntryStyle {
        let line = neighbour.span.slice(index_text);
        let marker_len = list_marker_len(line);
        let first_link = neighbour.links.first();
        EntryStyle {
            marker: line.get(..marker_len).map_or_else(|| "- ".into(), str::to_string),
            dated: neighbour.date_span.is_some(),
            link: first_link.map_or(LinkKind::Inline, |l| l.kind),
            wiki_ext: first_link.is_some_and(|l| l.target.to_ascii_lowercase().ends_with(".txt")),
        }
    }

    /// The style to use near byte `offset`: the closest entry's, or the default.
    pub fn near(doc: &IndexDoc, index_text: &str, offset: usize) -> EntryStyle {
        let after = doc.entries.partition_point(|e| e.span.start < offset);
        let candidates = [after.checked_sub(1), Some(after)];
        candidates
            .into_iter()
            .flatten()
            .filter_map(|i| doc.entries.get(i))
            .find(|e| !e.links.is_empty())
            .map_or_else(EntryStyle::default, |e| EntryStyle::of(e, index_text))
    }

    /// One entry line, without a line break.
    pub fn render(&self, entry: &NewEntry) -> String {
        let mut line = self.marker.clone();
        if let (true, Some(d)) = (self.dated, entry.date) {
            line.push_str(&format!("{d} "));
        }
        match self.link {
            LinkKind::Wiki if is_wiki_safe(&entry.path) => {
                let name = if self.wiki_ext { entry.path.as_str() } else { strip_txt(&entry.path) };
                line.push_str(&format!("[[{name}|{}]]", entry.title));
            }
            LinkKind::Autolink | LinkKind::Bare if is_plain_path(&entry.path) => {
                let path =
                    if self.link == LinkKind::Autolink { format!("<{}>", entry.path) } else { entry.path.clone() };
                line.push_str(&format!("{path} {}", entry.title));
            }
            _ => line.push_str(&format!("[{}]({})", entry.title, link_destination(&entry.path))),
        }
        line
    }
}

pub(super) fn strip_txt(path: &str) -> &str {
    path.strip_suffix(".txt").unwrap_or(path)
}

/// Length of the list marker (with indentation and the space after it) at
/// the start of `line`; 0 when the line is not a list item.
pub(super) fn list_marker_len(line: &str) -> usize {
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    let rest = &line[indent..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match rest.as_bytes().first() {
        Some(b'-' | b'*' | b'+') => 1,
        Some(b'0'..=b'9') if matches!(rest.as_bytes().get(digits), Some(b'.' | b')')) => digits + 1,
        _ => return 0,
    };
    let spaces = rest[marker..].len() - rest[marker..].trim_start_matches([' ', '\t']).len();
    if spaces == 0 && marker < rest.len() { 0 } else { indent + marker + spaces }
}

/// The span of the list marker of `entry` (empty at the start when none).
pub(super) fn marker_span(entry: &IndexEntry, index_text: &str) -> Span {
    let len = list_marker_len(entry.span.slice(index_text));
    Span::new(entry.span.start, entry.span.start + len)
}
