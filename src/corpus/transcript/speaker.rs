//! Speaker-turn detection: which `Label: text` paragraphs open a turn.
//!
//! Prose is full of colons ("Note: ...", "In 2020: ...", "Let me be clear:
//! ..."), and a false turn is worse than a missed one, so detection runs in
//! two passes. The first looks at each paragraph alone and keeps a label only
//! when it reads like a name or a role: title-case words with a few
//! connectors ("President of the Russian Federation Vladimir Putin"), an
//! all-caps label (`THE PRESIDENT`, `MR. LEHRER`), or a known role
//! (`Question`, `Remark`, `Q`). Labels that name a role are strong; bare
//! names ("Vladimir Putin", "Energy") are weak. The second pass looks at the
//! whole file: a weak label is kept when it recurs or is the tail of a
//! strong one ("President of Turkey Recep Tayyip Erdogan", later "Recep
//! Tayyip Erdogan"), or when a person's name stands right after a part
//! separator or heading or in a file that is clearly a dialogue (three or
//! more supported turns). It is dropped when it continues a sentence cut by
//! a bad line break, when all its words appear in lower case elsewhere in
//! the text (common vocabulary such as "Budget Restraint"), or when a
//! one-word label introduces a quotation. Any label is dropped when the text
//! after the colon starts in lower case ("Question: at what cost?") or is a
//! bare name in a list ("Minister of Defence: Sergei Shoigu.").
//!
//! Measured on the Kremlin gold labels by `src/eval/turns.rs`.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use crate::corpus::text::fasthash::FastHasher;
use crate::corpus::text::find_line_break;
use crate::corpus::transcript::label::{is_role, judge_label, prefixed_name, starts_upper};
use crate::corpus::transcript::words::{CONNECTORS, HONORIFICS, PROSE_OPENERS, contains};

/// A possible speaker label at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Candidate {
    /// Byte range of the label inside the paragraph, without markdown stars
    /// and without the colon.
    pub start: usize,
    pub end: usize,
    pub strength: Strength,
    /// The label's words without parenthetical remarks, lower-cased: the key
    /// that matches "Recep Tayyip Erdogan (retranslated)" to "... Recep Tayyip Erdogan".
    pub key: String,
    /// The text after the colon opens with a quotation mark (a quoted source,
    /// "Germany: “...”", rather than a speaker).
    pub quoted: bool,
    /// A person's name of two to four capitalised words ("Tatyana Remezova",
    /// "Dmitry de Koshko", "Tatyana Remezova, reporter at VGTRK"): enough
    /// in a file that is clearly a dialogue.
    pub name_like: bool,
    /// The label is one word ("Germany", "JONES").
    pub single_word: bool,
    /// The text after the colon starts with a lower-case letter: the colon
    /// introduces the rest of a sentence ("Question: at what expense?").
    pub continues_lower: bool,
    /// Nothing follows the colon in the paragraph.
    pub empty_after: bool,
    /// The text after the colon is only a name ("Minister of Defence: Sergei
    /// Shoigu."): a line of a list, not a turn.
    pub names_only: bool,
}

/// What comes before a paragraph, as far as turn detection cares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Context {
    /// The previous paragraph is prose that stops mid-sentence.
    pub previous_cut: bool,
    /// The paragraph follows a part separator or heading.
    pub opens_part: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Strength {
    /// Needs support from the rest of the file.
    Weak,
    /// A speaker label on its own evidence.
    Strong,
}

/// Labels longer than this are sentences, whatever their words.
const MAX_LABEL_BYTES: usize = 260;

