//! Topical segmentation by lexical cohesion: where does a long text change
//! subject?
//!
//! The method is Utiyama and Isahara's (2001) probabilistic segmentation: a
//! segment costs the code length of its words under a Laplace-smoothed
//! unigram model fitted to the segment itself, plus a fixed price per segment
//! (the description length of a boundary, `ln` of the text's length). A
//! topic shift makes two halves cheaper to encode separately than together,
//! so dynamic programming over unit boundaries finds the cheapest cuts
//! without being told how many there are. Units are sentences (the Choi
//! evaluation) or paragraphs (speaker turns); cuts fall only between units.
//!
//! Spoken text repeats itself and wanders, so for speeches the number of
//! sections is also bounded by length: every section must hold a minimum
//! number of terms (derived from a minimum number of words), which caps the
//! count at one section per so many words and keeps the outline readable.
//!
//! Cost: one pass over the terms of the text per candidate start, i.e.
//! O(units × terms); a 1,100-word turn takes microseconds, a 40,000-word
//! transcript a few milliseconds (`max_units` bounds a segment's length).

use std::ops::Range;

use crate::corpus::text::Span;
use crate::corpus::themes::tokens::{FastHashMap, TermId, Vocabulary, word_spans};

/// How the segmenter trades cohesion against the number of segments.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentOptions {
    /// Fewest units in a segment.
    pub min_units: usize,
    /// Fewest terms (content words) in a segment; bounds the number of
    /// segments by the length of the text.
    pub min_terms: usize,
    /// Most units in a segment (bounds the work on very long texts).
    pub max_units: usize,
    /// Multiplies the per-segment price; above 1 means fewer segments.
    pub penalty: f64,
}

impl SegmentOptions {
    /// The preset for sentences as units in written text (the Choi set):
    /// segments of at least two sentences, no length bound, the model's own
    /// per-segment price.
    pub fn sentences() -> SegmentOptions {
        SegmentOptions { min_units: 2, min_terms: 0, max_units: 400, penalty: 1.0 }
    }

    /// The preset for paragraphs of a speech: each section holds at least
    /// `min_terms` terms (see [`SectionOptions`]).
    pub fn paragraphs(min_terms: usize) -> SegmentOptions {
        SegmentOptions { min_units: 1, min_terms, max_units: 400, penalty: 1.0 }
    }
}

/// Segments a sequence of units, each given as the terms it contains (in any
/// order, repeats counted). Returns the first unit of every segment, starting
/// with 0; an empty input returns an empty list.
pub fn segment(units: &[Vec<TermId>], opts: &SegmentOptions) -> Vec<usize> {
    let n = units.len();
    if n == 0 {
        return Vec::new();
    }
    // Dense local ids keep the per-start counting in a flat array.
    let mut local: FastHashMap<TermId, u32> = FastHashMap::default();
    let local_units: Vec<Vec<u32>> = units
        .iter()
        .map(|u| {
            u.iter()
                .map(|t| {
                    let next = local.len() as u32;
                    *local.entry(*t).or_insert(next)
                })
                .collect()
        })
        .collect();
    let vocabulary_size = local.len().max(1) as f64;
    let total_terms: usize = local_units.iter().map(Vec::len).sum();
    let price = opts.penalty * ((total_terms.max(2)) as f64).ln();
    let mut terms_before = vec![0usize; n + 1];
    for (i, u) in local_units.iter().enumerate() {
        terms_before[i + 1] = terms_before[i] + u.len();
    }

    // best[j]: the cheapest cost of units 0..j; from[j]: where its last segment starts.
    let mut best = vec![f64::INFINITY; n + 1];
    let mut from = vec![0usize; n + 1];
    best[0] = 0.0;
    let mut counts = vec![0u32; local.len()];
    let mut touched: Vec<u32> = Vec::new();
    let max_units = opts.max_units.max(1);
    for i in 0..n {
        if !best[i].is_finite() {
            continue;
        }
        // Grow the segment i..j one unit at a time, keeping
        // sum_w c_w ln(c_w + 1) up to date.
        let mut weighted = 0.0f64;
        let end = if i == 0 { n } else { n.min(i + max_units) };
        for j in (i + 1)..=end {
            for &t in &local_units[j - 1] {
                let c = &mut counts[t as usize];
                if *c == 0 {
                    touched.push(t);
                }
                let before = f64::from(*c);
                weighted += (before + 1.0) * (before + 2.0).ln() - before * (before + 1.0).ln();
                *c += 1;
            }
            let whole_text = i == 0 && j == n;
            let big_enough = j - i >= opts.min_units && terms_before[j] - terms_before[i] >= opts.min_terms;
            let tail_ok = j == n || (n - j >= opts.min_units && terms_before[n] - terms_before[j] >= opts.min_terms);
            if !(whole_text || (big_enough && tail_ok)) {
                continue;
            }
            let m = (terms_before[j] - terms_before[i]) as f64;
            let cost = m * (m + vocabulary_size).ln() - weighted + price;
            if best[i] + cost < best[j] {
                best[j] = best[i] + cost;
                from[j] = i;
            }
        }
        for t in touched.drain(..) {
            counts[t as usize] = 0;
        }
    }
    let mut starts = Vec::new();
    let mut j = n;
    while j > 0 {
        let i = from[j];
        starts.push(i);
        if i >= j {
            // Cannot happen (from[j] < j), but never loop on bad state.
            break;
        }
        j = i;
    }
    starts.reverse();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    starts
}

