//! A Helix 25.07 session replayed in-process: its captured `initialize`
//! params (`clients/` of the shared folder), the plain-glob file-watch registration Helix
//! needs (it has no relative patterns), its `config` pushed again with
//! `didChangeConfiguration`, INDEX.md opened as markdown, and UTF-8 columns.

use serde_json::{Value, json};

use crate::kit::client::Client;
use crate::kit::corpus::{INDEX, SEED, protocol_corpus};
use crate::kit::proto::{HELIX, pos, real_client_params, render_locations, uri};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the shared corpora (see CONTRIBUTING.md)"]
async fn helix_session() {
    let (_dir, root) = protocol_corpus();
    let corpus = root.join("seeds");
    let mut params = real_client_params(HELIX, &root);
    // Helix sends the language server's `config` table as initializationOptions too.
    params["initializationOptions"] = json!({"corpus": "seeds"});
    let client = Client::in_process(Value::Null);
    let result = client.initialize(params).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    client.notify("workspace/didChangeConfiguration", json!({"settings": {"corpus": "seeds"}})).await;

    let index_uri = uri(&corpus.join("INDEX.md"));
    client
        .notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": index_uri, "languageId": "markdown", "version": 0, "text": INDEX}}),
        )
        .await;
    let links = client.request("textDocument/documentLink", json!({"textDocument": {"uri": index_uri}})).await;
    assert_eq!(links.as_array().map(Vec::len), Some(3), "{links}");

    // The registration asks for plain glob strings.
    let registrations: Vec<Value> = client
        .server_requests()
        .iter()
        .filter(|r| r["method"] == "client/registerCapability")
        .flat_map(|r| r["params"]["registrations"].as_array().cloned().unwrap_or_default())
        .collect();
    assert_eq!(registrations.len(), 1, "{registrations:?}");
    assert_eq!(registrations[0]["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&Value> = registrations[0]["registerOptions"]["watchers"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|w| &w["globPattern"])
        .collect();
    // Every transcript container, one glob each (INDEX.md is among `**/*.md`).
    let want: Vec<Value> = ["txt", "md", "markdown", "vtt", "srt", "json", "tsv", "csv", "html", "htm"]
        .iter()
        .map(|ext| json!(format!("**/*.{ext}")))
        .collect();
    assert_eq!(globs, want.iter().collect::<Vec<_>>());

    // UTF-8 columns: on the seed's header line, after both en dashes (3 bytes each).
    let seed_uri = uri(&corpus.join(SEED));
    let header = std::fs::read_to_string(corpus.join(SEED)).expect("seed").lines().next().unwrap_or("").to_string();
    let after_dashes = header.rfind('–').map_or(0, |i| i + '–'.len_utf8()) as u32;
    let def = client
        .request(
            "textDocument/definition",
            json!({"textDocument": {"uri": seed_uri}, "position": pos(0, after_dashes)}),
        )
        .await;
    assert_eq!(render_locations(&def, &corpus), "INDEX.md 3:13-3:88\nINDEX.md 8:2-8:63");
    let hover = client
        .request("textDocument/hover", json!({"textDocument": {"uri": seed_uri}, "position": pos(0, after_dashes)}))
        .await;
    assert_eq!(hover["range"]["end"], pos(0, header.len() as u32), "UTF-8 range end: {hover}");
    client.shutdown().await;
}
