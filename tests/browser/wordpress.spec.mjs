// The widget on a real WordPress shop: Debian's WordPress with the Frontdesk plugin
// (scripts/setup-wordpress.sh, served by scripts/wordpress-serve.sh) loads widget.js
// from a running agentd. An anonymous visitor gets a cited answer; a logged-in
// customer's JWT reaches agentd, so get_order finds her order by the verified email
// alone; and an abusive message opens a ticket. WORDPRESS_URL points at the shop,
// FRONTDESK_URL at agentd (whose CORS origins include the shop).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  SEL, TEST_TIMEOUT, TURN_TIMEOUT, ask, checkReachable, checkWordPressReachable, frontdeskUrl,
  jwtClaims, launch, normalize, openWidget, withPage, wordpressLogin, wordpressUrl,
} from './support.mjs';

const CUSTOMER = { user: 'maria', password: 'maria-customer-pass', email: 'maria.rossi@example.com' };
const HELP_PAGE = '/shop-help/';

let wp;
let fd;

before(async () => {
  wp = wordpressUrl();
  fd = frontdeskUrl();
  await checkReachable(fd);
  await checkWordPressReachable(wp, HELP_PAGE);
});

// A fresh browser profile per test: no widget session or WordPress cookie carries over
// from one test to the next.
async function withBrowser(t, fn) {
  const browser = await launch();
  try {
    // The shop and agentd are on this machine; anything else the theme or the admin bar
    // asks for (Gravatar avatars) is aborted, so the test neither waits on nor reaches
    // the internet.
    const local = new Set([new URL(wp).hostname, new URL(fd).hostname]);
    await browser.context.route((u) => !local.has(u.hostname), (route) => route.abort());
    await withPage(t, browser, fn);
  } finally {
    await browser.close();
  }
}

// Opens the help page and checks that the plugin's tag loads widget.js from agentd and
// that the widget rendered; returns the tag's locator.
async function openHelpPage(page) {
  const widgetJs = page.waitForResponse((r) => r.url() === `${fd}/widget.js`, { timeout: TURN_TIMEOUT })
    .catch(() => null);
  const res = await page.goto(`${wp}${HELP_PAGE}`);
  assert.equal(res?.status(), 200, `GET ${HELP_PAGE} answered ${res?.status()}`);

  const tag = page.locator('script#frontdesk-widget-js');
  if ((await tag.count()) !== 1) {
    const srcs = await page.locator('script[src]').evaluateAll((els) => els.map((e) => e.src));
    assert.fail(`the page has no plugin tag script#frontdesk-widget-js; scripts with a src: ${JSON.stringify(srcs)}`);
  }
  assert.equal(await tag.getAttribute('src'), `${fd}/widget.js`, 'the plugin loads widget.js from FRONTDESK_URL');
  assert.equal(await tag.getAttribute('data-frontdesk-url'), fd, 'the tag tells the widget where agentd is');

  const js = await widgetJs;
  assert.ok(js, `the browser never received ${fd}/widget.js`);
  assert.equal(js.status(), 200, `GET ${fd}/widget.js answered ${js.status()}`);
  await page.locator(SEL.host).waitFor({ state: 'attached' }).catch(() => {
    throw new Error('widget.js loaded but #frontdesk-widget never appeared on the page');
  });
  return tag;
}

// The session the widget opens: the request body it sent and agentd's answer.
function nextSession(page) {
  return page.waitForResponse(
    (r) => r.url() === `${fd}/api/agent/session` && r.request().method() === 'POST',
    { timeout: TURN_TIMEOUT },
  ).then(async (r) => ({ status: r.status(), sent: r.request().postDataJSON() || {}, body: await r.json().catch(() => null) }),
    () => null);
}

// Logs maria in, opens the help page, and checks that her token reached agentd and
// bought a verified session (the widget falls back to an anonymous one silently).
async function openAsCustomer(page) {
  await wordpressLogin(page, wp, CUSTOMER.user, CUSTOMER.password);
  const session = nextSession(page);
  const tag = await openHelpPage(page);

  const token = await tag.getAttribute('data-user-token');
  assert.ok(token, 'for a logged-in customer the plugin\'s tag carries data-user-token');
  const claims = jwtClaims(token);
  assert.equal(claims.email, CUSTOMER.email, `the token names maria's email (claims: ${JSON.stringify(claims)})`);
  assert.equal(claims.iss, wp, 'the token\'s issuer is the shop');

  await openWidget(page);
  return { session, token };
}

async function assertVerified(session, token) {
  const s = await session;
  assert.ok(s, 'the widget never called POST /api/agent/session');
  assert.equal(s.sent.user_token, token, 'the widget sent the page\'s data-user-token to agentd');
  assert.equal(s.status, 200, `POST /api/agent/session answered ${s.status}: ${JSON.stringify(s.body)}`);
  assert.equal(s.body?.verified, true, `agentd should accept the plugin's JWT and answer verified: true, got ${JSON.stringify(s.body)}`);
}

