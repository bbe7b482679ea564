//! Greetings, thanks and forms of address: sentences that open or close a
//! speech without saying what it is about ("Thank you.", "Good afternoon,
//! colleagues.", "Mr President, friends,"), and the procedural formulas of
//! parliaments and assemblies ("Fellow-Citizens of the Senate and House of
//! Representatives:", "Mr. President, I wish to congratulate you on your
//! election", "Allow me to pay tribute to your predecessor"). Summaries skip
//! them, and anything else that shows "what this part is about" should too.
//!
//! Also here: paragraph numbers ("69. ", "(12) ") that some records put at
//! the start of each paragraph, which are no part of a sentence's words
//! (`paragraph_number_len`), and sentences that lean on the one before them
//! ("This ...", "But ...", `leans_on_previous`).

/// True for sentences that greet, thank or address people rather than say
/// something: "Thank you.", "Good afternoon, colleagues.", "Mr President,",
/// "Friends,". Such a sentence never makes a good summary.
pub fn is_greeting(sentence: &str) -> bool {
    let s = sentence.trim();
    let s = s[paragraph_number_len(s)..].trim_start_matches(['“', '"', '«', '‘', '\'']);
    // "Mr. President" reads as "mr president" below.
    let mut lower = s.to_lowercase();
    for (dotted, plain) in [("mr.", "mr"), ("mrs.", "mrs"), ("ms.", "ms")] {
        if lower.contains(dotted) {
            lower = lower.replace(dotted, plain);
        }
    }
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).collect();
    // An address ends with a comma or colon: "Mr Kolokoltsev, comrades,".
    if s.ends_with(',') || s.ends_with(':') || s.ends_with(';') {
        return true;
    }
    if s.starts_with('(') || s.starts_with('[') {
        return true;
    }
    const OPENERS: &[&str] = &[
        "thank you",
        "thanks",
        "good afternoon",
        "good morning",
        "good evening",
        "good day",
        "good night",
        "hello",
        "welcome",
        "ladies and gentlemen",
        "dear friends",
        "dear colleagues",
        "colleagues",
        "friends",
        "comrades",
        "mr president",
        "madam president",
        "mr chairman",
        "mr prime minister",
        "your majesty",
        "your excellency",
        "your holiness",
        "congratulations",
        "i congratulate",
        "i would like to greet",
        "i would like to welcome",
        "i want to welcome",
        "i am glad to see",
        "i am very glad to see",
        "i am happy to see",
        "it is a pleasure to",
        "let me thank",
        "i would like to thank",
        "i want to thank",
        "allow me to thank",
        "please go ahead",
        "go ahead",
        "all the best",
        "bye",
        // Forms of address of parliaments and assemblies.
        "fellow-citizens",
        "fellow citizens",
        "fellow-countrymen",
        "my fellow",
        "gentlemen of the",
        "to the senate",
        "to the congress",
        "senators and representatives",
        "members of the congress",
        "mr speaker",
        "madam speaker",
        "mr secretary-general",
        "your excellencies",
        "excellencies",
        "distinguished delegates",
        "honourable delegates",
        // Procedural openings of a statement.
        "at the outset",
        "allow me",
        "permit me",
        "on behalf of",
        "i have the honour",
        "i have the honor",
        "it is an honour",
        "it is an honor",
        "it is a great honour",
        "it is a great honor",
        "it is a privilege",
        "it is a great privilege",
        "it is my privilege",
        "it is with great pleasure",
        "first of all, i",
        "before i begin",
    ];
    let starts_like_greeting = OPENERS
        .iter()
        .any(|o| lower.starts_with(o) && lower[o.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()));
    // A long sentence that merely opens with thanks may still carry content
    // ("Thank you for the report on crime in ..."), but such openings are
    // rarely the best summary, so short and long alike are rejected.
    starts_like_greeting || words.len() < 4 || is_courtesy(&lower, &words)
}

/// Congratulations, thanks, tributes and honours paid to the chair, the
/// predecessor, the Secretary-General or Providence, however they are
/// phrased: "I should like to extend my delegation's sincere appreciation to
/// Ambassador Hambro", "Your election is a tribute to your country", "I am
/// honoured to address this Assembly", "We have reason to renew the
/// expression of our devout gratitude to the Giver of All Good".
fn is_courtesy(lower: &str, words: &[&str]) -> bool {
    if lower.contains("congratulat") || lower.contains("felicitat") {
        return true;
    }
    let elected = words.windows(2).any(|w| {
        matches!(w[0], "your" | "his" | "her" | "unanimous" | "the" | "whose")
            && matches!(w[1], "election" | "re-election")
    });
    if elected || lower.contains("election as president") || lower.contains("election to the presidency") {
        return true;
    }
    // Praise of the chair: "your ability and personal experience", "under
    // his wise guidance".
    const PRAISE: &[&str] = &[
        "ability",
        "abilities",
        "guidance",
        "leadership",
        "wisdom",
        "experience",
        "skill",
        "skills",
        "qualities",
        "competence",
        "stewardship",
        "presidency",
        "tenure",
    ];
    if words.iter().any(|w| matches!(*w, "your" | "his" | "her")) && words.iter().any(|w| PRAISE.contains(w)) {
        return true;
    }
    const COURTESY: &[&str] = &[
        "thank",
        "gratitude",
        "grateful",
        "appreciation",
        "tribute",
        "greetings",
        "honoured",
        "honored",
        "privileged",
        "privilege",
        "pleasure",
        "pleased",
        "delighted",
        "welcome",
    ];
    const ADDRESSED: &[&str] = &[
        "you",
        "your",
        "sir",
        "him",
        "his",
        "her",
        "predecessor",
        "secretary-general",
        "assembly",
        "session",
        "presidency",
        "providence",
        "almighty",
        "god",
        "creator",
        "giver",
        "ruler",
        "speaker",
        "address",
        "speak",
        "here",
        "forum",
        "gathering",
        "podium",
        "rostrum",
    ];
    // The substring test first: most sentences have none of these words.
    let courteous =
        COURTESY.iter().any(|c| lower.contains(c)) && words.iter().any(|w| COURTESY.iter().any(|c| w.starts_with(c)));
    courteous && words.iter().any(|w| ADDRESSED.contains(w) || w.starts_with("president"))
}

