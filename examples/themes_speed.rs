//! Times the build of a corpus's theme index step by step (read, doc_terms,
//! stats, tags, neighbours, topics) and prints the process's resident memory
//! before and after: `cargo run --release --example themes_speed -- DIR`
//! (default /tmp/full). Prints figures only; tests assert behaviour, not time.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use speech_ls::corpus::themes::analysis::VOCABULARY;
use speech_ls::workspace::load_corpus;
use speech_ls::workspace::themes::ThemeIndex;

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
    let index = ThemeIndex::build(&dir, &corpus);
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
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
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
