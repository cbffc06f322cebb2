#!/usr/bin/env bash
# The main job on a fresh machine: set-up, build, ingest the demo shop's knowledge
# base and import its orders, then run agentd in the foreground, serving the demo shop
# page with the chat widget at /demo (Ctrl-C stops it).
# Safe to run again.
#   FRONTDESK_BIND=0.0.0.0:8080 scripts/demo.sh   # listen elsewhere
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
echo "[demo] building agentctl, agentd and agent-console (release)"
cargo build --release --quiet -p agentctl -p agentd -p agent-console
bin=${CARGO_TARGET_DIR:-target}/release

echo "[demo] ingesting demo/kb"
"$bin/agentctl" kb ingest demo/kb
"$bin/agentctl" kb status
echo "[demo] importing demo/orders.jsonl"
"$bin/agentctl" orders import demo/orders.jsonl
bind=${FRONTDESK_BIND:-127.0.0.1:8080}
# a support agent for the operator console (demo only: agentd listens on localhost)
agent_token=${FRONTDESK_DEMO_AGENT_TOKEN:-demo-agent-token-0123456789abcdef}
export FRONTDESK__AUTH__ADMIN_TOKENS__DEMO__TOKEN="$agent_token"
export FRONTDESK__AUTH__ADMIN_TOKENS__DEMO__ROLE=agent
export FRONTDESK__AUTH__ADMIN_TOKENS__DEMO__DISPLAY_NAME="Demo Agent"
echo "[demo] try: $bin/agentctl kb search \"how long do I have to send back a kettle\""
echo "[demo]      $bin/agentctl orders show 1042"
echo "[demo]      $bin/agentctl ask \"where is my order 1042? my email is maria.rossi@example.com\""
echo "[demo]      $bin/agentctl chat"
echo "[demo] the demo shop with the chat widget: http://$bind/demo"
echo "[demo] the operator console (another terminal): FRONTDESK_ADMIN_TOKEN=$agent_token $bin/agent-console --url http://$bind"
echo "[demo] agentd on http://$bind (health: /healthz, readiness: /readyz, API: /api/openapi.json); Ctrl-C to stop"
exec "$bin/agentd" serve --bind "$bind"
