#!/usr/bin/env bash
# Load benchmark of agentd's widget API on the RAG path, with the offline brain:
# SESSIONS concurrent sessions (default 50), each with its own device and conversation,
# sending the 40 demo-shop questions of goldens/retrieval for DURATION seconds (default
# 60) through wrk. The query-embedding cache is cut to one entry, so every question is
# embedded again, as distinct customers' wordings would be.
#
#   scripts/bench-load.sh                  # limits lifted: what the server sustains
#   LIMITS=default scripts/bench-load.sh   # the per-device rate limit at work (429s)
#
# It builds agentd and agentctl (release), creates a throw-away database with the demo
# shop, starts agentd on a free port, and removes everything afterwards. Figures go to
# docs/benchmarks.md by hand, with this command.
set -euo pipefail
cd "$(dirname "$0")/.."

SESSIONS="${SESSIONS:-50}"
DURATION="${DURATION:-60}"
LIMITS="${LIMITS:-lifted}"
PORT="${PORT:-8097}"
DB="fd_bench_load_$$"
PREFIX="fdbench:$$"
log() { printf '\033[1;34m[load]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[load] error:\033[0m %s\n' "$*" >&2; exit 1; }

command -v wrk >/dev/null || {
  log "installing wrk"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null || die "apt-get install wrk failed"
}
bash scripts/setup.sh >/dev/null
log "building agentd and agentctl (release)"
cargo build --release --quiet -p agentd -p agentctl
bin="${CARGO_TARGET_DIR:-target}/release"

tmp="$(mktemp -d)"
agentd_pid=""
cleanup() {
  [ -n "$agentd_pid" ] && kill "$agentd_pid" 2>/dev/null && wait "$agentd_pid" 2>/dev/null || true
  psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists \"$DB\" with (force)" >/dev/null 2>&1 || true
  redis-cli --scan --pattern "$PREFIX:*" | xargs -r redis-cli del >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "create database \"$DB\"" >/dev/null
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
export FRONTDESK__REDIS__KEY_PREFIX="$PREFIX"
"$bin/agentctl" kb ingest demo/kb --json >/dev/null
"$bin/agentctl" orders import demo/orders.jsonl --json >/dev/null
if [ "$LIMITS" = lifted ]; then
  export FRONTDESK__LIMITS__MESSAGES_PER_MINUTE_PER_IP=0
  export FRONTDESK__LIMITS__MESSAGES_PER_MINUTE_PER_DEVICE=0
  export FRONTDESK__LIMITS__SESSIONS_PER_MINUTE_PER_IP=0
  export FRONTDESK__LIMITS__NEW_THREADS_PER_HOUR_PER_IP=0
else
  # every session comes from 127.0.0.1 here, where real ones come from many addresses:
  # the per-IP limits stay off, the per-device limit (12 a minute) is the one at work
  export FRONTDESK__LIMITS__MESSAGES_PER_MINUTE_PER_IP=0
  export FRONTDESK__LIMITS__SESSIONS_PER_MINUTE_PER_IP=0
  export FRONTDESK__LIMITS__NEW_THREADS_PER_HOUR_PER_IP=0
fi
FRONTDESK__EMBEDDING__QUERY_CACHE_SIZE=1 FRONTDESK__LOG__LEVEL=warn "$bin/agentd" serve --bind "127.0.0.1:$PORT" 2>"$tmp/agentd.log" &
agentd_pid=$!
url="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do curl -sf "$url/healthz" >/dev/null && break; sleep 0.2; done
curl -sf "$url/healthz" >/dev/null || { cat "$tmp/agentd.log" >&2; die "agentd did not start"; }

log "creating $SESSIONS sessions, each with a conversation"
for i in $(seq 1 "$SESSIONS"); do
  token=$(curl -sf -H 'Content-Type: application/json' -H 'X-Frontdesk-Client: bench' -d '{}' "$url/api/agent/session" | python3 -c 'import sys,json;print(json.load(sys.stdin)["token"])')
  thread=$(curl -sf -H 'Content-Type: application/json' -H 'X-Frontdesk-Client: bench' -H "X-Frontdesk-Fingerprint: bench-$i" \
    -H "Authorization: Bearer $token" -d '{"user_msg":"Hello, I have a question about returns."}' "$url/api/agent/messages" \
    | python3 -c 'import sys,json;print(json.load(sys.stdin)["thread_id"])')
  echo "$token bench-$i $thread" >>"$tmp/sessions"
done

log "wrk: $SESSIONS connections for ${DURATION}s, limits $LIMITS"
SESSIONS_FILE="$tmp/sessions" QUESTIONS_FILE=goldens/retrieval/demo-kb.jsonl wrk -t2 -c"$SESSIONS" -d"${DURATION}s" --timeout 10s -s scripts/bench/load.lua "$url" | tee "$tmp/wrk.out"

# every non-2xx must be an intended 429
metrics="$(curl -sf "$url/metrics")"
bad=$(printf '%s\n' "$metrics" | grep '^frontdesk_http_requests_total' | grep 'route="/api/agent/messages"' \
  | grep -v 'status="200"' | grep -v 'status="429"' || true)
limited=$(printf '%s\n' "$metrics" | grep '^frontdesk_http_requests_total' | grep 'route="/api/agent/messages"' | grep 'status="429"' | awk '{s+=$2} END {print s+0}' || true)
limited=${limited:-0}
log "429 rate limited: $limited"
if [ -n "$bad" ]; then
  printf '%s\n' "$bad" >&2
  die "responses other than 200 and 429"
fi
if grep -qE 'ERROR|panicked' "$tmp/agentd.log"; then
  grep -E 'ERROR|panicked' "$tmp/agentd.log" | head >&2
  die "agentd logged errors"
fi
log "ok: only 200 and intended 429 answers"
