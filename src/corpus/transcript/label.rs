//! Reading one speaker label on its own: does "President of Russia Vladimir
//! Putin", "THE PRESIDENT", "Question (retranslated)" or "In 2020" read like
//! a name or a role, how strongly, and under what key it matches other
//! labels of the same speaker. The file-level decision is in `speaker.rs`.

use crate::corpus::transcript::speaker::Strength;
use crate::corpus::transcript::words::{
    AUDIENCE_WORDS, CONNECTORS, DESCRIPTION_STOP_WORDS, HONORIFICS, INSTITUTION_WORDS, LOWER_ROLE_WORDS, PROSE_OPENERS,
    ROLE_WORDS, SINGLE_WORD_ROLES, contains,
};

/// What the words of one label say about it.
pub(super) struct Judged {
    pub strength: Strength,
    /// The label's words without remarks, lower-cased (see `Candidate::key`).
    pub key: String,
    pub name_like: bool,
    pub single_word: bool,
}

/// Judges a label's words. `None` when it reads like prose.
pub(super) fn judge_label(label: &str) -> Option<Judged> {
    if label
        .contains(['"', '“', '”', '«', '»', '„', ';', '!', '?', '/', '=', '@', '#', '&', '[', ']', '<', '>', '|', '*'])
        || label.starts_with('(')
    {
        return None;
    }
    if label.chars().any(|c| c.is_ascii_digit()) {
        // "In 2020" is prose; a call sign ("CV-39", "CARDFILE 23", "Заря 1
        // (Каманин)") is a weak label.
        // The key is the call sign alone, so that it recurs whoever holds it.
        let core = without_parentheticals(label)?;
        return call_sign(core.trim()).then(|| Judged {
            strength: Strength::Weak,
            key: core.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase(),
            name_like: false,
            single_word: !core.trim().contains(' '),
        });
    }
    let core = without_parentheticals(label)?;
    if addresses_audience(&core) {
        return None;
    }
    let key = core.replace(',', " ").split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    // "Minister of Civil Defence, Emergencies and Disaster Relief Vladimir
    // Puchkov" is one title with a comma; "Tatyana Remezova, reporter at
    // VGTRK" is a name with a description, weaker evidence.
    let whole = core.replace(',', " ");
    let (head, description) = match core.split_once(',') {
        Some((h, d)) if judge_words(&whole).is_none_or(|s| s == Strength::LongForm) => (h, Some(d)),
        Some(_) => (whole.as_str(), None),
        None => (core.as_str(), None),
    };
    let words: Vec<&str> = head.split_whitespace().collect();
    let strength = judge_words(head)?;
    let name_like = (2..=4).contains(&words.len())
        && words.iter().all(|w| starts_upper(w) || prefixed_name(w) || contains(CONNECTORS, &bare(w).to_lowercase()))
        && starts_upper(words[0])
        && !words.iter().any(|w| {
            let l = bare(w).to_lowercase();
            contains(INSTITUTION_WORDS, &l) || is_role(&l)
        })
        && !head.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase());
    let strength = match description {
        Some(d) if !description_ok(d) => return None,
        Some(_) => strength.min(Strength::Weak),
        None => strength,
    };
    Some(Judged { strength, key, name_like, single_word: words.len() == 1 })
}

/// A radio call sign with digits: capitals and digits ("CV-39", "CARDFILE
/// 23"), or a capitalised word and a short number ("Заря 1", "Freedom 7"),
/// but not a heading's word ("Chapter 3", "Article 5") or prose ("In 2020").
fn call_sign(label: &str) -> bool {
    let words: Vec<&str> = label.split_whitespace().collect();
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = label.starts_with(|c: char| c.is_ascii_uppercase())
        && label.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == ' ');
    let word_and_number = match words.as_slice() {
        [word, number] => {
            let lower = word.to_lowercase();
            starts_upper(word)
                && word.chars().all(char::is_alphabetic)
                && number.len() <= 3
                && number.bytes().all(|b| b.is_ascii_digit())
                && !contains(PROSE_OPENERS, &lower)
                && !contains(CONNECTORS, &lower)
                && !contains(&HEADING_WORDS, &lower)
        }
        _ => false,
    };
    (1..=2).contains(&words.len()) && letters >= 2 && (capitals || word_and_number)
}

