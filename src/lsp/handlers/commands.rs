//! `workspace/executeCommand`: `speech-ls.updateIndex [uri]` brings INDEX.md
//! up to date through `workspace/applyEdit`; `speech-ls.showEntry uri range`
//! (the code lens's target) asks the client to show that place with
//! `window/showDocument`. Both talk back to the client, so they run here
//! rather than as plain requests.

use serde_json::{Value, json};
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{ExecuteCommandParams, Location, ShowDocumentParams, Uri};

use crate::ide;
use crate::lsp::capabilities::{EditCaps, SHOW_ENTRY, UPDATE_INDEX};
use crate::lsp::dispatch::guard;
use crate::lsp::state::Snapshot;
use crate::lsp::{from_proto, to_proto};

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
            let scope = scope_argument(&params.arguments).and_then(|u| from_proto::path(&u));
            let updates = guard("updateIndex", Vec::new(), || {
                ide::index_update::index_updates(&snap.world, scope.as_deref(), caps.create_files)
            });
            let mut added = 0;
            let mut applied = true;
            for update in updates {
                let edit = to_proto::workspace_edit(snap, &update.change, caps);
                match client.apply_edit(edit).await {
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
            let location = location_argument(&params.arguments)?;
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

/// The optional URI argument of `updateIndex`.
fn scope_argument(args: &[Value]) -> Option<Uri> {
    args.first()?.as_str()?.parse().ok()
}

/// The location argument of `showEntry`: `[uri, range]` or `[location]`.
fn location_argument(args: &[Value]) -> Option<Location> {
    match args {
        [one] => serde_json::from_value(one.clone()).ok(),
        [uri, range, ..] => {
            Some(Location { uri: uri.as_str()?.parse().ok()?, range: serde_json::from_value(range.clone()).ok()? })
        }
        _ => None,
    }
}
