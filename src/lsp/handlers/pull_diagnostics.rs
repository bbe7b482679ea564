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
use std::path::Path;

use tower_lsp_server::ls_types::{
    Diagnostic, DocumentDiagnosticReport, DocumentDiagnosticReportResult, FullDocumentDiagnosticReport, NumberOrString,
    PreviousResultId, RelatedFullDocumentDiagnosticReport, RelatedUnchangedDocumentDiagnosticReport,
    UnchangedDocumentDiagnosticReport, Uri, WorkspaceDiagnosticReport, WorkspaceDocumentDiagnosticReport,
    WorkspaceFullDocumentDiagnosticReport, WorkspaceUnchangedDocumentDiagnosticReport,
};

use crate::corpus::consistency::{Finding, check_corpus};
use crate::lsp::convert::uri_from_path;
use crate::lsp::diagnostics::{diagnostics_for, problem_to_diagnostic};
use crate::lsp::documents::OpenDocument;
use crate::lsp::state::{CorpusView, Snapshot};

/// `textDocument/diagnostic`: the document's diagnostics, or `unchanged`
/// when they hash to `previous` (the id the client got last time).
pub fn handle_document_diagnostic(
    snap: &Snapshot,
    uri: &Uri,
    off: &BTreeSet<String>,
    previous: Option<&str>,
) -> DocumentDiagnosticReportResult {
    let items = in_report_order(without_codes(diagnostics_for(snap, uri), off));
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
pub fn handle_workspace_diagnostic(
    snap: &Snapshot,
    off: &BTreeSet<String>,
    previous: &[PreviousResultId],
) -> WorkspaceDiagnosticReport {
    let previous: HashMap<&str, &str> = previous.iter().map(|p| (p.uri.as_str(), p.value.as_str())).collect();
    let open: HashMap<&Path, &OpenDocument> =
        snap.documents.iter().filter_map(|d| Some((d.path.as_deref()?, d))).collect();
    let mut reports = Reports { previous: &previous, seen: HashSet::new(), items: Vec::new() };
    for cv in snap.corpora() {
        for (rel, findings) in by_file(check_corpus(&cv.corpus)) {
            corpus_file_report(&mut reports, snap, &cv, &open, &rel, findings, off);
        }
    }
    // Open documents in no corpus (a transcript opened from elsewhere)
    // still have their own parse and read problems.
    for doc in snap.documents.iter() {
        if reports.seen.contains(doc.uri.as_str()) || in_a_corpus(snap, doc) {
            continue;
        }
        let items = in_report_order(without_codes(diagnostics_for(snap, &doc.uri), off));
        if !items.is_empty() {
            reports.add(doc.uri.clone(), Some(i64::from(doc.version)), items);
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

/// Drops the diagnostics whose code the user turned off.
pub fn without_codes(diagnostics: Vec<Diagnostic>, off: &BTreeSet<String>) -> Vec<Diagnostic> {
    if off.is_empty() {
        return diagnostics;
    }
    diagnostics
        .into_iter()
        .filter(|d| !matches!(&d.code, Some(NumberOrString::String(code)) if off.contains(code)))
        .collect()
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
fn corpus_file_report(
    reports: &mut Reports,
    snap: &Snapshot,
    cv: &CorpusView,
    open: &HashMap<&Path, &OpenDocument>,
    rel: &str,
    findings: Vec<Finding>,
    off: &BTreeSet<String>,
) {
    let Some(file) = cv.corpus.get(rel) else { return };
    let diagnostics =
        findings.into_iter().map(|f| problem_to_diagnostic(f.problem, &file.line_index, snap.encoding)).collect();
    let items = in_report_order(without_codes(diagnostics, off));
    if items.is_empty() {
        return;
    }
    let path = cv.root.join(rel);
    let (uri, version) = match open.get(path.as_path()) {
        Some(doc) => (doc.uri.clone(), Some(i64::from(doc.version))),
        None => match uri_from_path(&path) {
            Some(uri) => (uri, None),
            None => return,
        },
    };
    reports.add(uri, version, items);
}

/// Findings (ordered by file, as `check_corpus` gives them) grouped by file.
fn by_file(findings: Vec<Finding>) -> Vec<(String, Vec<Finding>)> {
    let mut out: Vec<(String, Vec<Finding>)> = Vec::new();
    for finding in findings {
        match out.last_mut() {
            Some((rel, group)) if *rel == finding.path => group.push(finding),
            _ => out.push((finding.path.clone(), vec![finding])),
        }
    }
    out
}

/// True when the document's file lies in a corpus (its diagnostics are
/// reported with the corpus's).
fn in_a_corpus(snap: &Snapshot, doc: &OpenDocument) -> bool {
    doc.path.as_deref().and_then(|p| snap.workspace.locate(p)).is_some_and(|(_, rel)| rel == doc.analysis.path)
}

/// Diagnostics in the order of their position in the file (stable, so that
/// ties keep the order the checks found them in): the document and the
/// workspace requests compute the same list, and so the same result id.
fn in_report_order(mut items: Vec<Diagnostic>) -> Vec<Diagnostic> {
    items.sort_by_key(|d| (d.range.start.line, d.range.start.character));
    items
}
