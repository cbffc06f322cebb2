<?php
/**
 * Plugin Name:       Frontdesk
 * Description:       Adds the Frontdesk support chat to the shop, signs logged-in customers in to it, and receives the tickets it opens.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            Frontdesk
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       frontdesk
 * Domain Path:       /languages
 *
 * @package Frontdesk
 */

defined( 'ABSPATH' ) || exit;

define( 'FRONTDESK_VERSION', '0.1.0' );
define( 'FRONTDESK_PLUGIN_FILE', __FILE__ );
define( 'FRONTDESK_PLUGIN_DIR', plugin_dir_path( __FILE__ ) );

require_once FRONTDESK_PLUGIN_DIR . 'includes/class-frontdesk-options.php';
require_once FRONTDESK_PLUGIN_DIR . 'includes/class-frontdesk-jwt.php';
require_once FRONTDESK_PLUGIN_DIR . 'includes/class-frontdesk-tickets.php';
require_once FRONTDESK_PLUGIN_DIR . 'includes/class-frontdesk-widget.php';
require_once FRONTDESK_PLUGIN_DIR . 'includes/class-frontdesk-webhook.php';
require_once FRONTDESK_PLUGIN_DIR . 'includes/class-frontdesk-rest-fields.php';
require_once FRONTDESK_PLUGIN_DIR . 'includes/class-frontdesk-settings.php';
require_once FRONTDESK_PLUGIN_DIR . 'includes/class-frontdesk-admin-notice.php';
require_once FRONTDESK_PLUGIN_DIR . 'includes/class-frontdesk-plugin.php';

register_activation_hook( __FILE__, array( 'Frontdesk_Plugin', 'activate' ) );

Frontdesk_Plugin::boot();
