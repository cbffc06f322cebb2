#!/usr/bin/env bash
# Checks the Frontdesk plugin against the local test WordPress, without agentd:
# lint, activation, settings page, widget tag and JWT, token refresh, signed
# webhooks, mail, dashboard notice and the REST field.
#
#   scripts/setup-wordpress.sh               # once (idempotent)
#   packaging/wordpress/tests/check-plugin.sh
#
# Uses the site on http://127.0.0.1:$WP_PORT when it answers (then mail is read from
# $FRONTDESK_WP_MAIL_LOG, default /tmp/frontdesk-wordpress/mail.mbox, as
# scripts/wordpress-serve.sh writes it); otherwise starts scripts/wordpress-serve.sh
# for the run and stops it afterwards. Options the checks change are restored.
set -euo pipefail

log() { printf '\033[1;35m[wordpress]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[wordpress] error:\033[0m %s\n' "$*" >&2; exit 1; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
PLUGIN_DIR="$ROOT/packaging/wordpress/frontdesk"
export WP_PORT="${WP_PORT:-8089}"
export WP_URL="http://127.0.0.1:$WP_PORT"
export FRONTDESK_WP_ADMIN_USER="${FRONTDESK_WP_ADMIN_USER:-admin}"
export FRONTDESK_WP_ADMIN_PASSWORD="${FRONTDESK_WP_ADMIN_PASSWORD:-frontdesk-admin-pass}"
export FRONTDESK_WP_CUSTOMER_PASSWORD="${FRONTDESK_WP_CUSTOMER_PASSWORD:-maria-customer-pass}"

command -v php >/dev/null || die "php missing; run scripts/setup-wordpress.sh"
command -v python3 >/dev/null || die "python3 missing"

log "php -l"
lint_failed=0
while IFS= read -r -d '' f; do
  php -l "$f" >/dev/null 2>&1 || { php -l "$f" || true; lint_failed=1; }
done < <(find "$PLUGIN_DIR" -name '*.php' -print0)
[ "$lint_failed" = 0 ] || die "php -l failed"

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    # The server was started in its own process group: stop it and its workers.
    kill -- "-$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

up() { curl -s -o /dev/null --max-time 5 "$WP_URL/wp-login.php"; }
if up; then
  export FRONTDESK_WP_MAIL_LOG="${FRONTDESK_WP_MAIL_LOG:-/tmp/frontdesk-wordpress/mail.mbox}"
  log "using the site already served on $WP_URL (mail: $FRONTDESK_WP_MAIL_LOG)"
else
  export FRONTDESK_WP_MAIL_LOG="$WORK/mail.mbox"
  export FRONTDESK_WP_RUN_DIR="$WORK/run"
  log "starting scripts/wordpress-serve.sh on $WP_URL"
  setsid "$ROOT/scripts/wordpress-serve.sh" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 50); do up && break; sleep 0.2; done
  up || { cat "$WORK/server.log" >&2; die "WordPress did not come up on $WP_URL"; }
fi

# Runs PHP code inside WordPress (as a request for the test site would) and prints
# its return value as JSON: how the checks read and set options and meta directly.
cat >"$WORK/wp-eval.php" <<'PHP'
<?php
$_SERVER['HTTP_HOST']   = '127.0.0.1:' . getenv( 'WP_PORT' );
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
require '/usr/share/wordpress/wp-load.php';
echo wp_json_encode( eval( $argv[1] ) );
PHP
export WP_EVAL="$WORK/wp-eval.php"

python3 - <<'PY'
import base64, email.header, hashlib, hmac, html.parser, http.cookiejar, json, mailbox, os, random
import re, subprocess, sys, time, urllib.error, urllib.parse, urllib.request, uuid

URL = os.environ["WP_URL"]
MAIL_LOG = os.environ["FRONTDESK_WP_MAIL_LOG"]
failures = []


def check(cond, what, detail=""):
    if cond:
        print(f"  ok    {what}")
    else:
        print(f"  FAIL  {what}" + (f": {detail}" if detail else ""))
        failures.append(what)
    return cond