/// The first pass: the candidate label of one trimmed paragraph, if any.
pub(super) fn candidate(p: &str) -> Option<Candidate> {
    // The label window is the start of the first line; only that much of a
    // long paragraph is looked at.
    let prefix = &p[..floor_char_boundary(p, MAX_LABEL_BYTES + 4)];
    let window = &prefix[..find_line_break(prefix.as_bytes(), 0)];
    let colon = window.find(':')?;
    let after = &p[colon + 1..];
    if after.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '/' | '\\' | ':')) {
        return None;
    }
    let raw = &p[..colon];
    // Markdown bold around a label: "**LEHRER:" or "**Lehrer**:".
    let unstarred = raw.trim_start_matches('*');
    let start = raw.len() - unstarred.len();
    let label = unstarred.trim_end_matches('*').trim_end();
    if label.is_empty() || label.len() > MAX_LABEL_BYTES || label.starts_with(char::is_whitespace) {
        return None;
    }
    let judged = judge_label(label)?;
    let quoted = after.trim_start().starts_with(['“', '"', '«', '„', '‘', '\'']);
    let names_only = is_bare_name(after.trim());
    let continues_lower = after.trim_start().starts_with(char::is_lowercase);
    let empty_after = after.trim().is_empty();
    Some(Candidate {
        start,
        end: start + label.len(),
        strength: judged.strength,
        key: judged.key,
        quoted,
        name_like: judged.name_like,
        single_word: judged.single_word,
        names_only,
        continues_lower,
        empty_after,
    })
}

/// Words looked up once per word of a long text: hashed with the fast
/// hasher (SipHash cost a tenth of a 40,000-word transcript's parse).
type WordSet<'a> = HashSet<&'a str, BuildHasherDefault<FastHasher>>;

/// The second pass: which candidates open a turn.
///
/// `context[i]` says what comes before paragraph `i`. After a paragraph
/// that stops mid-sentence (a line break cut a sentence in two, as in OCR'd
/// text) a weak label is likely the sentence's continuation ("... the
/// General" / "Assembly: ..."); right after a part separator or heading a
/// name is the speaker of what follows. `text` is the whole transcript: a weak label whose
/// every word also appears in lower case in it is common vocabulary
/// ("Budget Restraint: ...", where the text speaks of "budget" and
/// "restraint"), not a name.
pub(super) fn accept(candidates: &[Option<Candidate>], context: &[Context], text: &str) -> Vec<bool> {
    let vocabulary = lower_case_uses(candidates, text);
    let is_common_phrase = |c: &Candidate| {
        let mut words = c.key.split(|ch: char| !ch.is_alphanumeric()).filter(|w| !w.is_empty());
        words.all(|w| contains(CONNECTORS, w) || vocabulary.contains(w))
    };
    let usable = |i: usize, c: &Candidate| {
        // "Minister of Defence: Sergei Shoigu." lists a name; "Fyodor
        // Lukyanov: Pyotr Dutkevich." is a moderator giving the floor.
        if (c.names_only && !c.name_like) || c.continues_lower {
            return false;
        }
        let continues_sentence = context.get(i).is_some_and(|c| c.previous_cut);
        if c.strength == Strength::Strong {
            // "... the imploring words of" / "President Arafat: “Let us ...”"
            // quotes someone inside a sentence; it is not a turn.
            return !(continues_sentence && (c.quoted || c.empty_after));
        }
        // A one-word label before a quotation is a quoted source ("Germany: “...”").
        let quoted_source = c.quoted && c.single_word;
        !(quoted_source || continues_sentence || c.empty_after || is_common_phrase(c))
    };
    let usable: Vec<bool> =
        candidates.iter().enumerate().map(|(i, c)| c.as_ref().is_some_and(|c| usable(i, c))).collect();
    // Every proper word-suffix of a strong label ("vladimir putin" of
    // "president of russia vladimir putin"), so a weak label is looked up,
    // not compared with each strong one.
    let mut strong_tails: WordSet = WordSet::default();
    let mut weak_counts: HashMap<&str, usize, BuildHasherDefault<FastHasher>> = HashMap::default();
    for (c, _) in candidates.iter().zip(&usable).filter(|(_, u)| **u) {
        let Some(c) = c else { continue };
        match c.strength {
            Strength::Strong => {
                strong_tails.extend(c.key.match_indices(' ').map(|(at, _)| &c.key[at + 1..]));
            }
            Strength::Weak => *weak_counts.entry(&c.key).or_default() += 1,
        }
    }
    let supported = |c: &Candidate| {
        c.strength == Strength::Strong
            || weak_counts.get(c.key.as_str()).copied().unwrap_or(0) >= 2
            || strong_tails.contains(c.key.as_str())
    };
    let supported_turns =
        candidates.iter().zip(&usable).filter(|(c, u)| **u && c.as_ref().is_some_and(supported)).count();
    // In a file that is clearly a dialogue, a name said once is a speaker too
    // (the many callers of a phone-in); elsewhere it needs more evidence. A
    // place or a name before a quotation is who sent a question ("Perm
    // Territory: “Why ...”"), read out by someone else.
    let dialogue = supported_turns >= 3;
    candidates
        .iter()
        .zip(&usable)
        .enumerate()
        .map(|(i, (c, &usable))| match c {
            Some(c) if usable => {
                let opens_part = context.get(i).is_some_and(|c| c.opens_part);
                supported(c) || ((dialogue || opens_part) && c.name_like && !c.quoted)
            }
            _ => false,
        })
        .collect()
}

