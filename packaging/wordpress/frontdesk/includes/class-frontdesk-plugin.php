<?php
/**
 * Wires the plugin's parts to WordPress.
 *
 * @package Frontdesk
 */

defined( 'ABSPATH' ) || exit;

/**
 * Bootstrap: one place that decides which hooks run where.
 */
final class Frontdesk_Plugin {

	/**
	 * Registers every hook. Admin-only parts are hooked only in the admin so the
	 * front end does not pay for them.
	 */
	public static function boot() {
		add_action( 'init', array( __CLASS__, 'load_textdomain' ) );

		Frontdesk_Widget::register();
		Frontdesk_Webhook::register();
		Frontdesk_Rest_Fields::register();

		if ( is_admin() ) {
			Frontdesk_Settings::register();
			Frontdesk_Admin_Notice::register();
		}
	}

	/**
	 * Loads translations from the plugin's languages folder (WordPress loads
	 * WordPress.org language packs by itself; a self-hosted copy needs this).
	 */
	public static function load_textdomain() {
		load_plugin_textdomain( 'frontdesk', false, dirname( plugin_basename( FRONTDESK_PLUGIN_FILE ) ) . '/languages' );
	}

	/**
	 * Activation: stores the defaults once, so the settings page and uninstall see
	 * real rows. add_option never overwrites what an earlier installation kept.
	 */
	public static function activate() {
		foreach ( Frontdesk_Options::defaults() as $name => $value ) {
			add_option( $name, $value );
		}
		update_option( Frontdesk_Options::VERSION, FRONTDESK_VERSION );
	}
}
