//! Key terms of a text region: the 1-3-word phrases that best say what it is
//! about, with readable surface forms ("cybercrime", "internet resources").
//!
//! Candidates are the stemmed, stop-word-free phrases of `stats::for_each_ngram`
//! (never across punctuation, a stop word or an adverb). Each is scored by
//! fusing contrast against the corpus (its words' TF-IDF, summed, and the
//! phrase's own TF-IDF, both from `CorpusStats` document frequencies) with
//! in-document features in the manner of YAKE: position of first use, spread
//! over sentences, capitalisation mid-sentence, and cohesion (how often its
//! words occur together rather than apart). Near-duplicates (a phrase inside
//! a better one with a similar score, or the same stems in another order) are
//! removed before the top `k` are returned. When the corpus has fewer than
//! `MIN_CORPUS_DOCUMENTS` documents, the file's own paragraphs serve as the
//! documents for TF-IDF.
//!
//! Call `key_terms(text, regions, vocab, stats, k)` on one file's whole text;
//! the regions are the byte spans to analyse (a section, or the whole body).
//! `KeyTerm::terms` holds the term ids so a hover can count occurrences
//! (`DocTerms::count`, `CorpusStats::df`). The weights in `KeyTermConfig`
//! were chosen on Inspec and 500N-KPCrowd together (`examples/eval_keyterms.rs --grid`).

use crate::corpus::text::Span;
use crate::corpus::themes::stats::{
    CorpusStats, MAX_NGRAM, TermToken, doc_terms_of_tokens, for_each_ngram, term_tokens,
};
use crate::corpus::themes::tokens::{FastHashMap, TermId, Vocabulary};

pub use crate::corpus::themes::stats::{DocTerms, doc_terms};

/// One key term of a region.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyTerm {
    /// The form a person reads: the most frequent spelling in the region,
    /// lower-cased unless it is a name or an acronym there.
    pub text: String,
    /// Relative to the best term of the same call (1.0); higher is better.
    pub score: f64,
    /// The phrase's term ids, in order (1 to 3).
    pub terms: Vec<TermId>,
    /// Occurrences of the phrase in the analysed regions.
    pub count: u32,
    /// Where it first occurs.
    pub first: Span,
}

/// The weights of the fusion. `Default` is the one configuration used
/// everywhere (hovers, outline, and both evaluation sets).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeyTermConfig {
    /// A phrase's word weights are summed and divided by `words^length_exponent`:
    /// 1 averages (short phrases win), 0 adds (long phrases win).
    pub length_exponent: f64,
    /// Contrast with the corpus: a word's weight is `(1 + ln tf) * idf^idf_exponent`.
    pub idf_exponent: f64,
    /// Exponent of the phrase's own TF-IDF (phrase document frequency) in the score.
    pub phrase_weight: f64,
    /// How much a phrase whose words mostly occur apart is penalised.
    pub cohesion_weight: f64,
    /// Boost for phrases used early in the region.
    pub position_weight: f64,
    /// Boost for phrases capitalised mid-sentence (names) or written as acronyms.
    pub case_weight: f64,
    /// Boost for phrases spread over many sentences rather than one burst.
    pub spread_weight: f64,
    /// A candidate inside (or containing) a better one is dropped when its
    /// score is at least this fraction of the better one's.
    pub duplicate_ratio: f64,
    /// When false, all in-document features are off and the score is plain
    /// TF-IDF of the phrase with no duplicate removal: the evaluation baseline.
    pub fused: bool,
}

impl Default for KeyTermConfig {
    fn default() -> Self {
        KeyTermConfig {
            length_exponent: 0.0,
            idf_exponent: 1.0,
            phrase_weight: 2.0,
            cohesion_weight: 0.5,
            position_weight: 0.5,
            case_weight: 0.25,
            spread_weight: 0.5,
            duplicate_ratio: 0.5,
            fused: true,
        }
    }
}

/// The `k` best key terms of the given regions of `text`, best first.
pub fn key_terms(text: &str, regions: &[Span], vocab: &Vocabulary, stats: &CorpusStats, k: usize) -> Vec<KeyTerm> {
    key_terms_with(text, regions, vocab, stats, k, &KeyTermConfig::default())
}

