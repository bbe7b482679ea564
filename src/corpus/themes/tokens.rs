//! Words and terms: splits text into word spans and interns each distinct
//! lower-cased word's English (Porter2) stem as a small integer `TermId`.
//!
//! Stemming is the expensive step, so a `Vocabulary` stems each distinct word
//! once and remembers the answer (including "no term" for stop words and
//! numbers); after that a word costs one hash lookup. The vocabulary is shared
//! by every thread that indexes the corpus (`&self` methods, sharded locks), so
//! parallel indexing agrees on ids. Ids are never reused or forgotten: a
//! vocabulary only grows, which keeps ids stored in statistics valid.
//!
//! API in short:
//! - `word_spans(text)`: byte spans of words (letters/digits with inner `'`, `’`, `-`).
//! - `is_stop_word(lower)`: the built-in English stop list.
//! - `Vocabulary::term(word)` interns, `lookup(word)` only looks; `stem(id)`,
//!   `display(id)` (the shortest lower-case surface form seen) read back;
//!   `order_keys(ids)` gives each term a key that depends on its stem alone.
//!
//! Ids depend on the order words were first seen, which parallel indexing
//! makes different on every run: nothing a user sees may depend on an id's
//! value (ties are broken by `order_keys`, see `ties`), and the display form
//! is the shortest spelling, not the first one met.
//! - `fast_hash` / `FastHashMap` (from `fasthash`, re-exported): the cheap
//!   hasher used for interning, shared with `stats` and `keyterms`.

use std::sync::{Mutex, RwLock};

use crate::corpus::text::Span;
// Re-exported so that every themes module finds the hasher next to the ids.
use crate::corpus::text::fasthash::mixed_hash;
pub use crate::corpus::text::fasthash::{FastHashMap, FastHasher, fast_hash};
use crate::corpus::themes::language::{Language, current as current_language};

/// A stemmed term: the index of its stem in a `Vocabulary`.
pub type TermId = u32;

/// Splits `text` into words: maximal runs of letters and digits, where an
/// apostrophe (`'` or `’`) or a hyphen joins two runs when it has a letter or
/// digit on both sides ("people’s", "out-of-print", "COVID-19"). Everything
/// else (spaces, punctuation, symbols) separates words.
pub fn word_spans(text: &str) -> WordSpans<'_> {
    WordSpans { text, pos: 0 }
}

/// Iterator returned by [`word_spans`].
pub struct WordSpans<'t> {
    text: &'t str,
    pos: usize,
}

impl Iterator for WordSpans<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        // Skip to the first word character.
        let start = loop {
            let (c, len) = char_at(self.text, self.pos)?;
            if is_word_char(c) {
                break self.pos;
            }
            self.pos += len;
        };
        let mut end = start;
        while let Some((c, len)) = char_at(self.text, end) {
            if is_word_char(c) {
                end += len;
                continue;
            }
            if is_joiner(c) && end > start {
                // A joiner counts only when a word character follows it.
                if let Some((next, _)) = char_at(self.text, end + len)
                    && is_word_char(next)
                {
                    end += len;
                    continue;
                }
            }
            break;
        }
        self.pos = end;
        Some(Span::new(start, end))
    }
}

/// The character starting at byte `pos`, with its UTF-8 length; ASCII is the
/// fast path because nearly every byte of an English transcript is ASCII.
#[inline]
fn char_at(text: &str, pos: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(pos)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    let c = text.get(pos..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { c.is_alphanumeric() }
}

#[inline]
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‑')
}

/// True for the built-in English stop words. `lower` must be lower-case;
/// curly apostrophes are accepted ("don’t").
pub fn is_stop_word(lower: &str) -> bool {
    if lower.contains('’') {
        return stop_words().contains(lower.replace('’', "'").as_str());
    }
    stop_words().contains(lower)
}

fn stop_words() -> &'static std::collections::HashSet<&'static str> {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.split_whitespace().collect())
}

