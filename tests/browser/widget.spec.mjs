// The chat widget on agentd's demo page: a streamed, cited answer, feedback, and the
// thread surviving a reload. Needs a running agentd with the demo knowledge base
// ingested (scripts/demo.sh); FRONTDESK_URL points at it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SEL, TEST_TIMEOUT, ask, checkReachable, frontdeskUrl, launch, normalize, openWidget, withPage } from './support.mjs';

const QUESTION = 'How long do I have to send back a kettle?';
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

async function pressedState(reply) {
  return {
    up: await reply.locator(SEL.thumbUp).getAttribute('aria-pressed'),
    down: await reply.locator(SEL.thumbDown).getAttribute('aria-pressed'),
  };
}

test('asks a question, gets a streamed cited answer, rates it, and finds it again after a reload', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(t, browser, async (page) => {
    await page.goto(`${base}/demo`);

    const panel = await openWidget(page);
    assert.equal(await panel.getAttribute('role'), 'dialog', 'the panel is a dialog');
    assert.ok(await panel.getAttribute('aria-label'), 'the dialog has an accessible name');
    assert.equal(await page.locator(SEL.log).getAttribute('role'), 'log', 'messages are in a log region');
    assert.equal(await page.locator(SEL.log).getAttribute('aria-live'), 'polite');
    assert.equal(await page.locator(SEL.launcher).getAttribute('aria-expanded'), 'true');
    const inputFocused = await page.locator(SEL.input).evaluate((el) => el.getRootNode().activeElement === el);
    assert.ok(inputFocused, 'opening the panel moves focus to the message box');

    const reply = await ask(page, QUESTION);
    const answer = normalize(await reply.locator(SEL.body).innerText());
    assert.ok(answer.length > 0, 'the answer is not empty');
    await page.locator(SEL.user, { hasText: QUESTION }).first().waitFor();

    // the bubble counts the delta events it rendered before `done` replaced its text
    const deltas = Number(await reply.getAttribute('data-deltas'));
    assert.ok(deltas >= 1, `the answer should stream at least one delta before done (saw ${deltas})`);

    const link = reply.locator(SEL.citation, { hasText: 'Returns' }).first();
    await link.waitFor({ state: 'visible' }).catch(() => {
      throw new Error('no citation link containing "Returns" under the answer');
    });
    const href = await link.getAttribute('href');
    assert.match(href, /^https?:\/\//, `citation href should be http(s), got ${href}`);
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.match(await link.getAttribute('rel'), /noopener/);

    assert.deepEqual(await pressedState(reply), { up: 'false', down: 'false' }, 'no thumb is pressed before rating');
    const messageId = await reply.getAttribute('data-id');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/agent/feedback') && r.request().method() === 'POST'),
      reply.locator(SEL.thumbUp).click(),
    ]);
    assert.ok(res.status() >= 200 && res.status() < 300, `POST /api/agent/feedback answered ${res.status()}: ${await res.text()}`);
    const sent = res.request().postDataJSON();
    assert.equal(sent.rating, 'up');
    assert.equal(sent.message_id, messageId, 'feedback names the rated message');
    assert.deepEqual(sent.tags, []);
    assert.deepEqual(await pressedState(reply), { up: 'true', down: 'false' }, 'thumbs-up shows as pressed');

    await page.reload();
    await openWidget(page);
    const again = page.locator(SEL.user, { hasText: QUESTION }).first();
    await again.waitFor({ state: 'visible' }).catch(() => {
      throw new Error('after a reload the earlier question is not shown: the thread was not kept');
    });
    const restored = page.locator(`${SEL.assistant}[data-id="${messageId}"]`);
    await restored.waitFor({ state: 'visible' }).catch(() => {
      throw new Error(`after a reload the answer (message ${messageId}) is not shown`);
    });
    assert.equal(normalize(await restored.locator(SEL.body).innerText()), answer, 'the same answer is shown after the reload');
    assert.ok(await restored.locator(SEL.citation, { hasText: 'Returns' }).count() >= 1, 'the citation is shown after the reload');
  });
});

test('Escape closes the panel and gives focus back to the launcher', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(t, browser, async (page) => {
    await page.goto(`${base}/demo`);
    await openWidget(page);
    await page.keyboard.press('Escape');
    await page.locator(SEL.panel).waitFor({ state: 'hidden' });
    const launcher = page.locator(SEL.launcher);
    assert.equal(await launcher.evaluate((el) => el.getRootNode().activeElement === el), true, 'focus is on the launcher');
    assert.equal(await launcher.getAttribute('aria-expanded'), 'false');
    await page.keyboard.press('Enter');
    await page.locator(SEL.panel).waitFor({ state: 'visible' });
  });
});

test('the panel fills a narrow screen', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(t, browser, async (page) => {
    await page.setViewportSize({ width: 390, height: 740 });
    await page.goto(`${base}/demo`);
    const panel = await openWidget(page);
    const box = await panel.boundingBox();
    assert.ok(box && box.x <= 1 && box.y <= 1 && box.width >= 388 && box.height >= 738,
      `on a 390x740 screen the panel should be full-screen, got ${JSON.stringify(box)}`);
  });
});
