//! Telling the user when a corpus load did not go as the settings asked: a
//! `corpus` setting that leads outside the workspace (refused), a corpus
//! larger than its limits (loaded only in part). Each is already in the log
//! (where it was found); here it goes to the editor too, through
//! `window/showMessage`, and a stopped load also through `$/progress`, so a
//! user who never reads logs still learns why files are missing.

use std::time::Duration;

use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{MessageType, NumberOrString, ProgressToken};

use crate::lsp::capabilities::ClientFlags;
use crate::workspace::LimitHit;

/// How long the server waits for the client to accept a progress token.
const PROGRESS_TIMEOUT: Duration = Duration::from_secs(2);

/// What a load has to tell the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadNotices {
    /// Why a `corpus` setting was refused.
    pub refused: Vec<String>,
    /// Corpora a limit stopped.
    pub limit_hits: Vec<LimitHit>,
}

impl LoadNotices {
    pub fn is_empty(&self) -> bool {
        self.refused.is_empty() && self.limit_hits.is_empty()
    }
}

/// Sends the notices from a task of their own, so that the handler that
/// loaded never waits for the client.
pub fn tell_in_background(client: &Client, flags: ClientFlags, notices: LoadNotices) {
    if notices.is_empty() {
        return;
    }
    let client = client.clone();
    tokio::spawn(async move { tell(&client, flags, notices).await });
}

async fn tell(client: &Client, flags: ClientFlags, notices: LoadNotices) {
    for message in &notices.refused {
        client.show_message(MessageType::WARNING, format!("speech-ls: {message}")).await;
    }
    for hit in &notices.limit_hits {
        client.show_message(MessageType::WARNING, format!("speech-ls: {}", hit.message())).await;
    }
    if notices.limit_hits.is_empty() || !flags.work_done_progress {
        return;
    }
    let token = ProgressToken::from(NumberOrString::String("speech-ls/load".to_string()));
    let created = tokio::time::timeout(PROGRESS_TIMEOUT, client.create_work_done_progress(token.clone())).await;
    if !matches!(created, Ok(Ok(()))) {
        return;
    }
    let kept: usize = notices.limit_hits.iter().map(|h| h.kept_files).sum();
    let progress = client.progress(token, "speech-ls: loading the corpus").begin().await;
    progress.finish_with_message(format!("stopped by a limit after {kept} files; see the message")).await;
}