/// The length in bytes of a paragraph number at the start of `text`
/// ("69. ", "(12) ", "3) "), white space after it included; 0 when there is
/// none. A year ("1970. ") is not a paragraph number.
pub fn paragraph_number_len(text: &str) -> usize {
    let inner = text.strip_prefix('(').unwrap_or(text);
    let digits = inner.len() - inner.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return 0;
    }
    let after = &inner[digits..];
    let closed = match after.strip_prefix(['.', ')']) {
        Some(rest) if rest.starts_with(char::is_whitespace) => rest,
        _ => return 0,
    };
    text.len() - closed.trim_start().len()
}

/// True for a sentence that only makes sense after the one before it: it
/// opens with a pointer back ("This", "These", "It", "Such") or a
/// connective ("But", "However", "Therefore").
pub fn leans_on_previous(sentence: &str) -> bool {
    const OPENERS: &[&str] = &[
        "this",
        "these",
        "that",
        "those",
        "it",
        "its",
        "they",
        "their",
        "them",
        "such",
        "he",
        "she",
        "his",
        "her",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "however",
        "moreover",
        "furthermore",
        "therefore",
        "thus",
        "hence",
        "nevertheless",
        "nonetheless",
        "besides",
        "also",
        "then",
        "still",
        "otherwise",
        "consequently",
        "accordingly",
        "here",
        "there",
        "indeed",
        "instead",
        "likewise",
        "similarly",
        "meanwhile",
        "finally",
        "again",
        "nor",
        "incidentally",
        "additionally",
        "secondly",
        "thirdly",
        "lastly",
        "above",
    ];
    let s = sentence.trim_start();
    let s = s[paragraph_number_len(s)..].trim_start_matches(|c: char| !c.is_alphanumeric());
    let first: String = s.chars().take_while(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    // "That is why" and "This year" point back as much as "This".
    OPENERS.contains(&first.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greetings_and_addresses_are_recognised() {
        for greeting in [
            "Thank you.",
            "Thank you very much for your attention.",
            "Good afternoon, colleagues.",
            "Mr Kolokoltsev, comrades,",
            "Friends,",
            "Mr President, colleagues, ladies and gentlemen,",
            "(Applause.)",
            "I would like to greet you at the annual extended meeting of the Board.",
            "Fellow-Citizens of the Senate and House of Representatives:",
            "82. Mr. President, at the outset, I wish to congratulate you whole-heartedly, on your election.",
            "I should like to extend my delegation's sincere appreciation to Ambassador Hambro, your predecessor.",
            "Allow me to pay a tribute to the Secretary-General.",
            "It is a great honour for me to address this Assembly.",
            "Your election to this high office attests to the respect of the international community.",
            "We have reason to renew the expression of our devout gratitude to the Giver of All Good.",
            "Sir, on your election to the presidency of the General Assembly.",
            "We are convinced that your ability and personal experience give us solid ground to hope.",
        ] {
            assert!(is_greeting(greeting), "{greeting:?} should count as a greeting");
        }
        for content in [
            "The number of IT crimes has increased more than 10 times over the past six years.",
            "Thanksgiving traditions differ between regions of the country.",
            "We thank the farmers for a record harvest of wheat and barley.",
            "The Government I represent has recently assumed office.",
        ] {
            assert!(!is_greeting(content), "{content:?} is not a greeting");
        }
    }

    #[test]
    fn paragraph_numbers_and_sentences_leaning_back_are_recognised() {
        assert_eq!(paragraph_number_len("69. We believe."), 4);
        assert_eq!(paragraph_number_len("(12)  The Assembly met."), 6);
        assert_eq!(paragraph_number_len("1970. That year."), 0);
        assert_eq!(paragraph_number_len("3.5 per cent grew."), 0);
        assert_eq!(paragraph_number_len("We met."), 0);
        for leaning in ["This is why we act.", "But the war goes on.", "12. However, we must wait.", "That is why."] {
            assert!(leans_on_previous(leaning), "{leaning:?}");
        }
        for alone in ["The war goes on.", "Thisbe is a name.", "Butter prices rose."] {
            assert!(!leans_on_previous(alone), "{alone:?}");
        }
    }
}
