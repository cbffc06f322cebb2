<?php
/**
 * Settings → Frontdesk.
 *
 * @package Frontdesk
 */

defined( 'ABSPATH' ) || exit;

/**
 * The settings page, built on the Settings API so options.php does the nonce and
 * capability checks and every value passes a sanitize callback.
 */
final class Frontdesk_Settings {

	const PAGE  = 'frontdesk';
	const GROUP = 'frontdesk';

	/** The checkbox that removes the stored secret. */
	const CLEAR_SECRET = 'frontdesk_secret_clear';

	/**
	 * Hooks the admin parts.
	 */
	public static function register() {
		add_action( 'admin_menu', array( __CLASS__, 'add_page' ) );
		add_action( 'admin_init', array( __CLASS__, 'register_settings' ) );
		add_action( 'admin_enqueue_scripts', array( __CLASS__, 'enqueue' ) );
		add_filter( 'plugin_action_links_' . plugin_basename( FRONTDESK_PLUGIN_FILE ), array( __CLASS__, 'action_links' ) );
	}

	/**
	 * Adds Settings → Frontdesk.
	 */
	public static function add_page() {
		add_options_page(
			__( 'Frontdesk', 'frontdesk' ),
			__( 'Frontdesk', 'frontdesk' ),
			'manage_options',
			self::PAGE,
			array( __CLASS__, 'render_page' )
		);
	}

	/**
	 * A "Settings" link next to Deactivate on the Plugins screen.
	 *
	 * @param string[] $links Existing links.
	 * @return string[]
	 */
	public static function action_links( $links ) {
		array_unshift(
			$links,
			'<a href="' . esc_url( admin_url( 'options-general.php?page=' . self::PAGE ) ) . '">' . esc_html__( 'Settings', 'frontdesk' ) . '</a>'
		);
		return $links;
	}

	/**
	 * The colour picker, on this page only.
	 *
	 * @param string $hook_suffix Current admin page.
	 */
	public static function enqueue( $hook_suffix ) {
		if ( 'settings_page_' . self::PAGE !== $hook_suffix ) {
			return;
		}
		wp_enqueue_style( 'wp-color-picker' );
		wp_enqueue_script( 'wp-color-picker' );
		wp_add_inline_script( 'wp-color-picker', 'jQuery(function($){$(".frontdesk-color").wpColorPicker();});' );
	}

	/**
	 * Registers the options, sections and fields.
	 */
	public static function register_settings() {
		$defaults = Frontdesk_Options::defaults();
		$settings = array(
			Frontdesk_Options::DAEMON_URL       => array( 'string', 'sanitize_daemon_url' ),
			Frontdesk_Options::SECRET           => array( 'string', 'sanitize_secret' ),
			Frontdesk_Options::KEY_ID           => array( 'string', 'sanitize_key_id' ),
			Frontdesk_Options::AUDIENCE         => array( 'string', 'sanitize_audience' ),
			Frontdesk_Options::WIDGET_TITLE     => array( 'string', 'sanitize_title' ),
			Frontdesk_Options::POSITION         => array( 'string', 'sanitize_position' ),
			Frontdesk_Options::COLOR            => array( 'string', 'sanitize_color' ),
			Frontdesk_Options::VISIBILITY       => array( 'string', 'sanitize_visibility' ),
			Frontdesk_Options::ALLOWED_CHANNELS => array( 'array', 'sanitize_channels' ),
			Frontdesk_Options::NOTIFY_EMAIL     => array( 'string', 'sanitize_notify_email' ),
		);
		foreach ( $settings as $name => $spec ) {
			register_setting(
				self::GROUP,
				$name,
				array(
					'type'              => $spec[0],
					'sanitize_callback' => array( __CLASS__, $spec[1] ),
					'default'           => $defaults[ $name ],
					'show_in_rest'      => false,
				)
			);
		}

		add_settings_section( 'frontdesk_connection', __( 'Connection', 'frontdesk' ), array( __CLASS__, 'render_connection_intro' ), self::PAGE );
		add_settings_section( 'frontdesk_widget', __( 'Chat widget', 'frontdesk' ), '__return_false', self::PAGE );
		add_settings_section( 'frontdesk_content', __( 'Knowledge base', 'frontdesk' ), '__return_false', self::PAGE );
		add_settings_section( 'frontdesk_tickets', __( 'Tickets', 'frontdesk' ), '__return_false', self::PAGE );

		$fields = array(
			array( Frontdesk_Options::DAEMON_URL, __( 'Frontdesk URL', 'frontdesk' ), 'render_daemon_url', 'frontdesk_connection' ),
			array( Frontdesk_Options::SECRET, __( 'Shared secret', 'frontdesk' ), 'render_secret', 'frontdesk_connection' ),
			array( Frontdesk_Options::KEY_ID, __( 'Key id', 'frontdesk' ), 'render_key_id', 'frontdesk_connection' ),
			array( Frontdesk_Options::AUDIENCE, __( 'Token audience', 'frontdesk' ), 'render_audience', 'frontdesk_connection' ),
			array( Frontdesk_Options::WIDGET_TITLE, __( 'Title', 'frontdesk' ), 'render_title', 'frontdesk_widget' ),
			array( Frontdesk_Options::POSITION, __( 'Position', 'frontdesk' ), 'render_position', 'frontdesk_widget' ),
			array( Frontdesk_Options::COLOR, __( 'Accent colour', 'frontdesk' ), 'render_color', 'frontdesk_widget' ),
			array( Frontdesk_Options::VISIBILITY, __( 'Show widget to', 'frontdesk' ), 'render_visibility', 'frontdesk_widget' ),
			array( Frontdesk_Options::ALLOWED_CHANNELS, __( 'Allowed channels', 'frontdesk' ), 'render_channels', 'frontdesk_content' ),
			array( Frontdesk_Options::NOTIFY_EMAIL, __( 'Notification email', 'frontdesk' ), 'render_notify_email', 'frontdesk_tickets' ),
		);
		foreach ( $fields as $field ) {
			$args = array();
			if ( ! in_array( $field[0], array( Frontdesk_Options::POSITION, Frontdesk_Options::VISIBILITY, Frontdesk_Options::ALLOWED_CHANNELS ), true ) ) {
				// Radio and checkbox groups have no single control to point a label at.
				$args['label_for'] = $field[0];
			}
			add_settings_field( $field[0], $field[1], array( __CLASS__, $field[2] ), self::PAGE, $field[3], $args );
		}
	}

