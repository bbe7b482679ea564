//! Themes of one transcript, put together from the themes toolbox: long turns
//! cut into topical sections, and for each section (and for the whole speech)
//! its theme labels, key terms, a short extractive summary, and the speeches
//! of the corpus closest to it.
//!
//! What the whole corpus contributes (document frequencies, the compiled
//! themes, the classifier learned from INDEX.md `#tags`, the nearest-speech
//! index) is gathered once in a `ThemeContext`; one file's analysis then only
//! needs that file's text and its parsed `Transcript`.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

use crate::corpus::text::{Span, count_words};
use crate::corpus::themes::context_update::train_tags;
use crate::corpus::themes::keyterms::{KeyTerm, MIN_CORPUS_DOCUMENTS, key_terms, paragraphs_as_documents};
use crate::corpus::themes::labels::{ThemeLabel, ThemeSet, tag_labels};
use crate::corpus::themes::language::{Language, detect, with_language};
use crate::corpus::themes::neighbours::Neighbours;
use crate::corpus::themes::segment::{SectionOptions, sections_of_stretch};
use crate::corpus::themes::stats::{CorpusStats, DocTerms, doc_terms};
use crate::corpus::themes::stretches::{Owner, stretches};
use crate::corpus::themes::summary::{SummaryOptions, prose_regions, summarize};
use crate::corpus::themes::tags::{TagClassifier, TagOffer};
use crate::corpus::themes::taxonomy::{LabelSource, PACKS, Pack, ThemeDef, built_in_themes, with_packs};
use crate::corpus::themes::tokens::{TermId, Vocabulary, word_spans};
use crate::corpus::transcript::Transcript;

/// The one vocabulary of the process: every file, every thread and every
/// statistic agree on term ids because they all intern here.
pub static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(Vocabulary::new);

/// How many key terms a region shows.
const KEY_TERMS: usize = 8;
/// How many nearest speeches a region lists.
const NEAREST: usize = 3;
/// A section's strongest theme leads it (see `labels_from_sections`) only
/// from this weight on.
const LEADING_WEIGHT: f32 = 0.03;
/// How many INDEX.md tags are offered.
const OFFERED_TAGS: usize = 3;
/// A label within this fraction of a region's strongest may name the region.
const NAME_LABEL_RATIO: f32 = 0.6;
/// The weight assumed for a label the speech as a whole does not carry.
const MIN_LABEL_WEIGHT: f32 = crate::corpus::themes::labels::MIN_WEIGHT;
/// A tag is offered only with at least this similarity.
const MIN_TAG_SIMILARITY: f32 = crate::corpus::themes::tags::MIN_SIMILARITY;

/// What the corpus contributes to every file's themes.
///
/// Shared immutably (snapshots and the theme cache hold an `Arc` of it); each
/// heavy part is an `Arc` of its own, so that an update (`context_update`)
/// makes a new context that shares every part it does not change and copies
/// only the parts it does.
#[derive(Debug, Clone, Default)]
pub struct ThemeContext {
    pub stats: Arc<CorpusStats>,
    pub themes: Arc<ThemeSet>,
    pub tags: Arc<TagClassifier>,
    pub neighbours: Arc<Neighbours>,
    /// The tags the user wrote on each listed file, by corpus-relative path.
    pub user_tags: Arc<HashMap<String, Vec<String>>>,
}

/// Compiles theme definitions for a corpus: with the packs the corpus fits
/// (`taxonomy::PACKS`: enough of its speeches name one of a pack's markers),
/// unless the definitions replace every built-in theme (`themes.toml`'s
/// `replace = true`).
pub fn compile_themes(themes: &[ThemeDef], stats: &CorpusStats) -> ThemeSet {
    let documents = stats.documents();
    let fits = |pack: &&Pack| {
        documents > 0
            && pack.markers.iter().any(|m| {
                VOCABULARY
                    .lookup(m)
                    .is_some_and(|t| f64::from(stats.term_df(t)) >= pack.fit_share * f64::from(documents))
            })
    };
    let keeps_built_in = themes.iter().any(|t| t.source == LabelSource::BuiltIn);
    let packs: Vec<&Pack> = PACKS.iter().filter(|_| keeps_built_in).filter(fits).collect();
    if packs.is_empty() {
        return ThemeSet::compile(themes, &VOCABULARY);
    }
    ThemeSet::compile(&with_packs(themes, &packs), &VOCABULARY)
}

