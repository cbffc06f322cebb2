#!/usr/bin/env bash
# The main job on a fresh machine: set-up, build, ingest the demo shop's knowledge
# base and import its orders, then run agentd in the foreground, serving the demo shop
# page with the chat widget at /demo (Ctrl-C stops it).
# Safe to run again.
#   FRONTDESK_BIND=0.0.0.0:8080 scripts/demo.sh   # listen elsewhere
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
echo "[demo] building agentctl and agentd (release)"
cargo build --release --quiet -p agentctl -p agentd
bin=${CARGO_TARGET_DIR:-target}/release

echo "[demo] ingesting demo/kb"
"$bin/agentctl" kb ingest demo/kb
"$bin/agentctl" kb status
echo "[demo] importing demo/orders.jsonl"
"$bin/agentctl" orders import demo/orders.jsonl
bind=${FRONTDESK_BIND:-127.0.0.1:8080}
echo "[demo] try: $bin/agentctl kb search \"how long do I have to send back a kettle\""
echo "[demo]      $bin/agentctl orders show 1042"
echo "[demo]      $bin/agentctl ask \"where is my order 1042? my email is maria.rossi@example.com\""
echo "[demo]      $bin/agentctl chat"
echo "[demo] the demo shop with the chat widget: http://$bind/demo"
echo "[demo] agentd on http://$bind (health: /healthz, readiness: /readyz, API: /api/openapi.json); Ctrl-C to stop"
exec "$bin/agentd" serve --bind "$bind"