	// ---------------------------------------------------------------------------
	// Sanitize callbacks. On an invalid value they report it and keep the stored one.
	// ---------------------------------------------------------------------------

	/**
	 * The valid value, or the stored one after reporting the error.
	 *
	 * @param string         $option Option name.
	 * @param mixed|WP_Error $result Validator result.
	 * @return mixed
	 */
	private static function checked( $option, $result ) {
		if ( is_wp_error( $result ) ) {
			add_settings_error( $option, $result->get_error_code(), $result->get_error_message(), 'error' );
			return Frontdesk_Options::get( $option );
		}
		return $result;
	}

	/**
	 * Sanitizes the daemon URL.
	 *
	 * @param mixed $value Submitted value.
	 * @return string
	 */
	public static function sanitize_daemon_url( $value ) {
		return self::checked( Frontdesk_Options::DAEMON_URL, Frontdesk_Options::validate_daemon_url( is_string( $value ) ? $value : '' ) );
	}

	/**
	 * Sanitizes the secret: an empty field keeps the stored secret, because the page
	 * never sends it back to the browser.
	 *
	 * @param mixed $value Submitted value.
	 * @return string
	 */
	public static function sanitize_secret( $value ) {
		$stored = (string) get_option( Frontdesk_Options::SECRET, '' );
		// phpcs:disable WordPress.Security.NonceVerification.Missing -- options.php verified this group's nonce before running sanitize callbacks.
		$clear = isset( $_POST['option_page'], $_POST[ self::CLEAR_SECRET ] )
			&& self::GROUP === sanitize_key( wp_unslash( $_POST['option_page'] ) )
			&& '1' === sanitize_text_field( wp_unslash( $_POST[ self::CLEAR_SECRET ] ) );
		// phpcs:enable WordPress.Security.NonceVerification.Missing
		if ( $clear ) {
			return '';
		}
		$value = is_string( $value ) ? trim( $value ) : '';
		if ( '' === $value || $value === $stored ) {
			return $stored;
		}
		return self::checked( Frontdesk_Options::SECRET, Frontdesk_Options::validate_secret( $value ) );
	}

	/**
	 * Sanitizes the key id.
	 *
	 * @param mixed $value Submitted value.
	 * @return string
	 */
	public static function sanitize_key_id( $value ) {
		return self::checked( Frontdesk_Options::KEY_ID, Frontdesk_Options::validate_key_id( is_string( $value ) ? $value : '' ) );
	}