def wp(code):
    out = subprocess.run(["php", "-d", "display_errors=stderr", os.environ["WP_EVAL"], code],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """A browser: cookies, and redirects followed or not."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        cookies = urllib.request.HTTPCookieProcessor(self.jar)
        self.follow = urllib.request.build_opener(cookies)
        self.stay = urllib.request.build_opener(cookies, NoRedirect)

    def request(self, path, data=None, headers=None, method=None, follow=True):
        url = path if path.startswith("http") else URL + path
        if isinstance(data, dict):
            data = urllib.parse.urlencode(data, doseq=True).encode()
        req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
        try:
            with (self.follow if follow else self.stay).open(req, timeout=30) as r:
                return r.status, dict(r.headers), r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read().decode("utf-8", "replace")

    def login(self, user, password):
        self.request("/wp-login.php")  # sets the test cookie wp-login.php insists on
        status, headers, _ = self.request("/wp-login.php", {
            "log": user, "pwd": password, "wp-submit": "Log In", "testcookie": "1",
            "redirect_to": URL + "/wp-admin/"}, follow=False)
        return status == 302 and any(c.name.startswith("wordpress_logged_in_") for c in self.jar)


class ScriptTags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


def widget_tag(page_html):
    parser = ScriptTags()
    parser.feed(page_html)
    tags = [s for s in parser.scripts if s.get("id") == "frontdesk-widget-js"]
    return tags[0] if tags else None


def b64url_decode(segment):
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def verify_jwt(token, secret):
    """Returns (header, claims) when the HS256 signature holds, else raises."""
    head, body, sig = token.split(".")
    expected = hmac.new(secret.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    if not hmac.compare_digest(expected, b64url_decode(sig)):
        raise ValueError("bad signature")
    if "=" in token:
        raise ValueError("padding in token")
    return json.loads(b64url_decode(head)), json.loads(b64url_decode(body))


def sign(body, secret, t=None):
    t = int(time.time()) if t is None else t
    mac = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def post_webhook(body, signature, delivery):
    headers = {"Content-Type": "application/json", "X-Frontdesk-Event": "ticket.created",
               "X-Frontdesk-Delivery": delivery, "X-Frontdesk-Key-Id": "k1"}
    if signature is not None:
        headers["X-Frontdesk-Signature"] = signature
    status, _, text = Client().request("/wp-json/frontdesk/v1/tickets", body, headers, "POST")
    try:
        return status, json.loads(text)
    except ValueError:
        return status, {"raw": text}


OPTION_NAMES = ["frontdesk_daemon_url", "frontdesk_secret", "frontdesk_key_id",
                "frontdesk_audience", "frontdesk_widget_title", "frontdesk_position",
                "frontdesk_color", "frontdesk_allowed_channels", "frontdesk_notify_email",
                "frontdesk_visibility"]


def php_value(value):
    """A PHP expression for a JSON-able value, immune to PHP string quoting."""
    return f"json_decode(base64_decode('{base64.b64encode(json.dumps(value).encode()).decode()}'), true)"


saved = wp(f"$n = {php_value(OPTION_NAMES)}; return array_combine($n, array_map('get_option', $n));")
SECRET = saved["frontdesk_secret"]
DAEMON = saved["frontdesk_daemon_url"]
shop_help = wp("return get_page_by_path('shop-help')->ID;")
maria_id = wp("return get_user_by('login', 'maria')->ID;")


def set_option(name, value):
    wp(f"return update_option({php_value(name)}, {php_value(value)});")


try:
    print("plugin")
    check(wp("require_once ABSPATH . 'wp-admin/includes/plugin.php'; return is_plugin_active('frontdesk/frontdesk.php');"),
          "frontdesk/frontdesk.php is active")
    _, _, index = Client().request("/wp-json/")
    check("frontdesk/v1" in json.loads(index).get("namespaces", []), "REST namespace frontdesk/v1 registered")
    check(len(SECRET) >= 32 and DAEMON, "secret and daemon URL configured by setup-wordpress.sh")

    print("settings page (admin)")
    admin = Client()
    check(admin.login(os.environ["FRONTDESK_WP_ADMIN_USER"], os.environ["FRONTDESK_WP_ADMIN_PASSWORD"]), "admin logs in")
    status, _, plugins = admin.request("/wp-admin/plugins.php")
    check(status == 200 and re.search(r"action=deactivate&amp;plugin=frontdesk%2Ffrontdesk\.php", plugins),
          "Plugins screen shows Frontdesk as active")
    status, _, page = admin.request("/wp-admin/options-general.php?page=frontdesk")
    check(status == 200 and "<h1>Frontdesk</h1>" in page, "Settings → Frontdesk renders", f"HTTP {status}")
    for field in OPTION_NAMES:
        check(f'name="{field}' in page, f"field {field} present")
    check("name='option_page' value='frontdesk'" in page and "name=\"_wpnonce\"" in page,
          "form carries settings_fields() (option group + nonce)")
    check(SECRET not in page, "the secret is not in the page")
    check("\u2022" * 8 + SECRET[-4:] in page, "the secret is shown masked")
    check("/wp-json/frontdesk/v1/tickets" in page, "page shows the webhook URL for agentd")
    nonce = re.search(r'name="_wpnonce" value="([0-9a-f]+)"', page).group(1)
    form = {"option_page": "frontdesk", "action": "update", "_wpnonce": nonce,
            "_wp_http_referer": "/wp-admin/options-general.php?page=frontdesk",
            "frontdesk_daemon_url": DAEMON, "frontdesk_secret": "",
            "frontdesk_key_id": saved["frontdesk_key_id"], "frontdesk_audience": saved["frontdesk_audience"],
            "frontdesk_widget_title": "Saved <b>title</b>", "frontdesk_position": "left",
            "frontdesk_color": "#123abc", "frontdesk_allowed_channels[]": ["web", "email", "bogus"],
            "frontdesk_notify_email": "", "frontdesk_visibility": "everyone"}
    status, _, after = admin.request("/wp-admin/options.php", form)
    now = wp("return array(get_option('frontdesk_secret'), get_option('frontdesk_widget_title'), get_option('frontdesk_position'), get_option('frontdesk_allowed_channels'), get_option('frontdesk_color'));")
    check(status == 200 and now[0] == SECRET, "saving with an empty secret field keeps the secret")
    check(now[1] == "Saved title" and now[2] == "left" and now[4] == "#123abc", "title (tags stripped), position, colour saved", str(now))
    check(now[3] == ["web", "email"], "channels saved, unknown ones dropped", str(now[3]))
    bad = dict(form, frontdesk_daemon_url="http://shop.example.com", frontdesk_color="red",
               frontdesk_secret="too-short")
    status, _, after = admin.request("/wp-admin/options.php", bad)
    now = wp("return array(get_option('frontdesk_daemon_url'), get_option('frontdesk_color'), get_option('frontdesk_secret'));")
    check(now == [DAEMON, "#123abc", SECRET], "plain-http URL, bad colour and short secret rejected, old values kept", str(now))
    check("must start with https://" in after and "at least 32 characters" in after, "the errors are shown")
    status, _, _ = admin.request("/wp-admin/options.php", dict(form, _wpnonce="0000000000"))
    check(status == 403, "saving without a valid nonce is refused", f"HTTP {status}")
    status, _, _ = admin.request("/wp-admin/options.php", dict(form, frontdesk_secret_clear="1"))
    check(wp("return get_option('frontdesk_secret');") == "", "'Remove the stored secret' clears it")
    body = b'{"id":"x","event":"ticket.created","data":{"ticket":{}}}'
    status, _, text = Client().request("/wp-json/frontdesk/v1/tickets", body,
                                       {"Content-Type": "application/json", "X-Frontdesk-Signature": sign(body, SECRET)}, "POST")
    check(status == 503 and "frontdesk_not_configured" in text, "without a secret, webhooks get 503", f"HTTP {status}")
    for name in OPTION_NAMES:
        set_option(name, saved[name])

    print("widget (anonymous visitor)")
    anon = Client()
    status, headers, page = anon.request("/shop-help/")
    tag = widget_tag(page)
    check(status == 200 and tag is not None, "shop-help page has the widget <script> tag")
    if tag:
        check(tag.get("src") == DAEMON + "/widget.js", "src is <daemon URL>/widget.js", tag.get("src"))
        check("defer" in tag, "loaded with defer")
        check(tag.get("data-frontdesk-url") == DAEMON, "data-frontdesk-url")
        check(tag.get("data-title") == saved["frontdesk_widget_title"], "data-title (escaped, decoded back)", tag.get("data-title"))
        check(tag.get("data-position") == saved["frontdesk_position"], "data-position")
        check(tag.get("data-color") == saved["frontdesk_color"], "data-color")
        check("data-user-token" not in tag, "no data-user-token for a visitor")
    check('data-title="' + saved["frontdesk_widget_title"].replace("&", "&amp;") in page, "data-title is HTML-escaped in the markup")

    print("widget (logged-in customer maria)")
    maria = Client()
    check(maria.login("maria", os.environ["FRONTDESK_WP_CUSTOMER_PASSWORD"]), "maria logs in")
    status, headers, page = maria.request("/shop-help/")
    tag = widget_tag(page) or {}
    token = tag.get("data-user-token", "")
    check(token.count(".") == 2, "data-user-token present")
    try:
        header, claims = verify_jwt(token, SECRET)
        check(True, "JWT signature verifies with the shared secret (HS256)")
        check(header == {"alg": "HS256", "typ": "JWT", "kid": saved["frontdesk_key_id"]}, "JWT header", str(header))
        check(claims.get("aud") == saved["frontdesk_audience"], "aud", claims.get("aud"))
        check(claims.get("iss") == URL, "iss is home_url()", claims.get("iss"))
        check(claims.get("sub") == str(maria_id), "sub is maria's user id as a string", repr(claims.get("sub")))
        check(claims.get("email") == "maria.rossi@example.com", "email", claims.get("email"))
        check(claims.get("name") == "Maria Rossi", "name", claims.get("name"))
        check(claims.get("exp", 0) - claims.get("iat", 0) == 300, "exp - iat = 300")
        check(abs(claims.get("iat", 0) - time.time()) < 60, "iat is now")
    except Exception as e:  # noqa: BLE001 - reported as a failed check
        check(False, "JWT verifies", repr(e))
    check("no-cache" in headers.get("Cache-Control", ""), "page with a token is not cacheable", headers.get("Cache-Control"))
    refresh, wp_nonce = tag.get("data-user-token-url", ""), tag.get("data-wp-nonce", "")
    status, _, text = maria.request(refresh, b"{}", {"Content-Type": "application/json", "X-WP-Nonce": wp_nonce}, "POST")
    try:
        fresh = json.loads(text)["token"]
        _, fresh_claims = verify_jwt(fresh, SECRET)
        check(status == 200 and fresh_claims["email"] == "maria.rossi@example.com", "token refresh route mints a valid JWT")
    except Exception as e:  # noqa: BLE001
        check(False, "token refresh route mints a valid JWT", f"HTTP {status} {text[:200]} {e!r}")
    status, _, _ = maria.request(refresh, b"{}", {"Content-Type": "application/json"}, "POST")
    check(status == 401, "token refresh without the REST nonce is refused", f"HTTP {status}")
    status, _, _ = maria.request("/wp-admin/options-general.php?page=frontdesk")
    check(status == 403, "a subscriber cannot open the settings page", f"HTTP {status}")

    print("widget visibility")
    set_option("frontdesk_visibility", "logged_in")
    check(widget_tag(Client().request("/shop-help/")[2]) is None, "'logged-in users only': no widget for a visitor")
    check(widget_tag(maria.request("/shop-help/")[2]) is not None, "'logged-in users only': widget for maria")
    set_option("frontdesk_visibility", saved["frontdesk_visibility"])
    set_option("frontdesk_daemon_url", "")
    page = maria.request("/shop-help/")[2]
    check("frontdesk-widget" not in page and "widget.js" not in page, "no daemon URL: nothing enqueued")
    set_option("frontdesk_daemon_url", DAEMON)

    print("webhook POST /wp-json/frontdesk/v1/tickets")
    number = random.randint(10000, 99999)
    thread = str(uuid.uuid4())
    delivery = str(uuid.uuid4())
    payload = {"id": delivery, "event": "ticket.created", "created_at": "2026-12-01T10:00:00Z",
               "data": {"ticket": {"number": number, "subject": "Kettle <b>leaks</b> after descaling",
                                   "body": "Hi,\nmy kettle leaks.\n<script>alert(1)</script>Thanks, Maria",
                                   "priority": "normal", "status": "open", "email": "maria.rossi@example.com",
                                   "reason": "customer_request", "thread_id": thread}}}
    body = json.dumps(payload).encode()
    mails_before = len(mailbox.mbox(MAIL_LOG)) if os.path.exists(MAIL_LOG) else 0
    status, answer = post_webhook(body, sign(body, SECRET), delivery)
    check(status == 200 and answer == {"status": "ok"}, "signed delivery accepted", f"{status} {answer}")
    status, answer = post_webhook(body, sign(body, SECRET), delivery)
    check(status == 200 and answer == {"status": "duplicate"}, "repeated delivery id answered as duplicate", f"{status} {answer}")
    other = str(uuid.uuid4())
    status, answer = post_webhook(body, sign(body, "x" * 40), other)
    check(status == 401 and answer.get("code") == "frontdesk_bad_signature", "wrong secret: 401", f"{status} {answer}")
    status, answer = post_webhook(body + b" ", sign(body, SECRET), other)
    check(status == 401 and answer.get("code") == "frontdesk_bad_signature", "body changed after signing: 401", f"{status} {answer}")
    status, answer = post_webhook(body, sign(body, SECRET, int(time.time()) - 301), other)
    check(status == 401 and answer.get("code") == "frontdesk_stale_signature", "timestamp 301 s old: 401", f"{status} {answer}")
    status, answer = post_webhook(body, sign(body, SECRET, int(time.time()) + 400), other)
    check(status == 401 and answer.get("code") == "frontdesk_stale_signature", "timestamp 400 s ahead: 401", f"{status} {answer}")
    status, answer = post_webhook(body, None, other)
    check(status == 401 and answer.get("code") == "frontdesk_missing_signature", "no signature: 401", f"{status} {answer}")
    status, answer = post_webhook(body, "t=abc,v1=zz", other)
    check(status == 401, "malformed signature: 401", f"{status} {answer}")
    ping = json.dumps({"id": other, "event": "thread.updated", "data": {}}).encode()
    status, answer = post_webhook(ping, sign(ping, SECRET), other)
    check(status == 200 and answer == {"status": "ignored"}, "signed event of another type: ignored", f"{status} {answer}")
    stored = wp("return get_option('frontdesk_tickets');")
    check(stored and stored[0]["number"] == number and stored[0]["thread_id"] == thread, "ticket stored in frontdesk_tickets")
    check(stored and stored[0]["subject"] == "Kettle leaks after descaling", "stored subject has no markup", stored[0]["subject"] if stored else "")
    capped = wp("$keep = get_option('frontdesk_tickets'); for ($i = 1; $i <= 25; $i++) {"
                " Frontdesk_Tickets::add(Frontdesk_Tickets::normalise(array('number' => 900000 + $i)), '', 'cap-' . $i); }"
                " $all = Frontdesk_Tickets::all(); update_option('frontdesk_tickets', $keep, false);"
                " return array(count($all), $all[0]['number'], $all[19]['number']);")
    check(capped == [20, 900025, 900006], "only the last 20 tickets are kept, newest first", str(capped))
    check(sum(1 for t in stored if t["number"] == number) == 1, "the duplicate did not store a second copy")

    print("mail")
    box = mailbox.mbox(MAIL_LOG)
    messages = list(box)
    check(len(messages) == mails_before + 1, "exactly one mail sent (none for the duplicate)", f"{mails_before} -> {len(messages)}")
    if messages:
        mail = messages[-1]
        subject = str(email.header.make_header(email.header.decode_header(re.sub(r"\r?\n(?=[ \t])", "", mail["Subject"]))))
        admin_email = wp("return get_option('admin_email');")
        check(subject == f"[Copper & Kettle] New support ticket #{number}: Kettle leaks after descaling",
              "subject", subject)
        check(admin_email in str(mail["To"]), "sent to the notification address (admin email)", str(mail["To"]))
        check("maria.rossi@example.com" in str(mail["Reply-To"]), "Reply-To is the customer")
        check(mail.get_content_type() == "text/plain", "plain text")
        text = mail.get_payload(decode=True).decode()
        check(thread in text and f"#{number}" in text and "maria.rossi@example.com" in text,
              "body lists ticket number, customer and thread id")
        check("<script>" not in text and "my kettle leaks." in text, "body text kept, markup stripped")

    print("dashboard notice (admin)")
    status, _, dash = admin.request("/wp-admin/")
    check(f"#{number}: Kettle leaks after descaling" in dash, "dashboard lists the new ticket")
    m = re.search(r'href="([^"]*frontdesk_dismiss_tickets=\d+[^"]*)"', dash)
    check(m is not None and "_wpnonce=" in (m.group(1) if m else ""), "dismiss link carries a nonce")
    if m:
        link = html.unescape(m.group(1))
        bare = re.sub(r"[&?]_wpnonce=[0-9a-f]+", "", link)
        status, _, _ = admin.request(bare)
        check(status == 403, "dismiss without nonce is refused", f"HTTP {status}")
        status, _, dash = admin.request(link)
        check(status == 200 and f"#{number}:" not in dash, "after dismissing, the ticket is no longer listed")
    status, _, page = admin.request("/wp-admin/options-general.php?page=frontdesk")
    check(f"#{number}" in page, "settings page lists it under recent tickets")
    status, _, dash = maria.request("/wp-admin/")
    check(f"#{number}:" not in dash, "a subscriber does not see the notice")

    print("REST field frontdesk_allowed_channels")
    _, _, text = Client().request("/wp-json/wp/v2/pages?_fields=id,slug,frontdesk_allowed_channels")
    pages = {p["slug"]: p for p in json.loads(text)}
    check(pages.get("shop-help", {}).get("frontdesk_allowed_channels") == saved["frontdesk_allowed_channels"],
          "pages carry the site-wide default", str(pages.get("shop-help")))
    _, _, text = Client().request("/wp-json/wp/v2/posts?_fields=id,frontdesk_allowed_channels")
    posts = json.loads(text)
    check(posts and all("frontdesk_allowed_channels" in p for p in posts), "posts carry the field too")
    wp(f"return update_post_meta({shop_help}, '_frontdesk_allowed_channels', 'web, email');")
    _, _, text = Client().request(f"/wp-json/wp/v2/pages/{shop_help}?_fields=frontdesk_allowed_channels")
    check(json.loads(text).get("frontdesk_allowed_channels") == ["web", "email"], "post meta overrides the default", text)
    wp(f"return delete_post_meta({shop_help}, '_frontdesk_allowed_channels');")
    _, _, schema = Client().request("/wp-json/wp/v2/pages", method="OPTIONS")
    prop = json.loads(schema)["schema"]["properties"].get("frontdesk_allowed_channels", {})
    check(prop.get("readonly") is True and prop.get("type") == "array", "field is read-only, an array of strings")
finally:
    for name in OPTION_NAMES:
        set_option(name, saved[name])
    wp(f"return delete_post_meta({shop_help}, '_frontdesk_allowed_channels');")

if failures:
    print(f"\n{len(failures)} check(s) failed")
    sys.exit(1)
print("\nall checks passed")
PY
log "plugin checks passed"
