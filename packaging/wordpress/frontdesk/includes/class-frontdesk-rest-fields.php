<?php
/**
 * The channel restriction agentd's WordPress ingest reads.
 *
 * @package Frontdesk
 */

defined( 'ABSPATH' ) || exit;

/**
 * Adds `frontdesk_allowed_channels` to posts and pages in the REST API.
 */
final class Frontdesk_Rest_Fields {

	const FIELD = 'frontdesk_allowed_channels';

	/**
	 * Hooks the field.
	 */
	public static function register() {
		add_action( 'rest_api_init', array( __CLASS__, 'register_fields' ) );
	}

	/**
	 * Registers the read-only field on posts and pages.
	 */
	public static function register_fields() {
		register_rest_field(
			array( 'post', 'page' ),
			self::FIELD,
			array(
				'get_callback' => array( __CLASS__, 'get_value' ),
				// Read-only: the value comes from the settings or post meta, so a REST
				// client cannot change it through this field.
				'schema'       => array(
					'description' => __( 'Channels on which Frontdesk may use this content (empty: every channel).', 'frontdesk' ),
					'type'        => 'array',
					'items'       => array(
						'type' => 'string',
						'enum' => Frontdesk_Options::CHANNELS,
					),
					'context'     => array( 'view', 'edit', 'embed' ),
					'readonly'    => true,
				),
			)
		);
	}

	/**
	 * The field's value for one post.
	 *
	 * @param array $item The prepared post data.
	 * @return string[]
	 */
	public static function get_value( $item ) {
		return Frontdesk_Options::channels_for_post( isset( $item['id'] ) ? (int) $item['id'] : 0 );
	}
}
