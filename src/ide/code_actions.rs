//! Quick fixes for what `corpus::consistency` finds. "Add to INDEX.md" for
//! an unlisted transcript (on the transcript, and for all of them on
//! INDEX.md's summary), "Point to <nearest file>" and "Remove entry" for a
//! dead link, "Remove entry" for a duplicate listing or an entry without a
//! link, and "Fix date" where entry and header disagree. On a speaker label
//! that looks like a misspelt known person: "Merge into <name>", which
//! edits the label (`ide::speaker_edits`).
//!
//! The findings are recomputed from the world rather than read back from
//! the diagnostics an editor sends: they carry the data a fix needs (entry
//! and link indexes, the nearest name, the header's date).

use crate::corpus::consistency::{Finding, FixData, check_index, check_transcript, codes};
use crate::corpus::index_edit::{
    TextEdit, add_entries, entry_for_transcript, fix_entry_date, remove_entry, repoint_link, update_index,
};
use crate::corpus::text::Problem;
use crate::corpus::{FileKind, Span};
use crate::ide::edits::{IndexSource, SourceChange};
use crate::ide::speaker_edits::merge_fixes;
use crate::ide::world::{CorpusView, FileRef, World};

/// One quick fix and the problem it fixes.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    pub title: String,
    /// The problem as the diagnostics show it (the editor's diagnostic with
    /// the same code and span is attached to the action).
    pub problem: Problem,
    pub change: SourceChange,
    pub preferred: bool,
}

/// The quick fixes for the findings of `file` that touch `wanted`.
pub fn code_actions(world: &World, file: &FileRef, wanted: Span) -> Vec<Fix> {
    let Some(view) = world.file(file) else { return Vec::new() };
    let Some(cv) = view.corpus.as_ref() else { return Vec::new() };
    // "Merge into <person>" on a near-duplicate label edits the transcript itself.
    let merges = merge_fixes(world, &view, wanted).into_iter().map(|(title, problem, change)| Fix {
        title,
        problem,
        change,
        preferred: true,
    });
    let mut out: Vec<Fix> = merges.collect();
    out.extend(index_fixes(world, &view, cv, wanted));
    out
}

/// The INDEX.md fixes of the consistency findings touching `wanted`.
fn index_fixes(world: &World, view: &crate::ide::FileView, cv: &CorpusView, wanted: Span) -> Vec<Fix> {
    let findings = match view.analysis.kind {
        FileKind::Index(_) => check_index(&cv.corpus),
        FileKind::Transcript(_) => check_transcript(&cv.corpus, &view.analysis.path),
        FileKind::Registry(_) => Vec::new(),
    };
    let touching: Vec<Finding> =
        findings.into_iter().filter(|f| f.path == view.analysis.path && overlaps(f.problem.span, wanted)).collect();
    if touching.is_empty() {
        return Vec::new();
    }
    let Some(index) = IndexSource::of(world, cv) else { return Vec::new() };
    let fixer = Fixer { world, cv, index: &index };
    let mut out = Vec::new();
    for finding in &touching {
        for (title, edits, preferred) in fixer.fixes(finding) {
            if edits.is_empty() {
                continue;
            }
            out.push(Fix { title, problem: finding.problem.clone(), change: index.change(edits), preferred });
        }
    }
    out
}

/// What the fixes of one request share.
struct Fixer<'a> {
    world: &'a World,
    cv: &'a CorpusView,
    index: &'a IndexSource,
}

/// A fix's title, its INDEX.md edits, and whether it is the one to prefer.
type Proposal = (String, Vec<TextEdit>, bool);

impl Fixer<'_> {
    fn fixes(&self, finding: &Finding) -> Vec<Proposal> {
        let text = &self.index.text;
        let doc = &self.index.doc;
        let remove = |entry: usize, preferred: bool| -> Proposal {
            let line = doc.entries.get(entry).map_or(0, |e| e.line + 1);
            (format!("Remove entry (INDEX.md:{line})"), remove_entry(text, doc, entry).into_iter().collect(), preferred)
        };
        match &finding.fix {
            FixData::Unlisted => {
                let title = format!("Add {} to INDEX.md", finding.path);
                vec![(title, self.add_one(&finding.path), true)]
            }
            FixData::DeadLink { entry, link, nearest } => {
                let mut out = Vec::new();
                if let Some(near) = nearest {
                    let edit = repoint_link(text, doc, *entry, *link, near);
                    out.push((format!("Point to {near}"), edit.into_iter().collect(), true));
                }
                out.push(remove(*entry, nearest.is_none()));
                out
            }
            FixData::Duplicate { entry, .. } => vec![remove(*entry, true)],
            FixData::NoLink { entry } => vec![remove(*entry, false)],
            FixData::DateMismatch { entry, header_date } => {
                let edit = fix_entry_date(text, doc, *entry, *header_date);
                vec![(format!("Fix date to {header_date}"), edit.into_iter().collect(), true)]
            }
            FixData::None if finding.problem.code == codes::UNLISTED_SUMMARY => {
                let edits = update_index(&self.cv.corpus, text, &|rel| self.world.corpus_text(self.cv, rel));
                vec![("Add every unlisted transcript to INDEX.md".to_string(), edits, true)]
            }
            FixData::None => Vec::new(),
        }
    }

    /// The edits adding one transcript's entry in date order.
    fn add_one(&self, rel: &str) -> Vec<TextEdit> {
        let Some(transcript) = self.cv.corpus.get(rel).and_then(|f| f.transcript()) else { return Vec::new() };
        let text = self.world.corpus_text(self.cv, rel);
        let entry = entry_for_transcript(rel, transcript, text.as_deref());
        add_entries(&self.index.text, &self.index.doc, &[entry])
    }
}

/// True when two spans share a byte or touch (an empty request range at a
/// diagnostic's edge still asks about it).
fn overlaps(a: Span, b: Span) -> bool {
    a.start <= b.end && b.start <= a.end
}
