//! The language of a transcript, and what the term analysis needs of it:
//! its stop words and its Snowball stemmer.
//!
//! The language is detected from a sample of the text with `whatlang`
//! (trigram profiles compiled into the crate: no model is downloaded).
//! English keeps the project's own stop list and Porter2 (`tokens`); every
//! other language uses the ISO stop-word list of the `stop-words` crate
//! (github.com/stopwords-iso) and, where `rust-stemmers` has one, its
//! Snowball stemmer (Ukrainian, for one, has none and is not stemmed).
//!
//! The vocabulary interns a word of another language under that language
//! (`Vocabulary::term` reads the language of the analysis running on the
//! thread, set by [`with_language`]), so "die" in German is a stop word and
//! "die" in English a term, and German stems never meet English theme terms:
//! the built-in taxonomy is English, and a German speech's themes are named
//! by its key terms.

use std::cell::Cell;
use std::collections::HashSet;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// A language the analysis knows: its ISO 639-1 code, its name, its stemmer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Language(u8);

struct Known {
    code: &'static str,
    name: &'static str,
    whatlang: whatlang::Lang,
    stemmer: Option<Algorithm>,
}

const KNOWN: &[Known] = &[
    Known { code: "en", name: "English", whatlang: whatlang::Lang::Eng, stemmer: Some(Algorithm::English) },
    Known { code: "de", name: "German", whatlang: whatlang::Lang::Deu, stemmer: Some(Algorithm::German) },
    Known { code: "fr", name: "French", whatlang: whatlang::Lang::Fra, stemmer: Some(Algorithm::French) },
    Known { code: "es", name: "Spanish", whatlang: whatlang::Lang::Spa, stemmer: Some(Algorithm::Spanish) },
    Known { code: "it", name: "Italian", whatlang: whatlang::Lang::Ita, stemmer: Some(Algorithm::Italian) },
    Known { code: "pt", name: "Portuguese", whatlang: whatlang::Lang::Por, stemmer: Some(Algorithm::Portuguese) },
    Known { code: "nl", name: "Dutch", whatlang: whatlang::Lang::Nld, stemmer: Some(Algorithm::Dutch) },
    Known { code: "ru", name: "Russian", whatlang: whatlang::Lang::Rus, stemmer: Some(Algorithm::Russian) },
    Known { code: "uk", name: "Ukrainian", whatlang: whatlang::Lang::Ukr, stemmer: None },
    Known { code: "sv", name: "Swedish", whatlang: whatlang::Lang::Swe, stemmer: Some(Algorithm::Swedish) },
    Known { code: "da", name: "Danish", whatlang: whatlang::Lang::Dan, stemmer: Some(Algorithm::Danish) },
    Known { code: "nb", name: "Norwegian", whatlang: whatlang::Lang::Nob, stemmer: Some(Algorithm::Norwegian) },
    Known { code: "fi", name: "Finnish", whatlang: whatlang::Lang::Fin, stemmer: Some(Algorithm::Finnish) },
    Known { code: "hu", name: "Hungarian", whatlang: whatlang::Lang::Hun, stemmer: Some(Algorithm::Hungarian) },
    Known { code: "ro", name: "Romanian", whatlang: whatlang::Lang::Ron, stemmer: Some(Algorithm::Romanian) },
    Known { code: "tr", name: "Turkish", whatlang: whatlang::Lang::Tur, stemmer: Some(Algorithm::Turkish) },
    Known { code: "el", name: "Greek", whatlang: whatlang::Lang::Ell, stemmer: Some(Algorithm::Greek) },
    Known { code: "ar", name: "Arabic", whatlang: whatlang::Lang::Ara, stemmer: Some(Algorithm::Arabic) },
    Known { code: "ca", name: "Catalan", whatlang: whatlang::Lang::Cat, stemmer: None },
    Known { code: "pl", name: "Polish", whatlang: whatlang::Lang::Pol, stemmer: None },
];

/// Words of address, courtesy and procedure that every speech of a
/// language uses and that say nothing of its subject (written for this
/// project, as the English list in `tokens` is).
const SPEECH_WORDS: &[(&str, &str)] = &[
    (
        "de",
        "herr herrn frau damen herren kolleginnen kollegen liebe lieber meine bitte danke dank vielen nr abg \
         präsident präsidentin sehr geehrte geehrten beifall",
    ),
    ("fr", "monsieur madame messieurs mesdames chers chères merci président présidente applaudissements"),
    ("es", "señor señora señores señoras gracias presidente presidenta bueno pues aplausos"),
    ("it", "signor signora signori colleghi grazie presidente applausi"),
    ("ru", "уважаемые уважаемый коллеги спасибо господин госпожа президент пожалуйста"),
    ("uk", "шановні шановний колеги дякую пане пані президенте будь ласка"),
];

/// How much of a text the detector reads.
const SAMPLE_BYTES: usize = 3000;

impl Language {
    pub const ENGLISH: Language = Language(0);

