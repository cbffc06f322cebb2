#!/usr/bin/env bash
# Idempotent set-up of a local WordPress with the Frontdesk plugin, for the
# end-to-end test of agentd's WordPress integration. Debian bookworm, as root.
#
#   - Debian's `wordpress` package and PHP (apt-get only for what is missing; no web
#     server is started: PHP's built-in server serves the site, see
#     scripts/wordpress-serve.sh)
#   - the database and its user in the local MariaDB (started when it is down)
#   - /etc/wordpress/config-127.0.0.1.php, the per-host config Debian's wp-config.php loads
#   - WordPress installed at http://127.0.0.1:$WP_PORT, an administrator, a customer
#     (maria, maria.rossi@example.com), pretty permalinks and the page /shop-help/
#   - the plugin from packaging/wordpress/frontdesk linked into the plugins folder,
#     activated, and its options set from the environment
#   - a must-use plugin giving mail a valid sender (wordpress@127.0.0.1 is not one)
#
# Safe to run any number of times; every run re-applies the settings below, so the
# site is always in the state the tests expect.
#
# Environment (defaults in brackets):
#   WP_PORT [8089]                      port the site is served on (part of its URL)
#   FRONTDESK_WP_ADMIN_USER [admin]     FRONTDESK_WP_ADMIN_PASSWORD [frontdesk-admin-pass]
#   FRONTDESK_WP_ADMIN_EMAIL [admin@copperandkettle.example]
#   FRONTDESK_WP_CUSTOMER_PASSWORD [maria-customer-pass]
#   FRONTDESK_WP_DB_NAME [frontdesk_wp] FRONTDESK_WP_DB_USER [frontdesk_wp]
#   FRONTDESK_WP_DB_PASSWORD [frontdesk-wp-db-pass]
#   FRONTDESK_WP_PLUGIN_COPY [0]        1 = copy the plugin instead of linking it
#   FRONTDESK_SKIP_APT [0]              1 = fail instead of installing packages
# Plugin options (an empty value where allowed clears the option):
#   FRONTDESK_URL [http://127.0.0.1:8080]      -> frontdesk_daemon_url ('' = widget off)
#   FRONTDESK_WP_SECRET [frontdesk-wordpress-test-secret-0123456789] -> frontdesk_secret
#   FRONTDESK_WP_KEY_ID [k1]                   -> frontdesk_key_id
#   FRONTDESK_WP_AUDIENCE [frontdesk]          -> frontdesk_audience
#   FRONTDESK_WP_WIDGET_TITLE [Copper & Kettle help] -> frontdesk_widget_title
#   FRONTDESK_WP_POSITION [right]              -> frontdesk_position (right|left)
#   FRONTDESK_WP_COLOR [#b45309]               -> frontdesk_color
#   FRONTDESK_WP_CHANNELS [web,slack,email]    -> frontdesk_allowed_channels
#   FRONTDESK_WP_NOTIFY_EMAIL ['' = admin email] -> frontdesk_notify_email
#   FRONTDESK_WP_VISIBILITY [everyone]         -> frontdesk_visibility (everyone|logged_in)
set -euo pipefail

