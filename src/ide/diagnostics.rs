//! Diagnostics as problems: what `corpus::consistency` finds (dead links,
//! duplicates, dates that disagree, unlisted transcripts) plus each file's
//! own parse and read problems, minus the kinds the user turned off by code.
//! Spans refer to the file's analysis (for an open file, its buffer).

use std::collections::BTreeSet;

use crate::corpus::FileKind;
use crate::corpus::consistency::{Finding, check_corpus, check_index, check_transcript};
use crate::corpus::text::Problem;
use crate::ide::world::{CorpusView, FileRef, World};

/// The problems of one file as the world sees it.
pub fn diagnostics(world: &World, file: &FileRef, off: &BTreeSet<String>) -> Vec<Problem> {
    let Some(view) = world.file(file) else { return Vec::new() };
    let problems: Vec<Problem> = match &view.corpus {
        Some(cv) => {
            // The corpus holds an open file's analysis (open buffers are
            // published into it), so the findings match the buffer.
            let findings = match view.analysis.kind {
                FileKind::Index(_) => check_index(&cv.corpus),
                FileKind::Transcript(_) => check_transcript(&cv.corpus, &view.analysis.path),
                FileKind::Registry(ref r) => return without_codes(r.problems.clone(), off),
            };
            findings.into_iter().filter(|f| f.path == view.analysis.path).map(|f| f.problem).collect()
        }
        None => {
            let own = match &view.analysis.kind {
                FileKind::Index(d) => d.problems.clone(),
                FileKind::Transcript(t) => t.problems.clone(),
                FileKind::Registry(r) => r.problems.clone(),
            };
            view.analysis.read_problems.iter().cloned().chain(own).collect()
        }
    };
    without_codes(problems, off)
}

/// Every file of a corpus that has problems, in path order, with them.
pub fn corpus_diagnostics(cv: &CorpusView, off: &BTreeSet<String>) -> Vec<(String, Vec<Problem>)> {
    let mut out: Vec<(String, Vec<Problem>)> = Vec::new();
    for Finding { path, problem, .. } in check_corpus(&cv.corpus) {
        if off.contains(problem.code) {
            continue;
        }
        match out.last_mut() {
            Some((rel, group)) if *rel == path => group.push(problem),
            _ => out.push((path, vec![problem])),
        }
    }
    out
}

/// True when `file` is an open text of a corpus (its problems come with the corpus's).
pub fn in_a_corpus(world: &World, file: &FileRef) -> bool {
    let Some(open) = world.open.get(file) else { return false };
    file.path().and_then(|p| world.workspace.locate(p)).is_some_and(|(_, rel)| rel == open.analysis.path)
}

fn without_codes(problems: Vec<Problem>, off: &BTreeSet<String>) -> Vec<Problem> {
    if off.is_empty() {
        return problems;
    }
    problems.into_iter().filter(|p| !off.contains(p.code)).collect()
}
