#!/usr/bin/env bash
# The real-VS-Code test: installs the .vsix built from this commit into code-server (VS Code 1.100.3
# for the browser, from npm), opens a copy of seeds/, and drives the real workbench with Debian's
# chromium through puppeteer-core (drive.cjs): every check the README promises, through the UI.
#
#   bash editors/vscode/test/real/run.sh VSIX ARTIFACTS_DIR
#
# ARTIFACTS_DIR receives the screenshots (shots/NN-name.png), the code-server log, the extension's
# output channel as VS Code wrote it, and results.txt (one line per check). It is emptied first.
# Env: SPEECH_LS_CI_CACHE (default ~/.cache/speech-ls-ci): code-server and puppeteer-core, by version.
#      PORT (default 8137): the loopback port code-server listens on.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../../.." && pwd)"
VSIX="$(cd "$(dirname "${1:?path of the .vsix}")" && pwd)/$(basename "$1")"
ART="${2:?artifacts dir}"
CACHE="${SPEECH_LS_CI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/speech-ls-ci}"
PORT="${PORT:-8137}"
[ -f "$VSIX" ] || { echo "run.sh: $VSIX does not exist: build it with .ci/editors.sh" >&2; exit 1; }
t() { local s=$SECONDS; "$@"; echo "[time] $((SECONDS - s))s: $*" >&2; }

rm -rf "$ART" && mkdir -p "$ART/shots"
ART="$(cd "$ART" && pwd)"
{ read -r CS_HOME; read -r DRIVER; } < <(t bash "$HERE/install.sh" "$CACHE")

# Everything code-server and chromium write stays in a scratch folder, never in the user's home.
W="$(mktemp -d "${TMPDIR:-/tmp}/speech-ls-real-vscode.XXXXXX")"
export HOME="$W/home" XDG_CONFIG_HOME="$W/xdg/config" XDG_DATA_HOME="$W/xdg/data" XDG_CACHE_HOME="$W/xdg/cache"
mkdir -p "$HOME" "$W/ud/User" "$W/exts" "$W/ws"
cp -r "$REPO/seeds" "$W/ws/seeds"
# The user's settings hold only what a test run needs (no telemetry, no tips); nothing speech-ls-specific
# beyond the trace, so the extension's own defaults are what is tested. drive.cjs adds a server path later.
cat >"$W/ud/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "telemetry.telemetryLevel": "off",
  "workbench.tips.enabled": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "editor.hover.delay": 300,
  "workbench.colorTheme": "Default Dark Modern",
  "speech-ls.trace.server": "messages"
}
JSON
CS="$CS_HOME/bin/code-server"
t "$CS" --user-data-dir "$W/ud" --extensions-dir "$W/exts" --install-extension "$VSIX" >&2
"$CS" --bind-addr "127.0.0.1:$PORT" --auth none --user-data-dir "$W/ud" --extensions-dir "$W/exts" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --ignore-last-opened "$W/ws/seeds" >"$ART/code-server.log" 2>&1 &
CS_PID=$!
cleanup() {
  kill "$CS_PID" 2>/dev/null || true
  wait "$CS_PID" 2>/dev/null || true
  # VS Code's logs, including the speech-ls output channel, are artefacts too.
  if [ -d "$W/ud/logs" ]; then cp -r "$W/ud/logs" "$ART/vscode-logs"; fi
  rm -rf "$W"
}
trap cleanup EXIT
s=$SECONDS
until curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz"; do
  sleep 0.25
  if [ $((SECONDS - s)) -ge 60 ] || ! kill -0 "$CS_PID" 2>/dev/null; then
    cat "$ART/code-server.log" >&2
    echo "run.sh: code-server did not listen on 127.0.0.1:$PORT" >&2
    exit 1
  fi
done
echo "[time] code-server listening after $((SECONDS - s))s" >&2

set +e
(cd "$W" && NODE_PATH="$DRIVER/node_modules" SMOKE_URL="http://127.0.0.1:$PORT/?folder=$W/ws/seeds" \
  SMOKE_SHOTS="$ART/shots" SMOKE_UD="$W/ud" SMOKE_WS="$W/ws/seeds" SMOKE_PROFILE="$W/chrome-profile" \
  node "$HERE/drive.cjs") | tee "$ART/results.txt"
status=${PIPESTATUS[0]}
set -e
ls "$ART/shots" >&2
exit "$status"