log() { printf '\033[1;35m[wordpress]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[wordpress] error:\033[0m %s\n' "$*" >&2; exit 1; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PLUGIN_SRC="$ROOT/packaging/wordpress/frontdesk"

WP_PORT="${WP_PORT:-8089}"
WP_HOST=127.0.0.1
WP_URL="http://$WP_HOST:$WP_PORT"
WP_ROOT=/usr/share/wordpress
# Debian's wp-config.php sets this content folder unless the host config does; the
# package keeps /usr/share/wordpress read-only and links its themes and plugins here.
WP_CONTENT_DIR=/var/lib/wordpress/wp-content
# Debian's wp-config.php drops the port from the Host header and loads
# /etc/wordpress/config-<host>.php, so 127.0.0.1:<any port> reads this file.
WP_CONFIG="/etc/wordpress/config-$WP_HOST.php"
WP_SALTS=/etc/wordpress/frontdesk-test-salts.php
CONFIG_MARKER='Written by scripts/setup-wordpress.sh'

DB_NAME="${FRONTDESK_WP_DB_NAME:-frontdesk_wp}"
DB_USER="${FRONTDESK_WP_DB_USER:-frontdesk_wp}"
DB_PASSWORD="${FRONTDESK_WP_DB_PASSWORD:-frontdesk-wp-db-pass}"
DB_HOST=127.0.0.1
DB_PORT=3306

export FD_ADMIN_USER="${FRONTDESK_WP_ADMIN_USER:-admin}"
export FD_ADMIN_PASSWORD="${FRONTDESK_WP_ADMIN_PASSWORD:-frontdesk-admin-pass}"
export FD_ADMIN_EMAIL="${FRONTDESK_WP_ADMIN_EMAIL:-admin@copperandkettle.example}"
export FD_CUSTOMER_PASSWORD="${FRONTDESK_WP_CUSTOMER_PASSWORD:-maria-customer-pass}"
export FD_SITE_TITLE='Copper & Kettle'
# `-` rather than `:-`: an explicitly empty FRONTDESK_URL switches the widget off.
export FD_OPT_frontdesk_daemon_url="${FRONTDESK_URL-http://127.0.0.1:8080}"
export FD_OPT_frontdesk_secret="${FRONTDESK_WP_SECRET-frontdesk-wordpress-test-secret-0123456789}"
export FD_OPT_frontdesk_key_id="${FRONTDESK_WP_KEY_ID:-k1}"
export FD_OPT_frontdesk_audience="${FRONTDESK_WP_AUDIENCE:-frontdesk}"
export FD_OPT_frontdesk_widget_title="${FRONTDESK_WP_WIDGET_TITLE-Copper & Kettle help}"
export FD_OPT_frontdesk_position="${FRONTDESK_WP_POSITION:-right}"
export FD_OPT_frontdesk_color="${FRONTDESK_WP_COLOR:-#b45309}"
export FD_OPT_frontdesk_allowed_channels="${FRONTDESK_WP_CHANNELS-web,slack,email}"
export FD_OPT_frontdesk_notify_email="${FRONTDESK_WP_NOTIFY_EMAIL-}"
export FD_OPT_frontdesk_visibility="${FRONTDESK_WP_VISIBILITY:-everyone}"

CLEANUP=()
cleanup() { local f; for f in "${CLEANUP[@]}"; do rm -f "$f"; done; }
trap cleanup EXIT

[ "$(id -u)" = 0 ] || die "run as root (installs packages, writes /etc/wordpress)"
[ -f "$PLUGIN_SRC/frontdesk.php" ] || die "plugin not found at $PLUGIN_SRC"
case "$WP_PORT" in ''|*[!0-9]*) die "WP_PORT must be a number, got '$WP_PORT'" ;; esac
# These go into SQL and PHP literals; keeping them to a safe alphabet avoids quoting bugs.
for v in DB_NAME DB_USER; do
  [[ "${!v}" =~ ^[A-Za-z0-9_]+$ ]] || die "$v may contain letters, digits and _ only"
done
[[ "$DB_PASSWORD" =~ ^[A-Za-z0-9._-]+$ ]] || die "FRONTDESK_WP_DB_PASSWORD may contain letters, digits, . _ - only"

# --- packages ------------------------------------------------------------------
# php-cgi and mini-httpd satisfy the `wordpress` package's "a PHP" and "a web
# server" dependencies; without them apt picks Apache and mod_php. mini-httpd is
# never started (see below), and the site is served by `php -S`.
PACKAGES=(wordpress wordpress-theme-twentytwentythree php-cli php-cgi php-mysql php-curl php-xml php-mbstring mini-httpd)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

ensure_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
  [ "${#missing[@]}" = 0 ] && { log "packages present"; return; }
  [ "${FRONTDESK_SKIP_APT:-0}" = 1 ] && die "missing packages (${missing[*]}) and FRONTDESK_SKIP_APT=1"
  # A policy-rc.d that answers 101 stops maintainer scripts from starting services
  # (mini-httpd would otherwise bind port 80). Only one we created is removed again.
  local policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod 755 "$policy"
    CLEANUP+=("$policy")
  fi
  log "apt-get update"
  apt-get update -qq
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian installs mini-httpd disabled at boot (K links only); keep it that way
  # should a later package upgrade or an admin have enabled it.
  update-rc.d mini-httpd disable >/dev/null 2>&1 || true
}

ensure_php_modules() {
  local mods m
  mods="$(php -m)"
  for m in mysqli curl dom mbstring json; do
    grep -qix "$m" <<<"$mods" || die "PHP module $m is missing (php -m); reinstall php-mysql php-curl php-xml php-mbstring"
  done
}

# --- database -------------------------------------------------------------------
sql() { mariadb --protocol=tcp -h "$DB_HOST" -P "$DB_PORT" -u root "$@"; }