/// When and how finely a stretch of one speaker's text (a turn, a
/// monologue) is cut into sections.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionOptions {
    /// Stretches shorter than this are one section.
    pub min_turn_words: usize,
    /// Every section holds at least this many words, so a stretch gets at
    /// most one section per `min_section_words`.
    pub min_section_words: usize,
    /// A long stretch gets at most about this many sections: its sections
    /// hold at least `words / max_sections` words each, so that the outline
    /// of a 20,000-word message shows its few subjects, not forty paragraphs.
    pub max_sections: usize,
    /// Multiplies the segmenter's price of a section (see [`SegmentOptions`]).
    pub penalty: f64,
}

impl Default for SectionOptions {
    /// Chosen on composites of five State of the Union messages and UN
    /// statements (`speech-ls eval`, "sections"): at most 8 sections and a
    /// doubled price per section reach Pk 0.25 there, against 0.32 for the
    /// segmenter's own price and no bound; a turn under 2,000 words is cut as
    /// before but for the price.
    fn default() -> Self {
        SectionOptions { min_turn_words: 500, min_section_words: 250, max_sections: 8, penalty: 2.0 }
    }
}

/// Cuts a stretch of one speaker's text into topical sections at paragraph
/// breaks. `paragraphs` are the spans of its paragraphs in `text`; the
/// result covers `0..paragraphs.len()` with consecutive ranges of paragraph
/// indexes (one range for a short stretch, none for no paragraphs).
pub fn sections_of_stretch(
    text: &str,
    paragraphs: &[Span],
    vocab: &Vocabulary,
    opts: &SectionOptions,
) -> Vec<Range<usize>> {
    if paragraphs.is_empty() {
        return Vec::new();
    }
    // Most turns are short: count words first and tokenise only turns that
    // may be split.
    let words: usize = paragraphs.iter().map(|p| word_spans(p.slice(text)).count()).sum();
    if words < opts.min_turn_words || paragraphs.len() < 2 {
        return std::iter::once(0..paragraphs.len()).collect();
    }
    let units: Vec<Vec<TermId>> = paragraphs
        .iter()
        .map(|p| {
            let slice = p.slice(text);
            word_spans(slice).filter_map(|w| vocab.term(w.slice(slice))).collect()
        })
        .collect();
    // Convert the word minimum into a term minimum at this stretch's own
    // ratio of terms to words, so the bound means the same for terse and
    // wordy text.
    let terms: usize = units.iter().map(Vec::len).sum();
    let min_words = opts.min_section_words.max(words / opts.max_sections.max(1));
    let min_terms = (min_words as f64 * terms as f64 / words.max(1) as f64).ceil() as usize;
    let segment_options = SegmentOptions { penalty: opts.penalty, ..SegmentOptions::paragraphs(min_terms) };
    let starts = segment(&units, &segment_options);
    ranges_from_starts(&starts, paragraphs.len())
}