test('an anonymous visitor of the WordPress shop gets a cited answer from the widget', { timeout: TEST_TIMEOUT }, async (t) => {
  await withBrowser(t, async (page) => {
    const tag = await openHelpPage(page);
    assert.equal(await tag.getAttribute('data-user-token'), null, 'an anonymous visitor gets no user token');

    await openWidget(page);
    const question = 'How long do I have to send back a kettle?';
    const reply = await ask(page, question);
    const answer = normalize(await reply.locator(SEL.body).innerText());
    assert.ok(answer.length > 0, 'the answer is not empty');
    await page.locator(SEL.user, { hasText: question }).first().waitFor();

    const link = reply.locator(SEL.citation, { hasText: 'Returns' }).first();
    await link.waitFor({ state: 'visible' }).catch(() => {
      throw new Error(`no citation link containing "Returns" under the answer: ${answer}`);
    });
    assert.match(await link.getAttribute('href'), /^https?:\/\//, 'the citation links to an http(s) page');
  });
});

test('a logged-in customer asks about her order without typing her email and gets it', { timeout: TEST_TIMEOUT }, async (t) => {
  await withBrowser(t, async (page) => {
    const { session, token } = await openAsCustomer(page);
    const reply = await ask(page, 'Where is my order 1042?');
    await assertVerified(session, token);

    const answer = normalize(await reply.locator(SEL.body).innerText());
    assert.ok(answer.includes('1042'), `the answer names order 1042: ${answer}`);
    // the carrier is only told to the order's owner: it proves get_order used the
    // email from the JWT, since none was typed
    assert.ok(answer.includes('DHL'), `the answer names the carrier DHL (only possible with the verified email): ${answer}`);
    t.diagnostic(`order answer: ${answer}`);
  });
});

test('an abusive message from the logged-in customer gets a reply and opens a ticket', { timeout: TEST_TIMEOUT }, async (t) => {
  await withBrowser(t, async (page) => {
    const { session, token } = await openAsCustomer(page);
    const reply = await ask(page, 'you useless piece of junk bot');
    await assertVerified(session, token);

    const answer = normalize(await reply.locator(SEL.body).innerText());
    assert.ok(answer.length > 0, 'the reply is not empty');
    // the ticket number is in the reply or, when the reply leaves it out, in a notice
    let shown = answer.match(/#(\d+)/)?.[1];
    if (!shown) {
      const notice = page.locator(SEL.notice, { hasText: /ticket #\d+/ }).first();
      await notice.waitFor({ state: 'visible' }).catch(() => {
        throw new Error(`neither the reply nor a notice shows a ticket number; reply: ${answer}`);
      });
      shown = normalize(await notice.innerText()).match(/ticket #(\d+)/)[1];
    }
    // read by tests/e2e/wordpress.rs, which matches it against agentd's database and the mail
    t.diagnostic(`ticket #${shown}`);
  });
});

test('a logged-in customer whose page token has expired is still recognised', { timeout: TEST_TIMEOUT }, async (t) => {
  await withBrowser(t, async (page) => {
    await wordpressLogin(page, wp, CUSTOMER.user, CUSTOMER.password);
    // the tab as if opened ten minutes ago: its 5-minute token has run out
    await page.clock.setFixedTime(Date.now() + 10 * 60 * 1000);
    const session = nextSession(page);
    const refreshed = page.waitForResponse(
      (r) => r.url().includes('/wp-json/frontdesk/v1/token') && r.request().method() === 'POST',
      { timeout: TURN_TIMEOUT },
    ).then((r) => r.json(), () => null);
    const tag = await openHelpPage(page);
    const stale = await tag.getAttribute('data-user-token');
    assert.ok(jwtClaims(stale).exp * 1000 < (await page.evaluate(() => Date.now())), 'the page\'s token has expired by the page\'s clock');
    assert.ok(await tag.getAttribute('data-user-token-url'), 'the plugin offers a refresh route');
    await openWidget(page);
    const reply = await ask(page, 'Where is my order 1042?');

    const s = await session;
    assert.ok(s, 'the widget never called POST /api/agent/session');
    const fresh = await refreshed;
    assert.ok(fresh?.token, 'the widget asked the shop for a fresh token');
    assert.equal(s.sent.user_token, fresh.token, 'and sent agentd that one');
    assert.equal(jwtClaims(s.sent.user_token).email, CUSTOMER.email);
    assert.equal(s.body?.verified, true, `agentd answered ${JSON.stringify(s.body)}`);
    const answer = normalize(await reply.locator(SEL.body).innerText());
    assert.ok(answer.includes('DHL'), `the verified email found her order: ${answer}`);
  });
});
