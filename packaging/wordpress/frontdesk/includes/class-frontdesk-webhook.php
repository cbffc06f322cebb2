<?php
/**
 * The REST route agentd's signed `ticket.created` webhooks arrive at.
 *
 * @package Frontdesk
 */

defined( 'ABSPATH' ) || exit;

/**
 * POST /wp-json/frontdesk/v1/tickets.
 *
 * The header format, the five-minute window and the delivery-id rule are agentd's
 * ("Webhooks out" in its API documentation).
 */
final class Frontdesk_Webhook {

	const REST_NAMESPACE = 'frontdesk/v1';
	const ROUTE          = '/tickets';

	/** Largest accepted clock difference between agentd and WordPress, seconds. */
	const TOLERANCE = 300;

	/**
	 * Hooks the route.
	 */
	public static function register() {
		add_action( 'rest_api_init', array( __CLASS__, 'register_route' ) );
	}

	/**
	 * The URL to configure in agentd's `webhooks.endpoints`.
	 *
	 * @return string
	 */
	public static function url() {
		return rest_url( self::REST_NAMESPACE . self::ROUTE );
	}

	/**
	 * Registers the route.
	 */
	public static function register_route() {
		register_rest_route(
			self::REST_NAMESPACE,
			self::ROUTE,
			array(
				'methods'             => WP_REST_Server::CREATABLE,
				'callback'            => array( __CLASS__, 'handle' ),
				// The caller is agentd, not a WordPress user, so there is no capability
				// to check. Authentication is the HMAC signature over the raw body,
				// verified first thing in handle(); nothing is read or written before it.
				'permission_callback' => '__return_true',
			)
		);
	}

	/**
	 * Verifies, de-duplicates, stores and announces one delivery.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function handle( WP_REST_Request $request ) {
		$secret = Frontdesk_Options::secret();
		if ( '' === $secret ) {
			// 503, not 401: agentd should keep retrying until the owner sets the secret.
			return new WP_Error( 'frontdesk_not_configured', __( 'The Frontdesk shared secret is not configured.', 'frontdesk' ), array( 'status' => 503 ) );
		}

		$body     = (string) $request->get_body();
		$verified = self::verify( (string) $request->get_header( 'x_frontdesk_signature' ), $body, $secret, time() );
		if ( is_wp_error( $verified ) ) {
			return $verified;
		}

		$payload = json_decode( $body, true );
		if ( ! is_array( $payload ) ) {
			return new WP_Error( 'frontdesk_bad_payload', __( 'The body is not a JSON object.', 'frontdesk' ), array( 'status' => 400 ) );
		}

		$delivery = self::delivery_id( (string) $request->get_header( 'x_frontdesk_delivery' ), $payload );
		if ( '' !== $delivery && Frontdesk_Tickets::seen_delivery( $delivery ) ) {
			return new WP_REST_Response( array( 'status' => 'duplicate' ), 200 );
		}

		$event = isset( $payload['event'] ) && is_string( $payload['event'] ) ? $payload['event'] : (string) $request->get_header( 'x_frontdesk_event' );
		if ( 'ticket.created' !== $event ) {
			// Signed but not for us: a 2xx stops agentd retrying an event this plugin
			// will never handle.
			if ( '' !== $delivery ) {
				Frontdesk_Tickets::remember_delivery( $delivery );
			}
			return new WP_REST_Response( array( 'status' => 'ignored' ), 200 );
		}

		$raw = isset( $payload['data']['ticket'] ) && is_array( $payload['data']['ticket'] ) ? $payload['data']['ticket'] : null;
		if ( null === $raw ) {
			return new WP_Error( 'frontdesk_bad_payload', __( 'The body has no data.ticket object.', 'frontdesk' ), array( 'status' => 400 ) );
		}

		$created_at = isset( $payload['created_at'] ) && is_string( $payload['created_at'] ) ? $payload['created_at'] : '';
		$ticket     = Frontdesk_Tickets::add( Frontdesk_Tickets::normalise( $raw ), $created_at, $delivery );
		// Remembered before mailing: a redelivery after a slow or failed mail must not
		// store the ticket twice. The dashboard notice still shows it.
		if ( '' !== $delivery ) {
			Frontdesk_Tickets::remember_delivery( $delivery );
		}
		Frontdesk_Tickets::send_mail( $ticket );

		/**
		 * Fires after a ticket from agentd was stored and mailed.
		 *
		 * @param array $ticket  The stored ticket.
		 * @param array $payload The whole verified payload.
		 */
		do_action( 'frontdesk_ticket_created', $ticket, $payload );

		return new WP_REST_Response( array( 'status' => 'ok' ), 200 );
	}

	/**
	 * Checks `X-Frontdesk-Signature: t=<unix>,v1=<hex>`.
	 *
	 * Several v1 values are accepted (any one matching is enough), so agentd can sign
	 * with an old and a new secret while both sides rotate.
	 *
	 * @param string $header The header value.
	 * @param string $body   The raw request body, exactly as received.
	 * @param string $secret The shared secret.
	 * @param int    $now    Unix time.
	 * @return true|WP_Error
	 */
	public static function verify( $header, $body, $secret, $now ) {
		$timestamp  = null;
		$signatures = array();
		foreach ( explode( ',', $header ) as $part ) {
			$pair = explode( '=', trim( $part ), 2 );
			if ( 2 !== count( $pair ) ) {
				continue;
			}
			if ( 't' === $pair[0] && ctype_digit( $pair[1] ) ) {
				// Kept as the string sent: the signed payload is "<t>.<body>" verbatim.
				$timestamp = $pair[1];
			} elseif ( 'v1' === $pair[0] && preg_match( '/^[0-9a-fA-F]{64}$/', $pair[1] ) ) {
				$signatures[] = strtolower( $pair[1] );
			}
		}
		if ( null === $timestamp || empty( $signatures ) ) {
			return self::unauthorized( 'frontdesk_missing_signature', __( 'Missing or malformed X-Frontdesk-Signature header.', 'frontdesk' ) );
		}
		if ( abs( (int) $now - (int) $timestamp ) > self::TOLERANCE ) {
			return self::unauthorized( 'frontdesk_stale_signature', __( 'The signature timestamp is too far from the current time.', 'frontdesk' ) );
		}
		$expected = hash_hmac( 'sha256', $timestamp . '.' . $body, $secret );
		$match    = false;
		foreach ( $signatures as $signature ) {
			// Every candidate is compared, so the time taken does not tell which one failed.
			$match = hash_equals( $expected, $signature ) || $match;
		}
		if ( ! $match ) {
			return self::unauthorized( 'frontdesk_bad_signature', __( 'The signature does not match.', 'frontdesk' ) );
		}
		return true;
	}

	/**
	 * The delivery id from the header, else the body's `id`; limited to the
	 * characters of a UUID so it is safe as an array key and in logs.
	 *
	 * @param string $header  X-Frontdesk-Delivery.
	 * @param array  $payload Decoded body.
	 * @return string
	 */
	private static function delivery_id( $header, array $payload ) {
		$id = '' !== $header ? $header : ( isset( $payload['id'] ) && is_string( $payload['id'] ) ? $payload['id'] : '' );
		return substr( (string) preg_replace( '/[^A-Za-z0-9_-]/', '', $id ), 0, 64 );
	}

	/**
	 * A 401 error response.
	 *
	 * @param string $code    Error code.
	 * @param string $message Message.
	 * @return WP_Error
	 */
	private static function unauthorized( $code, $message ) {
		return new WP_Error( $code, $message, array( 'status' => 401 ) );
	}
}
