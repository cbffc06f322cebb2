<?php
/**
 * Option names, defaults and the validation shared by the settings page and
 * scripted set-ups.
 *
 * @package Frontdesk
 */

defined( 'ABSPATH' ) || exit;

/**
 * Every option the plugin stores, and how a value is checked.
 *
 * The validators return the clean value or a WP_Error and never touch the admin
 * UI, so a set-up script can call them without loading wp-admin.
 */
final class Frontdesk_Options {

	const DAEMON_URL       = 'frontdesk_daemon_url';
	const SECRET           = 'frontdesk_secret';
	const KEY_ID           = 'frontdesk_key_id';
	const AUDIENCE         = 'frontdesk_audience';
	const WIDGET_TITLE     = 'frontdesk_widget_title';
	const POSITION         = 'frontdesk_position';
	const COLOR            = 'frontdesk_color';
	const ALLOWED_CHANNELS = 'frontdesk_allowed_channels';
	const NOTIFY_EMAIL     = 'frontdesk_notify_email';
	const VISIBILITY       = 'frontdesk_visibility';

	// Internal state, not settings.
	const VERSION    = 'frontdesk_version';
	const TICKETS    = 'frontdesk_tickets';
	const DELIVERIES = 'frontdesk_seen_deliveries';

	// Meta keys.
	const POST_CHANNELS_META = '_frontdesk_allowed_channels';
	const USER_SEEN_META     = 'frontdesk_tickets_seen';

	/** The channels agentd knows. */
	const CHANNELS = array( 'web', 'slack', 'email' );

	/** HS256 wants a key at least as long as the hash (RFC 7518, 3.2). */
	const MIN_SECRET_LENGTH = 32;

	/**
	 * Default of every setting.
	 *
	 * An empty notification address means "the site's admin email", resolved when a
	 * ticket arrives so a later change of admin_email is followed.
	 *
	 * @return array<string, mixed>
	 */
	public static function defaults() {
		return array(
			self::DAEMON_URL       => '',
			self::SECRET           => '',
			self::KEY_ID           => 'k1',
			self::AUDIENCE         => 'frontdesk',
			self::WIDGET_TITLE     => '',
			self::POSITION         => 'right',
			self::COLOR            => '#2563eb',
			self::ALLOWED_CHANNELS => self::CHANNELS,
			self::NOTIFY_EMAIL     => '',
			self::VISIBILITY       => 'everyone',
		);
	}

	/**
	 * Every option name the plugin may have written, for uninstall.
	 *
	 * @return string[]
	 */
	public static function all_names() {
		return array_merge( array_keys( self::defaults() ), array( self::VERSION, self::TICKETS, self::DELIVERIES ) );
	}

	/**
	 * A setting's stored value, or its default.
	 *
	 * @param string $name Option name (one of the constants above).
	 * @return mixed
	 */
	public static function get( $name ) {
		$defaults = self::defaults();
		return get_option( $name, isset( $defaults[ $name ] ) ? $defaults[ $name ] : '' );
	}

	/**
	 * The daemon's base URL without a trailing slash, or '' when not configured.
	 *
	 * @return string
	 */
	public static function daemon_url() {
		$url = (string) self::get( self::DAEMON_URL );
		return is_wp_error( self::validate_daemon_url( $url ) ) ? '' : untrailingslashit( $url );
	}

	/**
	 * The shared secret. A FRONTDESK_SECRET constant in wp-config.php wins, so the
	 * secret can be kept out of the database and its backups.
	 *
	 * @return string
	 */
	public static function secret() {
		if ( self::secret_from_constant() ) {
			return (string) constant( 'FRONTDESK_SECRET' );
		}
		return (string) get_option( self::SECRET, '' );
	}

	/**
	 * Whether the secret comes from wp-config.php.
	 *
	 * @return bool
	 */
	public static function secret_from_constant() {
		return defined( 'FRONTDESK_SECRET' ) && is_string( constant( 'FRONTDESK_SECRET' ) ) && '' !== constant( 'FRONTDESK_SECRET' );
	}

