//! Speed of the term pipeline over a folder of transcripts:
//! `cargo run --release --example bench_keyterms -- /work/data/kremlin-bulk`.
//! Prints, for all files: word splitting alone, `doc_terms` on one thread and
//! on all cores (shared vocabulary), then `key_terms` on the largest file.

use std::time::Instant;

use rayon::prelude::*;
use speech_ls::corpus::text::Span;
use speech_ls::corpus::themes::keyterms::{doc_terms, key_terms};
use speech_ls::corpus::themes::stats::CorpusStats;
use speech_ls::corpus::themes::tokens::{Vocabulary, word_spans};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "/work/data/kremlin-bulk".into());
    let mut texts: Vec<String> = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(&dir)];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            if let Ok(entries) = std::fs::read_dir(&path) {
                stack.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
            }
        } else if path.extension().is_some_and(|e| e == "txt")
            && let Ok(bytes) = std::fs::read(&path)
        {
            texts.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    println!("{} files, {:.1} MB from {dir}", texts.len(), mb);

    let start = Instant::now();
    let words: usize = texts.iter().map(|t| word_spans(t).count()).sum();
    let secs = start.elapsed().as_secs_f64();
    println!("word_spans, 1 thread: {words} words in {secs:.3} s ({:.0} MB/s)", mb / secs);

    let vocab = Vocabulary::new();
    let start = Instant::now();
    let docs: Vec<_> = texts.iter().map(|t| doc_terms(t, &vocab)).collect();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "doc_terms, 1 thread, cold vocabulary: {secs:.3} s ({:.0} files/s, {:.1} MB/s), {} terms",
        texts.len() as f64 / secs,
        mb / secs,
        vocab.len()
    );
    let start = Instant::now();
    let mut stats = CorpusStats::new();
    for doc in &docs {
        stats.add_document(doc);
    }
    let secs = start.elapsed().as_secs_f64();
    let ngrams: usize = docs.iter().map(|d| d.ngrams.len()).sum();
    println!("add_document, 1 thread: {secs:.3} s for {ngrams} document phrases");
    drop(docs);

    let start = Instant::now();
    let docs: Vec<_> = texts.par_iter().map(|t| doc_terms(t, &vocab)).collect();
    let mut stats = CorpusStats::new();
    for doc in &docs {
        stats.add_document(doc);
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "doc_terms + add_document, {} threads, warm vocabulary: {secs:.3} s ({:.0} files/s, {:.1} MB/s)",
        rayon::current_num_threads(),
        texts.len() as f64 / secs,
        mb / secs
    );

    if let Some(largest) = texts.iter().max_by_key(|t| t.len()) {
        let words = word_spans(largest).count();
        let runs = 20;
        let start = Instant::now();
        let mut found = 0;
        for _ in 0..runs {
            found = key_terms(largest, &[Span::new(0, largest.len())], &vocab, &stats, 10).len();
        }
        let ms = start.elapsed().as_secs_f64() * 1000.0 / runs as f64;
        println!("key_terms on the largest file ({words} words): {ms:.2} ms per call, {found} terms");
    }
}
