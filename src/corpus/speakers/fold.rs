//! A speaker label folded into the key that identity compares: case and
//! punctuation folded ("MR. SMITH", "Mr SMITH" → `mr smith`), remarks in
//! brackets dropped ("X (retranslated)", "X [via interpreter]" → `x`),
//! honorifics written one way (Mr/Mr./MR./Mister → `mr`), and the label
//! sorted into what it can be: a name, a bare surname, a generic role, or a
//! diarisation id.
//!
//! Folding never merges by itself: two labels are the same speaker here only
//! when their keys are equal. Which keys are one person (a title before a
//! name, a surname alone) is decided with the whole corpus in `resolve.rs`.

use crate::corpus::transcript::is_diarised_id;
use crate::corpus::transcript::words::{CONNECTORS, ROLE_WORDS, SINGLE_WORD_ROLES};

/// What a label can stand for, by its words alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelClass {
    /// Words that name someone: "Vladimir Putin", "President of Russia
    /// Vladimir Putin", "Mr. John Smith".
    Name,
    /// One word of a name, alone or after an honorific or a title: "Mr.
    /// SMITH", "PUTIN", "President Bush", "Rep. Omar". Joins a full name
    /// only when it is unambiguous (`resolve.rs`).
    Surname,
    /// A title or role with no name: "THE PRESIDENT", "The Chairman",
    /// "Question", "Q", "Remark", "Question from Izhevsk".
    Role,
    /// A diarisation id (`SPEAKER_00`, `Speaker 1`): someone in this file only.
    Diarised,
}

/// A label folded for comparison.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Folded {
    /// Lower-case words joined by one space; for a `Name`, without the
    /// leading honorifics ("Mr. John Smith" → `john smith`).
    pub key: String,
    pub class: LabelClass,
}

impl Folded {
    /// The key's words.
    pub fn words(&self) -> impl DoubleEndedIterator<Item = &str> + Clone {
        self.key.split(' ').filter(|w| !w.is_empty())
    }

    /// The last word: a `Name`'s surname, a `Surname`'s name.
    pub fn last_word(&self) -> &str {
        self.words().next_back().unwrap_or("")
    }
}

/// Honorifics as written (lower case, dots dropped) and the one form each folds to.
const HONORIFIC_FORMS: &[(&str, &str)] = &[
    ("mr", "mr"),
    ("mister", "mr"),
    ("messrs", "mr"),
    ("mrs", "mrs"),
    ("ms", "ms"),
    ("miss", "ms"),
    ("dr", "dr"),
    ("doctor", "dr"),
    ("sir", "sir"),
    ("madam", "madam"),
    ("madame", "madam"),
    ("mme", "madam"),
    ("m", "mr"),
    ("herr", "mr"),
    ("frau", "mrs"),
    ("hon", "hon"),
    ("prof", "prof"),
    ("professor", "prof"),
];

/// The one form of an honorific, if `word` (lower case) is one.
pub fn honorific(word: &str) -> Option<&'static str> {
    HONORIFIC_FORMS.iter().find(|(w, _)| *w == word).map(|(_, form)| *form)
}

/// True when `word` (lower case) names a role or title, not a person.
pub fn is_role_word(word: &str) -> bool {
    let singular = word.strip_suffix('s').filter(|w| w.len() > 2);
    ROLE_WORDS.contains(&word)
        || SINGLE_WORD_ROLES.contains(&word)
        || singular.is_some_and(|w| ROLE_WORDS.contains(&w))
        || word.split('-').all(|part| ROLE_WORDS.contains(&part))
        || TITLE_ABBREVIATIONS.contains(&word)
}

/// Titles as they are abbreviated in labels ("Rep. Omar", "Sen. Kennedy"),
/// and title words the label lists lack.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "q",
    "a",
    "prime",
    "mp",
    "vp",
    "first",
    "rep",
    "sen",
    "gov",
    "gen",
    "rev",
    "sec",
    "amb",
    "lt",
    "col",
    "capt",
    "sgt",
    "hon",
    "pres",
    "supt",
    "insp",
    "cmdr",
    "adm",
    "justice",
    "chief",
    "ceo",
    "presidential",
    "press",
];

/// True for the small words of titles ("of", "the", "and").
pub fn is_connector(word: &str) -> bool {
    CONNECTORS.contains(&word)
}

