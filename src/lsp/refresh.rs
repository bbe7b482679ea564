//! Asking the client to pull again what may now look different: inlay
//! hints, semantic tokens, code lenses and diagnostics, each only where the
//! client takes the request.

use std::time::Duration;

use tower_lsp_server::Client;

use crate::lsp::capabilities::ClientFlags;
use crate::lsp::config::SettingsChange;

/// A request asking the client to ask again for what it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refresh {
    InlayHints,
    SemanticTokens,
    CodeLens,
    Diagnostics,
}

/// The refreshes a settings change calls for, among those the client takes.
/// A new corpus changes everything the server answers (links, listings,
/// which file is a transcript); otherwise only the switched feature.
pub fn refreshes_for(change: SettingsChange, flags: ClientFlags) -> Vec<Refresh> {
    let wanted = [
        (Refresh::InlayHints, change.corpus || change.inlay_hints, flags.inlay_hint_refresh),
        (Refresh::SemanticTokens, change.corpus, flags.semantic_tokens_refresh),
        (Refresh::CodeLens, change.corpus, flags.code_lens_refresh),
        (Refresh::Diagnostics, change.corpus || change.diagnostics, flags.diagnostic_refresh),
    ];
    wanted.into_iter().filter(|(_, needed, supported)| *needed && *supported).map(|(r, _, _)| r).collect()
}

/// How long the server waits for the client to acknowledge one refresh.
const REFRESH_TIMEOUT: Duration = Duration::from_secs(3);

/// Sends the refreshes in turn; a client that fails or does not answer one
/// is logged, and the next is sent all the same.
pub async fn send_refreshes(client: &Client, refreshes: &[Refresh]) {
    for refresh in refreshes {
        let sent = match refresh {
            Refresh::InlayHints => tokio::time::timeout(REFRESH_TIMEOUT, client.inlay_hint_refresh()).await,
            Refresh::SemanticTokens => tokio::time::timeout(REFRESH_TIMEOUT, client.semantic_tokens_refresh()).await,
            Refresh::CodeLens => tokio::time::timeout(REFRESH_TIMEOUT, client.code_lens_refresh()).await,
            Refresh::Diagnostics => tokio::time::timeout(REFRESH_TIMEOUT, client.workspace_diagnostic_refresh()).await,
        };
        match sent {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::warn!("{refresh:?} refresh failed: {e}"),
            Err(_) => tracing::warn!("{refresh:?} refresh got no answer in {REFRESH_TIMEOUT:?}"),
        }
    }
}
