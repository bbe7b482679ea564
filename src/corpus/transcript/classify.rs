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
    let words: Vec<&str> = p.split_whitespace().collect();
    if words.is_empty() || words.len() > 7 || !p.ends_with('.') {
        return false;
    }
    if words.len() == 1 {
        return matches!(p, "Applause." | "Laughter." | "Music." | "Silence.");
    }
    let lower: Vec<String> =
        words.iter().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()).collect();
    let shows = lower.iter().take(3).any(|w| SCREENED.contains(&w.as_str()));
    let verb = lower.iter().skip(1).any(|w| SCREENING_VERBS[..6].contains(&w.as_str()));
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
    let words = p.split_whitespace().count();
    if words == 0 || words > 25 || p.contains(['\n', '\r']) || p.ends_with([',', ':', ';']) {
        return false;
    }
    // A heading is one line of title, not several sentences.
    if p.trim_end_matches('.').contains(". ") {
        return false;
    }
    HEADING_OPENERS.iter().any(|o| p.starts_with(o))
        || p.starts_with("The President’s address")
        || p.starts_with("The President's address")
}
