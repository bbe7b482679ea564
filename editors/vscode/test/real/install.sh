#!/usr/bin/env bash
# Installs what the real-VS-Code test needs, from Debian and npm only, and caches it by version:
#   - Debian: chromium (the browser puppeteer drives), ripgrep (code-server's search; its npm package
#     would download rg from GitHub), libkrb5-dev and build-essential (VS Code's native modules).
#   - npm: code-server $CS_VERSION (VS Code's own build for the browser) into $CACHE/code-server-$CS_VERSION,
#     and puppeteer-core $PUPPETEER_VERSION into $CACHE/puppeteer-core-$PUPPETEER_VERSION.
# A finished install leaves a `.complete` stamp, so a warm run skips it and a half-done one is redone.
#
#   bash install.sh CACHE_DIR        (prints the two install folders, one per line, on stdout)
set -euo pipefail
CACHE="$(mkdir -p "${1:?cache dir}" && cd "$1" && pwd)"
# code-server writes its config.yaml under XDG_CONFIG_HOME even for --version: keep it in the cache.
export XDG_CONFIG_HOME="$CACHE/xdg-config" XDG_DATA_HOME="$CACHE/xdg-data"
# 4.100.3 (VS Code 1.100.3) is the last code-server whose engines.node is 20, the Node on this machine.
CS_VERSION="${CS_VERSION:-4.100.3}"
PUPPETEER_VERSION="${PUPPETEER_VERSION:-24.43.1}"
log() { printf '[install] %s\n' "$*" >&2; }
t() { local s=$SECONDS; "$@"; log "$((SECONDS - s))s: $*"; }

# 1. Debian packages, only when one is missing (apt-get update first: the package lists may be stale).
need_apt=()
for pair in chromium:/usr/bin/chromium ripgrep:/usr/bin/rg libkrb5-dev:/usr/include/gssapi/gssapi.h \
            build-essential:/usr/bin/g++ python3:/usr/bin/python3 fonts-dejavu-core:/usr/share/fonts/truetype/dejavu; do
  [ -e "${pair#*:}" ] || need_apt+=("${pair%%:*}")
done
if [ "${#need_apt[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null || { echo "install.sh: missing ${need_apt[*]} and no apt-get" >&2; exit 1; }
  t apt-get update -qq
  t env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >&2
fi

# 2. code-server. Its postinstall runs a nested `npm install` that fails with npm 11 and downloads
#    ripgrep from GitHub, so it is installed without scripts and the postinstall is done by hand,
#    with Debian's rg and the installed Node headers (npm_config_nodedir) for node-gyp.
CS_HOME="$CACHE/code-server-$CS_VERSION"
CS="$CS_HOME/lib/node_modules/code-server"
if [ ! -f "$CS_HOME/.complete" ] || ! "$CS_HOME/bin/code-server" --version >/dev/null 2>&1; then
  log "installing code-server $CS_VERSION into $CS_HOME (cold: a few minutes)"
  rm -rf "$CS_HOME"
  export npm_config_nodedir=/usr
  t npm install -g --prefix "$CS_HOME" --ignore-scripts --no-audit --no-fund "code-server@$CS_VERSION" >&2
  (cd "$CS" && t npm rebuild argon2 >&2)   # its prebuilt download fails here and falls back to node-gyp
  (cd "$CS/lib/vscode" && t npm install --omit=dev --ignore-scripts --no-audit --no-fund >&2)
  mkdir -p "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin"
  cp "$(command -v rg)" "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
  # Builds kerberos, spdlog, node-pty, native-watchdog, deviceid and the parcel watcher. node-pty's
  # postinstall ends with `npx node-gyp configure` (only for compile_commands.json), which fails offline:
  # its failure is ignored once pty.node exists.
  (cd "$CS/lib/vscode" && t npm rebuild --foreground-scripts >"$CACHE/code-server-$CS_VERSION-rebuild.log" 2>&1) || true
  for module in node-pty/build/Release/pty.node @vscode/spdlog/build/Release/spdlog.node; do
    [ -f "$CS/lib/vscode/node_modules/$module" ] || {
      echo "install.sh: $module was not built; see $CACHE/code-server-$CS_VERSION-rebuild.log" >&2
      exit 1
    }
  done
  ln -sfn node_modules "$CS/lib/vscode/node_modules.asar"
  (cd "$CS/lib/vscode/bin/remote-cli" && ln -sfn code-linux.sh code-server)
  (cd "$CS/lib/vscode/bin/helpers" && ln -sfn browser-linux.sh browser.sh)
  (cd "$CS/lib/vscode/extensions" && t npm install --omit=dev --no-audit --no-fund >&2)
  "$CS_HOME/bin/code-server" --version >&2
  touch "$CS_HOME/.complete"
else
  log "code-server $CS_VERSION: cached in $CS_HOME"
fi

# 3. puppeteer-core, the driver (it talks to Debian's chromium; it downloads no browser of its own).
DRIVER="$CACHE/puppeteer-core-$PUPPETEER_VERSION"
if [ ! -f "$DRIVER/.complete" ]; then
  rm -rf "$DRIVER" && mkdir -p "$DRIVER"
  (cd "$DRIVER" && printf '{ "name": "speech-ls-real-vscode-driver", "private": true }\n' >package.json &&
    t npm install --no-audit --no-fund --save-exact "puppeteer-core@$PUPPETEER_VERSION" >&2)
  touch "$DRIVER/.complete"
else
  log "puppeteer-core $PUPPETEER_VERSION: cached in $DRIVER"
fi

echo "$CS_HOME"
echo "$DRIVER"
