#!/usr/bin/env bash
# Short fuzzing runs of every cargo-fuzz target (libFuzzer, no sanitizer on
# the stable toolchain). A crash fails CI; the input that caused it is left
# in fuzz/artifacts/ and must become a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-5}
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "installing cargo-fuzz (needed for the fuzzing runs)"
  cargo install cargo-fuzz --locked
fi
mkdir -p fuzz/corpus
for target in $(cargo fuzz list); do
  echo "fuzzing $target for ${seconds}s"
  mkdir -p "fuzz/corpus/$target"
  # Seed every target with the shipped transcripts and index.
  cp seeds/* "fuzz/corpus/$target/" 2>/dev/null || true
  cargo fuzz run --sanitizer none "$target" "fuzz/corpus/$target" -- -max_total_time="$seconds" -rss_limit_mb=4096 2>&1 | tail -n 3
done