	/**
	 * Sanitizes the audience.
	 *
	 * @param mixed $value Submitted value.
	 * @return string
	 */
	public static function sanitize_audience( $value ) {
		return Frontdesk_Options::validate_audience( is_string( $value ) ? $value : '' );
	}

	/**
	 * Sanitizes the widget title.
	 *
	 * @param mixed $value Submitted value.
	 * @return string
	 */
	public static function sanitize_title( $value ) {
		return Frontdesk_Options::validate_title( is_string( $value ) ? $value : '' );
	}

	/**
	 * Sanitizes the position.
	 *
	 * @param mixed $value Submitted value.
	 * @return string
	 */
	public static function sanitize_position( $value ) {
		return Frontdesk_Options::validate_position( is_string( $value ) ? $value : '' );
	}

	/**
	 * Sanitizes the accent colour.
	 *
	 * @param mixed $value Submitted value.
	 * @return string
	 */
	public static function sanitize_color( $value ) {
		return self::checked( Frontdesk_Options::COLOR, Frontdesk_Options::validate_color( is_string( $value ) ? $value : '' ) );
	}

	/**
	 * Sanitizes the visibility.
	 *
	 * @param mixed $value Submitted value.
	 * @return string
	 */
	public static function sanitize_visibility( $value ) {
		return Frontdesk_Options::validate_visibility( is_string( $value ) ? $value : '' );
	}

	/**
	 * Sanitizes the channels; nothing ticked arrives as null and means "none chosen".
	 *
	 * @param mixed $value Submitted value.
	 * @return string[]
	 */
	public static function sanitize_channels( $value ) {
		return Frontdesk_Options::clean_channels( is_array( $value ) ? $value : array() );
	}

	/**
	 * Sanitizes the notification email.
	 *
	 * @param mixed $value Submitted value.
	 * @return string
	 */
	public static function sanitize_notify_email( $value ) {
		return self::checked( Frontdesk_Options::NOTIFY_EMAIL, Frontdesk_Options::validate_notify_email( is_string( $value ) ? $value : '' ) );
	}

	// ---------------------------------------------------------------------------
	// Rendering. Every value printed goes through esc_html / esc_attr / esc_url.
	// ---------------------------------------------------------------------------

	/**
	 * The page.
	 */
	public static function render_page() {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		?>
		<div class="wrap">
			<h1><?php echo esc_html( get_admin_page_title() ); ?></h1>
			<form action="<?php echo esc_url( admin_url( 'options.php' ) ); ?>" method="post">
				<?php
				settings_fields( self::GROUP );
				do_settings_sections( self::PAGE );
				submit_button();
				?>
			</form>
			<?php
			self::render_agentd_summary();
			self::render_recent_tickets();
			?>
		</div>
		<?php
	}

	/**
	 * Intro of the connection section.
	 */
	public static function render_connection_intro() {
		echo '<p>' . esc_html__( 'Where the Frontdesk daemon (agentd) runs, and the secret both sides share. The secret signs the customer tokens sent to agentd and checks the ticket notifications agentd sends back.', 'frontdesk' ) . '</p>';
	}

	/**
	 * A text input.
	 *
	 * @param string $name        Option name.
	 * @param string $type        Input type.
	 * @param string $description Help text.
	 * @param string $placeholder Placeholder.
	 * @param string $class       CSS class.
	 */
	private static function text_input( $name, $type, $description, $placeholder = '', $class = 'regular-text' ) {
		printf(
			'<input type="%1$s" id="%2$s" name="%2$s" value="%3$s" placeholder="%4$s" class="%5$s" />',
			esc_attr( $type ),
			esc_attr( $name ),
			esc_attr( (string) Frontdesk_Options::get( $name ) ),
			esc_attr( $placeholder ),
			esc_attr( $class )
		);
		if ( '' !== $description ) {
			echo '<p class="description">' . esc_html( $description ) . '</p>';
		}
	}

	/**
	 * Daemon URL field.
	 */
	public static function render_daemon_url() {
		self::text_input(
			Frontdesk_Options::DAEMON_URL,
			'url',
			__( 'For example https://support.example.com. The widget is loaded from this address; leave it empty to switch the widget off. Plain http:// works only for 127.0.0.1 and localhost.', 'frontdesk' ),
			'https://support.example.com'
		);
	}

