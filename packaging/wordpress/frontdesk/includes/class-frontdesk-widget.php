<?php
/**
 * The chat widget on the shop's pages.
 *
 * @package Frontdesk
 */

defined( 'ABSPATH' ) || exit;

/**
 * Loads agentd's widget.js and hands it its settings as data- attributes.
 *
 * The widget reads its configuration from its own script tag, so no inline
 * JavaScript is needed and a strict Content-Security-Policy keeps working.
 */
final class Frontdesk_Widget {

	const HANDLE = 'frontdesk-widget';

	/**
	 * Hooks the front end and the token refresh route.
	 */
	public static function register() {
		add_action( 'wp_enqueue_scripts', array( __CLASS__, 'enqueue' ) );
		add_filter( 'script_loader_tag', array( __CLASS__, 'script_tag' ), 10, 3 );
		add_action( 'rest_api_init', array( __CLASS__, 'register_token_route' ) );
		add_action( 'template_redirect', array( __CLASS__, 'no_cache_for_tokens' ) );
	}

	/**
	 * A page carrying a customer's token must not be kept by a shared cache and
	 * served to someone else.
	 */
	public static function no_cache_for_tokens() {
		if ( is_user_logged_in() && '' !== Frontdesk_Options::secret() && self::should_load() ) {
			nocache_headers();
		}
	}

	/**
	 * Whether the widget belongs on this request.
	 *
	 * @return bool
	 */
	public static function should_load() {
		if ( '' === Frontdesk_Options::daemon_url() ) {
			return false;
		}
		if ( 'logged_in' === Frontdesk_Options::get( Frontdesk_Options::VISIBILITY ) && ! is_user_logged_in() ) {
			return false;
		}
		/**
		 * Filters whether the widget is shown on the current page.
		 *
		 * @param bool $show Whether to show it.
		 */
		return (bool) apply_filters( 'frontdesk_show_widget', true );
	}

	/**
	 * Enqueues widget.js from the daemon.
	 */
	public static function enqueue() {
		if ( ! self::should_load() ) {
			return;
		}
		wp_enqueue_script(
			self::HANDLE,
			Frontdesk_Options::daemon_url() . '/widget.js',
			array(),
			// No version query: the file is the daemon's and changes with the daemon.
			null,
			// WordPress 6.3+ reads the strategy; older versions see a truthy value and
			// print the tag in the footer, where script_tag() adds `defer` itself.
			array(
				'in_footer' => true,
				'strategy'  => 'defer',
			)
		);
	}

	/**
	 * Adds the data- attributes (and `defer` where core did not) to the widget's tag.
	 *
	 * @param string $tag    The HTML of the tag(s) for the handle.
	 * @param string $handle Script handle.
	 * @param string $src    Script URL.
	 * @return string
	 */
	public static function script_tag( $tag, $handle, $src ) {
		unset( $src );
		if ( self::HANDLE !== $handle ) {
			return $tag;
		}
		$attributes = '';
		foreach ( self::attributes() as $name => $value ) {
			$attributes .= ' ' . $name . '="' . $value . '"';
		}
		// Only the tag that loads widget.js: $tag may also hold inline scripts.
		$pattern = '/<script(?=[^>]*\bid=[\'"]' . preg_quote( self::HANDLE, '/' ) . '-js[\'"])([^>]*)>/';
		return (string) preg_replace_callback(
			$pattern,
			static function ( $match ) use ( $attributes ) {
				$existing = $match[1];
				$defer    = preg_match( '/\sdefer(?:[\s=>]|$)/', $existing ) ? '' : ' defer';
				return '<script' . $existing . $defer . $attributes . '>';
			},
			$tag,
			1
		);
	}

	/**
	 * The widget's attributes, each value already escaped for an HTML attribute.
	 *
	 * @return array<string, string>
	 */
	public static function attributes() {
		$attributes = array(
			'data-frontdesk-url' => esc_url( Frontdesk_Options::daemon_url() ),
			'data-title'         => esc_attr( (string) Frontdesk_Options::get( Frontdesk_Options::WIDGET_TITLE ) ),
			'data-position'      => esc_attr( Frontdesk_Options::validate_position( Frontdesk_Options::get( Frontdesk_Options::POSITION ) ) ),
			'data-color'         => esc_attr( (string) sanitize_hex_color( (string) Frontdesk_Options::get( Frontdesk_Options::COLOR ) ) ),
		);
		if ( is_user_logged_in() ) {
			$token = Frontdesk_JWT::for_user( wp_get_current_user() );
			if ( '' !== $token ) {
				$attributes['data-user-token'] = esc_attr( $token );
				// The token in the page lasts five minutes; a widget opened later can
				// fetch a fresh one here (same origin, WordPress cookie + REST nonce).
				$attributes['data-user-token-url'] = esc_url( rest_url( Frontdesk_Webhook::REST_NAMESPACE . '/token' ) );
				$attributes['data-wp-nonce']       = esc_attr( wp_create_nonce( 'wp_rest' ) );
			}
		}
		return $attributes;
	}

	/**
	 * POST /wp-json/frontdesk/v1/token: a fresh JWT for the logged-in user.
	 */
	public static function register_token_route() {
		register_rest_route(
			Frontdesk_Webhook::REST_NAMESPACE,
			'/token',
			array(
				'methods'             => WP_REST_Server::CREATABLE,
				'callback'            => array( __CLASS__, 'token' ),
				// Cookie authentication only counts with a valid wp_rest nonce, so a
				// cross-site request cannot mint a token for the visitor.
				'permission_callback' => 'is_user_logged_in',
			)
		);
	}

	/**
	 * Mints a token for the current user.
	 *
	 * @return WP_REST_Response|WP_Error
	 */
	public static function token() {
		$token = Frontdesk_JWT::for_user( wp_get_current_user() );
		if ( '' === $token ) {
			return new WP_Error( 'frontdesk_not_configured', __( 'The Frontdesk shared secret is not configured.', 'frontdesk' ), array( 'status' => 503 ) );
		}
		$response = new WP_REST_Response(
			array(
				'token'      => $token,
				'expires_in' => Frontdesk_JWT::LIFETIME,
			),
			200
		);
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}
}
