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

use std::ops::Range;

use crate::corpus::text::fasthash::FastHasher;
use crate::corpus::transcript::label::{Judged, is_role, judge_label, prefixed_name, starts_upper};
use crate::corpus::transcript::shape::{Ending, MAX_LABEL_BYTES, Shape};
use crate::corpus::transcript::special::{
    Special, is_chair_title, is_diarised_id, is_members_chorus, judge_period_label,
};
use crate::corpus::transcript::words::{CONNECTORS, HONORIFICS, PROSE_OPENERS, contains};

/// A possible speaker label at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Candidate {
    /// Byte range of the label inside the paragraph, without markdown stars,
    /// brackets, times and the colon or full stop.
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
    /// How the label is written (colon, full stop, alone on its line, with a time).
    pub ending: Ending,
    pub special: Special,
    /// The time written with the label, in milliseconds.
    pub time: Option<u64>,
    /// Brackets, emphasis and times around the label (ranges in the
    /// paragraph): noise once the label is read as one.
    pub noise: Vec<Range<usize>>,
    /// The label's own words are no spoken words: a diarisation id, or a name
    /// alone on its line (its paragraph would otherwise read as prose).
    pub label_is_noise: bool,
    /// The label stands out from its text: in capitals before a colon in a
    /// text that is not (`CC:`, `MR. SMITH:`), or in bold or italics.
    pub marked: bool,
}

/// What comes before a paragraph, as far as turn detection cares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Context {
    /// The previous paragraph is prose that stops mid-sentence.
    pub previous_cut: bool,
    /// The paragraph follows a part separator or heading.
    pub opens_part: bool,
    /// The next paragraph is prose without a label of its own (the text of
    /// a label alone on its line).
    pub prose_follows: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Strength {
    /// Only the long form of a name the file uses as a label of its own
    /// ("chairman of the Management Committee of Gazprom Alexei Miller" where
    /// "Alexei Miller" speaks too).
    LongForm,
    /// Needs support from the rest of the file.
    Weak,
    /// A speaker label on its own evidence.
    Strong,
}

/// The first pass: the candidate label of one trimmed paragraph `p` whose
/// first line has the label shape `shape`, if its words make a label.
/// `emphasised`: the label is in bold or italics, so a lower-case word after
/// it (chat minutes: "**Ege Korkan:** what kind of event?") is still speech.
pub(super) fn candidate(p: &str, shape: &Shape, emphasised: bool) -> Option<Candidate> {
    let label = p.get(shape.label.clone())?;
    if label.is_empty() || label.len() > MAX_LABEL_BYTES {
        return None;
    }
    let after = &p[shape.after.min(p.len())..];
    if shape.ending == Ending::Colon
        && shape.time.is_none()
        && !shape.bracketed
        && after.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '/' | '\\' | ':'))
    {
        return None;
    }
    let (judged, special) = judge(label, shape)?;
    // In a text written all in capitals, words in capitals before a full
    // stop are just its next sentence.
    if shape.ending != Ending::Colon && special == Special::None && shouting(label) && shouting(after) {
        return None;
    }
    let words = after.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    let label_is_noise = special == Special::Diarised || shape.ending == Ending::Alone;
    Some(Candidate {
        start: shape.label.start,
        end: shape.label.end,
        strength: judged.strength,
        key: judged.key,
        quoted: words.starts_with(['“', '"', '«', '„', '‘', '\'']),
        name_like: judged.name_like,
        single_word: judged.single_word,
        names_only: is_bare_name(words.trim_end()),
        continues_lower: !emphasised && words.starts_with(char::is_lowercase),
        empty_after: words.trim().is_empty(),
        ending: shape.ending,
        special,
        time: shape.time,
        noise: shape.noise.clone(),
        label_is_noise,
        // A word in capitals before a full stop may be an acronym ending a
        // sentence cut by a line break ("... against" / "UNITA. Tens of ...").
        marked: emphasised || (shape.ending == Ending::Colon && shouting(label) && !shouting(after)),
    })
}

/// Letters in `s` (its first 120 bytes), and none of them in lower case.
fn shouting(s: &str) -> bool {
    let mut letters = s.chars().take(120).filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(|c| !c.is_lowercase())
}

