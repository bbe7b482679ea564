//! Pull diagnostics: `textDocument/diagnostic` for one document and
//! `workspace/diagnostic` for every file of every corpus, the same
//! diagnostics the server pushes, minus the kinds the user turned off by code
//! in the settings (`"diagnostics": {"unlisted": false}`).
//!
//! Every report carries a result id, a hash of the diagnostics it holds, so
//! a client that sends back the id it got last (`previousResultId`,
//! `previousResultIds`) is answered `unchanged` when nothing changed: editors
//! re-pull the whole workspace every few seconds, and on 17,000 files
//! resending every diagnostic would cost far more than computing it.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use tower_lsp_server::ls_types::{
    Diagnostic, DocumentDiagnosticReport, DocumentDiagnosticReportResult, FullDocumentDiagnosticReport,
    PreviousResultId, RelatedFullDocumentDiagnosticReport, RelatedUnchangedDocumentDiagnosticReport,
    UnchangedDocumentDiagnosticReport, Uri, WorkspaceDiagnosticReport, WorkspaceDocumentDiagnosticReport,
    WorkspaceFullDocumentDiagnosticReport, WorkspaceUnchangedDocumentDiagnosticReport,
};

use crate::corpus::text::Problem;
use crate::ide::diagnostics::{corpus_diagnostics, in_a_corpus};
use crate::ide::{CorpusView, FileRef};
use crate::lsp::push_diagnostics::diagnostics_for;
use crate::lsp::state::Snapshot;
use crate::lsp::to_proto;

/// `textDocument/diagnostic`: the document's diagnostics, or `unchanged`
/// when they hash to `previous` (the id the client got last time).
pub fn document_diagnostic(
    snap: &Snapshot,
    uri: &Uri,
    off: &BTreeSet<String>,
    previous: Option<&str>,
) -> DocumentDiagnosticReportResult {
    let items = diagnostics_for(snap, uri, off);
    let result_id = result_id_of(&items);
    let report = if previous == Some(result_id.as_str()) {
        DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
        })
    } else {
        DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: Some(result_id), items },
        })
    };
    DocumentDiagnosticReportResult::Report(report)
}

/// `workspace/diagnostic`: one report for every corpus file that has
/// diagnostics and for every open document outside the corpora that has
/// some, plus one for every document the client still holds a result for
/// (`previous`), so that diagnostics of a file now clean, or deleted, are
/// cleared. A file whose diagnostics hash to the id the client sent is
/// answered `unchanged`.
pub fn workspace_diagnostic(
    snap: &Snapshot,
    off: &BTreeSet<String>,
    previous: &[PreviousResultId],
) -> WorkspaceDiagnosticReport {
    let previous: HashMap<&str, &str> = previous.iter().map(|p| (p.uri.as_str(), p.value.as_str())).collect();
    let mut reports = Reports { previous: &previous, seen: HashSet::new(), items: Vec::new() };
    for cv in snap.world.corpora() {
        for (rel, problems) in corpus_diagnostics(&cv, off) {
            corpus_file_report(&mut reports, snap, &cv, &rel, problems);
        }
    }
    // Open documents in no corpus (a transcript opened from elsewhere)
    // still have their own parse and read problems.
    for (uri, open) in snap.documents.iter() {
        if reports.seen.contains(uri.as_str()) || in_a_corpus(&snap.world, &open.file) {
            continue;
        }
        let items = diagnostics_for(snap, uri, off);
        if !items.is_empty() {
            reports.add(uri.clone(), Some(i64::from(open.version)), items);
        }
    }
    // Files the client shows diagnostics for that no longer have any.
    let cleared: Vec<Uri> =
        previous.keys().filter(|u| !reports.seen.contains(**u)).filter_map(|u| u.parse::<Uri>().ok()).collect();
    for uri in cleared {
        let version = snap.documents.get(&uri).map(|d| i64::from(d.version));
        reports.add(uri, version, Vec::new());
    }
    WorkspaceDiagnosticReport { items: reports.items }
}

/// The id of a report: a hash of its diagnostics, so that the same
/// diagnostics get the same id whichever request computed them.
pub fn result_id_of(items: &[Diagnostic]) -> String {
    let mut hasher = DefaultHasher::new();
    // Serialising covers every field the client sees; it cannot fail on
    // these plain structs, and an empty encoding would still hash.
    serde_json::to_vec(items).unwrap_or_default().hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// The reports of one workspace answer, built file by file.
struct Reports<'a> {
    previous: &'a HashMap<&'a str, &'a str>,
    /// The URIs already reported (each is reported once).
    seen: HashSet<String>,
    items: Vec<WorkspaceDocumentDiagnosticReport>,
}

impl Reports<'_> {
    fn add(&mut self, uri: Uri, version: Option<i64>, items: Vec<Diagnostic>) {
        if !self.seen.insert(uri.as_str().to_string()) {
            return;
        }
        let result_id = result_id_of(&items);
        let report = if self.previous.get(uri.as_str()) == Some(&result_id.as_str()) {
            WorkspaceDocumentDiagnosticReport::Unchanged(WorkspaceUnchangedDocumentDiagnosticReport {
                uri,
                version,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
            })
        } else {
            WorkspaceDocumentDiagnosticReport::Full(WorkspaceFullDocumentDiagnosticReport {
                uri,
                version,
                full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: Some(result_id), items },
            })
        };
        self.items.push(report);
    }
}

/// The report of one corpus file. An open document is named by the URI the
/// editor opened it under, with its version.
fn corpus_file_report(reports: &mut Reports, snap: &Snapshot, cv: &CorpusView, rel: &str, problems: Vec<Problem>) {
    let Some(file) = cv.corpus.get(rel) else { return };
    let items = to_proto::diagnostics(problems, &file.line_index, snap.encoding);
    if items.is_empty() {
        return;
    }
    let file_ref: FileRef = cv.file_ref(rel);
    let Some(uri) = to_proto::uri(snap, &file_ref) else { return };
    let version = snap.world.open.get(&file_ref).map(|d| i64::from(d.version));
    reports.add(uri, version, items);
}