ensure_mariadb() {
  if ! mariadb-admin --protocol=tcp -h "$DB_HOST" -P "$DB_PORT" -u root ping >/dev/null 2>&1; then
    log "starting MariaDB"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
    for _ in $(seq 1 30); do
      mariadb-admin --protocol=tcp -h "$DB_HOST" -P "$DB_PORT" -u root ping >/dev/null 2>&1 && break
      sleep 1
    done
    mariadb-admin --protocol=tcp -h "$DB_HOST" -P "$DB_PORT" -u root ping >/dev/null 2>&1 \
      || die "MariaDB is not reachable on $DB_HOST:$DB_PORT as root without a password"
  fi
  log "database $DB_NAME and user $DB_USER"
  # ALTER USER keeps the password in step with the environment on every run.
  sql <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
ALTER USER '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
ALTER USER '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'localhost';
FLUSH PRIVILEGES;
SQL
}

# --- WordPress config -------------------------------------------------------------
write_config() {
  if [ -f "$WP_CONFIG" ] && ! grep -q "$CONFIG_MARKER" "$WP_CONFIG"; then
    die "$WP_CONFIG exists and was not written by this script; move it away first"
  fi
  if [ ! -s "$WP_SALTS" ]; then
    # Generated once and kept: new salts would log everybody out on every run.
    log "generating $WP_SALTS"
    php -r '
      echo "<?php\n// Authentication salts of the local Frontdesk test site.\n";
      foreach (["AUTH_KEY","SECURE_AUTH_KEY","LOGGED_IN_KEY","NONCE_KEY","AUTH_SALT","SECURE_AUTH_SALT","LOGGED_IN_SALT","NONCE_SALT"] as $k) {
        echo "define(\x27$k\x27, \x27" . bin2hex(random_bytes(32)) . "\x27);\n";
      }' >"$WP_SALTS.tmp"
    mv "$WP_SALTS.tmp" "$WP_SALTS"
  fi
  local tmp="$WP_CONFIG.tmp"
  cat >"$tmp" <<PHP
<?php
// $CONFIG_MARKER for the local Frontdesk test site.
// Debian's /usr/share/wordpress/wp-config.php loads it for Host 127.0.0.1 (any port).
define( 'DB_NAME', '$DB_NAME' );
define( 'DB_USER', '$DB_USER' );
define( 'DB_PASSWORD', '$DB_PASSWORD' );
define( 'DB_HOST', '$DB_HOST:$DB_PORT' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'WP_HOME', '$WP_URL' );
define( 'WP_SITEURL', '$WP_URL' );
define( 'WP_CONTENT_DIR', '$WP_CONTENT_DIR' );
define( 'WP_CONTENT_URL', '$WP_URL/wp-content' );
define( 'FS_METHOD', 'direct' );
// The machine has no internet: update checks would only make admin pages wait.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
// PHP's built-in server handles one request at a time per worker; cron's loopback
// request on page loads would only compete with the tests.
define( 'DISABLE_WP_CRON', true );
define( 'WP_DEBUG', false );
require_once '$WP_SALTS';
PHP
  if ! cmp -s "$tmp" "$WP_CONFIG" 2>/dev/null; then
    mv "$tmp" "$WP_CONFIG"
    log "wrote $WP_CONFIG"
  else
    rm -f "$tmp"
  fi
  # The DB password is in both files: readable by root and the web server group only.
  chown root:www-data "$WP_CONFIG" "$WP_SALTS"
  chmod 640 "$WP_CONFIG" "$WP_SALTS"
}

# --- content folder and plugin ---------------------------------------------------
ensure_content() {
  # The package's trigger normally does this; running it again is cheap and covers a
  # theme installed after WordPress.
  wp-setup --sync-wp-content >/dev/null 2>&1 || true
  mkdir -p "$WP_CONTENT_DIR/plugins" "$WP_CONTENT_DIR/themes" "$WP_CONTENT_DIR/uploads"
  [ -d "$WP_CONTENT_DIR/themes/twentytwentythree" ] \
    || die "theme twentytwentythree missing in $WP_CONTENT_DIR/themes (wordpress-theme-twentytwentythree)"

  # wp_mail sends from wordpress@<site host>; "wordpress@127.0.0.1" is not an address
  # PHPMailer accepts, so every mail of this site would fail before reaching sendmail.
  mkdir -p "$WP_CONTENT_DIR/mu-plugins"
  cat >"$WP_CONTENT_DIR/mu-plugins/frontdesk-test-site.php" <<'PHP'
<?php
/**
 * Plugin Name: Frontdesk test site
 * Description: Written by scripts/setup-wordpress.sh. A sender address PHPMailer accepts, for a site served from 127.0.0.1.
 */
add_filter(
	'wp_mail_from',
	static function () {
		return 'wordpress@copperandkettle.example';
	}
);
PHP

  local target="$WP_CONTENT_DIR/plugins/frontdesk"
  if [ "${FRONTDESK_WP_PLUGIN_COPY:-0}" = 1 ]; then
    [ -L "$target" ] && rm -f "$target"
    rm -rf "$target.tmp" && cp -a "$PLUGIN_SRC" "$target.tmp"
    rm -rf "$target" && mv "$target.tmp" "$target"
    log "copied plugin to $target"
  else
    if [ -e "$target" ] && [ ! -L "$target" ]; then
      rm -rf "$target"   # a copy from an earlier FRONTDESK_WP_PLUGIN_COPY=1 run
    fi
    # A link: edits to the plugin show up without re-running this script.
    ln -sfn "$PLUGIN_SRC" "$target"
    log "linked $target -> $PLUGIN_SRC"
  fi
}

