<?php
/**
 * The short-lived token that tells agentd who a logged-in customer is.
 *
 * @package Frontdesk
 */

defined( 'ABSPATH' ) || exit;

/**
 * HS256 JSON Web Tokens, written out by hand: the format is three base64url
 * segments and one HMAC, and a Composer dependency for that would be one more
 * thing for a shop owner to install and update.
 */
final class Frontdesk_JWT {

	/**
	 * Seconds a token is valid. Short, because it sits in the page's HTML; agentd
	 * exchanges it for its own session token at once.
	 */
	const LIFETIME = 300;

	/**
	 * A token for a user, or '' when no secret is configured (agentd would reject an
	 * unsigned token anyway, and the widget then starts an anonymous session).
	 *
	 * @param WP_User  $user The logged-in user.
	 * @param int|null $now  Unix time; tests pin it.
	 * @return string
	 */
	public static function for_user( WP_User $user, $now = null ) {
		$secret = Frontdesk_Options::secret();
		if ( '' === $secret || ! $user->exists() ) {
			return '';
		}
		$now    = null === $now ? time() : (int) $now;
		$claims = array(
			'iss'   => home_url(),
			'aud'   => (string) Frontdesk_Options::get( Frontdesk_Options::AUDIENCE ),
			'sub'   => (string) $user->ID,
			'email' => (string) $user->user_email,
			// WordPress stores display names HTML-escaped ("O&#039;Brien"); a JWT is JSON.
			'name'  => wp_specialchars_decode( (string) $user->display_name, ENT_QUOTES ),
			'iat'   => $now,
			'exp'   => $now + self::LIFETIME,
		);
		/**
		 * Filters the claims of the token handed to the widget.
		 *
		 * agentd checks iss/aud/exp/iat and trusts `email` for order look-ups, so only
		 * add claims here; changing those would lock the customer out.
		 *
		 * @param array   $claims The claims.
		 * @param WP_User $user   The user.
		 */
		$claims = apply_filters( 'frontdesk_jwt_claims', $claims, $user );
		return self::encode( $claims, $secret, (string) Frontdesk_Options::get( Frontdesk_Options::KEY_ID ) );
	}

	/**
	 * Signs claims as a compact JWT.
	 *
	 * @param array  $claims Claims.
	 * @param string $secret HMAC key.
	 * @param string $kid    Key id, so agentd can pick the key during a rotation.
	 * @return string
	 */
	public static function encode( array $claims, $secret, $kid ) {
		$header  = array(
			'alg' => 'HS256',
			'typ' => 'JWT',
			'kid' => $kid,
		);
		$signing = self::base64url( self::json( $header ) ) . '.' . self::base64url( self::json( $claims ) );
		return $signing . '.' . self::base64url( hash_hmac( 'sha256', $signing, $secret, true ) );
	}

	/**
	 * Base64url without padding (RFC 7515, section 2).
	 *
	 * @param string $data Bytes.
	 * @return string
	 */
	public static function base64url( $data ) {
		// phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- JWT encoding, not obfuscation.
		return rtrim( strtr( base64_encode( $data ), '+/', '-_' ), '=' );
	}

	/**
	 * JSON with unescaped slashes and Unicode, so the token is as short as it can be.
	 *
	 * @param array $value Value.
	 * @return string
	 */
	private static function json( array $value ) {
		return (string) wp_json_encode( $value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
	}
}