/// The words of a label as its shape asks them to be judged.
fn judge(label: &str, shape: &Shape) -> Option<(Judged, Special)> {
    let plain = |strength, special| {
        let key = label.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
        Some((Judged { strength, key, name_like: false, single_word: !label.contains(' ') }, special))
    };
    if is_diarised_id(label) {
        return plain(Strength::Strong, Special::Diarised);
    }
    if shape.ending == Ending::Period {
        return judge_period_label(label);
    }
    if is_chair_title(label) {
        // Alone on its line, a chair's title is the vocative opening a speech.
        return (shape.ending == Ending::Colon).then(|| plain(Strength::Weak, Special::Chair)).flatten();
    }
    if is_members_chorus(label) {
        return plain(Strength::Strong, Special::None);
    }
    if label == "A" && shape.ending == Ending::Colon {
        return plain(Strength::Strong, Special::Answer);
    }
    let judged = judge_label(label)?;
    let special = if judged.key == "q" { Special::Question } else { Special::None };
    match shape.ending {
        Ending::Colon => Some((judged, special)),
        // A name alone on its line must recur (see `accept`); a line of
        // greeting ("Heads of Delegation") opens a speech, it names no speaker.
        Ending::Alone => {
            let greets = judged
                .key
                .split(' ')
                .any(|w| matches!(w, "delegation" | "delegations" | "excellences" | "excellencies" | "heads"));
            ((judged.name_like || judged.strength == Strength::Strong) && !greets)
                .then_some((Judged { strength: Strength::Weak, ..judged }, special))
        }
        Ending::Timed => {
            let strength = if judged.name_like { Strength::Strong } else { judged.strength };
            Some((Judged { strength, ..judged }, special))
        }
        Ending::Period => None,
    }
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
    let hopeless = hopeless(candidates);
    let candidates: Vec<Option<&Candidate>> =
        candidates.iter().zip(&hopeless).map(|(c, &h)| c.as_ref().filter(|_| !h)).collect();
    let candidates = candidates.as_slice();
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
        let here = context.get(i).copied().unwrap_or_default();
        // A label in capitals or in bold continues no sentence: the previous
        // paragraph just ends without a full stop (call-sign logs, chat minutes).
        let continues_sentence = here.previous_cut && !c.marked;
        // A label alone on its line ("THE PRESIDENT.", "Keir Starmer") has its
        // text in the next paragraph: that must be prose.
        // A name and a full stop alone on a line signs a letter ("JOHN ADAMS.").
        if c.ending == Ending::Period && c.empty_after {
            return false;
        }
        let empty_after = c.empty_after && !(c.ending != Ending::Colon && here.prose_follows);
        if c.strength == Strength::Strong {
            // "... the imploring words of" / "President Arafat: “Let us ...”"
            // quotes someone inside a sentence; it is not a turn.
            return !(continues_sentence && (c.quoted || empty_after));
        }
        if c.special == Special::Chair {
            return !continues_sentence && !c.quoted;
        }
        // A one-word label before a quotation is a quoted source ("Germany: “...”").
        let quoted_source = c.quoted && c.single_word;
        !(quoted_source || continues_sentence || empty_after || is_common_phrase(c))
    };
    let usable: Vec<bool> =
        candidates.iter().enumerate().map(|(i, c)| c.as_deref().is_some_and(|c| usable(i, c))).collect();
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
            Strength::LongForm => {}
        }
    }
    let supported = |c: &Candidate| {
        c.strength == Strength::Strong
            || weak_counts.get(c.key.as_str()).copied().unwrap_or(0) >= 2
            || strong_tails.contains(c.key.as_str())
    };
    let supported_turns =
        candidates.iter().zip(&usable).filter(|(c, u)| **u && c.as_deref().is_some_and(supported)).count();
    // In a file that is clearly a dialogue, a name said once is a speaker too
    // (the many callers of a phone-in); elsewhere it needs more evidence. A
    // place or a name before a quotation is who sent a question ("Perm
    // Territory: “Why ...”"), read out by someone else.
    let dialogue = supported_turns >= 3;
    let mut accepted: Vec<bool> = candidates
        .iter()
        .zip(&usable)
        .enumerate()
        .map(|(i, (c, &usable))| match c {
            Some(c) if usable && c.special == Special::Chair => true,
            // Headings stand alone on their lines too ("Climate Action"): a
            // name alone must recur, whatever the rest of the file.
            Some(c) if usable && c.ending == Ending::Alone => supported(c),
            Some(c) if usable => {
                let opens_part = context.get(i).is_some_and(|c| c.opens_part);
                let named_in_text = || supported_turns >= 2 && mentioned_elsewhere(&c.key, text);
                // In a dialogue, a long title with a role in it and a name at
                // its end speaks even when its name is said once ("NASA
                // astronaut Timothy Kopra"); "Argentina has the largest
                // Russian diaspora in Latin America" names no role.
                let titled_name =
                    c.strength == Strength::LongForm && dialogue && !c.quoted && c.key.split(' ').any(is_role);
                supported(c) || titled_name || ((dialogue || opens_part || named_in_text()) && c.name_like && !c.quoted)
            }
            _ => false,
        })
        .collect();
    accept_long_forms(candidates, &usable, &mut accepted);
    gate_by_file(candidates, &mut accepted);
    accepted
}

