//! Diagnostics as problems: what `corpus::consistency` finds (dead links,
//! duplicates, dates that disagree, unlisted transcripts) plus each file's
//! own parse and read problems, minus the kinds the user turned off by code.
//! Spans refer to the file's analysis (for an open file, its buffer).

use std::collections::BTreeSet;

use crate::corpus::FileKind;
use crate::corpus::consistency::{Finding, check_corpus, check_index, check_transcript};
use crate::corpus::text::Problem;
use crate::ide::speaker_edits::speaker_findings;
use crate::ide::world::{CorpusView, FileRef, FileView, World};

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
            let own = findings.into_iter().filter(|f| f.path == view.analysis.path).map(|f| f.problem);
            own.chain(speaker_findings(&view).into_iter().map(|f| f.problem)).collect()
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
    let mut findings: Vec<(String, Problem)> =
        check_corpus(&cv.corpus).into_iter().map(|Finding { path, problem, .. }| (path, problem)).collect();
    // Speakers as people: the registry's problems and each transcript's speaker findings.
    if let Some((file, registry)) = cv.corpus.registry() {
        findings.extend(registry.problems.iter().map(|p| (file.path.clone(), p.clone())));
    }
    for (file, _) in cv.corpus.transcripts() {
        let view = FileView { file: cv.file_ref(&file.path), analysis: file.clone(), corpus: Some(cv.clone()) };
        findings.extend(speaker_findings(&view).into_iter().map(|f| (file.path.clone(), f.problem)));
    }
    findings.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.span.start.cmp(&b.1.span.start)));
    for (path, problem) in findings {
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