	/**
	 * Secret field: never filled in, only a masked hint of the stored value.
	 */
	public static function render_secret() {
		if ( Frontdesk_Options::secret_from_constant() ) {
			echo '<p>' . esc_html__( 'Set by the FRONTDESK_SECRET constant in wp-config.php.', 'frontdesk' ) . ' <code>' . esc_html( Frontdesk_Options::mask( Frontdesk_Options::secret() ) ) . '</code></p>';
			return;
		}
		$stored = (string) get_option( Frontdesk_Options::SECRET, '' );
		printf(
			'<input type="password" id="%1$s" name="%1$s" value="" autocomplete="new-password" spellcheck="false" class="regular-text" />',
			esc_attr( Frontdesk_Options::SECRET )
		);
		if ( '' !== $stored ) {
			echo '<p class="description">' . esc_html__( 'Stored:', 'frontdesk' ) . ' <code>' . esc_html( Frontdesk_Options::mask( $stored ) ) . '</code> ' . esc_html__( 'Leave the field empty to keep it.', 'frontdesk' ) . '</p>';
			printf(
				'<p><label><input type="checkbox" name="%1$s" value="1" /> %2$s</label></p>',
				esc_attr( self::CLEAR_SECRET ),
				esc_html__( 'Remove the stored secret', 'frontdesk' )
			);
		} else {
			echo '<p class="description">' . esc_html(
				sprintf(
					/* translators: %d: minimum number of characters. */
					__( 'Not set. At least %d characters; the same value goes into agentd\'s auth.wordpress.keys and the webhook endpoint. Without it, customers chat anonymously and ticket notifications are refused.', 'frontdesk' ),
					Frontdesk_Options::MIN_SECRET_LENGTH
				)
			) . '</p>';
		}
	}

	/**
	 * Key id field.
	 */
	public static function render_key_id() {
		self::text_input( Frontdesk_Options::KEY_ID, 'text', __( 'The name agentd\'s auth.wordpress.keys gives this secret (the token\'s kid).', 'frontdesk' ), 'k1', 'small-text' );
	}

	/**
	 * Audience field.
	 */
	public static function render_audience() {
		self::text_input( Frontdesk_Options::AUDIENCE, 'text', __( 'Must equal agentd\'s auth.wordpress.audience.', 'frontdesk' ), 'frontdesk' );
	}

	/**
	 * Widget title field.
	 */
	public static function render_title() {
		self::text_input( Frontdesk_Options::WIDGET_TITLE, 'text', __( 'Shown in the widget\'s header. Empty: the widget\'s own title.', 'frontdesk' ), __( 'Need help?', 'frontdesk' ) );
	}

	/**
	 * A group of radio buttons.
	 *
	 * @param string                $name    Option name.
	 * @param array<string, string> $choices Value => label.
	 * @param string                $legend  Screen-reader legend.
	 */
	private static function radios( $name, array $choices, $legend ) {
		$current = (string) Frontdesk_Options::get( $name );
		echo '<fieldset><legend class="screen-reader-text">' . esc_html( $legend ) . '</legend>';
		foreach ( $choices as $value => $label ) {
			printf(
				'<label><input type="radio" name="%1$s" value="%2$s" %3$s /> %4$s</label><br />',
				esc_attr( $name ),
				esc_attr( $value ),
				checked( $current, $value, false ),
				esc_html( $label )
			);
		}
		echo '</fieldset>';
	}

	/**
	 * Position field.
	 */
	public static function render_position() {
		self::radios(
			Frontdesk_Options::POSITION,
			array(
				'right' => __( 'Bottom right', 'frontdesk' ),
				'left'  => __( 'Bottom left', 'frontdesk' ),
			),
			__( 'Position', 'frontdesk' )
		);
	}

	/**
	 * Accent colour field.
	 */
	public static function render_color() {
		self::text_input( Frontdesk_Options::COLOR, 'text', '', '#2563eb', 'frontdesk-color' );
	}

	/**
	 * Visibility field.
	 */
	public static function render_visibility() {
		self::radios(
			Frontdesk_Options::VISIBILITY,
			array(
				'everyone'  => __( 'Everyone', 'frontdesk' ),
				'logged_in' => __( 'Logged-in users only', 'frontdesk' ),
			),
			__( 'Show widget to', 'frontdesk' )
		);
	}