	/**
	 * Where ticket notifications go.
	 *
	 * @return string
	 */
	public static function notify_email() {
		$email = (string) self::get( self::NOTIFY_EMAIL );
		return '' !== $email ? $email : (string) get_option( 'admin_email' );
	}

	/**
	 * The site-wide default channels for the shop's pages and posts.
	 *
	 * @return string[]
	 */
	public static function default_channels() {
		return self::clean_channels( self::get( self::ALLOWED_CHANNELS ) );
	}

	/**
	 * The channels a post's content may be used on: the post's own override from
	 * its `_frontdesk_allowed_channels` meta when set, else the site-wide default.
	 *
	 * The meta may hold an array or a comma-separated string (what `wp post meta
	 * update` stores). agentd reads an empty list as "every channel".
	 *
	 * @param int $post_id Post ID.
	 * @return string[]
	 */
	public static function channels_for_post( $post_id ) {
		$channels = self::default_channels();
		if ( metadata_exists( 'post', $post_id, self::POST_CHANNELS_META ) ) {
			$channels = self::clean_channels( get_post_meta( $post_id, self::POST_CHANNELS_META, true ) );
		}
		/**
		 * Filters the channels a post's content may be used on.
		 *
		 * @param string[] $channels Channel names (web, slack, email).
		 * @param int      $post_id  Post ID.
		 */
		return self::clean_channels( apply_filters( 'frontdesk_allowed_channels', $channels, $post_id ) );
	}

	/**
	 * Known channel names only, each once, in the canonical order.
	 *
	 * @param mixed $value Array or comma-separated string.
	 * @return string[]
	 */
	public static function clean_channels( $value ) {
		if ( is_string( $value ) ) {
			$value = explode( ',', $value );
		}
		if ( ! is_array( $value ) ) {
			return array();
		}
		$given = array_map(
			static function ( $channel ) {
				return is_scalar( $channel ) ? strtolower( trim( (string) $channel ) ) : '';
			},
			$value
		);
		return array_values( array_intersect( self::CHANNELS, $given ) );
	}

	/**
	 * The daemon URL must be https, or plain http to this machine only: the JWT
	 * and the conversation travel over it, and a plain-http shop-to-daemon link
	 * anywhere else would expose them.
	 *
	 * @param string $url Candidate URL.
	 * @return string|WP_Error The URL without trailing slash ('' stays '').
	 */
	public static function validate_daemon_url( $url ) {
		$url = trim( (string) $url );
		if ( '' === $url ) {
			return '';
		}
		$parts = wp_parse_url( $url );
		if ( ! is_array( $parts ) || empty( $parts['scheme'] ) || empty( $parts['host'] ) ) {
			return new WP_Error( 'frontdesk_bad_url', __( 'The Frontdesk URL is not a valid URL.', 'frontdesk' ) );
		}
		if ( isset( $parts['user'] ) || isset( $parts['pass'] ) || isset( $parts['query'] ) || isset( $parts['fragment'] ) ) {
			return new WP_Error( 'frontdesk_bad_url', __( 'The Frontdesk URL must not contain a user name, password, query or fragment.', 'frontdesk' ) );
		}
		$scheme = strtolower( $parts['scheme'] );
		$host   = strtolower( $parts['host'] );
		$local  = in_array( $host, array( '127.0.0.1', 'localhost', '[::1]', '::1' ), true );
		if ( ! ( 'https' === $scheme || ( 'http' === $scheme && $local ) ) ) {
			return new WP_Error( 'frontdesk_insecure_url', __( 'The Frontdesk URL must start with https:// (plain http:// is accepted for 127.0.0.1 and localhost only).', 'frontdesk' ) );
		}
		$clean = esc_url_raw( $url, array( 'http', 'https' ) );
		if ( '' === $clean ) {
			return new WP_Error( 'frontdesk_bad_url', __( 'The Frontdesk URL is not a valid URL.', 'frontdesk' ) );
		}
		return untrailingslashit( $clean );
	}

