// Shared helpers for the widget's browser tests: Debian's Chromium driven by
// playwright-core against a running agentd (FRONTDESK_URL).
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

// answers can take a few seconds (tools, guardrails, a slow machine)
export const TURN_TIMEOUT = 60_000;
export const STEP_TIMEOUT = 20_000;
export const TEST_TIMEOUT = 240_000;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SEL = {
  host: '#frontdesk-widget',
  launcher: '.fd-launcher',
  panel: '.fd-panel',
  log: '.fd-log',
  input: '.fd-input',
  send: '.fd-send',
  handoff: '.fd-handoff',
  user: '.fd-msg[data-role="user"]',
  assistant: '.fd-msg[data-role="assistant"]',
  notice: '.fd-notice',
  body: '.fd-body',
  citation: '.fd-sources a',
  thumbUp: '.fd-thumb-up',
  thumbDown: '.fd-thumb-down',
};

export function frontdeskUrl() {
  const raw = process.env.FRONTDESK_URL;
  if (!raw) {
    throw new Error('FRONTDESK_URL is not set: start agentd and run e.g. FRONTDESK_URL=http://127.0.0.1:8080 npm --prefix tests/browser test');
  }
  let u;
  try { u = new URL(raw); } catch { throw new Error(`FRONTDESK_URL=${raw} is not a URL`); }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`FRONTDESK_URL=${raw} is not an http(s) URL`);
  return raw.replace(/\/+$/, '');
}

// fails fast with a readable reason when agentd is not there, instead of a browser timeout
export async function checkReachable(base) {
  let res;
  try {
    res = await fetch(`${base}/demo`, { signal: AbortSignal.timeout(10_000) });
  } catch (e) {
    throw new Error(`agentd is not reachable at ${base} (${e.cause?.code || e.message}); is it running?`);
  }
  if (!res.ok) throw new Error(`GET ${base}/demo answered ${res.status}; agentd should serve the demo page there`);
  const js = await fetch(`${base}/widget.js`, { signal: AbortSignal.timeout(10_000) });
  if (!js.ok) throw new Error(`GET ${base}/widget.js answered ${js.status}; agentd should serve the widget there`);
}

