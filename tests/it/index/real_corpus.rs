//! INDEX.md maintenance on real corpora: build an index for thousands of
//! Kremlin transcripts, break it on purpose, and check that every kind of
//! finding appears and that updating repairs the listing without touching
//! what was written. Also the shipped `seeds/` folder, which must be
//! consistent. The corpus tests need the shared corpora (`SPEECH_LS_DATA`).
//! Timings are printed (run with `--nocapture`), never asserted.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Instant;

use speech_ls::corpus::consistency::{check_corpus, codes};
use speech_ls::corpus::index_edit::{apply_edits, build_index, update_index};
use speech_ls::corpus::{Corpus, FileAnalysis, parse_index};

use crate::kit::data::data;

fn load(dirs: &[PathBuf]) -> (Corpus, HashMap<String, String>) {
    let mut corpus = Corpus::new();
    let mut texts = HashMap::new();
    for dir in dirs {
        let Ok(read) = std::fs::read_dir(dir) else { continue };
        let mut names: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
        names.sort();
        for path in names {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            if !(name.ends_with(".txt") || name == "INDEX.md") || corpus.contains(&name) {
                continue;
            }
            let Ok(bytes) = std::fs::read(&path) else { continue };
            let text = String::from_utf8_lossy(&bytes).into_owned();
            corpus.insert(FileAnalysis::analyze(&name, &text));
            texts.insert(name, text);
        }
    }
    (corpus, texts)
}

/// The Kremlin corpora of the shared data (`SPEECH_LS_DATA`; panics without it).
fn kremlin_dirs() -> Vec<PathBuf> {
    vec![data("kremlin-dev"), data("kremlin-bulk")]
}

/// The Kremlin corpus, read once for all tests of this file (thousands of
/// files take seconds in a debug build).
static KREMLIN: LazyLock<(Corpus, HashMap<String, String>)> = LazyLock::new(|| load(&kremlin_dirs()));

/// The Kremlin corpus and each file's text by name.
fn kremlin() -> (Corpus, impl Fn(&str) -> Option<String>) {
    let (corpus, texts) = &*KREMLIN;
    assert!(corpus.len() > 1000, "the Kremlin corpora hold thousands of transcripts, not {}", corpus.len());
    (corpus.clone(), |p: &str| texts.get(p).cloned())
}

#[test]
fn seeds_folder_is_consistent() {
    let seeds = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"));
    let (corpus, _) = load(&[seeds.to_path_buf()]);
    assert!(corpus.index().is_some(), "seeds/ has an INDEX.md");
    let findings: Vec<String> =
        check_corpus(&corpus).iter().map(|f| format!("{}: {}", f.path, f.problem.message)).collect();
    assert!(findings.is_empty(), "seeds/ is inconsistent: {findings:#?}");
    let (_, doc) = corpus.index().expect("index");
    assert_eq!(
        doc.entries[0].tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        ["public-safety", "cybercrime"]
    );
}

