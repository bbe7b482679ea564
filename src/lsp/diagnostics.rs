//! Diagnostics for open documents: what `corpus::consistency` finds (dead
//! links, duplicates, dates that disagree, unlisted transcripts) plus each
//! file's own parse and read problems, pushed with `publishDiagnostics`.
//!
//! State changes only mark diagnostics as stale; one background task waits
//! until the changes pause for a moment (so that a burst of keystrokes or
//! disk events costs one pass), but never more than a second while they keep
//! coming, then takes a snapshot and publishes what changed, tagged with the
//! document version it was computed from.

use std::collections::HashMap;
use std::sync::Weak;
use std::time::Duration;

use tokio::sync::{Notify, watch};
use tokio::time::Instant;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{Diagnostic, DiagnosticSeverity, NumberOrString, Uri};

use crate::corpus::consistency::{check_index, check_transcript};
use crate::corpus::{FileKind, LineIndex, Problem, Severity};
use crate::lsp::convert::{PositionEncoding, range_to_proto};
use crate::lsp::lifecycle::Shared;
use crate::lsp::state::Snapshot;

/// How long the documents must be left alone before diagnostics are computed:
/// a burst of keystrokes or disk events costs one pass.
const SETTLE: Duration = Duration::from_millis(100);

/// The longest a change waits for its diagnostics while changes keep coming:
/// someone typing without a pause longer than `SETTLE` still sees them.
const MAX_DELAY: Duration = Duration::from_secs(1);

/// The diagnostics of one document as the snapshot sees it.
pub fn diagnostics_for(snap: &Snapshot, uri: &Uri) -> Vec<Diagnostic> {
    let Some(file) = snap.file(uri) else { return Vec::new() };
    let problems: Vec<Problem> = match &file.corpus {
        Some(cv) => {
            // The corpus holds this document's analysis (open buffers are
            // published into it), so the findings match the buffer.
            let findings = match file.analysis.kind {
                FileKind::Index(_) => check_index(&cv.corpus),
                FileKind::Transcript(_) => check_transcript(&cv.corpus, &file.analysis.path),
            };
            findings.into_iter().filter(|f| f.path == file.analysis.path).map(|f| f.problem).collect()
        }
        None => {
            let own = match &file.analysis.kind {
                FileKind::Index(d) => d.problems.clone(),
                FileKind::Transcript(t) => t.problems.clone(),
            };
            file.analysis.read_problems.iter().cloned().chain(own).collect()
        }
    };
    let index = &file.analysis.line_index;
    problems.into_iter().map(|p| problem_to_diagnostic(p, index, snap.encoding)).collect()
}

/// One problem as an LSP diagnostic, its span converted with the line index
/// of the file as it was analysed (shared with `workspace/diagnostic`).
pub fn problem_to_diagnostic(p: Problem, index: &LineIndex, encoding: PositionEncoding) -> Diagnostic {
    Diagnostic {
        range: range_to_proto(index, p.span, encoding),
        severity: Some(match p.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(p.code.to_string())),
        source: Some("speech-ls".to_string()),
        message: p.message,
        ..Default::default()
    }
}

/// Publishes diagnostics for the open documents whenever they may have
/// changed; ends when the server goes away.
pub async fn publish_forever(shared: Weak<Shared>, client: Client) {
    let mut published: HashMap<Uri, Vec<Diagnostic>> = HashMap::new();
    // The task waits without keeping the server state alive: it holds only
    // these two handles; when the state goes, `ready`'s sender goes with it
    // and the task ends.
    let Some((mut ready, stale)) = shared.upgrade().map(|s| (s.ready.subscribe(), s.diagnostics_stale.clone())) else {
        return;
    };
    loop {
        tokio::select! {
            _ = stale.notified() => {}
            _ = sender_gone(&mut ready) => return,
        }
        if !settle(&stale, &mut ready).await {
            return;
        }
        let Some(s) = shared.upgrade() else { return };
        // Kinds the user turned off by code are never shown; a client that
        // pulls diagnostics gets none pushed (it would show them twice),
        // only a refresh request when they changed.
        let (snap, off) = {
            let st = s.lock();
            (st.snapshot(), st.settings.diagnostics_off.clone())
        };
        let flags = s.flags();
        drop(s);
        let mut changed = false;
        // INDEX.md's findings cover the whole corpus (milliseconds on 17,000
        // files): computed on a blocking thread, never on the protocol's.
        let computed = tokio::task::spawn_blocking(move || {
            let open: Vec<(Uri, i32)> = snap.documents.iter().map(|d| (d.uri.clone(), d.version)).collect();
            open.into_iter()
                .map(|(uri, version)| {
                    let diags = crate::lsp::guard("diagnostics", Vec::new(), || diagnostics_for(&snap, &uri));
                    (uri, version, crate::lsp::handlers::pull_diagnostics::without_codes(diags, &off))
                })
                .collect::<Vec<_>>()
        })
        .await;
        let Ok(computed) = computed else {
            tracing::error!("computing diagnostics failed");
            continue;
        };
        let mut now: HashMap<Uri, Vec<Diagnostic>> = HashMap::new();
        for (uri, version, diags) in computed {
            let before = published.get(&uri).map(Vec::as_slice).unwrap_or_default();
            if before != diags.as_slice() {
                changed = true;
                if !flags.pull_diagnostics {
                    client.publish_diagnostics(uri.clone(), diags.clone(), Some(version)).await;
                }
            }
            now.insert(uri, diags);
        }
        // Documents closed since the last pass: clear what they showed.
        for (uri, diags) in published.drain() {
            if !now.contains_key(&uri) && !diags.is_empty() && !flags.pull_diagnostics {
                client.publish_diagnostics(uri, Vec::new(), None).await;
            }
        }
        published = now;
        if changed && flags.pull_diagnostics && flags.diagnostic_refresh {
            let _ = client.workspace_diagnostic_refresh().await;
        }
    }
}

/// After a first change, waits until no change has come for `SETTLE`, or
/// `MAX_DELAY` has passed since that first change, whichever is sooner (a
/// pure debounce would never publish while someone types without pausing).
/// False when the server went away meanwhile.
async fn settle(stale: &Notify, ready: &mut watch::Receiver<bool>) -> bool {
    let deadline = Instant::now() + MAX_DELAY;
    loop {
        let quiet_until = (Instant::now() + SETTLE).min(deadline);
        tokio::select! {
            _ = tokio::time::sleep_until(quiet_until) => return true,
            _ = stale.notified() => {
                if Instant::now() >= deadline {
                    return true;
                }
            }
            _ = sender_gone(ready) => return false,
        }
    }
}

/// Resolves once the watched value's sender is dropped (the server is gone).
async fn sender_gone(rx: &mut watch::Receiver<bool>) {
    while rx.changed().await.is_ok() {}
}
