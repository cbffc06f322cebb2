<?php
/**
 * Tickets agentd reported: the recent ones kept for the dashboard, and the email.
 *
 * @package Frontdesk
 */

defined( 'ABSPATH' ) || exit;

/**
 * Storage of the last tickets and the notification mail.
 *
 * The helpdesk of record is agentd; WordPress keeps only enough to tell the shop
 * owner that something is waiting, so a bounded list in one option will do.
 */
final class Frontdesk_Tickets {

	/** How many tickets the option keeps. */
	const KEEP = 20;

	/** How many delivery ids are remembered to drop redeliveries. */
	const KEEP_DELIVERIES = 500;

	/** How long a delivery id is remembered (agentd's retries end well before). */
	const DELIVERY_TTL = 30 * DAY_IN_SECONDS;

	/**
	 * The stored tickets, newest first.
	 *
	 * @return array[]
	 */
	public static function all() {
		$tickets = get_option( Frontdesk_Options::TICKETS, array() );
		return is_array( $tickets ) ? array_values( array_filter( $tickets, 'is_array' ) ) : array();
	}

	/**
	 * Tickets received after the given sequence number, newest first.
	 *
	 * @param int $seq Last sequence number already seen.
	 * @return array[]
	 */
	public static function since( $seq ) {
		return array_values(
			array_filter(
				self::all(),
				static function ( $ticket ) use ( $seq ) {
					return isset( $ticket['seq'] ) && (int) $ticket['seq'] > (int) $seq;
				}
			)
		);
	}

	/**
	 * The ticket fields of a webhook, cleaned for storage and plain-text output.
	 *
	 * @param array $raw The payload's `data.ticket`.
	 * @return array
	 */
	public static function normalise( array $raw ) {
		$text = static function ( $key ) use ( $raw ) {
			return isset( $raw[ $key ] ) && is_scalar( $raw[ $key ] ) ? sanitize_text_field( (string) $raw[ $key ] ) : '';
		};
		$email = isset( $raw['email'] ) && is_string( $raw['email'] ) ? sanitize_email( $raw['email'] ) : '';
		return array(
			'number'    => isset( $raw['number'] ) && is_numeric( $raw['number'] ) ? (int) $raw['number'] : 0,
			'subject'   => $text( 'subject' ),
			'body'      => isset( $raw['body'] ) && is_string( $raw['body'] ) ? sanitize_textarea_field( $raw['body'] ) : '',
			'priority'  => $text( 'priority' ),
			'status'    => $text( 'status' ),
			'email'     => $email,
			'reason'    => $text( 'reason' ),
			'thread_id' => $text( 'thread_id' ),
		);
	}

	/**
	 * Stores a ticket at the head of the list, dropping the oldest beyond KEEP.
	 *
	 * @param array  $ticket     Normalised ticket.
	 * @param string $created_at The event's created_at.
	 * @param string $delivery   Delivery id.
	 * @return array The stored ticket, with its sequence number.
	 */
	public static function add( array $ticket, $created_at, $delivery ) {
		$tickets = self::all();
		$last    = 0;
		foreach ( $tickets as $stored ) {
			$last = max( $last, isset( $stored['seq'] ) ? (int) $stored['seq'] : 0 );
		}
		// A sequence number, not the time, orders tickets for "new since dismissed":
		// two tickets can arrive in the same second.
		$ticket['seq']         = $last + 1;
		$ticket['created_at']  = sanitize_text_field( (string) $created_at );
		$ticket['received_at'] = time();
		$ticket['delivery']    = (string) $delivery;
		array_unshift( $tickets, $ticket );
		update_option( Frontdesk_Options::TICKETS, array_slice( $tickets, 0, self::KEEP ), false );
		return $ticket;
	}

	/**
	 * Whether a delivery id was already processed.
	 *
	 * @param string $delivery Delivery id.
	 * @return bool
	 */
	public static function seen_delivery( $delivery ) {
		$seen = get_option( Frontdesk_Options::DELIVERIES, array() );
		return is_array( $seen ) && isset( $seen[ $delivery ] );
	}

	/**
	 * Remembers a delivery id, forgetting old and surplus ones.
	 *
	 * @param string $delivery Delivery id.
	 */
	public static function remember_delivery( $delivery ) {
		$seen = get_option( Frontdesk_Options::DELIVERIES, array() );
		$seen = is_array( $seen ) ? $seen : array();
		$now  = time();
		unset( $seen[ $delivery ] );
		$seen[ $delivery ] = $now;
		$seen              = array_filter(
			$seen,
			static function ( $at ) use ( $now ) {
				return (int) $at > $now - self::DELIVERY_TTL;
			}
		);
		if ( count( $seen ) > self::KEEP_DELIVERIES ) {
			$seen = array_slice( $seen, -self::KEEP_DELIVERIES, null, true );
		}
		// Not autoloaded: only the webhook route reads it.
		update_option( Frontdesk_Options::DELIVERIES, $seen, false );
	}

	/**
	 * Sends the notification email.
	 *
	 * Plain text: every field went through sanitize_*_field, which strips tags and
	 * line breaks from single-line values, so nothing from the payload can inject
	 * headers or markup.
	 *
	 * @param array $ticket Stored ticket.
	 * @return bool Whether wp_mail accepted it.
	 */
	public static function send_mail( array $ticket ) {
		$to = Frontdesk_Options::notify_email();
		if ( '' === $to ) {
			return false;
		}
		$site    = wp_specialchars_decode( (string) get_option( 'blogname' ), ENT_QUOTES );
		$subject = sprintf(
			/* translators: 1: site name, 2: ticket number, 3: ticket subject. */
			__( '[%1$s] New support ticket #%2$s: %3$s', 'frontdesk' ),
			$site,
			$ticket['number'],
			$ticket['subject']
		);

		$none   = __( '(none)', 'frontdesk' );
		$fields = array(
			__( 'Ticket', 'frontdesk' )   => '#' . $ticket['number'],
			__( 'Subject', 'frontdesk' )  => $ticket['subject'],
			__( 'Customer', 'frontdesk' ) => $ticket['email'],
			__( 'Priority', 'frontdesk' ) => $ticket['priority'],
			__( 'Status', 'frontdesk' )   => $ticket['status'],
			__( 'Reason', 'frontdesk' )   => $ticket['reason'],
			__( 'Thread', 'frontdesk' )   => $ticket['thread_id'],
			__( 'Created', 'frontdesk' )  => $ticket['created_at'],
		);
		$lines  = array( __( 'Frontdesk opened a new support ticket.', 'frontdesk' ), '' );
		foreach ( $fields as $label => $value ) {
			$lines[] = $label . ': ' . ( '' !== (string) $value ? $value : $none );
		}
		$lines[] = '';
		$lines[] = '' !== $ticket['body'] ? $ticket['body'] : $none;
		$lines[] = '';
		$lines[] = '-- ';
		/* translators: %s: site address. */
		$lines[] = sprintf( __( 'Sent by the Frontdesk plugin on %s', 'frontdesk' ), home_url() );

		$headers = array( 'Content-Type: text/plain; charset=UTF-8' );
		if ( '' !== $ticket['email'] && is_email( $ticket['email'] ) ) {
			// Answering the mail reaches the customer.
			$headers[] = 'Reply-To: ' . $ticket['email'];
		}
		return wp_mail( $to, $subject, implode( "\n", $lines ), $headers );
	}
}
