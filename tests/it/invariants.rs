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

#[test]
fn the_feature_layer_names_no_protocol_or_runtime() {
    let mut files = Vec::new();
    rust_files(&root().join("src/ide"), &mut files);
    assert!(!files.is_empty(), "src/ide holds no Rust files");
    let forbidden = ["tower_lsp", "ls_types", "lsp_types", "tokio", "crate::lsp", "crate::cli"];
    let mut offenders = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            offenders.extend(
                forbidden
                    .iter()
                    .filter(|w| code.contains(*w))
                    .map(|w| format!("{}:{}: names `{w}`", file.display(), n + 1)),
            );
        }
    }
    assert!(offenders.is_empty(), "src/ide must stay free of the protocol:\n{}", offenders.join("\n"));
}

/// The module (at most two levels deep) a source file belongs to:
/// `src/lsp/state.rs` -> `lsp::state`, `src/lsp/handlers/hover.rs` ->
/// `lsp::handlers`, `src/watch.rs` -> `watch`, `src/ide/mod.rs` -> `ide`.
fn module_of(file: &Path) -> Option<String> {
    let rel = file.strip_prefix(root().join("src")).ok()?;
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop()?;
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" && stem != "main" {
        parts.push(stem.to_string());
    }
    parts.truncate(2);
    (!parts.is_empty()).then(|| parts.join("::"))
}

/// Every `crate::a::b` path in a file's code, as the module it names.
fn modules_named(text: &str, modules: &std::collections::BTreeSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        for (at, _) in code.match_indices("crate::") {
            let path: Vec<&str> = code[at + 7..]
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .next()
                .unwrap_or("")
                .split("::")
                .filter(|s| !s.is_empty())
                .collect();
            let two = path.iter().take(2).copied().collect::<Vec<_>>().join("::");
            let one = path.first().copied().unwrap_or("").to_string();
            if modules.contains(&two) {
                out.push(two);
            } else if modules.contains(&one) {
                out.push(one);
            }
        }
    }
    out
}

#[test]
fn modules_two_levels_deep_depend_one_way() {
    use std::collections::{BTreeMap, BTreeSet};
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(f)).collect();
    let related = |a: &str, b: &str| a == b || a.starts_with(&format!("{b}::")) || b.starts_with(&format!("{a}::"));
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let Some(from) = module_of(file) else { continue };
        // Unit tests may reach across freely; only the shipped code must be one-way.
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for to in modules_named(code, &modules) {
            if !related(&from, &to) {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    // Depth-first search for a path back to where it started.
    fn cycle_from(start: &str, at: &str, edges: &BTreeMap<String, BTreeSet<String>>, path: &mut Vec<String>) -> bool {
        for next in edges.get(at).into_iter().flatten() {
            if next == start {
                path.push(next.clone());
                return true;
            }
            if path.contains(next) {
                continue;
            }
            path.push(next.clone());
            if cycle_from(start, next, edges, path) {
                return true;
            }
            path.pop();
        }
        false
    }
    let mut cycles = Vec::new();
    for start in edges.keys() {
        let mut path = vec![start.clone()];
        if cycle_from(start, start, &edges, &mut path) {
            cycles.push(path.join(" -> "));
        }
    }
    assert!(cycles.is_empty(), "modules that depend on each other:\n{}", cycles.join("\n"));
}
