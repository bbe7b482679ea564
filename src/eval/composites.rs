//! Evaluation of topical sections in monologues: composite speeches made of
//! five real speeches (State of the Union messages and UN General Debate
//! statements), their bodies concatenated with no speaker label, scored by
//! Pk of the outline's section boundaries against the seams.
//!
//! The composites are drawn with a fixed seed from the speeches of `sotu/`
//! and `ungdc/` that have no speaker turns, so the figure is the same on
//! every run. Units are the composite's paragraphs; a seam is the first
//! paragraph of each speech after the first. The sections are those of
//! `analyze_file`, exactly what the outline shows. Two baselines: "no
//! boundaries", and an even split of the paragraphs into the true number of
//! speeches (a segmenter told the count and nothing else).

use std::path::{Path, PathBuf};

use crate::corpus::themes::analysis::{ThemeContext, analyze_file};
use crate::corpus::transcript::parse_transcript;
use crate::eval::EvalRow;
use crate::eval::segmentation::{pk, window};

/// How many composites are drawn.
const COMPOSITES: usize = 60;
/// How many speeches each composite joins.
const PER_COMPOSITE: usize = 5;
/// The fixed seed of the draw.
const SEED: u64 = 0x005e_ed14;

/// A small deterministic generator (SplitMix64): the draw must not depend
/// on a crate's version or on the platform.
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// The `.txt` files of `dir`, sorted (empty when it does not exist).
pub fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// The body of a speech file: everything after its header line, trimmed.
pub fn body(text: &str) -> &str {
    let rest = if text.trim_start().starts_with("date ") { text.split_once('\n').map_or("", |(_, r)| r) } else { text };
    rest.trim()
}

/// Pk of the outline's sections and of both baselines, over the composites.
#[derive(Debug, Clone, PartialEq)]
pub struct CompositeScores {
    pub composites: usize,
    pub pk: f64,
    pub none_pk: f64,
    pub even_pk: f64,
    /// Mean number of sections the outline shows per composite.
    pub sections: f64,
}

pub fn rows(data_dir: &Path) -> Vec<EvalRow> {
    let row = |value: Option<f64>, baseline: Option<(String, f64)>, note: String| EvalRow {
        task: "sections".into(),
        set: "composites of 5 sotu/ungdc".into(),
        metric: "Pk".into(),
        value,
        baseline,
        target: Some("≤ 0.30, < even split".into()),
        note,
    };
    match score(data_dir) {
        Some(s) => vec![row(
            Some(s.pk),
            Some(("even split into 5".into(), s.even_pk)),
            format!(
                "{} composites of {PER_COMPOSITE} speeches (seed {SEED:#x}), paragraph units; no boundaries {:.3}; \
                     {:.1} sections per composite",
                s.composites, s.none_pk, s.sections
            ),
        )],
        None => vec![row(None, None, "sotu/ or ungdc/ not found".into())],
    }
}

/// Draws the composites and scores them; `None` when no speech was found.
pub fn score(data_dir: &Path) -> Option<CompositeScores> {
    let mut pool: Vec<PathBuf> = txt_files(&data_dir.join("sotu"));
    pool.extend(txt_files(&data_dir.join("ungdc")));
    if pool.len() < PER_COMPOSITE {
        return None;
    }
    eprintln!("sections: {COMPOSITES} composites from {} speeches", pool.len());
    let mut rng = SplitMix(SEED);
    let ctx = ThemeContext::standalone();
    let mut s = CompositeScores { composites: 0, pk: 0.0, none_pk: 0.0, even_pk: 0.0, sections: 0.0 };
    let mut attempts = 0;
    while s.composites < COMPOSITES && attempts < COMPOSITES * 10 {
        attempts += 1;
        let mut bodies: Vec<String> = Vec::new();
        while bodies.len() < PER_COMPOSITE {
            let Ok(bytes) = std::fs::read(&pool[rng.below(pool.len())]) else { continue };
            let text = String::from_utf8_lossy(&bytes);
            let b = body(&text);
            // Speeches with speaker labels would give the outline turns to cut at.
            if !b.is_empty() && parse_transcript(b).turns.is_empty() {
                bodies.push(b.to_string());
            }
        }
        let mut text = String::new();
        let mut seams = Vec::new();
        for b in &bodies {
            if !text.is_empty() {
                text.push_str("\n\n");
                seams.push(text.len());
            }
            text.push_str(b);
        }
        let transcript = parse_transcript(&text);
        if !transcript.turns.is_empty() {
            continue;
        }
        let n = transcript.paragraphs.len();
        let unit_of = |offset: usize| transcript.paragraphs.partition_point(|p| p.span.start < offset);
        let mut gold: Vec<usize> = seams.iter().map(|&o| unit_of(o)).filter(|&u| 0 < u && u < n).collect();
        gold.dedup();
        if n < 3 || gold.is_empty() {
            continue;
        }
        let themes = analyze_file("composite.txt", &text, &transcript, &ctx);
        let mut hyp: Vec<usize> =
            themes.sections.iter().map(|sec| sec.themes.paragraphs.start).filter(|&u| 0 < u && u < n).collect();
        hyp.sort_unstable();
        hyp.dedup();
        let even: Vec<usize> = (1..PER_COMPOSITE).map(|i| i * n / PER_COMPOSITE).filter(|&u| 0 < u).collect();
        let k = window(&gold, n);
        s.composites += 1;
        s.pk += pk(&gold, &hyp, n, k);
        s.none_pk += pk(&gold, &[], n, k);
        s.even_pk += pk(&gold, &even, n, k);
        s.sections += (hyp.len() + 1) as f64;
    }
    if s.composites == 0 {
        return None;
    }
    let d = s.composites as f64;
    Some(CompositeScores {
        composites: s.composites,
        pk: s.pk / d,
        none_pk: s.none_pk / d,
        even_pk: s.even_pk / d,
        sections: s.sections / d,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_draw_is_fixed_and_bodies_lose_their_header() {
        let mut a = SplitMix(7);
        let mut b = SplitMix(7);
        let draws: Vec<usize> = (0..5).map(|_| a.below(10)).collect();
        assert_eq!(draws, (0..5).map(|_| b.below(10)).collect::<Vec<_>>());
        assert!(draws.iter().all(|&d| d < 10));
        assert_eq!(body(" date 1790-01-08 Source: X\n\nFellow-Citizens.\n"), "Fellow-Citizens.");
        assert_eq!(body("No header here.\n"), "No header here.");
    }
}