/// Folds a label; labels that fold to nothing keep their lower-cased text.
pub fn fold_label(label: &str) -> Folded {
    let bare = without_remarks(label);
    if bare.trim().is_empty() {
        // Only a remark ("(inaudible)"): no one's name.
        return Folded { key: fold_words(label).join(" "), class: LabelClass::Role };
    }
    let bare = bare.as_str();
    if is_diarised_id(bare.trim()) {
        return Folded { key: fold_words(bare).join(" "), class: LabelClass::Diarised };
    }
    let mut words = fold_words(bare);
    if words.is_empty() {
        return Folded { key: label.trim().to_lowercase(), class: LabelClass::Role };
    }
    for w in words.iter_mut() {
        if let Some(form) = honorific(w) {
            *w = form.to_string();
        }
    }
    // Leading honorifics ("Mr.", "Dr. Sir") and "the": what follows decides.
    let lead = words.iter().take_while(|w| honorific(w).is_some() || *w == "the").count();
    let rest = &words[lead..];
    let named: Vec<&String> = rest.iter().filter(|w| !is_role_word(w) && !is_connector(w)).collect();
    let class = match (rest.len(), named.len()) {
        (_, 0) => LabelClass::Role,
        // "Question from Izhevsk": a role with a place, still no one's name.
        _ if rest.first().is_some_and(|w| SINGLE_WORD_ROLES.contains(&w.as_str()))
            && rest.get(1).is_some_and(|w| w == "from") =>
        {
            LabelClass::Role
        }
        // One name word, alone or after titles: "Mr. SMITH", "President Bush".
        (_, 1) => LabelClass::Surname,
        _ => LabelClass::Name,
    };
    let key = match class {
        // "Mr. John Smith" is John Smith; "Mr. Smith" keeps its honorific.
        LabelClass::Name => rest.join(" "),
        _ => words.join(" "),
    };
    Folded { key, class }
}

/// The label with remarks in brackets dropped: translation marks
/// ("(retranslated)", "(via interpreter)", "[in English]"), outlets and
/// other asides. Brackets that do not pair up are kept as they are.
fn without_remarks(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut depth = 0usize;
    for c in label.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    if depth > 0 { label.to_string() } else { out }
}

/// Lower-case words: letters and digits kept, apostrophes dropped
/// ("O’Neill" = "O'Neill" = "ONeill"), hyphens kept inside a word, every
/// other character a break.
fn fold_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’' | 'ʼ' | '`') {
            // Dropped, never a break.
        } else if c == '-' && !word.is_empty() && chars.peek().is_some_and(|n| n.is_alphanumeric()) {
            word.push('-');
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(label: &str) -> String {
        let f = fold_label(label);
        format!("{:?} {}", f.class, f.key)
    }

    #[test]
    fn case_punctuation_honorifics_and_remarks_fold_away() {
        let labels = [
            "MR. SMITH",
            "Mr SMITH",
            "Mister Smith",
            "Vladimir Putin (retranslated)",
            "VLADIMIR PUTIN [via interpreter]",
            "Mr. John O’Neill",
            "President of Russia Vladimir Putin",
            "THE PRESIDENT",
            "The Chairman",
            "Question",
            "Q",
            "Question from Izhevsk",
            "Mr. President",
            "SPEAKER_00",
            "Speaker 1",
            "PUTIN",
            "Nailya Asker-zade",
            "(inaudible)",
        ];
        let out: Vec<String> = labels.iter().map(|l| format!("{l} => {}", show(l))).collect();
        expect_test::expect![[r#"
            MR. SMITH => Surname mr smith
            Mr SMITH => Surname mr smith
            Mister Smith => Surname mr smith
            Vladimir Putin (retranslated) => Name vladimir putin
            VLADIMIR PUTIN [via interpreter] => Name vladimir putin
            Mr. John O’Neill => Name john oneill
            President of Russia Vladimir Putin => Name president of russia vladimir putin
            THE PRESIDENT => Role the president
            The Chairman => Role the chairman
            Question => Role question
            Q => Role q
            Question from Izhevsk => Role question from izhevsk
            Mr. President => Role mr president
            SPEAKER_00 => Diarised speaker 00
            Speaker 1 => Diarised speaker 1
            PUTIN => Surname putin
            Nailya Asker-zade => Name nailya asker-zade
            (inaudible) => Role inaudible
        "#]]
        .assert_eq(&(out.join("\n") + "\n"));
    }

    #[test]
    fn odd_labels_never_panic() {
        for label in ["", " ", "((", ")", "[]", "-", "'", "Ğ İ ß", "\u{0}", "A (B [C) D]"] {
            let _ = fold_label(label);
        }
    }
}
