<?php
/**
 * Removes everything the plugin stored when it is deleted from the Plugins screen.
 *
 * Deactivating keeps the settings; only deleting the plugin runs this file.
 *
 * @package Frontdesk
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

require_once __DIR__ . '/includes/class-frontdesk-options.php';

/**
 * Deletes the plugin's options and post meta on the current site.
 */
function frontdesk_uninstall_site() {
	foreach ( Frontdesk_Options::all_names() as $name ) {
		delete_option( $name );
	}
	// There are no transients to delete: the delivery ids are kept in an option,
	// which, unlike a transient, an object cache cannot evict early.
	delete_metadata( 'post', 0, Frontdesk_Options::POST_CHANNELS_META, '', true );
}

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids' ) ) as $frontdesk_site_id ) {
		switch_to_blog( $frontdesk_site_id );
		frontdesk_uninstall_site();
		restore_current_blog();
	}
} else {
	frontdesk_uninstall_site();
}

// User meta is shared by every site of a network.
delete_metadata( 'user', 0, Frontdesk_Options::USER_SEEN_META, '', true );
