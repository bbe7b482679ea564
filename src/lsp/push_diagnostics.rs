//! Pushed diagnostics, for clients that do not pull them: what
//! `ide::diagnostics` finds for each open document, sent with
//! `publishDiagnostics`.
//!
//! State changes only mark diagnostics as stale; one background task waits
//! until the changes pause for a moment (so that a burst of keystrokes or
//! disk events costs one pass), but never more than a second while they keep
//! coming, then takes a snapshot and publishes what changed, tagged with the
//! document version it was computed from.

use std::collections::{BTreeSet, HashMap};
use std::sync::Weak;
use std::time::Duration;

use tokio::sync::{Notify, watch};
use tokio::time::Instant;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{Diagnostic, Uri};

use crate::lsp::shared::Shared;
use crate::lsp::state::Snapshot;
use crate::lsp::to_proto;

/// How long the documents must be left alone before diagnostics are computed:
/// a burst of keystrokes or disk events costs one pass.
const SETTLE: Duration = Duration::from_millis(100);

/// The longest a change waits for its diagnostics while changes keep coming:
/// someone typing without a pause longer than `SETTLE` still sees them.
const MAX_DELAY: Duration = Duration::from_secs(1);

/// The diagnostics of the document `uri` as the snapshot sees it.
pub fn diagnostics_for(snap: &Snapshot, uri: &Uri, off: &BTreeSet<String>) -> Vec<Diagnostic> {
    let file = snap.file_ref(uri);
    let problems = crate::ide::diagnostics::diagnostics(&snap.world, &file, off);
    match snap.line_index(&file) {
        Some(index) => to_proto::diagnostics(problems, index, snap.encoding),
        None => Vec::new(),
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
            let open: Vec<(Uri, i32)> = snap.documents.iter().map(|(uri, d)| (uri.clone(), d.version)).collect();
            open.into_iter()
                .map(|(uri, version)| {
                    let diags =
                        crate::lsp::dispatch::guard("diagnostics", Vec::new(), || diagnostics_for(&snap, &uri, &off));
                    (uri, version, diags)
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