/// The words of weak labels that `text` also uses in lower case. Only those
/// words are looked up, so a long file costs one scan and no big set.
fn lower_case_uses<'c>(candidates: &'c [Option<Candidate>], text: &str) -> WordSet<'c> {
    let wanted: WordSet = candidates
        .iter()
        .flatten()
        .filter(|c| c.strength == Strength::Weak)
        .flat_map(|c| c.key.split(|ch: char| !ch.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    if wanted.is_empty() {
        return wanted;
    }
    // Most words of the text have a length no wanted word has: skip those before hashing.
    let length_bit = |len: usize| 1u64 << len.min(63);
    let wanted_lengths = wanted.iter().fold(0u64, |mask, w| mask | length_bit(w.len()));
    let mut found = WordSet::default();
    let mut look_up = |word: &str| {
        if wanted_lengths & length_bit(word.len()) != 0
            && word.starts_with(char::is_lowercase)
            && let Some(&w) = wanted.get(word)
        {
            found.insert(w);
        }
    };
    // The words are the runs of alphanumeric characters; ASCII bytes are
    // judged without decoding.
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (alphanumeric, width) = match bytes[i] {
            b if b < 0x80 => (b.is_ascii_alphanumeric(), 1),
            _ => match text.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) => (c.is_alphanumeric(), c.len_utf8()),
                None => break,
            },
        };
        if !alphanumeric {
            look_up(text.get(start..i).unwrap_or(""));
            start = i + width;
        }
        i += width;
    }
    look_up(text.get(start..).unwrap_or(""));
    found
}

/// True when the paragraph `p` stops in the middle of a sentence: a long
/// run of prose that ends on a lower-case word.
pub(super) fn cut_mid_sentence(p: &str) -> bool {
    let ends_on_word = p.chars().next_back().is_some_and(|c| c.is_lowercase());
    ends_on_word && p.split_whitespace().nth(7).is_some()
}

/// "Sergei Shoigu." or "Vladimir Kolokoltsev": two to four capitalised
/// words and at most a final full stop, none of them a greeting or a title
/// ("Hello, Mr President.", "The Transport Ministry.").
fn is_bare_name(text: &str) -> bool {
    let body = text.strip_suffix('.').unwrap_or(text);
    if body.contains(|c: char| !(c.is_alphabetic() || c.is_whitespace() || matches!(c, '-' | '\'' | '’'))) {
        return false;
    }
    let words: Vec<&str> = body.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let l = w.to_lowercase();
            (starts_upper(w) || prefixed_name(w))
                && !contains(PROSE_OPENERS, &l)
                && !contains(HONORIFICS, &l)
                && !is_role(&l)
        })
}

fn floor_char_boundary(s: &str, max: usize) -> usize {
    if max >= s.len() {
        return s.len();
    }
    (0..=max).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0)
}
