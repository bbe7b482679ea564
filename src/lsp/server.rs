//! The `LanguageServer` implementation: lifecycle, document sync, and one line
//! per feature handing a snapshot to its handler module.
//!
//! Ordering: the framework polls up to four handlers at once, but each is
//! first polled in arrival order, so every state change (open, change, close,
//! file events) is applied synchronously at the top of its handler, before
//! any `.await`. Queries wait for the first load, then take a snapshot and
//! release the lock before computing anything.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use crate::lsp::capabilities::{ClientFlags, EditCaps, server_capabilities};
use crate::lsp::config::{Settings, SettingsChange};
use crate::lsp::dispatch::{answer, answer_blocking, guard};
use crate::lsp::from_proto::{self, PositionEncoding};
use crate::lsp::handlers::{commands, document, editing, hover, navigation, pull_diagnostics};
use crate::lsp::shared::Shared;
use crate::lsp::state::Snapshot;
use crate::lsp::{push_diagnostics, refresh, reload, theme_index};
use crate::watch::change_from_client;

/// The language server: the client connection and the state it shares with
/// the background tasks (change applier, diagnostics publisher).
pub struct Backend {
    client: Client,
    shared: Arc<Shared>,
    /// What the client takes in edits and diagnostics, set at `initialize`.
    edit_caps: std::sync::OnceLock<EditCaps>,
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        let (shared, changes) = Shared::new();
        tokio::spawn(reload::apply_changes_forever(Arc::downgrade(&shared), changes));
        tokio::spawn(push_diagnostics::publish_forever(Arc::downgrade(&shared), client.clone()));
        tokio::spawn(theme_index::maintain_forever(Arc::downgrade(&shared), client.clone()));
        Backend { client, shared, edit_caps: std::sync::OnceLock::new() }
    }

    /// Tells, when called, whether this server's state still exists; holds
    /// only a weak reference, so it never keeps the state alive. For leak
    /// tests: the state must go with the session, whatever tasks it started.
    #[doc(hidden)]
    pub fn state_liveness(&self) -> impl Fn() -> bool + Send + Sync + 'static {
        let state = Arc::downgrade(&self.shared);
        move || state.strong_count() > 0
    }

    /// A snapshot for a query, once the first load is in.
    async fn snapshot(&self) -> Snapshot {
        self.shared.until_stopped(self.shared.wait_ready()).await;
        self.shared.lock().snapshot()
    }

    /// Discovers and loads the corpora again, unless the server stops first.
    async fn reload(&self) {
        let notices = self.shared.until_stopped(reload::reload(&self.shared)).await;
        // reliability: a refused `corpus` setting or a limit that stopped the load is shown to the user.
        crate::lsp::notices::tell_in_background(&self.client, self.shared.flags(), notices.unwrap_or_default());
    }

    /// Applies new settings. The corpora are loaded again only when the
    /// corpus folder changed (a load of 17,000 files, and a theme build after
    /// it, is not what turning on inlay hints should cost); pushed
    /// diagnostics are recomputed when a kind was switched. Then the client
    /// is asked to refresh what may now look different, in the background,
    /// so that this notification does not wait for the client's answers.
    async fn apply_settings(&self, settings: Settings) {
        let change = {
            let mut st = self.shared.lock();
            let change = SettingsChange::between(&st.settings, &settings);
            st.settings = settings;
            change
        };
        if change.corpus {
            self.reload().await;
        } else if change.diagnostics {
            self.shared.mark_stale();
        }
        self.refresh(change);
    }

    /// Asks the client to pull again what `change` may have changed (inlay
    /// hints, semantic tokens, code lenses, diagnostics), where it can.
    fn refresh(&self, change: SettingsChange) {
        let refreshes = refresh::refreshes_for(change, self.shared.flags());
        if !refreshes.is_empty() {
            let client = self.client.clone();
            tokio::spawn(async move { refresh::send_refreshes(&client, &refreshes).await });
        }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        if let Some(pid) = params.process_id {
            tokio::spawn(reload::exit_when_client_dies(pid));
        }
        let encoding = PositionEncoding::negotiate(&params);
        let flags = ClientFlags::from_params(&params);
        let _ = self.edit_caps.set(EditCaps::from_params(&params));
        {
            let mut st = self.shared.lock();
            st.encoding = encoding;
            st.folders = reload::folders_from(&params);
            if let Some(settings) = params.initialization_options.as_ref().and_then(Settings::from_json) {
                st.settings = settings;
            }
        }
        *self.shared.flags.lock().unwrap_or_else(|e| e.into_inner()) = flags;
        Ok(InitializeResult {
            capabilities: server_capabilities(encoding, flags),
            server_info: Some(ServerInfo {
                name: "speech-ls".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        // Every wait here gives up on `shutdown`: a client that quits right
        // after starting must not be kept waiting for answers it will never
        // read (the process would not exit).
        let flags = self.shared.flags();
        let Some(settings) = self.shared.until_stopped(reload::fetch_settings(&self.client, flags)).await else {
            return;
        };
        if let Some(settings) = settings {
            self.shared.lock().settings = settings;
        }
        if flags.dynamic_watch
            && self.shared.until_stopped(reload::register_client_watching(&self.client)).await.is_none()
        {
            return;
        }
        self.reload().await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.shared.stopping.send_replace(true);
        *self.shared.watcher.lock().unwrap_or_else(|e| e.into_inner()) = None;
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        guard("didOpen", (), || self.shared.lock().open(doc.uri, doc.version, &doc.text));
        self.shared.mark_stale();
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let doc = params.text_document;
        guard("didChange", (), || self.shared.lock().change(&doc.uri, doc.version, &params.content_changes));
        self.shared.mark_stale();
    }

    async fn did_save(&self, _: DidSaveTextDocumentParams) {
        // The open buffer already holds what was saved; nothing to re-read.
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        guard("didClose", (), || self.shared.lock().close(&params.text_document.uri));
        // reliability: the themes counted the buffer; the file on disk counts again now.
        if let Some(path) = from_proto::path(&params.text_document.uri) {
            self.shared.themes.files_changed(&[crate::workspace::FsChange::Changed(path)]);
        }
        self.shared.mark_stale();
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let pushed = Settings::from_json(&params.settings);
        let settings = match pushed {
            Some(s) => Some(s),
            None => {
                self.shared.until_stopped(reload::fetch_settings(&self.client, self.shared.flags())).await.flatten()
            }
        };
        if let Some(settings) = settings {
            self.apply_settings(settings).await;
        }
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        {
            let mut st = self.shared.lock();
            let removed: Vec<_> = params.event.removed.iter().filter_map(|f| from_proto::path(&f.uri)).collect();
            st.folders.retain(|f| !removed.contains(f));
            for added in params.event.added.iter().filter_map(|f| from_proto::path(&f.uri)) {
                if !st.folders.contains(&added) {
                    st.folders.push(added);
                }
            }
        }
        self.reload().await;
        // Other corpora: every pulled answer may differ.
        self.refresh(SettingsChange { corpus: true, ..SettingsChange::default() });
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let changes: Vec<_> = params
            .changes
            .iter()
            .filter_map(|c| {
                let path = from_proto::path(&c.uri)?;
                change_from_client(&path, c.typ == FileChangeType::DELETED)
            })
            .collect();
        // An INDEX.md created outside every corpus may make a new corpus
        // (the server-side watcher only watches corpora): discover again.
        let new_corpus = params.changes.iter().any(|c| {
            c.typ == FileChangeType::CREATED
                && from_proto::path(&c.uri).is_some_and(|p| {
                    p.file_name().is_some_and(|n| n == "INDEX.md") && self.shared.lock().workspace.locate(&p).is_none()
                })
        });
        if !changes.is_empty() {
            let _ = self.shared.changes.send(changes);
        }
        if new_corpus {
            self.reload().await;
        }
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        let snap = self.snapshot().await;
        let uri = params.text_document.uri;
        if document::outline_is_light(&snap, &uri) {
            return answer("documentSymbol", || document::document_symbols(&snap, &uri));
        }
        answer_blocking("documentSymbol", move || document::document_symbols(&snap, &uri)).await
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let snap = self.snapshot().await;
        answer("definition", || navigation::definition(&snap, &params.text_document_position_params))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let snap = self.snapshot().await;
        answer_blocking("references", move || Some(navigation::references(&snap, &params))).await
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        let snap = self.snapshot().await;
        answer("documentLink", || Some(navigation::document_links(&snap, &params.text_document.uri)))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let snap = self.snapshot().await;
        answer_blocking("hover", move || hover::hover(&snap, &params.text_document_position_params)).await
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        let snap = self.snapshot().await;
        let found = move || Some(WorkspaceSymbolResponse::Flat(navigation::workspace_symbols(&snap, &params.query)));
        answer_blocking("workspace/symbol", found).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let (snap, caps) = (self.snapshot().await, self.edit_caps());
        answer("codeAction", || Some(editing::code_actions(&snap, caps, &params)))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let (snap, caps) = (self.snapshot().await, self.edit_caps());
        answer("completion", || editing::completion(&snap, caps, &params.text_document_position))
    }

    async fn will_rename_files(&self, params: RenameFilesParams) -> Result<Option<WorkspaceEdit>> {
        let (snap, caps) = (self.snapshot().await, self.edit_caps());
        answer("willRenameFiles", || editing::will_rename_files(&snap, caps, &params.files))
    }

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        let (snap, caps) = (self.snapshot().await, self.edit_caps());
        answer("prepareRename", || editing::prepare_rename(&snap, caps, &params))
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let (snap, caps) = (self.snapshot().await, self.edit_caps());
        answer("rename", || editing::rename(&snap, caps, &params))?
            .map_err(tower_lsp_server::jsonrpc::Error::invalid_params)
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let snap = self.snapshot().await;
        answer_blocking("foldingRange", move || Some(document::folding_ranges(&snap, &params.text_document.uri))).await
    }

    async fn selection_range(&self, params: SelectionRangeParams) -> Result<Option<Vec<SelectionRange>>> {
        let snap = self.snapshot().await;
        answer("selectionRange", || Some(document::selection_ranges(&snap, &params)))
    }

    async fn semantic_tokens_full(&self, params: SemanticTokensParams) -> Result<Option<SemanticTokensResult>> {
        let snap = self.snapshot().await;
        let tokens = answer("semanticTokens", || document::semantic_tokens(&snap, &params.text_document.uri))?;
        Ok(tokens.map(SemanticTokensResult::Tokens))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let snap = self.snapshot().await;
        answer("codeLens", || Some(document::code_lenses(&snap, &params.text_document.uri)))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let snap = self.snapshot().await;
        let enabled = self.shared.lock().settings.inlay_hints;
        answer_blocking("inlayHint", move || Some(document::inlay_hints(&snap, &params, enabled))).await
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let snap = self.snapshot().await;
        let off = self.shared.lock().settings.diagnostics_off.clone();
        let (uri, previous) = (params.text_document.uri, params.previous_result_id);
        // INDEX.md's diagnostics check the whole corpus: a blocking thread.
        answer_blocking("diagnostic", move || {
            pull_diagnostics::document_diagnostic(&snap, &uri, &off, previous.as_deref())
        })
        .await
    }

    async fn workspace_diagnostic(&self, params: WorkspaceDiagnosticParams) -> Result<WorkspaceDiagnosticReportResult> {
        let snap = self.snapshot().await;
        let off = self.shared.lock().settings.diagnostics_off.clone();
        // Every file of every corpus: a blocking thread, not the runtime's.
        answer_blocking("workspace/diagnostic", move || {
            let started = std::time::Instant::now();
            let report = pull_diagnostics::workspace_diagnostic(&snap, &off, &params.previous_result_ids);
            tracing::debug!("workspace/diagnostic: {} reports in {:?}", report.items.len(), started.elapsed());
            WorkspaceDiagnosticReportResult::Report(report)
        })
        .await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        let snap = self.snapshot().await;
        Ok(commands::execute_command(&self.client, &snap, self.edit_caps(), params).await)
    }
}

impl Backend {
    fn edit_caps(&self) -> EditCaps {
        self.edit_caps.get().copied().unwrap_or_default()
    }
}