/// How long each step of `ThemeContext::build` took.
#[derive(Debug, Clone, Copy, Default)]
pub struct ContextTimings {
    /// Document frequencies (`CorpusStats`).
    pub stats: Duration,
    /// Teaching and training the INDEX.md tag classifier.
    pub tags: Duration,
    /// The nearest-speech index.
    pub neighbours: Duration,
    /// Compiling the theme definitions.
    pub themes: Duration,
}

/// One speech as the context builder sees it.
pub struct SpeechTerms<'a> {
    pub path: &'a str,
    pub terms: &'a DocTerms,
    /// The `#tags` of the INDEX.md entries listing it (empty when none).
    pub tags: &'a [String],
}

impl ThemeContext {
    /// Builds the context from every speech's term counts and tags, and the
    /// theme definitions (built-in, possibly merged with `themes.toml`).
    pub fn build<'a>(speeches: impl IntoIterator<Item = SpeechTerms<'a>> + Clone, themes: &[ThemeDef]) -> ThemeContext {
        Self::build_timed(speeches, themes).0
    }

    /// `build`, also saying how long each step took (for the speed examples
    /// and the server's log).
    pub fn build_timed<'a>(
        speeches: impl IntoIterator<Item = SpeechTerms<'a>> + Clone,
        themes: &[ThemeDef],
    ) -> (ThemeContext, ContextTimings) {
        let mut timings = ContextTimings::default();
        let started = Instant::now();
        let mut stats = CorpusStats::new();
        for s in speeches.clone() {
            stats.add_document(s.terms);
        }
        timings.stats = started.elapsed();
        let started = Instant::now();
        let idf_table = stats.idf_table();
        let idf = |t: TermId| idf_table.get(t);
        let (tags, user_tags) = train_tags(speeches.clone(), &idf);
        timings.tags = started.elapsed();
        let started = Instant::now();
        let neighbours = Neighbours::build(speeches.into_iter().map(|s| (s.path, &*s.terms.terms)), &idf);
        timings.neighbours = started.elapsed();
        let started = Instant::now();
        let themes = compile_themes(themes, &stats);
        timings.themes = started.elapsed();
        let context = ThemeContext {
            stats: Arc::new(stats),
            themes: Arc::new(themes),
            tags: Arc::new(tags),
            neighbours: Arc::new(neighbours),
            user_tags: Arc::new(user_tags),
        };
        (context, timings)
    }

    /// A context for a file outside any corpus: built-in themes, no corpus.
    pub fn standalone() -> ThemeContext {
        ThemeContext { themes: Arc::new(ThemeSet::compile(&built_in_themes(), &VOCABULARY)), ..ThemeContext::default() }
    }

    pub fn idf(&self, term: TermId) -> f32 {
        self.stats.idf(&[term]) as f32
    }
}

/// The themes of one region of a transcript: a topical section or the whole speech.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionThemes {
    /// Paragraph indexes (into `Transcript::paragraphs`).
    pub paragraphs: Range<usize>,
    pub span: Span,
    pub words: usize,
    /// Built-in and themes.toml labels, best first.
    pub labels: Vec<ThemeLabel>,
    pub key_terms: Vec<KeyTerm>,
    /// One or two sentences taken from the region, in text order.
    pub summary: Vec<Span>,
    /// The closest other speeches: corpus-relative path and similarity.
    pub nearest: Vec<(String, f32)>,
    /// Term counts of the region, for "how often does this word occur here".
    pub term_counts: Vec<(TermId, u32)>,
}