	/**
	 * A new secret. Empty means "keep the current one", which the caller handles.
	 *
	 * @param string $secret Candidate secret.
	 * @return string|WP_Error
	 */
	public static function validate_secret( $secret ) {
		$secret = trim( (string) $secret );
		if ( strlen( $secret ) < self::MIN_SECRET_LENGTH ) {
			return new WP_Error(
				'frontdesk_short_secret',
				/* translators: %d: minimum number of characters. */
				sprintf( __( 'The shared secret must be at least %d characters long.', 'frontdesk' ), self::MIN_SECRET_LENGTH )
			);
		}
		if ( preg_match( '/[\x00-\x20\x7f]/', $secret ) ) {
			return new WP_Error( 'frontdesk_bad_secret', __( 'The shared secret must not contain spaces or control characters.', 'frontdesk' ) );
		}
		return $secret;
	}

	/**
	 * Key id: what agentd's `auth.wordpress.keys` names the secret by.
	 *
	 * @param string $kid Candidate key id.
	 * @return string|WP_Error
	 */
	public static function validate_key_id( $kid ) {
		$kid = trim( (string) $kid );
		if ( '' === $kid ) {
			return 'k1';
		}
		if ( ! preg_match( '/^[A-Za-z0-9._-]{1,64}$/', $kid ) ) {
			return new WP_Error( 'frontdesk_bad_kid', __( 'The key id may contain letters, digits, dots, dashes and underscores only (at most 64).', 'frontdesk' ) );
		}
		return $kid;
	}

	/**
	 * JWT audience; must equal agentd's `auth.wordpress.audience`.
	 *
	 * @param string $audience Candidate audience.
	 * @return string
	 */
	public static function validate_audience( $audience ) {
		$audience = sanitize_text_field( (string) $audience );
		return '' === $audience ? 'frontdesk' : $audience;
	}

	/**
	 * Widget title; empty lets the widget use its own.
	 *
	 * @param string $title Candidate title.
	 * @return string
	 */
	public static function validate_title( $title ) {
		return mb_substr( sanitize_text_field( (string) $title ), 0, 80 );
	}

	/**
	 * Widget position.
	 *
	 * @param string $position Candidate position.
	 * @return string
	 */
	public static function validate_position( $position ) {
		return 'left' === $position ? 'left' : 'right';
	}

	/**
	 * Accent colour as #rgb or #rrggbb.
	 *
	 * @param string $color Candidate colour.
	 * @return string|WP_Error
	 */
	public static function validate_color( $color ) {
		$color = sanitize_hex_color( trim( (string) $color ) );
		if ( empty( $color ) ) {
			return new WP_Error( 'frontdesk_bad_color', __( 'The accent colour must be a hex colour such as #2563eb.', 'frontdesk' ) );
		}
		return $color;
	}

	/**
	 * Notification address; empty means the site's admin email.
	 *
	 * @param string $email Candidate address.
	 * @return string|WP_Error
	 */
	public static function validate_notify_email( $email ) {
		$email = trim( (string) $email );
		if ( '' === $email ) {
			return '';
		}
		$clean = sanitize_email( $email );
		if ( '' === $clean || ! is_email( $clean ) ) {
			return new WP_Error( 'frontdesk_bad_email', __( 'The notification email is not a valid address.', 'frontdesk' ) );
		}
		return $clean;
	}

	/**
	 * Who sees the widget.
	 *
	 * @param string $visibility Candidate value.
	 * @return string
	 */
	public static function validate_visibility( $visibility ) {
		return 'logged_in' === $visibility ? 'logged_in' : 'everyone';
	}

	/**
	 * The secret for display: its last four characters behind bullets.
	 *
	 * @param string $secret The secret.
	 * @return string
	 */
	public static function mask( $secret ) {
		$secret = (string) $secret;
		if ( '' === $secret ) {
			return '';
		}
		return str_repeat( "\u{2022}", 8 ) . substr( $secret, -4 );
	}
}
