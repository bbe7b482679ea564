//! Architectural invariants from DESIGN.md §2, checked on the source tree:
//! the analysis core stays pure, and every source file says what it is for.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_corpus_core_names_no_protocol_runtime_or_file_system() {
    let mut files = Vec::new();
    rust_files(&root().join("src/corpus"), &mut files);
    assert!(!files.is_empty(), "src/corpus holds no Rust files");
    let forbidden = ["tower_lsp", "ls_types", "lsp_types", "tokio", "notify", "std::fs"];
    let mut offenders = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for word in forbidden {
                if code.contains(word) {
                    offenders.push(format!("{}:{}: names `{word}`", file.display(), n + 1));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "the pure core must stay pure:\n{}", offenders.join("\n"));
}

#[test]
fn every_source_file_opens_with_a_doc_paragraph() {
    let mut files = Vec::new();
    for dir in ["src", "tests", "examples", "benches", "fuzz/fuzz_targets"] {
        rust_files(&root().join(dir), &mut files);
    }
    let missing: Vec<String> = files
        .iter()
        .filter(|f| !std::fs::read_to_string(f).unwrap_or_default().trim_start().starts_with("//!"))
        .map(|f| f.display().to_string())
        .collect();
    assert!(missing.is_empty(), "files without a `//!` paragraph:\n{}", missing.join("\n"));
}