impl RegionThemes {
    /// A short name for the outline, e.g. "Cybercrime and IT crime · ¶9-14":
    /// the theme that sets the region apart (see `distinctive_label`), or the
    /// top key terms when no theme is strong.
    pub fn name(&self) -> String {
        self.name_against(None)
    }

    /// Like `name`, preferring the theme that is strongest here relative to
    /// `whole` (the speech), so sections of one speech get different names.
    pub fn name_against(&self, whole: Option<&RegionThemes>) -> String {
        let topic = self.topic_against(whole);
        let (first, last) = (self.paragraphs.start + 1, self.paragraphs.end.max(self.paragraphs.start + 1));
        if first == last { format!("{topic} · ¶{first}") } else { format!("{topic} · ¶{first}-{last}") }
    }

    /// What the region is about in a few words, without its paragraph range:
    /// its most distinctive theme, else its first two key terms.
    pub fn topic_against(&self, whole: Option<&RegionThemes>) -> String {
        match self.distinctive_label(whole) {
            Some(label) => label.label.clone(),
            None => {
                let terms: Vec<&str> = self.key_terms.iter().take(2).map(|k| k.text.as_str()).collect();
                if terms.is_empty() { "Section".to_string() } else { terms.join(", ") }
            }
        }
    }

    /// Among the labels nearly as strong as the strongest (within
    /// `NAME_LABEL_RATIO`), the one most over-represented here compared with
    /// `whole`; the strongest label when there is no `whole`.
    pub fn distinctive_label(&self, whole: Option<&RegionThemes>) -> Option<&ThemeLabel> {
        let top = self.labels.first()?.weight;
        let baseline = |id: &str| {
            whole.and_then(|w| w.labels.iter().find(|l| l.id == id)).map(|l| l.weight).unwrap_or(MIN_LABEL_WEIGHT)
        };
        // Ratios are rounded so that float noise never decides between two
        // labels; a true tie goes to the stronger label, then to the smaller id.
        let ratio = |l: &ThemeLabel| ((l.weight / baseline(&l.id)) * 1e4).round();
        self.labels
            .iter()
            .filter(|l| l.weight >= top * NAME_LABEL_RATIO)
            .max_by(|a, b| ratio(a).total_cmp(&ratio(b)).then(a.weight.total_cmp(&b.weight)).then(b.id.cmp(&a.id)))
    }

    /// How often `term` occurs in the region.
    pub fn count(&self, term: TermId) -> u32 {
        self.term_counts.iter().find(|(t, _)| *t == term).map(|(_, c)| *c).unwrap_or(0)
    }
}

/// A topical section of a stretch of one speaker's text: a turn, the lead
/// of a monologue, a part without turns (see `stretches`).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The stretch the section belongs to.
    pub owner: Owner,
    pub themes: RegionThemes,
}

/// Everything themes say about one transcript.
#[derive(Debug, Clone, PartialEq)]
pub struct FileThemes {
    /// The whole speech after the header.
    pub speech: RegionThemes,
    /// Every stretch's sections in order (see `stretches`); a stretch too
    /// short to cut is one section.
    pub sections: Vec<Section>,
    /// INDEX.md tags this speech resembles, best first (only for speeches
    /// the user has not tagged).
    pub offered_tags: Vec<TagOffer>,
    /// The tags the user wrote on this speech's INDEX.md entry.
    pub user_tags: Vec<String>,
    /// The language its words were read in (see `language`).
    pub language: Language,
}

impl FileThemes {
    /// The sections of the stretch `owner`, if it was cut into more than one.
    pub fn sections_of(&self, owner: Owner) -> impl Iterator<Item = &Section> {
        let of_turn: Vec<&Section> = self.sections.iter().filter(|s| s.owner == owner).collect();
        let keep = of_turn.len() > 1;
        of_turn.into_iter().filter(move |_| keep)
    }

    /// The section containing `offset`, if any.
    pub fn section_at(&self, offset: usize) -> Option<&Section> {
        self.sections.iter().find(|s| s.themes.span.contains(offset))
    }

