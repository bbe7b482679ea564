//! Evaluation of what a reader sees of whole speeches outside the Kremlin
//! pages: State of the Union messages (`sotu/`) and UN General Debate
//! statements (`ungdc/`).
//!
//! - summaries: the share of speech summaries whose first sentence is a
//!   salutation or a procedural formula ("Mr. President, ...", "Fellow-Citizens
//!   of the Senate ...", "I would like to congratulate you on your election"),
//!   judged by the patterns of [`is_formula`], written for this table and not
//!   shared with the summariser; and the share that carries a paragraph
//!   number ("69. We ...").
//! - themes (sotu only): the share of messages with no theme at all, and the
//!   share of war-time messages naming defence, war or the military among
//!   their first three themes.
//!
//! Every speech is analysed as `speech-ls themes` analyses it, against the
//! theme index of its own corpus. The UN statements are a fixed sample (the
//! corpus has 9,000), drawn with a fixed seed.

use std::path::Path;

use crate::corpus::themes::analysis::{FileThemes, analyze_file};
use crate::eval::EvalRow;
use crate::eval::composites::SplitMix;
use crate::workspace::load_corpus;
use crate::workspace::themes::ThemeIndex;

/// How many UN statements are analysed.
const UN_SAMPLE: usize = 600;
const SEED: u64 = 0x000a_110c;

/// The years of war-time messages (each range inclusive).
const WAR_YEARS: &[(i32, i32)] =
    &[(1846, 1847), (1862, 1865), (1898, 1898), (1917, 1918), (1942, 1945), (1951, 1952), (1966, 1968), (2002, 2007)];

pub fn rows(data_dir: &Path) -> Vec<EvalRow> {
    let mut out = Vec::new();
    for (set, sample) in [("ungdc", Some(UN_SAMPLE)), ("sotu", None)] {
        let dir = data_dir.join(set);
        let speeches = analyse(&dir, sample);
        let summary_row = |metric: &str, target: &str, value: Option<f64>, note: String| EvalRow {
            task: "summaries".into(),
            set: set.into(),
            metric: metric.into(),
            value,
            baseline: None,
            target: Some(target.into()),
            note,
        };
        if speeches.is_empty() {
            let note = format!("no transcripts found in {}", dir.display());
            out.push(summary_row("opens with a formula", "≤ 0.05", None, note));
            continue;
        }
        let n = speeches.len() as f64;
        let summaries: Vec<Vec<String>> = speeches.iter().map(|s| s.summary.clone()).collect();
        let formula: Vec<&Vec<String>> =
            summaries.iter().filter(|s| s.first().is_some_and(|f| is_formula(f))).collect();
        let numbered: Vec<&Vec<String>> =
            summaries.iter().filter(|s| s.iter().any(|f| has_paragraph_number(f))).collect();
        let example = |list: &[&Vec<String>]| {
            list.first().map(|s| format!("; e.g. {:?}", cut(&s.join(" "), 90))).unwrap_or_default()
        };
        out.push(summary_row(
            "opens with a formula",
            "≤ 0.05",
            Some(formula.len() as f64 / n),
            format!("{} of {} speech summaries{}", formula.len(), speeches.len(), example(&formula)),
        ));
        out.push(summary_row(
            "carries a paragraph number",
            "0",
            Some(numbered.len() as f64 / n),
            format!("{} of {} speech summaries{}", numbered.len(), speeches.len(), example(&numbered)),
        ));
        if set == "sotu" {
            out.extend(theme_rows(&speeches));
        }
    }
    out
}

fn theme_rows(speeches: &[Speech]) -> Vec<EvalRow> {
    let row = |metric: &str, target: &str, value: f64, note: String| EvalRow {
        task: "themes".into(),
        set: "sotu".into(),
        metric: metric.into(),
        value: Some(value),
        baseline: None,
        target: Some(target.into()),
        note,
    };
    let without: Vec<&Speech> = speeches.iter().filter(|s| s.labels.is_empty()).collect();
    let war: Vec<&Speech> = speeches
        .iter()
        .filter(|s| s.year.is_some_and(|y| WAR_YEARS.iter().any(|&(a, b)| (a..=b).contains(&y))))
        .collect();
    let names_war = |s: &Speech| s.labels.iter().take(3).any(|l| is_war_label(l));
    let missed: Vec<String> = war.iter().filter(|s| !names_war(s)).take(4).map(|s| s.path.clone()).collect();
    let hits = war.iter().filter(|s| names_war(s)).count();
    vec![
        row(
            "messages without a theme",
            "≤ 0.05",
            without.len() as f64 / speeches.len() as f64,
            format!(
                "{} of {}; e.g. {}",
                without.len(),
                speeches.len(),
                without.iter().take(4).map(|s| s.path.as_str()).collect::<Vec<_>>().join(", ")
            ),
        ),
        row(
            "war-time: war in first 3 themes",
            "≥ 0.80",
            hits as f64 / war.len().max(1) as f64,
            format!("{hits} of {} messages of war years; missed e.g. {}", war.len(), missed.join(", ")),
        ),
    ]
}

/// What the table reads of one analysed speech.
struct Speech {
    path: String,
    year: Option<i32>,
    summary: Vec<String>,
    labels: Vec<String>,
}