#[test]
#[ignore = "needs the shared corpora (see CONTRIBUTING.md)"]
fn build_break_and_repair_an_index_of_the_kremlin_corpus() {
    let (mut corpus, text_of) = kremlin();
    let started = Instant::now();
    let built = build_index(&corpus, &text_of);
    eprintln!("built INDEX.md for {} transcripts in {:?}", corpus.len(), started.elapsed());
    eprintln!("{}", built.lines().take(12).collect::<Vec<_>>().join("\n"));
    corpus.insert(FileAnalysis::analyze("INDEX.md", &built));
    let findings = check_corpus(&corpus);
    let index_or_listing: Vec<_> = findings
        .iter()
        .filter(|f| f.path == "INDEX.md" || f.problem.code == codes::UNLISTED)
        .map(|f| format!("{}: {} {}", f.path, f.problem.code, f.problem.message))
        .take(5)
        .collect();
    assert!(index_or_listing.is_empty(), "a freshly built index has findings: {index_or_listing:#?}");

    // Break it: drop every 50th entry, misspell one link, list one file
    // twice, change one date, and write a hand-made note and tag.
    let mut broken = String::new();
    let mut dropped = 0;
    let mut entry_no = 0;
    for line in built.lines() {
        if line.starts_with("- ") {
            entry_no += 1;
            if entry_no % 50 == 0 {
                dropped += 1;
                continue;
            }
            if entry_no == 3 {
                broken.push_str(&line.replacen(".txt)", "x.txt)", 1));
                broken.push('\n');
                continue;
            }
            if entry_no == 7 {
                broken.push_str(&format!("{line} #hand-made-tag\n{line}\n"));
                continue;
            }
            if entry_no == 11 {
                let after_date = line.get(12..).unwrap_or_default();
                broken.push_str(&format!("- 1990-01-01{after_date}\n"));
                continue;
            }
        }
        broken.push_str(line);
        broken.push('\n');
    }
    broken.push_str("\nA note written by hand. <!-- and a comment -->\n");
    corpus.insert(FileAnalysis::analyze("INDEX.md", &broken));
    let started = Instant::now();
    let findings = check_corpus(&corpus);
    eprintln!("checked {} files in {:?}: {} findings", corpus.len(), started.elapsed(), findings.len());
    let count = |code: &str| findings.iter().filter(|f| f.problem.code == code).count();
    assert_eq!(count(codes::DEAD_LINK), 1);
    assert!(findings.iter().any(|f| f.problem.code == codes::DEAD_LINK && f.problem.message.contains("did you mean")));
    assert_eq!(count(codes::DUPLICATE_ENTRY), 1);
    assert_eq!(count(codes::DATE_MISMATCH), 1);
    // The misspelt link's file is unlisted too.
    assert_eq!(count(codes::UNLISTED), dropped + 1);
    assert_eq!(count(codes::UNLISTED_SUMMARY), 1);

    let started = Instant::now();
    let repaired = apply_edits(&broken, &update_index(&corpus, &broken, &text_of));
    eprintln!("update_index added {} entries in {:?}", dropped + 1, started.elapsed());
    let mut remaining = repaired.lines();
    for line in broken.lines() {
        assert!(remaining.any(|l| l == line), "hand-written line lost or reordered: {line:?}");
    }
    corpus.insert(FileAnalysis::analyze("INDEX.md", &repaired));
    assert_eq!(check_corpus(&corpus).iter().filter(|f| f.problem.code == codes::UNLISTED).count(), 0);
    assert!(update_index(&corpus, &repaired, &text_of).is_empty(), "a second update changed the index");
}

#[test]
fn parsing_a_seventeen_thousand_entry_index() {
    let forms = [
        "- 2021-03-03 [Meeting number {i}](2021-03-03_{i}.txt) #tag-{i} #economy",
        "- [[2021-03-03_{i}|Alias {i}]] 2021-03-03",
        "* 2021-03-03 <2021-03-03_{i}.txt> Title {i}",
        "1. 2021-03-03 2021-03-03_{i}.txt a bare one #x",
        "- [Ref {i}][r{i}]\n[r{i}]: <dir {i}/a%20b.txt>",
    ];
    let mut text = String::from("# Index\n");
    for i in 0..17_400 {
        if i % 1000 == 0 {
            text.push_str(&format!("\n## {}\n\n", 2000 + i / 1000));
        }
        text.push_str(&forms[i % forms.len()].replace("{i}", &i.to_string()));
        text.push('\n');
    }
    let started = Instant::now();
    let doc = parse_index(&text);
    eprintln!("parsed {} entries ({} bytes) in {:?}", doc.entries.len(), text.len(), started.elapsed());
    assert_eq!(doc.entries.len(), 17_400);
    assert!(doc.entries.iter().all(|e| e.links.len() == 1), "every synthetic entry has exactly one link");
    assert_eq!(doc.headings.len(), 19, "# Index and 18 year headings");
}

#[test]
#[ignore = "needs the shared corpora (see CONTRIBUTING.md)"]
fn an_index_whose_every_link_is_dead_is_checked_quickly_and_completely() {
    let (mut corpus, text_of) = kremlin();
    let built = build_index(&corpus, &text_of);
    let all_dead = built.replace(".txt)", "-old.txt)");
    corpus.insert(FileAnalysis::analyze("INDEX.md", &all_dead));
    let started = Instant::now();
    let findings = check_corpus(&corpus);
    let dead = findings.iter().filter(|f| f.problem.code == codes::DEAD_LINK).count();
    eprintln!("checked {dead} dead links among {} files in {:?}", corpus.len(), started.elapsed());
    assert_eq!(dead, corpus.transcripts().count());
    assert!(findings.iter().any(|f| f.problem.message.contains("did you mean")));
}