/// Words that number a heading or a list rather than name a speaker.
const HEADING_WORDS: [&str; 14] = [
    "article",
    "chapter",
    "section",
    "part",
    "paragraph",
    "item",
    "step",
    "figure",
    "table",
    "page",
    "annex",
    "point",
    "rule",
    "slide",
];

/// "Mr. President, Mr. Speaker, Members of the Senate", "DISTINGUISHED
/// LADIES AND GENTLEMEN", "Secretary-General, Mr. Boutros-Ghali": the
/// opening address of a speech or letter, not a speaker.
fn addresses_audience(core: &str) -> bool {
    let lower = core.to_lowercase();
    let mut words = lower.split(|c: char| !(c.is_alphanumeric() || c == '-')).filter(|w| !w.is_empty());
    if words.clone().any(|w| contains(AUDIENCE_WORDS, w)) {
        return true;
    }
    // A comma after a bare title: "President, Thabo Mbeki", "Mr President, Excellencies".
    let first_segment = lower.split(',').next().unwrap_or("");
    let bare_title = first_segment
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .all(|w| contains(HONORIFICS, w) || is_role(w) || contains(CONNECTORS, w));
    lower.contains(',') && bare_title && words.next().is_some()
}

/// The strength of a label's words (without remarks or description).
fn judge_words(head: &str) -> Option<Strength> {
    let words: Vec<&str> = head.split_whitespace().collect();
    if words.is_empty() || words.len() > 25 || !words.iter().all(|w| abbreviation_dots_only(w)) {
        return None;
    }
    if head.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase()) {
        judge_all_caps(&words)
    } else {
        judge_title_case(&words)
    }
}

/// `THE PRESIDENT`, `MR. LEHRER`, `Q`, `AUDIENCE`.
pub(super) fn judge_all_caps(words: &[&str]) -> Option<Strength> {
    let lower: Vec<String> = words.iter().map(|w| bare(w).to_lowercase()).collect();
    let first = lower.first()?;
    if first == "q" && words.len() == 1 {
        return Some(Strength::Strong);
    }
    let letters: usize = lower.iter().map(|w| w.chars().filter(|c| c.is_alphabetic()).count()).sum();
    if letters < 3 {
        // Call signs and initials ("P", "CC", "A" after "Q"): weak, so kept
        // only when they recur or the file is clearly a dialogue.
        let call_sign = words.len() == 1 && bare(words[0]).chars().all(|c| c.is_ascii_uppercase());
        return call_sign.then_some(Strength::Weak);
    }
    if contains(PROSE_OPENERS, first) && first != "the" {
        return None;
    }
    if first == "the" {
        return the_role(&lower);
    }
    if lower.iter().all(|w| contains(HONORIFICS, w) || contains(ROLE_WORDS, w)) && !single_role(&lower) {
        // "MR. PRESIDENT:" addresses someone; "MR. SMITH:" names a speaker.
        return if lower.iter().any(|w| contains(HONORIFICS, w)) { None } else { Some(Strength::Strong) };
    }
    // "FRIENDSHIP AWARD:" is a shouted heading; "SECRETARY MNUCHIN:" names a speaker.
    let titled = lower.iter().any(|w| is_role(w) || contains(HONORIFICS, w));
    Some(if single_role(&lower) || (words.len() >= 2 && titled) { Strength::Strong } else { Strength::Weak })
}

/// Mixed-case labels: every word capitalised or a connector.
fn judge_title_case(words: &[&str]) -> Option<Strength> {
    let lower: Vec<String> = words.iter().map(|w| bare(w).to_lowercase()).collect();
    let first_word = words.first()?;
    // "First Deputy Prime Minister Igor Shuvalov", "First President of
    // Kazakhstan ...": an ordinal that opens a title, not a list ("First: ...").
    let ordinal_title = *first_word == "First" && lower.get(1).is_some_and(|w| is_role(w));
    let opens_prose = contains(PROSE_OPENERS, &lower[0]) && lower[0] != "the" && !ordinal_title;
    if opens_prose {
        return None;
    }
    let last = words.last()?;
    if !starts_upper(last) && !prefixed_name(last) {
        return None;
    }
    // Words a title-case label does not have: a lower-case first word or
    // common nouns inside ("chairman of the Management Committee of Gazprom
    // Alexei Miller", "Head of A Just Russia political party faction ...").
    let loose = words.iter().zip(&lower).enumerate().filter(|(i, (w, l))| {
        let ok = starts_upper(w) || prefixed_name(w) || contains(CONNECTORS, l) || contains(LOWER_ROLE_WORDS, l);
        !ok || (*i == 0 && !starts_upper(w))
    });
    match loose.count() {
        0 => {}
        n => return long_form(words, &lower, n),
    }
    if lower[0] == "the" {
        return the_role(&lower);
    }
    if single_role(&lower) {
        return Some(Strength::Strong);
    }
    let has_role = lower.iter().any(|w| is_role(w));
    let names_someone = words
        .iter()
        .zip(&lower)
        .any(|(w, l)| (starts_upper(w) || prefixed_name(w)) && !is_role(l) && !contains(HONORIFICS, l));
    if has_role && !names_someone {
        // "Mr President", "Madam Chair": a form of address.
        return None;
    }
    let institution = lower.last().is_some_and(|l| contains(INSTITUTION_WORDS, l));
    Some(if has_role && !institution && (words.len() >= 3 || !is_role(&lower[words.len() - 1])) {
        Strength::Strong
    } else {
        Strength::Weak
    })
}

