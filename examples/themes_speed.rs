//! Times the build of a corpus's theme index step by step (read, doc_terms,
//! stats, tags, neighbours, topics) and prints the process's resident memory
//! before and after; then times `ThemeIndex::update` for one changed
//! transcript (20 edits of the median-sized file, passed as an open
//! buffer's text, as the server does), for a tagged one when INDEX.md has
//! `#tags`, and for INDEX.md read again:
//! `cargo run --release --example themes_speed -- DIR` (default /tmp/full).
//! Prints figures only; tests assert behaviour, not time.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use speech_ls::corpus::Corpus;
use speech_ls::corpus::themes::analysis::VOCABULARY;
use speech_ls::workspace::load_corpus;
use speech_ls::workspace::themes::{ThemeIndex, user_tags};

/// How many edits `time_updates` applies.
const UPDATES: usize = 20;

fn main() {
    let dir = std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/tmp/full"));
    if !dir.is_dir() {
        eprintln!("{} is not a folder; pass a corpus folder", dir.display());
        std::process::exit(2);
    }
    println!("corpus: {}; threads: {}", dir.display(), rayon::current_num_threads());
    let started = Instant::now();
    let corpus = load_corpus(&dir);
    let load = started.elapsed();
    println!("{:<34} {:>9}   ({} files)   RSS {}", "load_corpus", ms(load), corpus.len(), rss());
    let mut index = ThemeIndex::build(&dir, &corpus);
    let t = index.timings;
    let rows = [
        ("read + doc_terms (wall, parallel)", t.read_and_count),
        ("  read (summed over threads)", t.read_cpu),
        ("  doc_terms (summed over threads)", t.count_cpu),
        ("stats", t.context.stats),
        ("tags", t.context.tags),
        ("neighbours", t.context.neighbours),
        ("themes compiled", t.context.themes),
        ("topics (parallel)", t.topics),
        ("ThemeIndex::build total", t.total),
    ];
    for (name, d) in rows {
        println!("{name:<34} {:>9}", ms(d));
    }
    println!(
        "{:<34} {:>9}   ({} speeches, {} terms)   RSS {}",
        "load + themes",
        ms(started.elapsed()),
        index.len(),
        VOCABULARY.len(),
        rss()
    );
    let (terms, phrases) = index.kept_entries();
    println!(
        "kept per speech (summed): {terms} term counts, {phrases} phrase entries; corpus: {} distinct phrases",
        index.context.stats.phrases()
    );
    time_incremental_updates(&mut index, &dir, &corpus);
}

/// The incremental path: one changed speech, one tagged speech, INDEX.md again.
fn time_incremental_updates(index: &mut ThemeIndex, dir: &Path, corpus: &Corpus) {
    // The median-sized transcript: neither a trivial nor the largest update.
    let mut sized: Vec<(u64, String)> = corpus
        .transcripts()
        .filter_map(|(f, _)| Some((std::fs::metadata(dir.join(&f.path)).ok()?.len(), f.path.clone())))
        .collect();
    sized.sort();
    let Some((size, rel)) = sized.get(sized.len() / 2).cloned() else {
        eprintln!("no transcripts in {}", dir.display());
        std::process::exit(2);
    };
    println!("file: {rel} ({size} bytes)");
    time_updates(index, dir, corpus, &rel, "one file");
    // With INDEX.md #tags: a tagged speech (the classifier is trained again),
    // and INDEX.md read again with the same tags (nothing to train).
    let tags = user_tags(corpus);
    let tagged = sized.iter().map(|(_, p)| p).filter(|p| tags.contains_key(p.as_str())).nth(sized.len() / 4);
    if let Some(tagged) = tagged {
        println!("tagged file: {tagged} ({} tagged speeches)", tags.len());
        time_updates(index, dir, corpus, tagged, "one tagged file");
        // A new analysis of INDEX.md (as after a save) with the same tags:
        // the tags are worked out again, found unchanged, nothing is trained.
        let mut times: Vec<Duration> = (0..3)
            .map(|_| {
                let corpus = load_corpus(dir);
                let t0 = Instant::now();
                index.update(dir, &corpus, &[], &|_| None);
                t0.elapsed()
            })
            .collect();
        times.sort();
        println!("ThemeIndex::update for INDEX.md read again, same tags, 3 times: median {}", ms(times[1]));
    }
}

/// Times `UPDATES` edits of `rel`, each passed as an open buffer's text.
fn time_updates(index: &mut ThemeIndex, dir: &Path, corpus: &Corpus, rel: &str, what: &str) {
    let original = std::fs::read_to_string(dir.join(rel)).unwrap_or_default();
    let mut times: Vec<Duration> = Vec::with_capacity(UPDATES);
    for i in 0..UPDATES {
        // A different edit each time, so every update changes the counts.
        let edited = format!("{original}\n\nThe railway gauge number {i} carries grain{i}.\n");
        let text_of = |r: &str| (r == rel).then(|| edited.clone());
        let t0 = Instant::now();
        index.update(dir, corpus, &[rel.to_string()], &text_of);
        times.push(t0.elapsed());
        let t = index.timings;
        println!(
            "  update {i:>2}: {} (stats {}, neighbours {}, tags {}, themes {}, topics {})",
            ms(t0.elapsed()),
            ms(t.context.stats),
            ms(t.context.neighbours),
            ms(t.context.tags),
            ms(t.context.themes),
            ms(t.topics)
        );
    }
    times.sort();
    println!(
        "ThemeIndex::update of {what}, {UPDATES} times: median {}, max {}, min {}; RSS {}",
        ms(times[UPDATES / 2]),
        ms(times[UPDATES - 1]),
        ms(times[0]),
        rss()
    );
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// VmRSS and VmHWM (peak) of this process, from /proc/self/status.
fn rss() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map(|kb| format!("{} MB", kb / 1024))
            .unwrap_or_else(|| "?".into())
    };
    format!("{} (peak {})", field("VmRSS:"), field("VmHWM:"))
}
