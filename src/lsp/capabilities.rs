//! What each side can do: the client's capabilities as far as this server
//! cares (read once at `initialize`), and the server's, advertised in its
//! answer. Kept together so that a feature's wiring is one place.

use tower_lsp_server::ls_types::*;

use crate::lsp::from_proto::PositionEncoding;

/// What the client said it can do, as far as this server cares.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientFlags {
    /// Answers `workspace/configuration`.
    pub configuration: bool,
    /// Accepts a dynamic registration of `workspace/didChangeWatchedFiles`.
    pub dynamic_watch: bool,
    /// Pulls diagnostics (`textDocument/diagnostic`) and can be told to pull
    /// again (`workspace/diagnostic/refresh`): pull is advertised to it and
    /// nothing is pushed. A client that pulls but cannot be told (Neovim
    /// 0.11) would keep stale diagnostics on one file after an edit to
    /// another (INDEX.md lists a transcript: its "unlisted" warning stays),
    /// so it is offered push alone.
    pub pull_diagnostics: bool,
    /// Takes `workspace/diagnostic/refresh` (re-pulls when told to).
    pub diagnostic_refresh: bool,
    /// Shows server-initiated `$/progress` (window.workDoneProgress).
    pub work_done_progress: bool,
    /// Takes `workspace/inlayHint/refresh`.
    pub inlay_hint_refresh: bool,
    /// Takes `workspace/semanticTokens/refresh`.
    pub semantic_tokens_refresh: bool,
    /// Takes `workspace/codeLens/refresh`.
    pub code_lens_refresh: bool,
}

impl ClientFlags {
    pub fn from_params(params: &InitializeParams) -> ClientFlags {
        let ws = params.capabilities.workspace.as_ref();
        let diagnostic_refresh =
            ws.and_then(|w| w.diagnostics.as_ref()).and_then(|d| d.refresh_support).unwrap_or(false);
        ClientFlags {
            configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
            dynamic_watch: ws
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            pull_diagnostics: params.capabilities.text_document.as_ref().is_some_and(|t| t.diagnostic.is_some())
                && diagnostic_refresh,
            diagnostic_refresh,
            work_done_progress: params.capabilities.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false),
            inlay_hint_refresh: ws.and_then(|w| w.inlay_hint.as_ref()).and_then(|c| c.refresh_support).unwrap_or(false),
            semantic_tokens_refresh: ws
                .and_then(|w| w.semantic_tokens.as_ref())
                .and_then(|c| c.refresh_support)
                .unwrap_or(false),
            code_lens_refresh: ws.and_then(|w| w.code_lens.as_ref()).and_then(|c| c.refresh_support).unwrap_or(false),
        }
    }
}

/// What the client said about edits and diagnostics, as far as the editing
/// features care. Read once at `initialize`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EditCaps {
    /// Takes `documentChanges` (versioned edits) rather than `changes`.
    pub document_changes: bool,
    /// Takes `create` resource operations in a `WorkspaceEdit`.
    pub create_files: bool,
    /// Takes `rename` resource operations in a `WorkspaceEdit`.
    pub rename_files: bool,
    /// Pulls diagnostics (`textDocument/diagnostic`): push is then skipped.
    pub pull_diagnostics: bool,
    /// Shows `CompletionItem::label_details`.
    pub label_details: bool,
}

impl EditCaps {
    pub fn from_params(params: &InitializeParams) -> EditCaps {
        EditCaps::from_capabilities(&params.capabilities)
    }

    pub fn from_capabilities(caps: &ClientCapabilities) -> EditCaps {
        let edit = caps.workspace.as_ref().and_then(|w| w.workspace_edit.as_ref());
        let ops = edit.and_then(|e| e.resource_operations.as_deref()).unwrap_or_default();
        let text = caps.text_document.as_ref();
        EditCaps {
            document_changes: edit.and_then(|e| e.document_changes).unwrap_or(false),
            create_files: ops.contains(&ResourceOperationKind::Create),
            rename_files: ops.contains(&ResourceOperationKind::Rename),
            pull_diagnostics: text.and_then(|t| t.diagnostic.as_ref()).is_some(),
            label_details: text
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.label_details_support)
                .unwrap_or(false),
        }
    }
}

/// The server's capabilities for this client.
pub fn server_capabilities(encoding: PositionEncoding, flags: ClientFlags) -> ServerCapabilities {
    let sync = TextDocumentSyncOptions {
        open_close: Some(true),
        change: Some(TextDocumentSyncKind::INCREMENTAL),
        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
        ..Default::default()
    };
    let folders = WorkspaceServerCapabilities {
        workspace_folders: Some(WorkspaceFoldersServerCapabilities {
            supported: Some(true),
            change_notifications: Some(OneOf::Left(true)),
        }),
        file_operations: Some(file_operations_capability()),
    };
    ServerCapabilities {
        position_encoding: Some(encoding.to_proto()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(sync)),
        document_symbol_provider: Some(OneOf::Left(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_link_provider: Some(DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: Default::default(),
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(code_action_capability()),
        execute_command_provider: Some(execute_command_capability()),
        completion_provider: Some(completion_capability()),
        rename_provider: Some(rename_capability()),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
        semantic_tokens_provider: Some(semantic_tokens_options().into()),
        code_lens_provider: Some(code_lens_capability()),
        inlay_hint_provider: Some(OneOf::Left(true)),
        diagnostic_provider: flags.pull_diagnostics.then(diagnostic_capability),
        workspace: Some(folders),
        ..Default::default()
    }
}

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

/// Brings INDEX.md up to date (`[uri]`: only the corpus holding it).
pub const UPDATE_INDEX: &str = "speech-ls.updateIndex";
/// Shows a place (`uri, range`): the code lens's target, turned into
/// `window/showDocument` so that no client needs a command of its own.
pub const SHOW_ENTRY: &str = "speech-ls.showEntry";

pub fn execute_command_capability() -> ExecuteCommandOptions {
    let commands = vec![UPDATE_INDEX.to_string(), SHOW_ENTRY.to_string()];
    ExecuteCommandOptions { commands, work_done_progress_options: Default::default() }
}

/// The semantic token types in the order `handlers::semantic_tokens` numbers them.
pub fn semantic_tokens_options() -> SemanticTokensOptions {
    SemanticTokensOptions {
        legend: SemanticTokensLegend {
            token_types: vec![
                SemanticTokenType::NUMBER,
                SemanticTokenType::STRING,
                SemanticTokenType::CLASS,
                SemanticTokenType::KEYWORD,
                SemanticTokenType::COMMENT,
            ],
            token_modifiers: vec![SemanticTokenModifier::DECLARATION],
        },
        full: Some(SemanticTokensFullOptions::Bool(true)),
        range: Some(false),
        work_done_progress_options: Default::default(),
    }
}