/// A label that ends with the name of a speaker of the file is that speaker
/// with a title ("Minster of Trade and Industry Denis Manturov" before
/// "Denis Manturov: ..."), however its title is written.
fn accept_long_forms(candidates: &[Option<&Candidate>], usable: &[bool], accepted: &mut [bool]) {
    let names: WordSet = candidates
        .iter()
        .zip(accepted.iter())
        .filter_map(|(c, a)| c.filter(|c| *a && c.key.contains(' ')).map(|c| c.key.as_str()))
        .collect();
    if names.is_empty() {
        return;
    }
    for ((c, &usable), accepted) in candidates.iter().zip(usable).zip(accepted.iter_mut()) {
        let Some(c) = c.filter(|c| usable && c.strength != Strength::Strong && c.ending == Ending::Colon) else {
            continue;
        };
        if !*accepted {
            *accepted = c.key.match_indices(' ').any(|(at, _)| names.contains(&c.key[at + 1..]));
        }
    }
}

/// The name `key` (lower case, as in a label) is written in `text` besides
/// its label, capitalised: "The President met with Vladimir Vasilyev" before
/// "Vladimir Vasilyev: ...".
fn mentioned_elsewhere(key: &str, text: &str) -> bool {
    let name: Vec<String> = key
        .split(' ')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
        })
        .collect();
    text.matches(name.join(" ").as_str()).nth(1).is_some()
}

/// Candidates that nothing else in the file could make a turn, dropped
/// before the costly look-ups: a layout other than `Label:` written once,
/// and a name alone on its line that is never repeated (most files have a
/// few of each, and no turn among them).
fn hopeless(candidates: &[Option<Candidate>]) -> Vec<bool> {
    let mut layouts: HashMap<Ending, usize, BuildHasherDefault<FastHasher>> = HashMap::default();
    let mut alone: HashMap<&str, usize, BuildHasherDefault<FastHasher>> = HashMap::default();
    for c in candidates.iter().flatten() {
        *layouts.entry(c.ending).or_default() += 1;
        if c.ending == Ending::Alone {
            *alone.entry(c.key.as_str()).or_default() += 1;
        }
    }
    candidates
        .iter()
        .map(|c| match c {
            Some(c) if c.ending == Ending::Colon => false,
            Some(c) => {
                layouts.get(&c.ending).copied().unwrap_or(0) < 2
                    || (c.ending == Ending::Alone
                        && c.strength != Strength::Strong
                        && alone.get(c.key.as_str()).copied().unwrap_or(0) < 2)
            }
            None => true,
        })
        .collect()
}

/// The file-level evidence the newer layouts need: a layout other than
/// `Label:` (a full stop, a name alone on its line, a time) must be used at
/// least twice; `A` answers only where there are `Q` questions; a chair
/// addressed by title (`Mr SPEAKER:`) speaks only where two others do.
fn gate_by_file(candidates: &[Option<&Candidate>], accepted: &mut [bool]) {
    let kept = |accepted: &[bool], keep: &dyn Fn(&Candidate) -> bool| {
        candidates.iter().zip(accepted.iter()).filter(|(c, a)| **a && c.as_deref().is_some_and(keep)).count()
    };
    for ending in [Ending::Period, Ending::Alone, Ending::Timed] {
        if kept(accepted, &|c| c.ending == ending) < 2 {
            drop_where(candidates, accepted, |c| c.ending == ending);
        }
    }
    // Names alone on their lines are a dialogue only between two speakers at least.
    let alone_keys: HashSet<&str> = candidates
        .iter()
        .zip(accepted.iter())
        .filter_map(|(c, a)| c.as_deref().filter(|c| *a && c.ending == Ending::Alone).map(|c| c.key.as_str()))
        .collect();
    if alone_keys.len() < 2 {
        drop_where(candidates, accepted, |c| c.ending == Ending::Alone);
    }
    if kept(accepted, &|c| c.special == Special::Question) == 0 {
        drop_where(candidates, accepted, |c| c.special == Special::Answer);
    }
    if kept(accepted, &|c| c.special != Special::Chair) < 2 {
        drop_where(candidates, accepted, |c| c.special == Special::Chair);
    }
}

fn drop_where(candidates: &[Option<&Candidate>], accepted: &mut [bool], drop: impl Fn(&Candidate) -> bool) {
    for (c, a) in candidates.iter().zip(accepted.iter_mut()) {
        if c.as_deref().is_some_and(&drop) {
            *a = false;
        }
    }
}

/// The words of weak labels that `text` also uses in lower case. Only those
/// words are looked up, so a long file costs one scan and no big set.
fn lower_case_uses<'c>(candidates: &[Option<&'c Candidate>], text: &str) -> WordSet<'c> {
    let wanted: WordSet = candidates
        .iter()
        .flatten()
        .filter(|c| c.strength != Strength::Strong)
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
