#!/usr/bin/env bash
# Serves the local test WordPress (set up by scripts/setup-wordpress.sh) with PHP's
# built-in server, in the foreground; the caller backgrounds it and stops it with
# `kill <pid>` (TERM), which also stops the server's worker processes.
#
# Every mail WordPress sends is appended, in mbox format, to $FRONTDESK_WP_MAIL_LOG
# instead of being delivered, so tests can assert that wp_mail was called.
#
# Environment (defaults in brackets):
#   WP_PORT [8089]                must match the port the site was set up with
#   FRONTDESK_WP_MAIL_LOG [$FRONTDESK_WP_RUN_DIR/mail.mbox]
#   FRONTDESK_WP_RUN_DIR [/tmp/frontdesk-wordpress]  router and mail-capture scripts
#   PHP_CLI_SERVER_WORKERS [4]    concurrent requests (the widget, REST calls and a
#                                 browser's asset requests arrive in parallel)
set -euo pipefail

log() { printf '\033[1;35m[wordpress]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[wordpress] error:\033[0m %s\n' "$*" >&2; exit 1; }

WP_PORT="${WP_PORT:-8089}"
WP_ROOT=/usr/share/wordpress
WP_CONFIG=/etc/wordpress/config-127.0.0.1.php
RUN_DIR="${FRONTDESK_WP_RUN_DIR:-/tmp/frontdesk-wordpress}"
export FRONTDESK_WP_MAIL_LOG="${FRONTDESK_WP_MAIL_LOG:-$RUN_DIR/mail.mbox}"
export PHP_CLI_SERVER_WORKERS="${PHP_CLI_SERVER_WORKERS:-4}"

command -v php >/dev/null || die "php is not installed; run scripts/setup-wordpress.sh"
[ -r "$WP_CONFIG" ] || die "$WP_CONFIG not found; run scripts/setup-wordpress.sh"
# The site URL (with its port) is fixed at set-up; another port would only redirect.
configured="$(sed -n "s/^define( 'WP_HOME', 'http:\/\/127\.0\.0\.1:\([0-9]*\)' );/\1/p" "$WP_CONFIG")"
[ "$configured" = "$WP_PORT" ] \
  || die "the site was set up for port ${configured:-?}, not $WP_PORT; run WP_PORT=$WP_PORT scripts/setup-wordpress.sh"
content_dir="$(sed -n "s/^define( 'WP_CONTENT_DIR', '\(.*\)' );/\1/p" "$WP_CONFIG")"

mkdir -p "$RUN_DIR" "$(dirname "$FRONTDESK_WP_MAIL_LOG")"
touch "$FRONTDESK_WP_MAIL_LOG"

# sendmail stand-in: PHP's mail() pipes the whole message (headers, blank line,
# body) to it. Messages are appended as mbox ("From " separator, ">From" quoting),
# under a lock so parallel workers cannot interleave.
cat >"$RUN_DIR/sendmail" <<'SH'
#!/bin/sh
log="${1:-${FRONTDESK_WP_MAIL_LOG:?FRONTDESK_WP_MAIL_LOG is not set}}"
tmp="$(mktemp)"
{ printf 'From frontdesk-wordpress %s\n' "$(LC_ALL=C date -u '+%a %b %e %H:%M:%S %Y')"
  sed -e 's/\r$//' -e 's/^\(>*From \)/>\1/'
  printf '\n'
} >"$tmp"
flock "$log" sh -c 'cat "$1" >>"$2"' _ "$tmp" "$log"
rm -f "$tmp"
SH
chmod 755 "$RUN_DIR/sendmail"

# Router: what Apache's rewrite rules and Debian's /wp-content alias do. Existing
# files are served as they are, /wp-content/ comes from the content folder, and
# every other path is a permalink for index.php.
cat >"$RUN_DIR/router.php" <<'PHP'
<?php
$root    = $_SERVER['DOCUMENT_ROOT'];
$content = getenv( 'FRONTDESK_WP_CONTENT_DIR' );
$path    = rawurldecode( (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );
if ( false !== strpos( $path, '..' ) || false !== strpos( $path, "\0" ) ) {
	http_response_code( 400 );
	return true;
}
if ( 0 === strpos( $path, '/wp-content/' ) && $content ) {
	$file = $content . substr( $path, strlen( '/wp-content' ) );
	if ( is_file( $file ) && ! preg_match( '/\.(php|phtml)$/i', $file ) ) {
		$types = array(
			'css' => 'text/css', 'js' => 'text/javascript', 'json' => 'application/json',
			'svg' => 'image/svg+xml', 'png' => 'image/png', 'jpg' => 'image/jpeg',
			'jpeg' => 'image/jpeg', 'gif' => 'image/gif', 'webp' => 'image/webp',
			'ico' => 'image/x-icon', 'woff' => 'font/woff', 'woff2' => 'font/woff2',
			'ttf' => 'font/ttf', 'txt' => 'text/plain', 'map' => 'application/json',
		);
		$ext = strtolower( pathinfo( $file, PATHINFO_EXTENSION ) );
		header( 'Content-Type: ' . ( isset( $types[ $ext ] ) ? $types[ $ext ] : 'application/octet-stream' ) );
		header( 'Content-Length: ' . filesize( $file ) );
		readfile( $file );
		return true;
	}
}
if ( '/' !== $path && file_exists( $root . $path ) ) {
	return false;
}
$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['PHP_SELF']        = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
chdir( $root );
require $root . '/index.php';
PHP

export FRONTDESK_WP_CONTENT_DIR="${content_dir:-/var/lib/wordpress/wp-content}"
log "serving http://127.0.0.1:$WP_PORT (mail -> $FRONTDESK_WP_MAIL_LOG)"
php -S "127.0.0.1:$WP_PORT" -t "$WP_ROOT" \
  -d "sendmail_path=$(printf '%q %q' "$RUN_DIR/sendmail" "$FRONTDESK_WP_MAIL_LOG")" \
  -d display_errors=stderr -d log_errors=0 \
  "$RUN_DIR/router.php" &
php_pid=$!

# Not `exec`: with PHP_CLI_SERVER_WORKERS the server forks workers, and a TERM to
# the main process alone leaves them serving the port. Stopping this script (kill
# <its pid>, Ctrl-C) stops the main process and its workers, by their ids.
stop() {
  trap - EXIT INT TERM
  local workers
  workers="$(ps -o pid= --ppid "$php_pid" 2>/dev/null || true)"
  # shellcheck disable=SC2086  # one pid per word
  kill "$php_pid" $workers 2>/dev/null || true
  wait "$php_pid" 2>/dev/null || true
}
trap 'stop; exit 143' TERM
trap 'stop; exit 130' INT
trap stop EXIT
status=0
wait "$php_pid" || status=$?
exit "$status"