	/**
	 * Channels field.
	 */
	public static function render_channels() {
		$current = Frontdesk_Options::default_channels();
		$labels  = array(
			'web'   => __( 'Web chat', 'frontdesk' ),
			'slack' => __( 'Slack', 'frontdesk' ),
			'email' => __( 'Email', 'frontdesk' ),
		);
		echo '<fieldset><legend class="screen-reader-text">' . esc_html__( 'Allowed channels', 'frontdesk' ) . '</legend>';
		foreach ( Frontdesk_Options::CHANNELS as $channel ) {
			printf(
				'<label><input type="checkbox" name="%1$s[]" value="%2$s" %3$s /> %4$s</label><br />',
				esc_attr( Frontdesk_Options::ALLOWED_CHANNELS ),
				esc_attr( $channel ),
				checked( in_array( $channel, $current, true ), true, false ),
				esc_html( $labels[ $channel ] )
			);
		}
		echo '</fieldset>';
		echo '<p class="description">' . esc_html__( 'Where Frontdesk may quote the shop\'s pages and posts. A post can override this with its _frontdesk_allowed_channels meta (e.g. "web,email"). Nothing ticked means every channel.', 'frontdesk' ) . '</p>';
	}

	/**
	 * Notification email field.
	 */
	public static function render_notify_email() {
		self::text_input(
			Frontdesk_Options::NOTIFY_EMAIL,
			'email',
			__( 'Who is emailed when Frontdesk opens a ticket. Empty: the site\'s administration email address.', 'frontdesk' ),
			(string) get_option( 'admin_email' )
		);
	}

	/**
	 * What agentd needs to match this page, without the secret.
	 */
	private static function render_agentd_summary() {
		$home   = wp_parse_url( home_url() );
		$origin = ( isset( $home['scheme'] ) ? $home['scheme'] : 'https' ) . '://' . ( isset( $home['host'] ) ? $home['host'] : '' ) . ( isset( $home['port'] ) ? ':' . $home['port'] : '' );
		$rows   = array(
			'auth.wordpress.audience' => (string) Frontdesk_Options::get( Frontdesk_Options::AUDIENCE ),
			'auth.wordpress.issuer'   => sprintf(
				/* translators: %s: the site's home URL. */
				__( '%s (optional)', 'frontdesk' ),
				home_url()
			),
			'auth.wordpress.keys'     => sprintf(
				/* translators: %s: key id. */
				__( '%s = the shared secret', 'frontdesk' ),
				(string) Frontdesk_Options::get( Frontdesk_Options::KEY_ID )
			),
			'server.cors_origins'     => $origin,
			'webhooks.endpoints'      => sprintf(
				/* translators: %s: webhook URL. */
				__( 'url = %s, events = ticket.created, secret = the shared secret', 'frontdesk' ),
				Frontdesk_Webhook::url()
			),
		);
		echo '<h2>' . esc_html__( 'Matching agentd configuration', 'frontdesk' ) . '</h2>';
		echo '<table class="widefat striped" style="max-width:60em"><tbody>';
		foreach ( $rows as $key => $value ) {
			echo '<tr><th scope="row"><code>' . esc_html( $key ) . '</code></th><td>' . esc_html( $value ) . '</td></tr>';
		}
		echo '</tbody></table>';
	}

	/**
	 * The tickets kept from agentd's notifications.
	 */
	private static function render_recent_tickets() {
		$tickets = Frontdesk_Tickets::all();
		echo '<h2>' . esc_html__( 'Recent tickets', 'frontdesk' ) . '</h2>';
		if ( empty( $tickets ) ) {
			echo '<p>' . esc_html__( 'No tickets received yet.', 'frontdesk' ) . '</p>';
			return;
		}
		echo '<table class="widefat striped" style="max-width:60em"><thead><tr>';
		foreach ( array( __( 'Ticket', 'frontdesk' ), __( 'Subject', 'frontdesk' ), __( 'Customer', 'frontdesk' ), __( 'Priority', 'frontdesk' ), __( 'Received', 'frontdesk' ) ) as $heading ) {
			echo '<th scope="col">' . esc_html( $heading ) . '</th>';
		}
		echo '</tr></thead><tbody>';
		foreach ( $tickets as $ticket ) {
			printf(
				'<tr><td>#%1$s</td><td>%2$s</td><td>%3$s</td><td>%4$s</td><td>%5$s</td></tr>',
				esc_html( (string) $ticket['number'] ),
				esc_html( (string) $ticket['subject'] ),
				esc_html( (string) $ticket['email'] ),
				esc_html( (string) $ticket['priority'] ),
				esc_html( wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), (int) $ticket['received_at'] ) )
			);
		}
		echo '</tbody></table>';
	}
}