/// `key_terms` with explicit weights (used by the evaluation).
pub fn key_terms_with(
    text: &str,
    regions: &[Span],
    vocab: &Vocabulary,
    stats: &CorpusStats,
    k: usize,
    config: &KeyTermConfig,
) -> Vec<KeyTerm> {
    // With almost no corpus (a folder holding one speech), document
    // frequencies say nothing; the file's own paragraphs stand in for
    // documents, so words used everywhere in the speech still count as common.
    let paragraph_stats;
    let stats = if stats.documents() < MIN_CORPUS_DOCUMENTS {
        paragraph_stats = paragraphs_as_documents(text, vocab);
        &paragraph_stats
    } else {
        stats
    };
    let tokens = term_tokens(text, regions, vocab);
    let candidates = collect_candidates(text, &tokens);
    if candidates.is_empty() || k == 0 {
        return Vec::new();
    }
    let sentences = tokens.last().map_or(1, |t| t.sentence + 1) as f64;
    let unigram_tf: FastHashMap<TermId, u32> =
        candidates.iter().filter(|c| c.len == 1).map(|c| (c.ids[0], c.tf)).collect();
    let word_weight = |t: TermId| {
        let tf = unigram_tf.get(&t).copied().unwrap_or(1) as f64;
        (1.0 + tf.ln()) * stats.idf(&[t]).powf(config.idf_exponent)
    };
    let mut scored: Vec<(f64, &Candidate)> = candidates
        .iter()
        .map(|c| {
            let ids = c.ids();
            let tf = c.tf as f64;
            if !config.fused {
                return ((1.0 + tf.ln()) * stats.idf(ids), c);
            }
            let n = ids.len() as f64;
            let sum: f64 = ids.iter().map(|&t| word_weight(t)).sum();
            let mut score = sum / n.powf(config.length_exponent);
            if c.len > 1 {
                // Words that mostly occur apart ("street" ×9, "street rallies"
                // ×1) make a weak phrase.
                let max_word_tf = ids.iter().map(|t| unigram_tf.get(t).copied().unwrap_or(1)).max().unwrap_or(1);
                let cohesion = ((1.0 + tf.ln()) / (1.0 + (max_word_tf as f64).ln())).min(1.0);
                score *= cohesion.powf(config.cohesion_weight);
            }
            // Contrast of the phrase itself: its own TF-IDF.
            score *= ((1.0 + tf.ln()) * stats.idf(ids)).powf(config.phrase_weight);
            let position = 1.0 / (1.0 + c.first_sentence as f64).sqrt();
            score *= 1.0 + config.position_weight * position;
            score *= 1.0 + config.case_weight * (c.proper as f64 / tf);
            let spread = c.sentences as f64 / sentences;
            score *= 1.0 + config.spread_weight * spread;
            (score, c)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.first_token.cmp(&b.1.first_token)));

    let mut chosen: Vec<(f64, &Candidate)> = Vec::new();
    for (score, cand) in scored {
        if chosen.len() >= k {
            break;
        }
        if config.fused && chosen.iter().any(|&(s, c)| is_near_duplicate(cand, score, c, s, config.duplicate_ratio)) {
            continue;
        }
        chosen.push((score, cand));
    }
    // Scores are reported relative to the best term (1.0), which reads well
    // in a hover and does not depend on the corpus size.
    let top = chosen.first().map_or(1.0, |c| c.0).max(f64::MIN_POSITIVE);
    chosen
        .into_iter()
        .map(|(score, c)| KeyTerm {
            text: c.display(),
            score: score / top,
            terms: c.ids().to_vec(),
            count: c.tf,
            first: c.first_span,
        })
        .collect()
}

/// Below this many documents, corpus statistics are replaced by the file's
/// paragraphs.
pub const MIN_CORPUS_DOCUMENTS: u32 = 20;