// a fresh profile per launch, so no earlier run's localStorage leaks into a test
export async function launch() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'frontdesk-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(dir, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1280, height: 860 },
      timeout: 60_000,
    });
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`could not start Chromium (${process.env.CHROMIUM || '/usr/bin/chromium'}); run scripts/setup-browser.sh\n${e.message}`);
  }
  context.setDefaultTimeout(STEP_TIMEOUT);
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// records what the page did, to print next to a failure
export function watch(page) {
  const lines = [];
  const note = (s) => { lines.push(`${new Date().toISOString().slice(11, 23)} ${s}`); if (lines.length > 300) lines.shift(); };
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') note(`console.${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => note(`page error: ${e.message}`));
  page.on('requestfailed', (r) => note(`request failed: ${r.method()} ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.url().includes('/api/')) note(`${r.request().method()} ${new URL(r.url()).pathname} -> ${r.status()}`);
  });
  return {
    lines,
    async report(t, err) {
      const shot = path.join(os.tmpdir(), `frontdesk-${t.name.replace(/\W+/g, '-').slice(0, 60)}-${Date.now()}.png`);
      let saved = '';
      try { await page.screenshot({ path: shot, fullPage: false }); saved = `\n  screenshot: ${shot}`; } catch { /* page gone */ }
      let widget = '';
      try { widget = await widgetText(page); } catch { /* page gone */ }
      console.error(`\n[browser] "${t.name}" failed: ${err?.message}${saved}` +
        `\n  widget text:\n${indent(widget || '(none)')}` +
        `\n  page log:\n${indent(lines.join('\n') || '(empty)')}\n`);
    },
  };
}

function indent(s) {
  return s.split('\n').map((l) => '    ' + l).join('\n');
}

export async function widgetText(page) {
  return page.locator(SEL.host).evaluate((host) => {
    const root = host.shadowRoot || host;
    return [...root.querySelectorAll('.fd-msg, .fd-notice, .fd-status')]
      .map((n) => `[${n.getAttribute('data-role') || n.className}] ${n.textContent.replace(/\s+/g, ' ').trim()}`)
      .join('\n');
  });
}

// runs a test body with a page, printing the page's log when it fails
export async function withPage(t, browser, fn) {
  const page = await browser.context.newPage();
  const w = watch(page);
  try {
    await fn(page, w);
  } catch (e) {
    await w.report(t, e);
    throw e;
  } finally {
    await page.close().catch(() => {});
  }
}

export async function openWidget(page) {
  const panel = page.locator(SEL.panel);
  await page.locator(SEL.launcher).waitFor({ state: 'visible' });
  if (!(await panel.isVisible())) await page.locator(SEL.launcher).click();
  await panel.waitFor({ state: 'visible' });
  return panel;
}

const normalize = (s) => s.replace(/\s+/g, ' ').trim();
export { normalize };

// counts of finished replies (those with a server id: not a bubble still streaming or
// cut off) and notices, read in one go inside the shadow root
function turnState(page) {
  return page.locator(SEL.host).evaluate((host) => {
    const root = host.shadowRoot || host;
    const log = root.querySelector('.fd-log');
    return {
      busy: log.getAttribute('aria-busy') === 'true',
      answers: root.querySelectorAll('.fd-msg[data-role="assistant"][data-id]').length,
      notices: root.querySelectorAll('.fd-notice').length,
    };
  });
}

async function waitTurn(page, before) {
  await page.waitForFunction(({ answersBefore, noticesBefore }) => {
    const host = document.getElementById('frontdesk-widget');
    const root = host && (host.shadowRoot || host);
    const log = root && root.querySelector('.fd-log');
    if (!log || log.getAttribute('aria-busy') === 'true') return false;
    const answers = root.querySelectorAll('.fd-msg[data-role="assistant"][data-id]').length;
    return answers > answersBefore || root.querySelectorAll('.fd-notice').length > noticesBefore;
  }, { answersBefore: before.answers, noticesBefore: before.notices }, { timeout: TURN_TIMEOUT, polling: 100 });
}

// Types a message, sends it with Enter and waits for the turn to finish. A rate-limit
// notice is waited out (the widget re-enables Send when Retry-After has passed) and the
// message sent again. Returns the reply's locator, or throws with the error shown.
export async function ask(page, text, { attempts = 4 } = {}) {
  const input = page.locator(SEL.input);
  for (let i = 1; ; i++) {
    const before = await turnState(page);
    await input.fill(text);
    await input.press('Enter');
    await waitTurn(page, before);
    const after = await turnState(page);
    if (after.answers > before.answers) {
      // a notice can follow a reply (a ticket number); a reply is what was asked for
      return page.locator(`${SEL.assistant}[data-id]`).last();
    }
    const last = page.locator(SEL.notice).last();
    const code = await last.getAttribute('data-code');
    const shown = normalize(await last.innerText());
    if ((code === 'rate_limited' || code === 'thread_limit') && i < attempts) {
      await page.locator(`${SEL.send}:not([disabled])`).waitFor({ timeout: 5 * 60_000 });
      continue;
    }
    const err = new Error(`the widget showed "${shown}" (${code || 'no code'}) instead of a reply to ${JSON.stringify(text)}`);
    err.notice = { code, text: shown };
    throw err;
  }
}

// ---- WordPress (wordpress.spec.mjs) ------------------------------------------------------

export function wordpressUrl() {
  const raw = process.env.WORDPRESS_URL;
  if (!raw) {
    throw new Error('WORDPRESS_URL is not set: run scripts/setup-wordpress.sh and scripts/wordpress-serve.sh, then e.g. WORDPRESS_URL=http://127.0.0.1:8089 FRONTDESK_URL=http://127.0.0.1:8080 node --test wordpress.spec.mjs');
  }
  let u;
  try { u = new URL(raw); } catch { throw new Error(`WORDPRESS_URL=${raw} is not a URL`); }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`WORDPRESS_URL=${raw} is not an http(s) URL`);
  return raw.replace(/\/+$/, '');
}

// fails fast with a readable reason when the shop is not being served
export async function checkWordPressReachable(base, pagePath = '/shop-help/') {
  let res;
  try {
    res = await fetch(`${base}${pagePath}`, { signal: AbortSignal.timeout(30_000) });
  } catch (e) {
    throw new Error(`WordPress is not reachable at ${base} (${e.cause?.code || e.message}); is scripts/wordpress-serve.sh running?`);
  }
  if (!res.ok) throw new Error(`GET ${base}${pagePath} answered ${res.status}; scripts/setup-wordpress.sh creates that page`);
}

// Logs in through the real wp-login.php form, the way a customer does, and fails with
// WordPress's own error message when the credentials are refused.
export async function wordpressLogin(page, base, user, password) {
  await page.goto(`${base}/wp-login.php`);
  await page.locator('#user_login').fill(user);
  await page.locator('#user_pass').fill(password);
  await page.locator('#wp-submit').click();
  // whichever comes first: leaving the login page, or the form shown again with an error
  const outcome = await Promise.race([
    page.waitForURL((u) => !u.pathname.endsWith('/wp-login.php'), { timeout: STEP_TIMEOUT }).then(() => 'in', () => 'timeout'),
    page.locator('#login_error').waitFor({ timeout: STEP_TIMEOUT }).then(() => 'error', () => 'timeout'),
  ]);
  if (outcome === 'error') {
    throw new Error(`WordPress refused the login of ${user}: ${normalize(await page.locator('#login_error').innerText())}`);
  }
  if (outcome === 'timeout') throw new Error(`logging in as ${user} did not leave wp-login.php (now at ${page.url()})`);
  const cookies = await page.context().cookies(base);
  if (!cookies.some((c) => c.name.startsWith('wordpress_logged_in_'))) {
    throw new Error(`after logging in as ${user} there is no wordpress_logged_in_* cookie for ${base}`);
  }
}

// The claims of a JWT, unverified: only to say in a failure what the plugin minted.
export function jwtClaims(token) {
  const part = String(token).split('.')[1] || '';
  return JSON.parse(Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
}
