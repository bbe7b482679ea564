//! Greetings, thanks and forms of address: sentences that open or close a
//! speech without saying what it is about ("Thank you.", "Good afternoon,
//! colleagues.", "Mr President, friends,"). Summaries skip them, and anything
//! else that shows "what this part is about" should too.

/// True for sentences that greet, thank or address people rather than say
/// something: "Thank you.", "Good afternoon, colleagues.", "Mr President,",
/// "Friends,". Such a sentence never makes a good summary.
pub fn is_greeting(sentence: &str) -> bool {
    let s = sentence.trim().trim_start_matches(['“', '"', '«', '‘', '\'']);
    let lower = s.to_lowercase();
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
    ];
    let starts_like_greeting = OPENERS
        .iter()
        .any(|o| lower.starts_with(o) && lower[o.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()));
    // A long sentence that merely opens with thanks may still carry content
    // ("Thank you for the report on crime in ..."), but such openings are
    // rarely the best summary, so short and long alike are rejected.
    starts_like_greeting || words.len() < 4
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
        ] {
            assert!(is_greeting(greeting), "{greeting:?} should count as a greeting");
        }
        for content in [
            "The number of IT crimes has increased more than 10 times over the past six years.",
            "Thanksgiving traditions differ between regions of the country.",
        ] {
            assert!(!is_greeting(content), "{content:?} is not a greeting");
        }
    }
}
