//! Times sentence splitting, topical sections and summaries on one
//! transcript (default: the largest in kremlin-dev), single thread:
//! `cargo run --release --example themes_sections_speed -- FILE`.
//! Prints figures only; the tests assert behaviour, not time.

use std::time::Instant;

use speech_ls::corpus::text::Span;
use speech_ls::corpus::themes::segment::{SectionOptions, sections_of_stretch};
use speech_ls::corpus::themes::sentences::sentences;
use speech_ls::corpus::themes::summary::{SummaryOptions, prose_regions, summarize};
use speech_ls::corpus::themes::tokens::Vocabulary;
use speech_ls::corpus::transcript::parse_transcript;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "/work/data/kremlin-dev/2013-04-25_17976.txt".into());
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}");
        return;
    };
    let transcript = parse_transcript(&text);
    let vocab = Vocabulary::new();
    // Warm the vocabulary once, as the server's corpus indexing would.
    let _ = sentences(&text);
    for (name, runs) in [("cold vocabulary", 1), ("warm vocabulary", 20)] {
        let mut best = f64::MAX;
        let (mut n_sentences, mut n_sections) = (0, 0);
        for _ in 0..runs {
            let started = Instant::now();
            n_sentences = sentences(&text).len();
            n_sections = 0;
            for turn in &transcript.turns {
                let spans: Vec<Span> = transcript.paragraphs[turn.paragraphs.clone()].iter().map(|p| p.span).collect();
                for section in sections_of_stretch(&text, &spans, &vocab, &SectionOptions::default()) {
                    let range = turn.paragraphs.start + section.start..turn.paragraphs.start + section.end;
                    let _ =
                        summarize(&text, &prose_regions(&transcript, range), &vocab, None, &SummaryOptions::default());
                    n_sections += 1;
                }
            }
            let body = prose_regions(&transcript, 0..transcript.paragraphs.len());
            let _ = summarize(&text, &body, &vocab, None, &SummaryOptions::default());
            best = best.min(started.elapsed().as_secs_f64());
        }
        println!(
            "{path}: {} words, {} turns, {n_sentences} sentences, {n_sections} sections; {name}: {:.2} ms (best of {runs})",
            transcript.words,
            transcript.turns.len(),
            best * 1000.0
        );
    }
}