/// A small corpus made of the text's own paragraphs, one document each.
pub fn paragraphs_as_documents(text: &str, vocab: &Vocabulary) -> CorpusStats {
    let mut stats = CorpusStats::new();
    let mut start = 0;
    let mut add = |span: Span| {
        let tokens = term_tokens(text, &[span], vocab);
        if !tokens.is_empty() {
            stats.add_document(&doc_terms_of_tokens(&tokens));
        }
    };
    let mut rest = text;
    while let Some(pos) = rest.find("\n\n").or_else(|| rest.find("\n\r\n")) {
        let end = start + pos;
        add(Span::new(start, end));
        let skip = if rest[pos..].starts_with("\n\n") { 2 } else { 3 };
        start = end + skip;
        rest = text.get(start..).unwrap_or("");
    }
    add(Span::new(start, text.len()));
    stats
}

/// A phrase occurring in the region, with the features the score uses.
struct Candidate<'t> {
    ids: [TermId; MAX_NGRAM],
    len: usize,
    tf: u32,
    first_token: usize,
    first_span: Span,
    first_sentence: u32,
    /// Distinct sentences it occurs in (occurrences come in sentence order).
    sentences: u32,
    last_sentence: u32,
    /// Occurrences capitalised mid-sentence or written as an acronym.
    proper: u32,
    /// Spellings seen, with counts, in first-seen order.
    spellings: Vec<(&'t str, u32)>,
}

impl Candidate<'_> {
    fn ids(&self) -> &[TermId] {
        &self.ids[..self.len]
    }

    /// The most frequent spelling, whitespace collapsed; lower-cased unless
    /// most occurrences were names or acronyms.
    fn display(&self) -> String {
        let best = self.spellings.iter().max_by_key(|s| s.1).map_or("", |s| s.0);
        let joined = best.split_whitespace().collect::<Vec<_>>().join(" ");
        // "Hollywood Boulevard's" reads as the name itself.
        let joined = joined.strip_suffix("'s").or_else(|| joined.strip_suffix("’s")).unwrap_or(&joined).to_string();
        if self.proper * 2 > self.tf { joined } else { lower_keeping_acronyms(&joined) }
    }
}

fn lower_keeping_acronyms(phrase: &str) -> String {
    phrase
        .split(' ')
        .map(|w| if is_acronym(w) { w.to_string() } else { w.to_lowercase() })
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

fn collect_candidates<'t>(text: &'t str, tokens: &[TermToken]) -> Vec<Candidate<'t>> {
    let mut index: FastHashMap<([TermId; MAX_NGRAM], usize), usize> = FastHashMap::default();
    let mut out: Vec<Candidate<'t>> = Vec::new();
    for_each_ngram(tokens, |i, ids| {
        let n = ids.len();
        let (Some(first), Some(last)) = (tokens.get(i), tokens.get(i + n - 1)) else { return };
        let span = Span::new(first.span.start, last.span.end);
        let spelling = span.slice(text);
        let sentence_initial = i == 0 || tokens.get(i - 1).is_none_or(|p| p.sentence != first.sentence);
        let proper = tokens[i..i + n].iter().all(|t| {
            let w = t.span.slice(text);
            is_acronym(w) || (!sentence_initial && w.chars().next().is_some_and(char::is_uppercase))
        });
        let mut key = [0; MAX_NGRAM];
        key[..n].copy_from_slice(ids);
        let slot = *index.entry((key, n)).or_insert_with(|| {
            out.push(Candidate {
                ids: key,
                len: n,
                tf: 0,
                first_token: i,
                first_span: span,
                first_sentence: first.sentence,
                sentences: 0,
                last_sentence: u32::MAX,
                proper: 0,
                spellings: Vec::new(),
            });
            out.len() - 1
        });
        let cand = &mut out[slot];
        cand.tf += 1;
        if cand.last_sentence != first.sentence {
            cand.sentences += 1;
            cand.last_sentence = first.sentence;
        }
        cand.proper += proper as u32;
        match cand.spellings.iter_mut().find(|s| s.0 == spelling) {
            Some(s) => s.1 += 1,
            None => cand.spellings.push((spelling, 1)),
        }
    });
    out
}

/// True when `cand` adds nothing to the already chosen `better`: the same
/// stems in another order, or one phrase inside the other with a score
/// within `ratio` of the better one.
fn is_near_duplicate(cand: &Candidate, score: f64, better: &Candidate, better_score: f64, ratio: f64) -> bool {
    let (a, b) = (cand.ids(), better.ids());
    if a.len() == b.len() {
        let mut x = a.to_vec();
        let mut y = b.to_vec();
        x.sort_unstable();
        y.sort_unstable();
        return x == y;
    }
    let contained = if a.len() < b.len() { contains_run(b, a) } else { contains_run(a, b) };
    contained && score >= ratio * better_score
}

