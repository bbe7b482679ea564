//! The glue between `server.rs` and the editing features (issue 5): the
//! capabilities they advertise, and what must talk back to the client
//! (`executeCommand` sends `workspace/applyEdit` and `window/showDocument`;
//! a settings change sends the `workspace/*/refresh` requests). Kept here so
//! that the server's wiring stays one line per feature.

use std::time::Duration;

use serde_json::{Value, json};
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CodeLensOptions, CompletionOptions,
    DiagnosticOptions, DiagnosticServerCapabilities, ExecuteCommandOptions, ExecuteCommandParams, FileOperationFilter,
    FileOperationPattern, FileOperationPatternKind, FileOperationRegistrationOptions, OneOf, RenameOptions,
    ShowDocumentParams, WorkspaceFileOperationsServerCapabilities,
};

use crate::lsp::config::SettingsChange;
use crate::lsp::handlers::commands::{self, SHOW_ENTRY, UPDATE_INDEX};
use crate::lsp::handlers::workspace_edit::EditCaps;
use crate::lsp::lifecycle::ClientFlags;
use crate::lsp::state::Snapshot;

pub fn code_action_capability() -> CodeActionProviderCapability {
    CodeActionProviderCapability::Options(CodeActionOptions {
        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
        resolve_provider: Some(false),
        work_done_progress_options: Default::default(),
    })
}

/// Completion is triggered by the characters that open a link or a tag.
pub fn completion_capability() -> CompletionOptions {
    CompletionOptions {
        trigger_characters: Some(["(", "[", "<", "#", "/"].map(String::from).to_vec()),
        ..Default::default()
    }
}

pub fn rename_capability() -> OneOf<bool, RenameOptions> {
    OneOf::Right(RenameOptions { prepare_provider: Some(true), work_done_progress_options: Default::default() })
}

/// `willRename` for transcripts and for folders (which may hold some).
pub fn file_operations_capability() -> WorkspaceFileOperationsServerCapabilities {
    let filter = |glob: &str, matches: FileOperationPatternKind| FileOperationFilter {
        scheme: Some("file".to_string()),
        pattern: FileOperationPattern { glob: glob.to_string(), matches: Some(matches), options: None },
    };
    WorkspaceFileOperationsServerCapabilities {
        will_rename: Some(FileOperationRegistrationOptions {
            filters: vec![
                filter("**/*.txt", FileOperationPatternKind::File),
                filter("**/*", FileOperationPatternKind::Folder),
            ],
        }),
        ..Default::default()
    }
}

pub fn code_lens_capability() -> CodeLensOptions {
    CodeLensOptions { resolve_provider: Some(false) }
}

/// Pull diagnostics, for one document and for the whole workspace (a
/// transcript nobody opened can still be unlisted); advertised only to
/// clients that take `workspace/diagnostic/refresh` (see
/// `ClientFlags::pull_diagnostics`), the others get them pushed. A change in
/// one file changes others' (INDEX.md and its transcripts), hence the
/// inter-file dependencies.
pub fn diagnostic_capability() -> DiagnosticServerCapabilities {
    DiagnosticServerCapabilities::Options(DiagnosticOptions {
        identifier: Some("speech-ls".to_string()),
        inter_file_dependencies: true,
        workspace_diagnostics: true,
        work_done_progress_options: Default::default(),
    })
}

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

pub fn execute_command_capability() -> ExecuteCommandOptions {
    ExecuteCommandOptions { commands: commands::all(), work_done_progress_options: Default::default() }
}

/// Runs a command. `updateIndex` answers `{"added": N, "applied": bool}`
/// once the client has answered the edit; unknown commands answer null.
pub async fn execute_command(
    client: &Client,
    snap: &Snapshot,
    caps: EditCaps,
    params: ExecuteCommandParams,
) -> Option<Value> {
    match params.command.as_str() {
        UPDATE_INDEX => {
            let scope = commands::scope_argument(&params.arguments);
            let updates = crate::lsp::guard("updateIndex", Vec::new(), || {
                commands::update_index_edits(snap, caps, scope.as_ref())
            });
            let mut added = 0;
            let mut applied = true;
            for update in updates {
                match client.apply_edit(update.edit).await {
                    Ok(answer) if answer.applied => added += update.added,
                    Ok(answer) => {
                        applied = false;
                        tracing::warn!("the client did not apply the INDEX.md update: {:?}", answer.failure_reason);
                    }
                    Err(e) => {
                        applied = false;
                        tracing::warn!("applyEdit for {} failed: {e}", update.root);
                    }
                }
            }
            Some(json!({"added": added, "applied": applied}))
        }
        SHOW_ENTRY => {
            let location = commands::location_argument(&params.arguments)?;
            let show = ShowDocumentParams {
                uri: location.uri,
                external: Some(false),
                take_focus: Some(true),
                selection: Some(location.range),
            };
            let shown = client.show_document(show).await.unwrap_or(false);
            Some(json!({"shown": shown}))
        }
        other => {
            tracing::warn!("unknown command {other}");
            None
        }
    }
}
