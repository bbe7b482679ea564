//! The glue between `server.rs` and the editing features (issue 5): the
//! capabilities they advertise, and the one handler that must talk back to
//! the client (`executeCommand` sends `workspace/applyEdit` and
//! `window/showDocument`). Kept here so that the server's wiring stays one
//! line per feature.

use serde_json::{Value, json};
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CodeLensOptions, CompletionOptions,
    DiagnosticOptions, DiagnosticServerCapabilities, ExecuteCommandOptions, ExecuteCommandParams, FileOperationFilter,
    FileOperationPattern, FileOperationPatternKind, FileOperationRegistrationOptions, OneOf, RenameOptions,
    ShowDocumentParams, WorkspaceFileOperationsServerCapabilities,
};

use crate::lsp::handlers::commands::{self, SHOW_ENTRY, UPDATE_INDEX};
use crate::lsp::handlers::workspace_edit::EditCaps;
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

/// Pull diagnostics; a change in one file changes others' (INDEX.md and its
/// transcripts), hence the inter-file dependencies.
pub fn diagnostic_capability() -> DiagnosticServerCapabilities {
    DiagnosticServerCapabilities::Options(DiagnosticOptions {
        identifier: Some("speech-ls".to_string()),
        inter_file_dependencies: true,
        workspace_diagnostics: false,
        work_done_progress_options: Default::default(),
    })
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
