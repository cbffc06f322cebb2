<?php
/**
 * The dashboard notice about new tickets.
 *
 * @package Frontdesk
 */

defined( 'ABSPATH' ) || exit;

/**
 * Lists tickets that arrived since the user last dismissed the notice.
 *
 * "Seen" is per user (user meta), so one administrator dismissing it does not
 * hide new tickets from another.
 */
final class Frontdesk_Admin_Notice {

	const ACTION = 'frontdesk_dismiss_tickets';

	/** How many tickets the notice lists. */
	const SHOW = 5;

	/**
	 * Hooks the notice and its dismiss handler.
	 */
	public static function register() {
		add_action( 'admin_notices', array( __CLASS__, 'render' ) );
		add_action( 'admin_init', array( __CLASS__, 'handle_dismiss' ) );
	}

	/**
	 * The last sequence number the current user dismissed.
	 *
	 * @return int
	 */
	private static function seen() {
		return (int) get_user_meta( get_current_user_id(), Frontdesk_Options::USER_SEEN_META, true );
	}

	/**
	 * Prints the notice on the dashboard.
	 */
	public static function render() {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
		if ( ! $screen || 'dashboard' !== $screen->id ) {
			return;
		}
		$tickets = Frontdesk_Tickets::since( self::seen() );
		if ( empty( $tickets ) ) {
			return;
		}
		// Dismissing covers exactly what was shown: a ticket arriving in between
		// has a higher sequence number and stays new.
		$upto    = (int) $tickets[0]['seq'];
		$dismiss = wp_nonce_url( add_query_arg( self::ACTION, $upto, admin_url( 'index.php' ) ), self::ACTION );
		$count   = count( $tickets );
		echo '<div class="notice notice-info"><p><strong>';
		echo esc_html(
			sprintf(
				/* translators: %d: number of tickets. */
				_n( 'Frontdesk opened %d new support ticket.', 'Frontdesk opened %d new support tickets.', $count, 'frontdesk' ),
				$count
			)
		);
		echo '</strong></p><ul>';
		foreach ( array_slice( $tickets, 0, self::SHOW ) as $ticket ) {
			echo '<li>' . esc_html(
				sprintf(
					/* translators: 1: ticket number, 2: subject, 3: customer email. */
					__( '#%1$s: %2$s (%3$s)', 'frontdesk' ),
					$ticket['number'],
					$ticket['subject'],
					'' !== $ticket['email'] ? $ticket['email'] : __( 'no email', 'frontdesk' )
				)
			) . '</li>';
		}
		echo '</ul><p>';
		printf(
			'<a href="%1$s">%2$s</a> | <a href="%3$s">%4$s</a>',
			esc_url( admin_url( 'options-general.php?page=' . Frontdesk_Settings::PAGE ) ),
			esc_html__( 'All recent tickets', 'frontdesk' ),
			esc_url( $dismiss ),
			esc_html__( 'Dismiss', 'frontdesk' )
		);
		echo '</p></div>';
	}

	/**
	 * Records the dismissal after checking the nonce and the capability.
	 */
	public static function handle_dismiss() {
		if ( ! isset( $_GET[ self::ACTION ] ) ) {
			return;
		}
		check_admin_referer( self::ACTION );
		if ( ! current_user_can( 'manage_options' ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to do that.', 'frontdesk' ), 403 );
		}
		$upto = absint( wp_unslash( $_GET[ self::ACTION ] ) );
		if ( $upto > self::seen() ) {
			update_user_meta( get_current_user_id(), Frontdesk_Options::USER_SEEN_META, $upto );
		}
		wp_safe_redirect( admin_url( 'index.php' ) );
		exit;
	}
}
