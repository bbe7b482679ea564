//! Regression tests for crashes the fuzzers found. Each input is the smallest
//! text that showed the bug; analysis must never panic on user text.

use speech_ls::corpus::FileAnalysis;

/// Found by `fuzz/fuzz_targets/incremental_edits.rs`: a paragraph that is
/// just "()" made the stage-note check subtract past zero
/// (`corpus/transcript/classify.rs`, `inner.len() - 2`).
#[test]
fn empty_brackets_paragraph_does_not_panic() {
    for text in ["()", "[]", "().", "\n()\n", "Putin: hello\n\n()\n", "(x)", "[]."] {
        let analysis = std::panic::catch_unwind(|| FileAnalysis::analyze("a.txt", text));
        assert!(analysis.is_ok(), "analysing {text:?} panicked");
    }
}