/// Every transcript of `dir` (or a fixed sample of `sample` of them),
/// analysed against the corpus's own theme index.
fn analyse(dir: &Path, sample: Option<usize>) -> Vec<Speech> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let corpus = load_corpus(dir);
    let index = ThemeIndex::build(dir, &corpus);
    let mut files: Vec<_> = corpus.transcripts().map(|(f, t)| (f.path.clone(), t.clone())).collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    if let Some(k) = sample {
        let mut rng = SplitMix(SEED);
        let mut chosen = Vec::new();
        while chosen.len() < k.min(files.len()) {
            chosen.push(files.swap_remove(rng.below(files.len())));
        }
        chosen.sort_by(|a, b| a.0.cmp(&b.0));
        files = chosen;
    }
    eprintln!("speeches: analysing {} transcripts of {}", files.len(), dir.display());
    files
        .iter()
        .filter_map(|(path, transcript)| {
            let text = std::fs::read_to_string(dir.join(path)).ok()?;
            let text = transcript.analysis_text(&text).into_owned();
            let themes: FileThemes = analyze_file(path, &text, transcript, &index.context);
            let summary = themes.speech.summary.iter().map(|s| s.slice(&text).to_string()).collect();
            let labels = themes.speech.labels.iter().map(|l| l.label.clone()).collect();
            let year = path
                .get(..4)
                .and_then(|y| y.parse().ok())
                .or_else(|| path.rsplit('_').next().and_then(|y| y.trim_end_matches(".txt").parse().ok()));
            Some(Speech { path: path.clone(), year, summary, labels })
        })
        .collect()
}

/// True for a sentence that greets, thanks, congratulates or follows
/// procedure rather than saying what the speech is about.
pub fn is_formula(sentence: &str) -> bool {
    let s = strip_number(sentence).to_lowercase();
    let s = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    const SALUTATIONS: &[&str] = &[
        "mr president",
        "mr. president",
        "madam president",
        "madame president",
        "mr chairman",
        "mr. chairman",
        "mr speaker",
        "mr. speaker",
        "mr secretary",
        "mr. secretary",
        "fellow-citizens",
        "fellow citizens",
        "fellow-countrymen",
        "gentlemen of the",
        "to the senate",
        "to the congress",
        "senators and representatives",
        "ladies and gentlemen",
        "your excellenc",
        "your majesty",
        "your highness",
        "excellencies",
        "distinguished delegates",
        "dear ",
        "thank",
        "at the outset",
        "allow me",
        "permit me",
        "on behalf of",
    ];
    const ANYWHERE: &[&str] =
        &["congratulat", "your election", "his election", "her election", "unanimous election", "i have the honour"];
    const COURTESY: &[&str] =
        &["thank", "gratitude", "appreciation", "tribute", "pleasure", "honour", "honor", "privilege"];
    let opens_courtesy =
        ["i ", "we ", "my delegation", "it is a", "it is an", "it is my", "let me"].iter().any(|o| s.starts_with(o))
            && COURTESY.iter().any(|c| s.contains(c));
    SALUTATIONS.iter().any(|p| s.starts_with(p)) || ANYWHERE.iter().any(|p| s.contains(p)) || opens_courtesy
}

/// True when a sentence starts with a paragraph number ("69.", "(12)", "3)").
pub fn has_paragraph_number(sentence: &str) -> bool {
    strip_number(sentence).len() != sentence.trim_start().len()
}

fn strip_number(sentence: &str) -> &str {
    let s = sentence.trim_start();
    let inner = s.strip_prefix('(').unwrap_or(s);
    let digits = inner.len() - inner.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return s;
    }
    let rest = &inner[digits..];
    match rest.strip_prefix(['.', ')']) {
        Some(after) if after.starts_with(char::is_whitespace) => after.trim_start(),
        _ => s,
    }
}

fn is_war_label(label: &str) -> bool {
    let lower = label.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| matches!(w, "war" | "wars" | "military" | "defence" | "defense"))
}

fn cut(s: &str, chars: usize) -> String {
    if s.chars().count() <= chars { s.to_string() } else { s.chars().take(chars).collect::<String>() + "…" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_and_paragraph_numbers_are_recognised() {
        for formula in [
            "Mr. President, at the outset, I wish to congratulate you on your election.",
            "Fellow-Citizens of the Senate and House of Representatives:",
            "82. I would like to congratulate you, Sir, on your unanimous election.",
            "On behalf of my delegation, I extend greetings to the Assembly.",
            "It is a great honour for me to address this Assembly.",
        ] {
            assert!(is_formula(formula), "{formula:?}");
        }
        for content in [
            "The Government I represent has recently assumed office.",
            "We have signed the treaty on the non-proliferation of nuclear weapons.",
        ] {
            assert!(!is_formula(content), "{content:?}");
        }
        assert!(has_paragraph_number("69. We believe that peace is indivisible."));
        assert!(has_paragraph_number("(12) The Assembly met."));
        assert!(!has_paragraph_number("1970. That was the year."));
        assert!(!has_paragraph_number("In 1970 the year began."));
        assert!(is_war_label("Defence and war") && !is_war_label("Software and awards"));
    }
}