/// Function words, auxiliaries, pronouns, and the discourse words of speeches
/// ("thank", "colleagues", "also") that carry no theme. Kept short of content
/// words: "state", "people", "work" can be key terms.
const STOP_WORDS: &str = "
a about above across after afterwards again against all almost alone along already also although always am among
amongst an and another any anybody anyhow anyone anything anyway anywhere are aren't around as at back be became
because become becomes becoming been before beforehand behind being below beside besides between beyond both but by
can can't cannot could couldn't did didn't do does doesn't doing don't done down during each either else elsewhere
enough etc even ever every everybody everyone everything everywhere except few first for former formerly from further
furthermore get gets getting give given go goes going gone got had hadn't has hasn't have haven't having he he'd he'll
he's hence her here here's hereafter hereby herein hers herself him himself his how how's however i i'd i'll i'm i've
ie if in indeed instead into is isn't it it's its itself just last later latter least less let let's like likely
made make makes making many may maybe me meanwhile might mine more moreover most mostly much must mustn't my myself
namely neither never nevertheless next no nobody none noone nor not nothing now nowhere of off often on once one ones
only onto or other others otherwise ought our ours ourselves out over own per perhaps please put quite rather re
really regarding said same say says see seem seemed seeming seems several shall shan't she she'd she'll she's should
shouldn't since so some somebody somehow someone something sometime sometimes somewhat somewhere still such take
taken than that that's the their theirs them themselves then thence there there's thereafter thereby therefore
therein thereupon these they they'd they'll they're they've thing things this those though through throughout thru
thus to together too toward towards under unless until up upon us use used uses using very via was wasn't we we'd
we'll we're we've well were weren't what what's whatever when when's whence whenever where where's whereafter whereas
whereby wherein whereupon wherever whether which while whither who who's whoever whole whom whose why why's will with
within without won't would wouldn't yes yet you you'd you'll you're you've your yours yourself yourselves
mr mrs ms dr sir madam ladies gentlemen colleagues friends dear thank thanks thankyou hello good morning afternoon
evening okay ok oh um uh yeah applause laughter et al
also want wish like know think believe would said say tell told ask asked
";

/// The interning table: lower-cased word → term (or none), stem → id.
///
/// Words live in shards chosen by hash, each behind its own `RwLock`, so
/// threads reading known words rarely contend. New stems take one short
/// global lock, which happens once per distinct stem in the corpus.
pub struct Vocabulary {
    word_shards: Vec<RwLock<FastHashMap<Box<str>, Option<TermId>>>>,
    stems: Mutex<StemTable>,
    stemmer: rust_stemmers::Stemmer,
    /// Tells this vocabulary's entries apart in the per-thread caches.
    id: u64,
}

/// Per-thread memo of `Vocabulary::term` answers, for one vocabulary at a
/// time. Reading a shared lock costs a cache-line transfer between cores on
/// every call, which made two indexing threads slower than one; answers never
/// change once given (ids are never reused), so each thread may keep its own.
struct ThreadCache {
    vocabulary: u64,
    words: FastHashMap<Box<str>, Option<TermId>>,
}

thread_local! {
    static THREAD_CACHE: std::cell::RefCell<ThreadCache> =
        std::cell::RefCell::new(ThreadCache { vocabulary: 0, words: FastHashMap::default() });
}

/// A thread's cache is dropped when it grows past this many words.
const THREAD_CACHE_LIMIT: usize = 1 << 20;

static NEXT_VOCABULARY_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

#[derive(Default)]
struct StemTable {
    ids: FastHashMap<Box<str>, TermId>,
    /// Indexed by TermId: (stem, first lower-case surface form).
    entries: Vec<(Box<str>, Box<str>)>,
}

const SHARDS: usize = 32;

impl Default for Vocabulary {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Vocabulary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Vocabulary({} terms)", self.len())
    }
}