    /// Theme labels of the speech followed by offered INDEX.md tags.
    pub fn all_labels(&self) -> Vec<ThemeLabel> {
        let mut labels = self.speech.labels.clone();
        labels.extend(tag_labels(&self.offered_tags));
        labels
    }
}

/// Analyses one transcript's themes. `path` is its corpus-relative path (used
/// to leave the speech itself out of its nearest speeches).
pub fn analyze_file(path: &str, text: &str, transcript: &Transcript, ctx: &ThemeContext) -> FileThemes {
    finished(analyze_until(path, text, transcript, ctx, true, &never_stop))
}

fn never_stop() -> bool {
    false
}

/// The result of work that was never told to stop, which therefore always
/// finishes (`analyze_until` returns `None` only when told to stop).
fn finished(themes: Option<FileThemes>) -> FileThemes {
    themes.unwrap_or_else(|| unreachable!("an analysis that is never told to stop returned early"))
}

/// `analyze_file` (`with_sections`) or `analyze_speech` (without), for work
/// that may become useless before it ends (the editor sent a newer text, or
/// no longer wants the answer): `should_stop` is asked between the steps of
/// the analysis (before the whole speech, before each turn and each
/// section, before the tags), never inside a step, and `None` comes back as
/// soon as it says yes. A `Some` is always the complete analysis.
pub fn analyze_until(
    path: &str,
    text: &str,
    transcript: &Transcript,
    ctx: &ThemeContext,
    with_sections: bool,
    should_stop: &dyn Fn() -> bool,
) -> Option<FileThemes> {
    let language = language_of(text, transcript);
    with_language(language, || {
        let mut themes = analyze_in_language(path, text, transcript, ctx, with_sections, should_stop)?;
        themes.language = language;
        Some(themes)
    })
}

/// The language of a transcript's words (its header left out).
pub fn language_of(text: &str, transcript: &Transcript) -> Language {
    let start = transcript.paragraphs.first().map_or(0, |p| p.span.start);
    detect(text.get(start..).unwrap_or(text))
}

fn analyze_in_language(
    path: &str,
    text: &str,
    transcript: &Transcript,
    ctx: &ThemeContext,
    with_sections: bool,
    should_stop: &dyn Fn() -> bool,
) -> Option<FileThemes> {
    if should_stop() {
        return None;
    }
    let all = 0..transcript.paragraphs.len();
    // With almost no corpus, the file's own paragraphs stand in for documents
    // (see `keyterms`); counting them once here keeps a long file's many
    // sections from counting them again each.
    let local_stats;
    let stats = if ctx.stats.documents() < MIN_CORPUS_DOCUMENTS {
        local_stats = paragraphs_as_documents(text, &VOCABULARY);
        &local_stats
    } else {
        &ctx.stats
    };
    let inputs = Inputs { path, text, transcript, stats, ctx, should_stop };
    let mut speech = region(&inputs, all, &SummaryOptions::default(), true)?;
    // The sections of every stretch: cheap to find (no key terms, no
    // summary), and the speech's themes are read from them even when the
    // caller does not want them.
    let options = SectionOptions::default();
    let mut cuts: Vec<(Owner, Range<usize>, bool)> = Vec::new();
    for stretch in stretches(transcript) {
        let first = stretch.paragraphs.start;
        let spans: Vec<Span> = transcript.paragraphs[stretch.paragraphs.clone()].iter().map(|p| p.span).collect();
        let ranges = sections_of_stretch(text, &spans, &VOCABULARY, &options);
        let cut = ranges.len() > 1;
        cuts.extend(ranges.into_iter().map(|r| (stretch.owner, first + r.start..first + r.end, cut)));
    }
    if should_stop() {
        return None;
    }
    let section_labels: Vec<(Vec<ThemeLabel>, usize)> = cuts
        .iter()
        .filter(|(_, _, cut)| *cut)
        .map(|(_, paragraphs, _)| {
            let (_, terms, words) = region_terms(&inputs, paragraphs.clone());
            (ctx.themes.label(&terms, &|t| ctx.idf(t)), words)
        })
        .collect();
    speech.labels = labels_from_sections(std::mem::take(&mut speech.labels), &section_labels, speech.words);
    let mut sections = Vec::new();
    for (owner, paragraphs, _) in cuts.into_iter().filter(|_| with_sections) {
        if should_stop() {
            return None;
        }
        // A section's closest speeches would cost a corpus-wide search each
        // (the speech's own are in its hover).
        let themes = region(&inputs, paragraphs, &SummaryOptions::section(), false)?;
        sections.push(Section { owner, themes });
    }
    if should_stop() {
        return None;
    }
    let user_tags = ctx.user_tags.get(path).cloned().unwrap_or_default();
    let offered_tags = if user_tags.is_empty() {
        // Offer from the same whole-file counts the tags were taught with.
        let whole = doc_terms(text, &VOCABULARY);
        ctx.tags
            .offer(&whole.terms, &|t| ctx.idf(t), OFFERED_TAGS)
            .into_iter()
            .filter(|o| o.similarity >= MIN_TAG_SIMILARITY)
            .collect()
    } else {
        Vec::new()
    };
    Some(FileThemes { speech, sections, offered_tags, user_tags, language: Language::ENGLISH })
}