    fn known(self) -> &'static Known {
        KNOWN.get(self.0 as usize).unwrap_or(&KNOWN[0])
    }

    /// ISO 639-1 code, e.g. "de".
    pub fn code(self) -> &'static str {
        self.known().code
    }

    /// The language's English name, e.g. "German".
    pub fn name(self) -> &'static str {
        self.known().name
    }

    pub fn is_english(self) -> bool {
        self == Language::ENGLISH
    }

    /// True for a stop word of this language (`lower` lower-cased): the ISO
    /// list, and the forms of address and courtesy of a parliament or a
    /// briefing (`SPEECH_WORDS`, as the English list has "mr" and "thank").
    pub fn is_stop_word(self, lower: &str) -> bool {
        if SPEECH_WORDS.iter().any(|(code, words)| *code == self.code() && words.split(' ').any(|w| w == lower)) {
            return true;
        }
        static LISTS: OnceLock<Vec<HashSet<&'static str>>> = OnceLock::new();
        let lists = LISTS.get_or_init(|| {
            KNOWN.iter().map(|k| stop_words::lookup(k.code).unwrap_or(&[]).iter().copied().collect()).collect()
        });
        lists.get(self.0 as usize).is_some_and(|l| l.contains(lower))
    }

    /// The word's stem in this language (the word itself when the language
    /// has no stemmer).
    pub fn stem(self, lower: &str) -> String {
        static STEMMERS: OnceLock<Vec<Option<Stemmer>>> = OnceLock::new();
        let stemmers = STEMMERS.get_or_init(|| KNOWN.iter().map(|k| k.stemmer.map(Stemmer::create)).collect());
        match stemmers.get(self.0 as usize).and_then(Option::as_ref) {
            Some(s) => s.stem(lower).into_owned(),
            None => lower.to_string(),
        }
    }
}

/// The language of `text`, from a sample of it; English when the detector
/// is unsure or finds a language this analysis does not know.
pub fn detect(text: &str) -> Language {
    if looks_english(text) {
        return Language::ENGLISH;
    }
    // Three windows spread over the text: a list of names or a table at the
    // top does not decide alone.
    let mut sample = String::new();
    for k in 0..3 {
        let mut start = text.len() * k / 3;
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + SAMPLE_BYTES / 3).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        sample.push_str(&text[start..end]);
        sample.push('\n');
    }
    let Some(info) = whatlang::detect(&sample) else { return Language::ENGLISH };
    if !info.is_reliable() && info.confidence() < 0.3 {
        return Language::ENGLISH;
    }
    KNOWN.iter().position(|k| k.whatlang == info.lang()).map_or(Language::ENGLISH, |i| Language(i as u8))
}

/// A fast answer for the common case, before any trigram is counted: the
/// start of the text is plain ASCII where "the", "and", "of" and "to" make
/// up a good part of the words, as they do in any English prose.
fn looks_english(text: &str) -> bool {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample.bytes().filter(|b| !b.is_ascii()).count() * 50 > sample.len() {
        return false;
    }
    let (mut words, mut function) = (0usize, 0usize);
    for word in sample.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()) {
        words += 1;
        if ["the", "and", "of", "to", "The"].contains(&word) {
            function += 1;
        }
    }
    words >= 20 && function * 100 >= words * 8
}

thread_local! {
    static CURRENT: Cell<Language> = const { Cell::new(Language::ENGLISH) };
}

/// The language the analysis on this thread reads words in.
pub fn current() -> Language {
    CURRENT.with(Cell::get)
}

/// Runs `f` with words read in `language` on this thread, then restores
/// the language that was set before (also when `f` panics).
pub fn with_language<T>(language: Language, f: impl FnOnce() -> T) -> T {
    struct Restore(Language);
    impl Drop for Restore {
        fn drop(&mut self) {
            CURRENT.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(CURRENT.with(|c| c.replace(language)));
    f()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_detected_and_have_their_stop_words() {
        let german = "Die Bundesregierung hat heute beschlossen, dass die Schulen und die Kindergärten im ganzen \
                      Land wieder geöffnet werden. Wir haben lange darüber gesprochen, und es war keine leichte \
                      Entscheidung für uns alle.";
        let russian = "Уважаемые коллеги! Сегодня мы обсудим развитие экономики и поддержку малого бизнеса в \
                       регионах. Это очень важная задача, и мы должны решить её вместе.";
        assert_eq!(detect(german).name(), "German");
        assert_eq!(detect(russian).name(), "Russian");
        assert!(detect("The budget of the federal government grew again this year.").is_english());
        assert!(detect("").is_english());
        let de = detect(german);
        assert!(de.is_stop_word("die") && de.is_stop_word("und") && !de.is_stop_word("schulen"));
        assert_eq!(de.stem("schulen"), de.stem("schule"));
        let ru = detect(russian);
        assert!(ru.is_stop_word("что") && ru.is_stop_word("мы"));
        assert_eq!(with_language(de, current), de);
        assert!(current().is_english());
    }
}