# --- WordPress itself, through PHP ------------------------------------------------
# One PHP script, two steps: `install` must load WordPress with WP_INSTALLING (no
# tables yet); `configure` loads it normally, with plugins, once it is installed.
PHP_SCRIPT="$(mktemp --suffix=.php)"
CLEANUP+=("$PHP_SCRIPT")
cat >"$PHP_SCRIPT" <<'PHP'
<?php
// Runs WordPress from the command line as if a request for the test site came in:
// Debian's wp-config.php picks the config file from the Host header.
$step = isset( $argv[1] ) ? $argv[1] : '';
$url  = getenv( 'FD_WP_URL' );
$_SERVER['HTTP_HOST']       = parse_url( $url, PHP_URL_HOST ) . ':' . parse_url( $url, PHP_URL_PORT );
$_SERVER['SERVER_NAME']     = parse_url( $url, PHP_URL_HOST );
$_SERVER['SERVER_PORT']     = (string) parse_url( $url, PHP_URL_PORT );
$_SERVER['REQUEST_URI']     = '/';
$_SERVER['REQUEST_METHOD']  = 'GET';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';

function fd_fail( $message ) {
	fwrite( STDERR, "[wordpress] error: $message\n" );
	exit( 1 );
}
function fd_log( $message ) {
	echo "[wordpress] $message\n";
}

if ( 'install' === $step ) {
	define( 'WP_INSTALLING', true );
	require '/usr/share/wordpress/wp-load.php';
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	if ( is_blog_installed() ) {
		fd_log( 'WordPress already installed' );
		exit( 0 );
	}
	$result = wp_install( getenv( 'FD_SITE_TITLE' ), getenv( 'FD_ADMIN_USER' ), getenv( 'FD_ADMIN_EMAIL' ), true, '', wp_slash( getenv( 'FD_ADMIN_PASSWORD' ) ) );
	if ( is_wp_error( $result ) ) {
		fd_fail( 'wp_install: ' . $result->get_error_message() );
	}
	fd_log( 'installed WordPress ' . get_bloginfo( 'version' ) . ' at ' . $url );
	exit( 0 );
}

if ( 'configure' !== $step ) {
	fd_fail( "unknown step '$step'" );
}

require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once ABSPATH . 'wp-admin/includes/user.php';

update_option( 'blogname', getenv( 'FD_SITE_TITLE' ) );
update_option( 'blogdescription', 'Kitchenware, coffee and tea' );
update_option( 'admin_email', getenv( 'FD_ADMIN_EMAIL' ) );

// Pretty permalinks, so /shop-help/ and /wp-json/ work as on a real shop.
global $wp_rewrite;
if ( '/%postname%/' !== get_option( 'permalink_structure' ) ) {
	$wp_rewrite->set_permalink_structure( '/%postname%/' );
}
flush_rewrite_rules( false );

/**
 * Creates or updates a user so it matches exactly what the tests log in with.
 */
function fd_user( $login, $password, $email, $display, $first, $last, $role ) {
	$id = username_exists( $login );
	$data = array(
		'user_login'   => $login,
		'user_email'   => $email,
		'display_name' => $display,
		'first_name'   => $first,
		'last_name'    => $last,
		'role'         => $role,
	);
	if ( $id ) {
		$data['ID'] = $id;
		$result     = wp_update_user( $data );
		$user       = get_userdata( $id );
		if ( ! wp_check_password( $password, $user->user_pass, $id ) ) {
			wp_set_password( $password, $id );
		}
	} else {
		$data['user_pass'] = $password;
		$result            = wp_insert_user( $data );
	}
	if ( is_wp_error( $result ) ) {
		fd_fail( "user $login: " . $result->get_error_message() );
	}
	fd_log( "user $login <$email> ($role)" );
}
fd_user( getenv( 'FD_ADMIN_USER' ), getenv( 'FD_ADMIN_PASSWORD' ), getenv( 'FD_ADMIN_EMAIL' ), 'Shop Admin', 'Shop', 'Admin', 'administrator' );
fd_user( 'maria', getenv( 'FD_CUSTOMER_PASSWORD' ), 'maria.rossi@example.com', 'Maria Rossi', 'Maria', 'Rossi', 'subscriber' );

