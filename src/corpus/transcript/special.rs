//! Labels that the words alone do not settle: diarisation ids
//! (`SPEAKER_00`), a chair addressed by title (`Mr SPEAKER`), the House in
//! chorus (`Hon. Members`), and labels ending in a full stop (`THE
//! PRESIDENT.`, `Mr. WARNER.`, `Q.`), whose shapes are few and strict because
//! so much prose starts with a few words and a full stop.

use crate::corpus::transcript::label::{
    Judged, bare, is_role, judge_all_caps, starts_upper, the_role, without_parentheticals,
};
use crate::corpus::transcript::speaker::Strength;
use crate::corpus::transcript::words::{CONNECTORS, HONORIFICS, contains};

/// The kind of label beyond its words' strength.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum Special {
    #[default]
    None,
    /// A diarisation id (`SPEAKER_00`, `Speaker 1`): a speaker, never a word.
    Diarised,
    /// The chair (`Mr SPEAKER`, `Madam Deputy Speaker`, `M. le président`):
    /// read as a form of address alone, as the chair where others speak too.
    Chair,
    /// `Q` of a question-and-answer layout.
    Question,
    /// `A`: an answer only where there are questions.
    Answer,
}

/// `SPEAKER_00`, `SPEAKER 1`, `Speaker A`, `spk_0`, `Participant 3`: a
/// diarisation id or a numbered anonymous speaker.
pub(crate) fn is_diarised_id(label: &str) -> bool {
    const STEMS: [&str; 12] = [
        "speaker",
        "spk",
        "participant",
        "person",
        "interviewer",
        "interviewee",
        "respondent",
        "caller",
        "voice",
        "guest",
        "host",
        "unknown speaker",
    ];
    let label = label.trim();
    if label.eq_ignore_ascii_case("unknown speaker") || label.eq_ignore_ascii_case("unidentified speaker") {
        return true;
    }
    // Checked before anything is lower-cased: an id ends in a digit or a lone capital.
    let b = label.as_bytes();
    let ends_in_id = match b {
        [.., x] if x.is_ascii_digit() => true,
        [.., sep, x] => x.is_ascii_uppercase() && matches!(sep, b' ' | b'_' | b'-'),
        _ => false,
    };
    if !ends_in_id || label.len() > 24 {
        return false;
    }
    let lower = label.to_ascii_lowercase();
    STEMS.iter().any(|stem| {
        let Some(rest) = lower.strip_prefix(stem) else { return false };
        let id = rest.trim_start_matches([' ', '_', '-']);
        let separated = id.len() < rest.len() || id.bytes().all(|b| b.is_ascii_digit());
        let numbered = (1..=3).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit());
        // "Speaker A": one capital letter in the label as written.
        let lettered = id.len() == 1 && label.ends_with(|c: char| c.is_ascii_uppercase());
        separated && (numbered || lettered)
    })
}

/// Honorifics of a chair's title, and the chair's roles, in the languages seen.
const CHAIR_HONORIFICS: [&str; 11] =
    ["mr", "madam", "madame", "mister", "mrs", "m", "mme", "monsieur", "herr", "frau", "señor"];
const CHAIR_ROLES: [&str; 13] = [
    "speaker",
    "president",
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "président",
    "présidente",
    "präsident",
    "präsidentin",
    "presidente",
    "presidenta",
    "presiding",
];

/// `Mr SPEAKER`, `Madam Deputy Speaker`, `Mr. Chairman`, `M. le président`,
/// `Frau Präsidentin`: a chair addressed by title.
pub(super) fn is_chair_title(label: &str) -> bool {
    // Most labels do not open with a chair's honorific: say so before any allocation.
    let first = label.split_whitespace().next().unwrap_or("").trim_end_matches('.');
    if !CHAIR_HONORIFICS.iter().any(|h| h.eq_ignore_ascii_case(first)) && !first.eq_ignore_ascii_case("señor") {
        return false;
    }
    let words: Vec<String> =
        label.split_whitespace().map(|w| w.trim_end_matches('.').to_lowercase()).filter(|w| !w.is_empty()).collect();
    let Some((first, rest)) = words.split_first() else { return false };
    if !CHAIR_HONORIFICS.contains(&first.as_str()) {
        return false;
    }
    let rest: Vec<&str> =
        rest.iter().map(String::as_str).filter(|w| !matches!(*w, "le" | "la" | "el" | "deputy" | "vice")).collect();
    matches!(rest.as_slice(), [role] if CHAIR_ROLES.contains(role))
        || matches!(rest.as_slice(), ["presiding", "officer"] | ["speaker", "pro", "tempore"])
}

/// `Hon. Members`, `Some Hon. Members`, `HON. MEMBERS`: the House speaking together.
pub(super) fn is_members_chorus(label: &str) -> bool {
    let last = label.split_whitespace().next_back().unwrap_or("");
    if !["members", "member", "audience"].iter().any(|w| w.eq_ignore_ascii_case(last)) {
        return false;
    }
    let key: String = label.to_lowercase().replace('.', " ").split_whitespace().collect::<Vec<_>>().join(" ");
    matches!(
        key.as_str(),
        "hon members"
            | "some hon members"
            | "honourable members"
            | "some honourable members"
            | "audience"
            | "audience member"
            | "audience members"
    )
}

