//! Micro-benchmarks of the parsers and the analysis (divan): the transcript
//! parser on the seed and on the largest kremlin-dev transcript (when
//! `../shared` is present), the INDEX.md parser on a 17,400-entry index, and
//! one file's themes. Run: `cargo bench --bench analysis`.

use std::path::PathBuf;
use std::sync::LazyLock;

use speech_ls::corpus::themes::analysis::{ThemeContext, analyze_file};
use speech_ls::corpus::{parse_index, parse_transcript};

fn main() {
    divan::main();
}

static SEED: LazyLock<String> = LazyLock::new(|| {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/000_dfd047e8c9417aac.txt")).expect("seed")
});

/// The largest kremlin-dev transcript (about 40,000 words), or the seed
/// repeated to a similar size when the shared corpus is absent.
static LARGE: LazyLock<String> = LazyLock::new(|| {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/kremlin-dev"));
    let largest = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .max_by_key(|p| p.metadata().map(|m| m.len()).unwrap_or(0));
    match largest.and_then(|p| std::fs::read_to_string(p).ok()) {
        Some(text) => text,
        None => {
            eprintln!("../shared/corpus/kremlin-dev not found: using the seed repeated 40 times");
            SEED.repeat(40)
        }
    }
});

static INDEX: LazyLock<String> = LazyLock::new(|| {
    let mut out = String::from("# Index\n");
    for year in 1970..2024 {
        out.push_str(&format!("\n## {year}\n"));
        for i in 0..322 {
            out.push_str(&format!("- {year}-01-01 [Speech number {i}](folder/{year}_{i}.txt) #tag{}\n", i % 7));
        }
    }
    out
});

#[divan::bench]
fn parse_seed_transcript() -> usize {
    parse_transcript(divan::black_box(&SEED)).turns.len()
}

#[divan::bench]
fn parse_largest_transcript() -> usize {
    parse_transcript(divan::black_box(&LARGE)).turns.len()
}

#[divan::bench]
fn parse_index_17k_entries() -> usize {
    parse_index(divan::black_box(&INDEX)).entries.len()
}

#[divan::bench]
fn themes_of_the_seed(bencher: divan::Bencher) {
    let ctx = ThemeContext::standalone();
    let transcript = parse_transcript(&SEED);
    bencher.bench(|| analyze_file("seed.txt", divan::black_box(&SEED), &transcript, &ctx).sections.len());
}

#[divan::bench(sample_count = 20)]
fn themes_of_the_largest_transcript(bencher: divan::Bencher) {
    let ctx = ThemeContext::standalone();
    let transcript = parse_transcript(&LARGE);
    bencher.bench(|| analyze_file("large.txt", divan::black_box(&LARGE), &transcript, &ctx).sections.len());
}