/// The themes of the whole speech only (no sections): what a hover on the
/// header line or an INDEX.md entry needs, at a fraction of the cost.
pub fn analyze_speech(path: &str, text: &str, transcript: &Transcript, ctx: &ThemeContext) -> FileThemes {
    finished(analyze_until(path, text, transcript, ctx, false, &never_stop))
}

/// What every region of one analysis reads.
struct Inputs<'a> {
    path: &'a str,
    text: &'a str,
    transcript: &'a Transcript,
    stats: &'a CorpusStats,
    ctx: &'a ThemeContext,
    should_stop: &'a dyn Fn() -> bool,
}

/// One region's themes, or `None` when told to stop between its steps (on
/// a long speech, the key terms and the summary are each tens of
/// milliseconds).
fn region(
    inputs: &Inputs,
    paragraphs: Range<usize>,
    summary: &SummaryOptions,
    with_nearest: bool,
) -> Option<RegionThemes> {
    let Inputs { path, text, transcript: t, stats, ctx, should_stop } = *inputs;
    let span =
        match (t.paragraphs.get(paragraphs.start), paragraphs.end.checked_sub(1).and_then(|i| t.paragraphs.get(i))) {
            (Some(first), Some(last)) => Span::new(first.span.start, last.span.end),
            _ => Span::new(0, 0),
        };
    let (prose, terms_in_order, words) = region_terms(inputs, paragraphs.clone());
    let mut counts: HashMap<TermId, u32> = HashMap::new();
    for &term in &terms_in_order {
        *counts.entry(term).or_default() += 1;
    }
    let mut term_counts: Vec<(TermId, u32)> = counts.into_iter().collect();
    term_counts.sort_unstable();
    let idf = |term: TermId| ctx.idf(term);
    let labels = ctx.themes.label(&terms_in_order, &idf);
    if should_stop() {
        return None;
    }
    let key_terms = key_terms(text, &prose, &VOCABULARY, stats, KEY_TERMS);
    if should_stop() {
        return None;
    }
    let summary = summarize(text, &prose, &VOCABULARY, Some(stats), summary);
    if should_stop() {
        return None;
    }
    Some(RegionThemes {
        labels,
        key_terms,
        summary,
        nearest: if with_nearest {
            ctx.neighbours.nearest(&term_counts, &idf, Some(path), NEAREST)
        } else {
            Vec::new()
        },
        paragraphs,
        span,
        words,
        term_counts,
    })
}

/// A region's prose, its terms in text order and its words.
fn region_terms(inputs: &Inputs, paragraphs: Range<usize>) -> (Vec<Span>, Vec<TermId>, usize) {
    let prose = prose_regions(inputs.transcript, paragraphs);
    let mut terms = Vec::new();
    let mut words = 0;
    for r in &prose {
        let slice = r.slice(inputs.text);
        words += count_words(slice);
        terms.extend(word_spans(slice).filter_map(|w| VOCABULARY.term(w.slice(slice))));
    }
    (prose, terms, words)
}

