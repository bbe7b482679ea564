//! `textDocument/codeAction`: quick fixes for what `corpus::consistency`
//! finds. "Add to INDEX.md" for an unlisted transcript (on the transcript,
//! and for all of them on INDEX.md's summary), "Point to <nearest file>" and
//! "Remove entry" for a dead link, "Remove entry" for a duplicate listing or
//! an entry without a link, and "Fix date" where entry and header disagree.
//!
//! The findings are recomputed from the snapshot rather than read back from
//! the diagnostics the client sends: they carry the data a fix needs (entry
//! and link indexes, the nearest name, the header's date). The client's
//! diagnostic with the same code and range is attached to each action.

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, NumberOrString, Range, Uri, WorkspaceEdit,
};

use crate::corpus::consistency::{Finding, FixData, check_index, check_transcript, codes};
use crate::corpus::index_edit::{
    TextEdit, add_entries, entry_for_transcript, fix_entry_date, remove_entry, repoint_link, update_index,
};
use crate::corpus::{FileKind, Span};
use crate::lsp::convert::{PositionEncoding, range_to_proto, span_from_proto};
use crate::lsp::handlers::workspace_edit::{EditCaps, IndexSource, transcript_text};
use crate::lsp::state::{CorpusView, Snapshot};

/// The quick fixes for the findings of `uri` that touch `range`.
pub fn handle_code_action(
    snap: &Snapshot,
    caps: EditCaps,
    uri: &Uri,
    range: Range,
    sent: &[Diagnostic],
) -> Vec<CodeActionOrCommand> {
    let enc = snap.encoding;
    let Some(file) = snap.file(uri) else { return Vec::new() };
    let Some(cv) = file.corpus.as_ref() else { return Vec::new() };
    let wanted = span_from_proto(&file.analysis.line_index, range, enc);
    let findings = match file.analysis.kind {
        FileKind::Index(_) => check_index(&cv.corpus),
        FileKind::Transcript(_) => check_transcript(&cv.corpus, &file.analysis.path),
    };
    let touching: Vec<Finding> =
        findings.into_iter().filter(|f| f.path == file.analysis.path && overlaps(f.problem.span, wanted)).collect();
    if touching.is_empty() {
        return Vec::new();
    }
    let Some(index) = IndexSource::of(snap, cv) else { return Vec::new() };
    let fixer = Fixer { snap, cv, index: &index, enc, caps };
    let mut actions = Vec::new();
    for finding in &touching {
        let range = range_to_proto(&file.analysis.line_index, finding.problem.span, enc);
        let diagnostic = sent
            .iter()
            .find(|d| d.range == range && d.code == Some(NumberOrString::String(finding.problem.code.to_string())))
            .cloned();
        for (title, edits, preferred) in fixer.fixes(finding) {
            if edits.is_empty() {
                continue;
            }
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diagnostic.clone().map(|d| vec![d]),
                edit: Some(fixer.edit(&edits)),
                is_preferred: preferred.then_some(true),
                ..Default::default()
            }));
        }
    }
    actions
}

/// What the fixes of one request share.
struct Fixer<'a> {
    snap: &'a Snapshot,
    cv: &'a CorpusView,
    index: &'a IndexSource,
    enc: PositionEncoding,
    caps: EditCaps,
}

/// A fix's title, its INDEX.md edits, and whether it is the one to prefer.
type Fix = (String, Vec<TextEdit>, bool);

impl Fixer<'_> {
    fn fixes(&self, finding: &Finding) -> Vec<Fix> {
        let text = &self.index.text;
        let doc = &self.index.doc;
        let remove = |entry: usize, preferred: bool| -> Fix {
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
                let edits = update_index(&self.cv.corpus, text, &|rel| transcript_text(self.snap, self.cv, rel));
                vec![("Add every unlisted transcript to INDEX.md".to_string(), edits, true)]
            }
            FixData::None => Vec::new(),
        }
    }

    /// The edits adding one transcript's entry in date order.
    fn add_one(&self, rel: &str) -> Vec<TextEdit> {
        let Some(transcript) = self.cv.corpus.get(rel).and_then(|f| f.transcript()) else { return Vec::new() };
        let text = transcript_text(self.snap, self.cv, rel);
        let entry = entry_for_transcript(rel, transcript, text.as_deref());
        add_entries(&self.index.text, &self.index.doc, &[entry])
    }

    fn edit(&self, edits: &[TextEdit]) -> WorkspaceEdit {
        self.index.workspace_edit(edits, self.enc, self.caps)
    }
}

/// True when two spans share a byte or touch (an empty request range at a
/// diagnostic's edge still asks about it).
fn overlaps(a: Span, b: Span) -> bool {
    a.start <= b.end && b.start <= a.end
}