impl Vocabulary {
    pub fn new() -> Self {
        Vocabulary {
            word_shards: (0..SHARDS).map(|_| RwLock::new(FastHashMap::default())).collect(),
            stems: Mutex::new(StemTable::default()),
            stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
            id: NEXT_VOCABULARY_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// Number of distinct terms (stems) interned so far.
    pub fn len(&self) -> usize {
        self.stems.lock().map(|t| t.entries.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The term of `word` (any case), interning it on first sight. Stop words,
    /// pure numbers and words without a letter have no term.
    pub fn term(&self, word: &str) -> Option<TermId> {
        let language = current_language();
        if !language.is_english() {
            return self.term_in(language, word);
        }
        let lower = lower_case(word);
        let cached = THREAD_CACHE.with(|cache| {
            let mut cache = cache.try_borrow_mut().ok()?;
            if cache.vocabulary != self.id {
                cache.vocabulary = self.id;
                cache.words.clear();
            }
            cache.words.get(lower.as_ref()).copied()
        });
        if let Some(known) = cached {
            return known;
        }
        let term = self.term_shared(&lower);
        THREAD_CACHE.with(|cache| {
            if let Ok(mut cache) = cache.try_borrow_mut()
                && cache.vocabulary == self.id
            {
                if cache.words.len() >= THREAD_CACHE_LIMIT {
                    cache.words.clear();
                }
                cache.words.insert(lower.as_ref().into(), term);
            }
        });
        term
    }

    /// `term` without this thread's memo, for callers that keep their own
    /// (`counting`): memoizing twice would only double the memory.
    pub(crate) fn term_unmemoized(&self, word: &str) -> Option<TermId> {
        let language = current_language();
        if !language.is_english() {
            return self.term_in(language, word);
        }
        self.term_shared(&lower_case(word))
    }

    /// `term` for a word of another language than English: its own stop
    /// words and stemmer, and stems kept apart from English ones (a stem is
    /// stored as `code:stem`). The word tables key it the same way.
    fn term_in(&self, language: Language, word: &str) -> Option<TermId> {
        let lower = word.to_lowercase();
        let key = format!("{}\u{1f}{lower}", language.code());
        let shard = &self.word_shards[shard_of(&key)];
        if let Some(known) = shard.read().ok().and_then(|m| m.get(key.as_str()).copied()) {
            return known;
        }
        let term = self.stem_in(language, &lower).and_then(|stem| self.intern(stem, &lower));
        if let Ok(mut map) = shard.write() {
            map.insert(key.into(), term);
        }
        term
    }

    fn stem_in(&self, language: Language, lower: &str) -> Option<String> {
        let letters = lower.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 2 || language.is_stop_word(lower) {
            return None;
        }
        let stem = language.stem(lower);
        (!stem.is_empty()).then(|| format!("{}:{stem}", language.code()))
    }

    /// Tells vocabularies apart, for per-thread memos of their answers.
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    /// `term` through the shared, locked tables.
    fn term_shared(&self, lower: &str) -> Option<TermId> {
        let shard = &self.word_shards[shard_of(lower)];
        if let Some(known) = shard.read().ok().and_then(|m| m.get(lower).copied()) {
            return known;
        }
        let term = self.intern_stem(lower);
        if let Ok(mut map) = shard.write() {
            map.insert(lower.into(), term);
        }
        term
    }

    /// The term of `word` if it has been interned; never adds anything.
    /// Useful for query words (a hover) that must not grow the vocabulary.
    pub fn lookup(&self, word: &str) -> Option<TermId> {
        let language = current_language();
        if !language.is_english() {
            let key = format!("{}\u{1f}{}", language.code(), word.to_lowercase());
            let shard = &self.word_shards[shard_of(&key)];
            return shard.read().ok().and_then(|m| m.get(key.as_str()).copied()).flatten();
        }
        let lower = lower_case(word);
        let shard = &self.word_shards[shard_of(&lower)];
        if let Some(known) = shard.read().ok().and_then(|m| m.get(lower.as_ref()).copied()) {
            return known;
        }
        // A different surface form of a known stem ("Crimes" after "crime").
        let stem = self.stem_of_lower(&lower)?;
        self.stems.lock().ok()?.ids.get(stem.as_str()).copied()
    }

    /// The stem behind `id` ("" for an id this vocabulary never gave out).
    pub fn stem(&self, id: TermId) -> String {
        self.stems.lock().ok().and_then(|t| t.entries.get(id as usize).map(|e| e.0.to_string())).unwrap_or_default()
    }

    /// A readable form of `id`: the shortest lower-case word seen with this
    /// stem (then the first in alphabetical order).
    pub fn display(&self, id: TermId) -> String {
        self.stems.lock().ok().and_then(|t| t.entries.get(id as usize).map(|e| e.1.to_string())).unwrap_or_default()
    }

    /// A key for each term that depends on its stem only (a hash of it), for
    /// breaking ties between terms the same way in every process; one lock
    /// for the whole batch. An id this vocabulary never gave out gets 0.
    pub fn order_keys(&self, ids: &[TermId]) -> Vec<u64> {
        let Ok(table) = self.stems.lock() else { return vec![0; ids.len()] };
        ids.iter().map(|&id| table.entries.get(id as usize).map_or(0, |e| mixed_hash(e.0.as_bytes()))).collect()
    }

    /// The stem a word would get, without interning: `None` for stop words
    /// and numbers. Used to compare phrases (e.g. gold key phrases).
    pub fn stem_word(&self, word: &str) -> Option<String> {
        self.stem_of_lower(&lower_case(word))
    }

    fn stem_of_lower(&self, lower: &str) -> Option<String> {
        // One-character words are initials and list markers ("B", "E"), not terms.
        if is_stop_word(lower) || !lower.chars().any(|c| c.is_alphabetic()) || lower.chars().nth(1).is_none() {
            return None;
        }
        // Porter2 knows the straight apostrophe only.
        let straight;
        let input = if lower.contains('’') {
            straight = lower.replace('’', "'");
            straight.as_str()
        } else {
            lower
        };
        let stem = self.stemmer.stem(input);
        let stem = stem.trim_end_matches("'s").trim_end_matches('\'');
        (!stem.is_empty()).then(|| stem.to_string())
    }

    fn intern_stem(&self, lower: &str) -> Option<TermId> {
        let stem = self.stem_of_lower(lower)?;
        self.intern(stem, lower)
    }

    /// The id of `stem`, seen as the surface form `lower`, interning both.
    fn intern(&self, stem: String, lower: &str) -> Option<TermId> {
        let mut table = self.stems.lock().ok()?;
        if let Some(&id) = table.ids.get(stem.as_str()) {
            // The shortest spelling (then the first in alphabetical order),
            // whichever thread met which word first.
            let display = &mut table.entries[id as usize].1;
            if (lower.len(), lower) < (display.len(), &**display) {
                *display = lower.into();
            }
            return Some(id);
        }
        let id = TermId::try_from(table.entries.len()).ok()?;
        table.ids.insert(stem.clone().into_boxed_str(), id);
        table.entries.push((stem.into_boxed_str(), lower.into()));
        Some(id)
    }
}

/// Lower-cases without allocating when the word is already lower-case ASCII.
fn lower_case(word: &str) -> std::borrow::Cow<'_, str> {
    if word.bytes().all(|b| !b.is_ascii_uppercase() && b < 0x80) {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    }
}

fn shard_of(lower: &str) -> usize {
    (fast_hash(lower.as_bytes()) as usize) % SHARDS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        word_spans(text).map(|s| s.slice(text)).collect()
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        assert_eq!(
            words("The people’s out-of-print COVID-19 books -- don't 'quote' end-"),
            ["The", "people’s", "out-of-print", "COVID-19", "books", "don't", "quote", "end"]
        );
        assert_eq!(words("Сергей Лавров, 2021; café"), ["Сергей", "Лавров", "2021", "café"]);
        assert!(words("  ...  ").is_empty());
    }

    #[test]
    fn same_stem_same_id_and_stop_words_have_none() {
        let vocab = Vocabulary::new();
        let crime = vocab.term("crime").expect("a content word has a term");
        assert_eq!(vocab.term("Crimes"), Some(crime));
        assert_eq!(vocab.term("CRIME"), Some(crime));
        assert_ne!(vocab.term("police"), Some(crime));
        assert_eq!(vocab.term("the"), None);
        assert_eq!(vocab.term("The"), None);
        assert_eq!(vocab.term("don’t"), None);
        assert_eq!(vocab.term("2020"), None);
        assert_eq!(vocab.stem(crime), "crime");
        assert_eq!(vocab.display(crime), "crime");
        assert_eq!(vocab.term("people’s"), vocab.term("people"));
    }

    #[test]
    fn each_vocabulary_numbers_its_own_terms() {
        let first = Vocabulary::new();
        for word in ["alpha", "beta", "gamma", "police"] {
            first.term(word);
        }
        // Same thread, new vocabulary: the per-thread memo must not leak ids.
        let second = Vocabulary::new();
        assert_eq!(second.term("police"), Some(0));
        assert_eq!(first.term("police"), Some(3));
        assert_eq!(second.term("police"), Some(0));
    }

    #[test]
    fn lookup_never_interns() {
        let vocab = Vocabulary::new();
        assert_eq!(vocab.lookup("internet"), None);
        let id = vocab.term("internet");
        assert_eq!(vocab.lookup("Internet"), id);
        assert_eq!(vocab.len(), 1);
        assert_eq!(vocab.lookup("policing"), None);
        assert_eq!(vocab.len(), 1);
    }

    #[test]
    fn threads_agree_on_ids() {
        let vocab = Vocabulary::new();
        let words = ["security", "secure", "economy", "economic", "police", "policing"];
        let ids: Vec<Vec<Option<TermId>>> = std::thread::scope(|s| {
            let handles: Vec<_> =
                (0..4).map(|_| s.spawn(|| words.iter().map(|w| vocab.term(w)).collect::<Vec<_>>())).collect();
            handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
        });
        assert!(ids.windows(2).all(|w| w[0] == w[1]));
        assert!(ids[0].iter().all(Option::is_some));
    }
}
