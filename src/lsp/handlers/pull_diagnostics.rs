//! `textDocument/diagnostic`: the same diagnostics the server pushes, for
//! clients that pull them, minus the kinds the user turned off by code in
//! the settings (`"diagnostics": {"unlisted": false}`).

use std::collections::BTreeSet;

use tower_lsp_server::ls_types::{
    Diagnostic, DocumentDiagnosticReport, DocumentDiagnosticReportResult, FullDocumentDiagnosticReport, NumberOrString,
    RelatedFullDocumentDiagnosticReport, Uri,
};

use crate::lsp::diagnostics::diagnostics_for;
use crate::lsp::state::Snapshot;

pub fn handle_document_diagnostic(
    snap: &Snapshot,
    uri: &Uri,
    off: &BTreeSet<String>,
) -> DocumentDiagnosticReportResult {
    report(without_codes(diagnostics_for(snap, uri), off))
}

/// The answer when the diagnostics could not be computed.
pub fn empty_report() -> DocumentDiagnosticReportResult {
    report(Vec::new())
}

fn report(items: Vec<Diagnostic>) -> DocumentDiagnosticReportResult {
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
        related_documents: None,
        full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: None, items },
    }))
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