fn contains_run(long: &[TermId], short: &[TermId]) -> bool {
    long.windows(short.len()).any(|w| w == short)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::themes::stats::doc_terms;

    const SEED: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/000_dfd047e8c9417aac.txt"));

    fn whole(text: &str) -> [Span; 1] {
        [Span::new(0, text.len())]
    }

    fn render(terms: &[KeyTerm]) -> String {
        terms.iter().map(|t| format!("{} ×{}\n", t.text, t.count)).collect()
    }

    /// Statistics over the given documents, with a shared vocabulary.
    fn corpus(docs: &[&str]) -> (Vocabulary, CorpusStats) {
        let vocab = Vocabulary::new();
        let mut stats = CorpusStats::new();
        for doc in docs {
            stats.add_document(&doc_terms(doc, &vocab));
        }
        (vocab, stats)
    }

    #[test]
    fn seed_key_terms_with_only_itself_as_corpus() {
        let (vocab, stats) = corpus(&[SEED]);
        let terms = key_terms(SEED, &whole(SEED), &vocab, &stats, 12);
        expect_test::expect![[r#"
            local police officers ×2
            law ×7
            internal affairs agencies ×2
            Interior Ministry ×2
            crime ×9
            work ×4
            improve ×4
            situation ×4
            technologies ×4
            protect ×4
            time ×8
            public safety ×2
        "#]]
        .assert_eq(&render(&terms));
    }

    #[test]
    fn a_phrase_inside_a_better_one_is_dropped() {
        let text = "Local police officers patrol. Local police officers protect. Local police officers help. \
                    Budget talks stalled.";
        let (vocab, stats) = corpus(&[text, "The weather was fine.", "Police stations opened."]);
        let terms = key_terms(text, &whole(text), &vocab, &stats, 10);
        let texts: Vec<&str> = terms.iter().map(|t| t.text.as_str()).collect();
        assert!(texts.contains(&"local police officers"), "{texts:?}");
        assert!(!texts.contains(&"police officers") && !texts.contains(&"local police"), "{texts:?}");
        // The same words without the phrase are kept when fused scoring is off.
        let plain = key_terms_with(
            text,
            &whole(text),
            &vocab,
            &stats,
            10,
            &KeyTermConfig { fused: false, ..KeyTermConfig::default() },
        );
        assert!(plain.iter().any(|t| t.text == "police officers"));
    }

    #[test]
    fn phrases_stop_at_punctuation_and_count_occurrences() {
        let text = "Internet resources matter; internet resources grow. Police, officers, and courts act. \
                    Internet resources again.";
        let (vocab, stats) = corpus(&[text]);
        let terms = key_terms(text, &whole(text), &vocab, &stats, 20);
        let find = |s: &str| terms.iter().find(|t| t.text == s);
        assert_eq!(find("internet resources").map(|t| t.count), Some(3));
        assert!(find("police officers").is_none());
        assert!(terms.iter().all(|t| !t.text.contains(',')));
        let first = find("internet resources").map(|t| t.first.slice(text));
        assert_eq!(first, Some("Internet resources"));
    }

    #[test]
    fn regions_limit_the_analysis_and_empty_input_is_fine() {
        let text = "Energy prices rose.\n\nSchools reopened and teachers returned to schools.";
        let (vocab, stats) = corpus(&[text]);
        let second = Span::new(text.find("Schools").unwrap_or(0), text.len());
        let terms = key_terms(text, &[second], &vocab, &stats, 5);
        assert!(terms.iter().all(|t| !t.text.contains("energy")), "{terms:?}");
        assert_eq!(terms.first().map(|t| t.text.as_str()), Some("schools"));
        assert!(key_terms("", &whole(""), &vocab, &stats, 5).is_empty());
        assert!(key_terms(text, &[Span::new(3, 1)], &vocab, &stats, 5).is_empty());
        assert!(key_terms("the of and, 2020.", &whole("the of and, 2020."), &vocab, &stats, 5).is_empty());
    }
}