/// A label with words no title-case label has is a speaker only as the long
/// form of a name the file uses as a label of its own: a role word first,
/// at most four such words, and a name of two capitalised words at the end.
/// `accept` keeps it only when that name is a turn of the same file.
fn long_form(words: &[&str], lower: &[String], loose_words: usize) -> Option<Strength> {
    let n = words.len();
    let named = n >= 4 && words[n - 2..].iter().all(|w| starts_upper(w) || prefixed_name(w));
    let opens_with_role = starts_upper(words[0]) || is_role(&lower[0]) || contains(LOWER_ROLE_WORDS, &lower[0]);
    (named && opens_with_role && loose_words <= 4).then_some(Strength::LongForm)
}

/// `The President`, `The Acting President`, `THE VICE PRESIDENT`: "the"
/// followed only by role words.
pub(super) fn the_role(lower: &[String]) -> Option<Strength> {
    let rest = &lower[1..];
    (!rest.is_empty() && rest.len() <= 3 && rest.iter().all(|w| is_role(w))).then_some(Strength::Strong)
}

/// A role that makes a label alone, optionally with "from Place": "Question",
/// "Question from Izhevsk", "Remark".
fn single_role(lower: &[String]) -> bool {
    match lower {
        [one] => contains(SINGLE_WORD_ROLES, one),
        [one, from, ..] => contains(SINGLE_WORD_ROLES, one) && from == "from",
        [] => false,
    }
}

pub(super) fn is_role(lower_word: &str) -> bool {
    contains(ROLE_WORDS, lower_word) || lower_word.split('-').any(|part| contains(ROLE_WORDS, part))
}

fn description_ok(description: &str) -> bool {
    let words: Vec<String> = description.split_whitespace().map(|w| bare(w).to_lowercase()).collect();
    !words.is_empty() && words.len() <= 15 && !words.iter().any(|w| contains(DESCRIPTION_STOP_WORDS, w))
}

/// The label with `(...)` remarks removed, or `None` when brackets do not pair up.
pub(super) fn without_parentheticals(label: &str) -> Option<String> {
    let mut out = String::with_capacity(label.len());
    let mut depth = 0usize;
    for c in label.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.checked_sub(1)?,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    (depth == 0).then_some(out)
}

/// A word's dots are abbreviation dots: "Mr.", "V.Putin", "Z.", "U.S.";
/// a dot after a long word ends a sentence.
fn abbreviation_dots_only(word: &str) -> bool {
    let mut run = 0;
    for c in word.chars() {
        if c == '.' {
            if run == 0 || run > 4 {
                return false;
            }
            run = 0;
        } else if c.is_alphabetic() {
            run += 1;
        } else {
            run = 0;
        }
    }
    true
}

/// The word without surrounding punctuation.
pub(super) fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

pub(super) fn starts_upper(word: &str) -> bool {
    bare(word).chars().next().is_some_and(|c| c.is_uppercase())
}

/// Name particles glued to a capitalised name: "al-Assad", "d'Estaing", "bin-Salman".
pub(super) fn prefixed_name(word: &str) -> bool {
    let w = bare(word);
    match w.find(['-', '\'', '’']) {
        Some(i) => {
            let (prefix, rest) = w.split_at(i);
            prefix.len() <= 4
                && prefix.chars().all(|c| c.is_lowercase())
                && rest.chars().nth(1).is_some_and(|c| c.is_uppercase())
        }
        None => false,
    }
}
