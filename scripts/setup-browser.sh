#!/usr/bin/env bash
# Idempotent set-up for the browser tests (tests/browser):
#   - Debian's chromium package, when /usr/bin/chromium (or $CHROMIUM) is missing
#   - the npm packages of tests/browser (playwright-core only drives a browser; it never
#     downloads one), installed with `npm ci` when node_modules is missing or does not
#     match package-lock.json
# Safe to run any number of times. Set FRONTDESK_SKIP_APT=1 to skip package installs.
#   scripts/setup-browser.sh
#   FRONTDESK_URL=http://127.0.0.1:8080 npm --prefix tests/browser test
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1;34m[browser]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[browser] error:\033[0m %s\n' "$*" >&2; exit 1; }

CHROMIUM_BIN="${CHROMIUM:-/usr/bin/chromium}"
TEST_DIR=tests/browser

ensure_chromium() {
  if [ -x "$CHROMIUM_BIN" ]; then
    log "chromium: $CHROMIUM_BIN ($("$CHROMIUM_BIN" --version 2>/dev/null || echo 'version unknown'))"
    return
  fi
  [ "$CHROMIUM_BIN" = /usr/bin/chromium ] || die "CHROMIUM=$CHROMIUM_BIN is not an executable"
  [ "${FRONTDESK_SKIP_APT:-0}" = 1 ] && die "chromium is missing and FRONTDESK_SKIP_APT=1"
  command -v apt-get >/dev/null || die "chromium is missing and apt-get is not available; install chromium or set CHROMIUM"
  [ "$(id -u)" = 0 ] || die "installing chromium needs root (or install it yourself and rerun)"
  # an update only when the package lists do not know chromium yet: it is slow and
  # needs the network, and a machine that was set up before usually has fresh lists
  local candidate
  candidate="$(apt-cache policy chromium 2>/dev/null | awk '/Candidate:/ {print $2}')"
  if [ -z "$candidate" ] || [ "$candidate" = "(none)" ]; then
    log "apt-get update"
    apt-get update -qq || die "apt-get update failed"
  fi
  log "installing chromium"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null \
    || die "apt-get install chromium failed"
  [ -x "$CHROMIUM_BIN" ] || die "chromium installed but $CHROMIUM_BIN is still missing"
  log "chromium: $("$CHROMIUM_BIN" --version 2>/dev/null || echo installed)"
}

# node_modules matches the lock file when every locked package is installed at its
# locked version; anything else (missing, partial, edited lock file) is stale
node_modules_current() {
  [ -d "$TEST_DIR/node_modules" ] || return 1
  (cd "$TEST_DIR" && node -e '
    const fs = require("fs");
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
    for (const [path, meta] of Object.entries(lock.packages || {})) {
      if (!path) continue;
      let installed;
      try { installed = JSON.parse(fs.readFileSync(path + "/package.json", "utf8")); }
      catch { process.exit(1); }
      if (meta.version && installed.version !== meta.version) process.exit(1);
    }
  ')
}

ensure_node_modules() {
  command -v node >/dev/null || die "node is not installed (node 20 or newer is needed)"
  command -v npm >/dev/null || die "npm is not installed"
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$major" -ge 20 ] || die "node $(node --version) is too old: playwright-core needs node 20 or newer"
  [ -f "$TEST_DIR/package-lock.json" ] || die "$TEST_DIR/package-lock.json is missing"
  if node_modules_current; then
    log "node_modules: up to date"
    return
  fi
  log "npm ci in $TEST_DIR"
  (cd "$TEST_DIR" && npm ci --no-audit --no-fund) || die "npm ci failed in $TEST_DIR"
  node_modules_current || die "npm ci finished but node_modules still does not match package-lock.json"
}

ensure_chromium
ensure_node_modules
log "ready: FRONTDESK_URL=http://127.0.0.1:8080 npm --prefix $TEST_DIR test"