/// The themes of a speech cut into sections: a theme that leads a section
/// (within `NAME_LABEL_RATIO` of its strongest) counts for the speech by
/// the share of the speech's words that section holds, so an omnibus
/// message gets each of its subjects; the whole speech's own share is
/// added, which orders themes that lead no section and breaks ties. A
/// speech with no cut stretch keeps its own labels.
pub fn labels_from_sections(
    whole: Vec<ThemeLabel>,
    sections: &[(Vec<ThemeLabel>, usize)],
    words: usize,
) -> Vec<ThemeLabel> {
    if sections.is_empty() || words == 0 {
        return whole;
    }
    let mut out = whole;
    // id -> (coverage, the section label with the largest share of it).
    let mut led: Vec<(String, f32, ThemeLabel)> = Vec::new();
    for (labels, section_words) in sections {
        // A section "led" by a theme that barely shows leads nothing.
        let Some(top) = labels.first().map(|l| l.weight).filter(|&w| w >= LEADING_WEIGHT) else { continue };
        let share = *section_words as f32 / words as f32;
        for label in labels.iter().filter(|l| l.weight >= top * NAME_LABEL_RATIO) {
            match led.iter_mut().find(|(id, _, _)| *id == label.id) {
                Some((_, coverage, best)) => {
                    *coverage += share;
                    if label.weight * share > best.weight {
                        *best = ThemeLabel { weight: label.weight * share, ..label.clone() };
                    }
                }
                None => {
                    led.push((label.id.clone(), share, ThemeLabel { weight: label.weight * share, ..label.clone() }))
                }
            }
        }
    }
    for (id, coverage, best) in led {
        let coverage = (coverage.min(1.0) * 1e4).round() / 1e4;
        match out.iter_mut().find(|l| l.id == id) {
            Some(label) => label.weight += coverage,
            None => out.push(ThemeLabel { weight: coverage + best.weight, ..best }),
        }
    }
    out.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.id.cmp(&b.id)));
    out.truncate(crate::corpus::themes::labels::MAX_LABELS);
    out
}

#[cfg(test)]
mod stopping_tests {
    use std::cell::Cell;

    use super::*;
    use crate::corpus::transcript::parse_transcript;

    const SEED: &str = include_str!("../../../seeds/000_dfd047e8c9417aac.txt");

    /// A `should_stop` that says yes from its `stop_at`-th question on, and
    /// counts the questions.
    fn stop_at(stop_at: usize, asked: &Cell<usize>) -> impl Fn() -> bool + '_ {
        move || {
            asked.set(asked.get() + 1);
            asked.get() >= stop_at
        }
    }

    #[test]
    fn told_to_stop_the_analysis_returns_nothing_and_asks_no_more() {
        let transcript = parse_transcript(SEED);
        let ctx = ThemeContext::standalone();
        let full = analyze_file("seed.txt", SEED, &transcript, &ctx);
        let never = Cell::new(0);
        let unstopped = analyze_until("seed.txt", SEED, &transcript, &ctx, true, &stop_at(usize::MAX, &never));
        assert_eq!(unstopped.as_ref(), Some(&full), "never told to stop: the same complete analysis");
        // The seed's long turn is cut into sections: many questions, so
        // stopping at any of them is stopping early.
        assert!(never.get() > 5 && full.sections.len() > 1, "{} questions", never.get());
        for stop in [1, 2, never.get() / 2, never.get()] {
            let asked = Cell::new(0);
            let stopped = analyze_until("seed.txt", SEED, &transcript, &ctx, true, &stop_at(stop, &asked));
            assert!(stopped.is_none(), "told to stop at question {stop}: no (partial) themes");
            assert_eq!(asked.get(), stop, "nothing more was asked (or done) after the stop");
        }
        let asked = Cell::new(0);
        assert!(analyze_until("seed.txt", SEED, &transcript, &ctx, false, &stop_at(2, &asked)).is_none());
        assert_eq!(asked.get(), 2);
    }
}
