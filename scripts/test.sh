#!/usr/bin/env bash
# Runs the whole test suite against real PostgreSQL (with pgvector) and Redis:
# set-up first (idempotent), then every test of every crate with cargo-nextest.
# Extra arguments go to nextest, e.g. `scripts/test.sh -E 'test(parity)'`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
# Chromium and playwright-core for the widget's browser tests
bash scripts/setup-browser.sh
# tmux for the console's smoke test (the real binary on a real terminal)
if ! command -v tmux >/dev/null; then
  [ "${FRONTDESK_SKIP_APT:-0}" = 1 ] && { echo "[test] error: tmux is missing and FRONTDESK_SKIP_APT=1" >&2; exit 1; }
  echo "[test] installing tmux"
  apt-get install -y -qq --no-install-recommends tmux >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends tmux >/dev/null; }
fi

# databases left behind by an interrupted earlier run
for db in $(psql -X -h 127.0.0.1 -U postgres -d postgres -tAc "select datname from pg_database where datname ~ '^fd_(test|e2e)_'"); do
  psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists \"$db\" with (force)"
done

# end-to-end tests run the real binaries: build them first
cargo build --workspace --bins

if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --no-fail-fast "$@"
else
  echo "[test] cargo-nextest not found; using cargo test" >&2
  cargo test --workspace --no-fail-fast "$@"
fi