/// Judges a label that ends in a full stop (`THE PRESIDENT.`, `Mr. WARNER.`,
/// `Q.`, `The PRESIDING OFFICER (Mr. Kyl).`, `M. Bruno Retailleau.`). Much
/// prose starts with a few words and a full stop, so only these shapes are
/// labels: `Q` and `A`; words in capitals, after an optional honorific or
/// `The` (with `of Florida` or `pro tempore` after them); `The` and a role;
/// an honorific and a capitalised name (weak: it must recur).
pub(super) fn judge_period_label(label: &str) -> Option<(Judged, Special)> {
    let core = without_parentheticals(label)?;
    let words: Vec<&str> = core.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| bare(w).to_lowercase()).collect();
    let key = lower.join(" ");
    let judged = |strength, name_like| Judged { strength, key: key.clone(), name_like, single_word: words.len() == 1 };
    match words.as_slice() {
        ["Q"] => return Some((judged(Strength::Strong, false), Special::Question)),
        ["A"] => return Some((judged(Strength::Strong, false), Special::Answer)),
        [] => return None,
        _ => {}
    }
    if is_members_chorus(&core) {
        return Some((judged(Strength::Strong, false), Special::None));
    }
    if words.len() > 7 || core.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let capitals = |w: &str| {
        let letters: Vec<char> = bare(w).chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) && !is_roman_numeral(bare(w))
    };
    let honorific = |l: &str| {
        contains(HONORIFICS, l)
            || CHAIR_HONORIFICS.contains(&l)
            || matches!(
                l,
                "the"
                    | "dr"
                    | "miss"
                    | "senator"
                    | "sen"
                    | "rep"
                    | "representative"
                    | "congressman"
                    | "congresswoman"
                    | "delegate"
                    | "dame"
                    | "lord"
                    | "lady"
            )
    };
    let lead = lower.iter().take_while(|l| honorific(l)).count();
    let caps = words[lead..].iter().take_while(|w| capitals(w)).count();
    if caps > 0 {
        // "of Florida", "pro tempore", "de la Garza": particles and capitalised words after the name.
        let tail_ok = words[lead + caps..]
            .iter()
            .zip(&lower[lead + caps..])
            .all(|(w, l)| contains(CONNECTORS, l) || matches!(l.as_str(), "pro" | "tempore") || starts_upper(w));
        if !tail_ok || (lead == 0 && words.len() > caps + 2) {
            return None;
        }
        if is_chair_title(&core) {
            return Some((judged(Strength::Strong, false), Special::None));
        }
        let strength = match lower[..lead] {
            // Capitals with no title before them ("LEHRER", "NEUTRAL FINANCIAL
            // ADVISER", a heading) must recur.
            [] => {
                judge_all_caps(&words[..caps])?;
                Strength::Weak
            }
            // "The PRESIDING OFFICER", "The SPEAKER pro tempore": the chamber's roles only.
            _ if lower[..lead].iter().any(|l| l == "the") => {
                let roles: Vec<String> =
                    lower[lead - 1..].iter().filter(|l| !matches!(l.as_str(), "pro" | "tempore")).cloned().collect();
                the_role(&roles).or_else(|| chamber_role(&roles[1..]))?
            }
            _ => Strength::Strong,
        };
        return Some((judged(strength, false), Special::None));
    }
    if lower[0] == "the" {
        return the_role(&lower).map(|s| (judged(s, false), Special::None));
    }
    // "M. Bruno Retailleau", "Mme Éliane Assassi", "President Gorbachev",
    // "Governor Clinton": a title and a name, which must recur.
    let lead = if lead == 0 && words.len() >= 2 && is_role(&lower[0]) { 1 } else { lead };
    let named = lead > 0
        && lead < words.len()
        && words[lead..].iter().zip(&lower[lead..]).all(|(w, l)| starts_upper(w) || contains(CONNECTORS, l))
        && !lower[lead..].iter().any(|l| is_role(l));
    named.then(|| (judged(Strength::Weak, true), Special::None))
}

/// The chamber's own officers, after "The": `PRESIDING OFFICER`, `CLERK`, `CHAIR`.
fn chamber_role(rest: &[String]) -> Option<Strength> {
    let known = |w: &str| matches!(w, "presiding" | "officer" | "clerk" | "chair" | "acting" | "speaker" | "president");
    (!rest.is_empty() && rest.len() <= 3 && rest.iter().all(|w| known(w) || is_role(w))).then_some(Strength::Strong)
}

/// `I`, `II`, `IV`, `XII`: a section number, not a name in capitals.
fn is_roman_numeral(word: &str) -> bool {
    !word.is_empty() && word.len() <= 5 && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
}
