// Message text never becomes markup: payloads sent as chat messages (and echoed or
// quoted back) render as literal text, live and again from the server's history.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SEL, ask, checkReachable, frontdeskUrl, launch, normalize, openWidget, withPage } from './support.mjs';

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '[click](javascript:window.__pwned=1)',
  '<svg onload=window.__pwned=1>',
  '"><iframe srcdoc="<script>parent.__pwned=1</script>">',
  '![x](https://example.invalid/x.png)',
  '<a href="javascript:alert(1)">link</a> [y](JaVaScRiPt:alert(1)) [z](data:text/html,<script>alert(1)</script>)',
];

let base;
let browser;

before(async () => {
  base = frontdeskUrl();
  await checkReachable(base);
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

async function assertInert(page, dialogs, when) {
  assert.deepEqual(dialogs, [], `${when}: no dialog may open`);
  assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined', `${when}: window.__pwned must stay undefined`);
  const found = await page.locator(SEL.host).evaluate((host) => {
    const roots = [host, host.shadowRoot].filter(Boolean);
    const bad = [];
    const links = [];
    for (const r of roots) {
      for (const n of r.querySelectorAll('img, script, iframe, svg, object, embed, video, audio, frame')) bad.push(n.tagName.toLowerCase());
      for (const a of r.querySelectorAll('a')) links.push({ href: a.getAttribute('href'), target: a.getAttribute('target'), rel: a.getAttribute('rel') });
    }
    return { bad, links };
  });
  assert.deepEqual(found.bad, [], `${when}: no active elements inside the widget`);
  for (const l of found.links) {
    assert.match(l.href || '', /^https?:\/\//i, `${when}: every link is http(s), got ${l.href}`);
    assert.equal(l.target, '_blank');
    assert.equal(l.rel, 'noopener noreferrer');
  }
  assert.equal(await page.locator('iframe').count(), 0, `${when}: no iframe anywhere on the page`);
  for (const p of PAYLOADS) {
    const shown = await page.locator(`${SEL.user} ${SEL.body}`).evaluateAll(
      (els, want) => els.some((el) => el.textContent.replace(/\s+/g, ' ').trim() === want),
      normalize(p),
    );
    assert.ok(shown, `${when}: the payload ${JSON.stringify(p)} is shown literally`);
  }
}

test('payloads in messages render as text, live and from history', { timeout: 600_000 }, async (t) => {
  await withPage(t, browser, async (page) => {
    const dialogs = [];
    page.on('dialog', async (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      await d.dismiss().catch(() => {});
    });
    await page.goto(`${base}/demo`);
    await openWidget(page);

    for (const p of PAYLOADS) await ask(page, p);
    await assertInert(page, dialogs, 'after sending');

    await page.reload();
    await openWidget(page);
    await page.locator(SEL.user, { hasText: PAYLOADS[PAYLOADS.length - 1].slice(0, 20) }).first().waitFor({ state: 'visible' })
      .catch(() => { throw new Error('after a reload the conversation history was not shown'); });
    await page.locator(`${SEL.assistant}[data-id]`).nth(PAYLOADS.length - 1).waitFor()
      .catch(() => { throw new Error('after a reload not every reply was shown from history'); });
    await assertInert(page, dialogs, 'after a reload');
  });
});