/// Turns segment starts into consecutive ranges covering `0..len`.
pub fn ranges_from_starts(starts: &[usize], len: usize) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(starts.len());
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(len).min(len);
        if s < e {
            out.push(s..e);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::transcript::parse_transcript;

    const SEED: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/000_dfd047e8c9417aac.txt"));

    fn units(text: &str, vocab: &Vocabulary) -> Vec<Vec<TermId>> {
        text.lines().map(|line| word_spans(line).filter_map(|w| vocab.term(w.slice(line))).collect()).collect()
    }

    #[test]
    fn two_obvious_topics_are_cut_where_the_topic_changes() {
        let text = "\
The harvest of wheat and barley grew this year on the farms.
Farmers sold more grain and wheat abroad than ever before.
Grain exports and farm subsidies support the harvest of barley.
Wheat prices rose while farmers stored the grain in new silos.
Naval ships and submarines patrolled the northern sea routes.
The fleet received new submarines and frigates for the navy.
Sailors of the navy trained on ships in the northern fleet.
Frigates and naval aviation protect the sea routes of the fleet.";
        let vocab = Vocabulary::new();
        let starts = segment(&units(text, &vocab), &SegmentOptions::sentences());
        assert_eq!(starts, vec![0, 4]);
    }

    #[test]
    fn one_topic_stays_one_segment_and_empty_input_has_none() {
        let text = "\
Wheat and barley grew on the farms this year.
Farmers sold wheat and barley from the farms.
The farms stored wheat and barley in silos.
Barley and wheat prices helped the farms.";
        let vocab = Vocabulary::new();
        assert_eq!(segment(&units(text, &vocab), &SegmentOptions::sentences()), vec![0]);
        assert!(segment(&[], &SegmentOptions::sentences()).is_empty());
    }

    #[test]
    fn the_seed_long_turn_gets_a_few_sections_of_bounded_size() {
        let transcript = parse_transcript(SEED);
        let Some(turn) = transcript.turns.iter().max_by_key(|t| t.words) else {
            panic!("the seed has speaker turns");
        };
        assert!(turn.words > 1000, "the seed's long turn has {} words", turn.words);
        let spans: Vec<Span> = transcript.paragraphs[turn.paragraphs.clone()].iter().map(|p| p.span).collect();
        let vocab = Vocabulary::new();
        let opts = SectionOptions::default();
        let sections = sections_of_stretch(SEED, &spans, &vocab, &opts);
        let words =
            |r: &Range<usize>| spans[r.clone()].iter().map(|s| word_spans(s.slice(SEED)).count()).sum::<usize>();
        let sizes: Vec<usize> = sections.iter().map(words).collect();
        assert!((2..=turn.words / opts.min_section_words).contains(&sections.len()), "sections: {sizes:?}");
        assert!(sizes.iter().all(|&w| w >= opts.min_section_words), "section sizes in words: {sizes:?}");
        // The sections cover the turn's paragraphs exactly, in order.
        assert_eq!(sections.first().map(|r| r.start), Some(0));
        assert_eq!(sections.last().map(|r| r.end), Some(spans.len()));
        assert!(sections.windows(2).all(|w| w[0].end == w[1].start));
    }

    #[test]
    fn short_turns_are_not_split() {
        let text = "Wheat and barley grew.\n\nShips sailed north.";
        let spans = [Span::new(0, 22), Span::new(24, text.len())];
        let vocab = Vocabulary::new();
        assert_eq!(sections_of_stretch(text, &spans, &vocab, &SectionOptions::default()), vec![0..2]);
    }
}
