//! The `corpus` setting stays inside the workspace folders, and a corpus is
//! bounded. Before: `"/"` loaded and watched the whole machine (17.8 s,
//! 700 MB) and `".."` the workspace's parent, without a word to the user.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{init_params, make_seed_corpus};
use crate::kit::process::ServerProcess;
use serde_json::{Value, json};
use speech_ls::workspace::discover::discover;
use speech_ls::workspace::load::load_corpus_within;
use speech_ls::workspace::{Limits, Workspace};

fn corpus_folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("canonical");
    std::fs::create_dir_all(root.join("ws/speeches")).expect("mkdir");
    std::fs::create_dir_all(root.join("elsewhere")).expect("mkdir");
    (dir, root)
}

#[test]
fn settings_that_lead_out_of_the_workspace_are_refused() {
    let (_dir, root) = corpus_folder();
    let ws = root.join("ws");
    std::os::unix::fs::symlink(root.join("elsewhere"), ws.join("link-out")).expect("symlink");
    let folders = [ws.clone()];
    for setting in ["/", "..", "../elsewhere", "speeches/../../elsewhere", "link-out"] {
        let found = discover(&folders, Some(Path::new(setting)));
        assert!(found.roots.is_empty(), "{setting:?} gives no root: {found:?}");
        assert_eq!(found.refused.len(), 1, "{setting:?}");
        assert!(found.refused[0].contains("outside the workspace"), "{}", found.refused[0]);
    }
    let outside = root.join("elsewhere");
    assert!(discover(&folders, Some(&outside)).roots.is_empty(), "an absolute path outside");
    for (setting, want) in [
        (PathBuf::from("speeches"), ws.join("speeches")),
        (PathBuf::from("./speeches/../speeches"), ws.join("speeches")),
        (ws.join("speeches"), ws.join("speeches")),
        (PathBuf::from("."), ws.clone()),
    ] {
        let found = discover(&folders, Some(&setting));
        assert_eq!((found.roots, found.refused), (vec![want], vec![]), "{setting:?}");
    }
    // An absolute setting is inside one of two folders: taken once, refused by none.
    let two = [root.join("elsewhere"), ws.clone()];
    let found = discover(&two, Some(&ws.join("speeches")));
    assert_eq!((found.roots.len(), found.refused.len()), (1, 0));
}

fn write_files(dir: &Path, n: usize, bytes: usize) {
    for i in 0..n {
        let text = format!("Speaker{i}: {}\n", "word ".repeat(bytes / 5));
        std::fs::write(dir.join(format!("s{i:03}.txt")), text).expect("write");
    }
}

#[test]
fn a_corpus_is_bounded_by_files_and_bytes_and_keeps_the_same_files() {
    let (_dir, root) = corpus_folder();
    let folder = root.join("ws/speeches");
    write_files(&folder, 30, 1000);
    let by_count = Limits { max_files: 10, max_bytes: u64::MAX };
    let (corpus, hit) = load_corpus_within(&folder, by_count);
    let names: Vec<String> = corpus.files().map(|f| f.path.clone()).collect();
    let want: Vec<String> = (0..10).map(|i| format!("s{i:03}.txt")).collect();
    assert_eq!(names, want, "the first files by name, every time");
    let hit = hit.expect("the limit stopped the load");
    assert_eq!(hit.kept_files, 10);
    assert!(hit.message().contains("maxFiles"), "{}", hit.message());

    let by_bytes = Limits { max_files: usize::MAX, max_bytes: 5 * 1024 };
    let (corpus, hit) = load_corpus_within(&folder, by_bytes);
    assert!((4..=5).contains(&corpus.len()), "{} files in 5 KB", corpus.len());
    assert!(hit.is_some_and(|h| h.by_bytes && h.message().contains("maxMegabytes")));
    assert!(load_corpus_within(&folder, Limits::DEFAULT).1.is_none());

    // Files that arrive later stay within the limit too.
    let mut ws = Workspace::with_limits(by_count);
    ws.add_root(&folder);
    std::fs::write(folder.join("late.txt"), "A: late\n").expect("write");
    let change = speech_ls::workspace::FsChange::Changed(folder.join("late.txt"));
    ws.apply_changes(&[change], &|_| false);
    assert_eq!(ws.corpora[0].corpus.len(), 10, "not past the limit");
}

/// Starts a server on `folder` with `options` as initializationOptions,
/// from a client that shows progress.
fn server_with(folder: &Path, options: Value) -> ServerProcess {
    let server = ServerProcess::spawn(folder);
    let mut params = init_params(folder, "utf-16");
    params["initializationOptions"] = options;
    params["capabilities"]["window"] = json!({"workDoneProgress": true});
    server.request("initialize", params, Duration::from_secs(20)).expect("initialized");
    server.notify("initialized", json!({}));
    server
}

fn shown_messages(server: &ServerProcess) -> Vec<String> {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let shown: Vec<String> = server
            .notifications("window/showMessage")
            .into_iter()
            .filter_map(|(_, n)| n["params"]["message"].as_str().map(str::to_string))
            .collect();
        if !shown.is_empty() || std::time::Instant::now() > deadline {
            return shown;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_server_refuses_a_corpus_outside_the_workspace_and_says_so() {
    let (_dir, root) = corpus_folder();
    let ws = root.join("ws");
    make_seed_corpus(&ws.join("speeches"), 0);
    for setting in ["/", ".."] {
        let mut server = server_with(&ws, json!({"corpus": setting}));
        let symbols = server.request("workspace/symbol", json!({"query": ""}), Duration::from_secs(30));
        let symbols = symbols.expect("answered");
        assert_eq!(symbols["result"], json!([]), "{setting:?}: nothing is loaded");
        let shown = shown_messages(&server);
        assert!(shown.iter().any(|m| m.contains("outside the workspace")), "{setting:?}: {shown:?}");
        assert!(server.stderr_log().contains("outside the workspace"), "{setting:?}: logged too");
        assert!(server.shutdown_and_exit(Duration::from_secs(10)));
    }
}

#[test]
fn a_limit_that_stops_the_load_is_shown_with_progress() {
    let (_dir, root) = corpus_folder();
    let folder = root.join("ws/speeches");
    write_files(&folder, 12, 200);
    std::fs::write(folder.join("INDEX.md"), "# Speeches\n").expect("index");
    let mut server = server_with(&root.join("ws"), json!({"corpus": "speeches", "maxFiles": 5}));
    let shown = shown_messages(&server);
    assert!(shown.iter().any(|m| m.contains("maxFiles") && m.contains("first 5 files")), "{shown:?}");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let ended = loop {
        let ended: Vec<Value> = server
            .notifications("$/progress")
            .into_iter()
            .map(|(_, n)| n["params"].clone())
            .filter(|p| p["token"] == "speech-ls/load" && p["value"]["kind"] == "end")
            .collect();
        if !ended.is_empty() || std::time::Instant::now() > deadline {
            break ended;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(
        ended.iter().any(|p| p["value"]["message"].as_str().is_some_and(|m| m.contains("limit"))),
        "a progress that ends saying a limit stopped the load: {ended:?}"
    );
    assert!(server.shutdown_and_exit(Duration::from_secs(10)));
}