// The page the widget test opens, and a source document for agentd's --wordpress ingest.
$content = <<<'HTML'
<!-- wp:heading -->
<h2>Returns</h2>
<!-- /wp:heading -->
<!-- wp:paragraph -->
<p>You have 30 days from the day your order is delivered to send an item back. Register the return first; we refund within 5 business days of receiving it.</p>
<!-- /wp:paragraph -->
<!-- wp:heading -->
<h2>Opening hours</h2>
<!-- /wp:heading -->
<!-- wp:paragraph -->
<p>Our customer service team answers Monday to Friday, 9:00 to 17:00 CET. The chat button on every page reaches our help assistant at any time.</p>
<!-- /wp:paragraph -->
HTML;
$page = get_page_by_path( 'shop-help', OBJECT, 'page' );
$postarr = array(
	'post_type'    => 'page',
	'post_name'    => 'shop-help',
	'post_title'   => 'Shop help',
	'post_content' => $content,
	'post_status'  => 'publish',
	'post_author'  => username_exists( getenv( 'FD_ADMIN_USER' ) ),
);
if ( $page ) {
	$postarr['ID'] = $page->ID;
}
$page_id = wp_insert_post( wp_slash( $postarr ), true );
if ( is_wp_error( $page_id ) ) {
	fd_fail( 'page shop-help: ' . $page_id->get_error_message() );
}
fd_log( 'page ' . get_permalink( $page_id ) );

// The plugin.
$plugin = 'frontdesk/frontdesk.php';
wp_clean_plugins_cache( false );
if ( ! is_plugin_active( $plugin ) ) {
	$result = activate_plugin( $plugin );
	if ( is_wp_error( $result ) ) {
		fd_fail( 'activate_plugin: ' . $result->get_error_message() );
	}
	fd_log( 'activated the Frontdesk plugin' );
} else {
	fd_log( 'Frontdesk plugin active' );
}
if ( ! class_exists( 'Frontdesk_Options' ) ) {
	fd_fail( 'the Frontdesk plugin did not load' );
}

// Its options, through the plugin's own validators, so a bad value fails here
// just as it would on the settings page.
$validators = array(
	Frontdesk_Options::DAEMON_URL       => 'validate_daemon_url',
	Frontdesk_Options::SECRET           => 'validate_secret',
	Frontdesk_Options::KEY_ID           => 'validate_key_id',
	Frontdesk_Options::AUDIENCE         => 'validate_audience',
	Frontdesk_Options::WIDGET_TITLE     => 'validate_title',
	Frontdesk_Options::POSITION         => 'validate_position',
	Frontdesk_Options::COLOR            => 'validate_color',
	Frontdesk_Options::ALLOWED_CHANNELS => 'clean_channels',
	Frontdesk_Options::NOTIFY_EMAIL     => 'validate_notify_email',
	Frontdesk_Options::VISIBILITY       => 'validate_visibility',
);
foreach ( $validators as $name => $validator ) {
	$raw = getenv( 'FD_OPT_' . $name );
	$raw = false === $raw ? '' : $raw;
	if ( Frontdesk_Options::SECRET === $name && '' === $raw ) {
		$value = '';
	} else {
		$value = call_user_func( array( 'Frontdesk_Options', $validator ), $raw );
	}
	if ( is_wp_error( $value ) ) {
		fd_fail( "$name: " . $value->get_error_message() );
	}
	update_option( $name, $value );
	$shown = Frontdesk_Options::SECRET === $name ? Frontdesk_Options::mask( $value ) : ( is_array( $value ) ? implode( ',', $value ) : $value );
	fd_log( "option $name = " . ( '' === $shown ? "''" : $shown ) );
}
PHP

run_php() {
  FD_WP_URL="$WP_URL" php -d sendmail_path='cat >/dev/null' -d display_errors=stderr "$PHP_SCRIPT" "$@"
}

ensure_packages
ensure_php_modules
ensure_mariadb
write_config
ensure_content
run_php install
run_php configure
log "ready: start it with scripts/wordpress-serve.sh, then open $WP_URL/shop-help/"
