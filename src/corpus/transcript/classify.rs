//! What an editorial paragraph is, judged from the paragraph alone: a part
//! separator (`* * *`), an editorial heading ("Beginning of meeting with
//! ..."), or a stage note ("(Applause.)", "A video is played."). Speaker
//! turns need the whole file to judge and live in `speaker.rs`.

use crate::corpus::transcript::ParagraphKind;

/// The kind of `p` (a trimmed paragraph) when it is editorial, else `None`.
pub(super) fn editorial_kind(p: &str) -> Option<ParagraphKind> {
    if is_separator(p) {
        Some(ParagraphKind::PartSeparator)
    } else if is_stage_note(p) {
        Some(ParagraphKind::StageNote)
    } else if is_heading(p) {
        Some(ParagraphKind::Heading)
    } else {
        None
    }
}

/// `* * *`, `***`, `---`, `___`: a run of one mark with optional spaces.
fn is_separator(p: &str) -> bool {
    // Most paragraphs open with a letter: reject them before walking the whole paragraph.
    if !p.trim_start().starts_with(['*', '-', '_', '=', '~', '—', '–']) {
        return false;
    }
    let mut marks = p.chars().filter(|c| !c.is_whitespace());
    let Some(first) = marks.next() else { return false };
    if !matches!(first, '*' | '-' | '_' | '=' | '~' | '—' | '–') {
        return false;
    }
    let count = 1 + marks.clone().count();
    let min = if first == '*' { 2 } else { 3 };
    count >= min && marks.all(|c| c == first)
}

/// Words (lower-cased in the check) that make a short sentence a stage
/// direction about something shown on screen.
const SCREENED: [&str; 8] = ["video", "film", "clip", "documentary", "recording", "anthem", "footage", "slideshow"];
const SCREENING_VERBS: [&str; 9] = ["played", "plays", "shown", "shows", "screened", "runs", "run", "is", "was"];

fn is_stage_note(p: &str) -> bool {
    let bracketed = (p.starts_with('(') && (p.ends_with(')') || p.ends_with(").")))
        || (p.starts_with('[') && (p.ends_with(']') || p.ends_with("].")));
    if bracketed {
        // "(Applause.)" but not a list item "(1) The first point ... (see above)".
        let inner = &p[1..];
        let item_mark = inner.find([')', ']']).is_some_and(|close| close <= 3 && close + 2 < inner.len());
        return !item_mark;
    }
    if matches!(p, "<…>" | "<...>" | "[…]" | "[...]" | "…" | "...") {
        return true;
    }
    // Checked before the words are looked at: most paragraphs are long or do not end in a full stop.
    if !p.ends_with('.') {
        return false;
    }
    // At most eight words are looked at: a paragraph with more is no stage note.
    let mut words = [""; 8];
    let mut count = 0;
    for word in p.split_whitespace().take(8) {
        words[count] = word;
        count += 1;
    }
    if count == 0 || count > 7 {
        return false;
    }
    if count == 1 {
        return matches!(p, "Applause." | "Laughter." | "Music." | "Silence.");
    }
    // The lists are ASCII, so an ASCII case-insensitive comparison matches exactly the words that
    // `to_lowercase` would turn into a listed word (no non-ASCII letter lower-cases into these).
    let listed = |list: &[&str], w: &str| {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        list.iter().any(|l| l.eq_ignore_ascii_case(bare))
    };
    let words = &words[..count];
    let shows = words.iter().take(3).any(|w| listed(&SCREENED, w));
    let verb = words.iter().skip(1).any(|w| listed(&SCREENING_VERBS[..6], w));
    shows && verb
}

/// Opening words of editorial headings seen in the Kremlin transcripts.
const HEADING_OPENERS: [&str; 24] = [
    "Beginning of ",
    "The beginning of ",
    "Excerpts from ",
    "Excerpt from ",
    "Transcript of ",
    "Speech at ",
    "Speech before ",
    "Speeches at ",
    "Opening remarks",
    "Opening address",
    "Closing remarks",
    "Concluding remarks",
    "Remarks at ",
    "Remarks during ",
    "Address at ",
    "Address to ",
    "Press statement",
    "Press statements",
    "Statements for the press",
    "Conversation with ",
    "Answers to journalists",
    "Answers to questions",
    "Replies to journalists",
    "Videoconference with ",
];

fn is_heading(p: &str) -> bool {
    // The openers are the cheap test, so they come first; the rest walks the whole paragraph.
    let opens_like_heading = HEADING_OPENERS.iter().any(|o| p.starts_with(o))
        || p.starts_with("The President’s address")
        || p.starts_with("The President's address");
    if !opens_like_heading {
        return false;
    }
    if p.split_whitespace().nth(25).is_some() || p.contains(['\n', '\r']) || p.ends_with([',', ':', ';']) {
        return false;
    }
    // A heading is one line of title, not several sentences.
    !p.trim_end_matches('.').contains(". ")
}
