// "Talk to a human" in a real browser: the widget asks for a person, shows that the
// customer is waiting, then the person who joins and their reply as they arrive over
// the live stream, and the bot again after the hand back. A support agent's actions go
// through agentd's Agent API with FRONTDESK_AGENT_TOKEN (an `agent` admin token).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SEL, STEP_TIMEOUT, TEST_TIMEOUT, ask, checkReachable, frontdeskUrl, launch, normalize, openWidget, widgetText, withPage } from './support.mjs';

let base;
let browser;
let token;

before(async () => {
  base = frontdeskUrl();
  token = process.env.FRONTDESK_AGENT_TOKEN;
  if (!token) throw new Error('FRONTDESK_AGENT_TOKEN is not set: an admin token with the agent role');
  await checkReachable(base);
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

async function agent(method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

// the thread the widget keeps in localStorage
async function threadOf(page) {
  return page.evaluate(() => {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      // stored as JSON
      if (k.startsWith('frontdesk:') && k.endsWith(':thread')) return JSON.parse(localStorage.getItem(k));
    }
    return null;
  });
}

async function shows(page, text, what) {
  await page
    .locator(SEL.host)
    .getByText(text, { exact: false })
    .first()
    .waitFor({ timeout: STEP_TIMEOUT })
    .catch(async () => {
      throw new Error(`the widget never showed ${what} (${JSON.stringify(text)}); it shows:\n${await widgetText(page)}`);
    });
}

test('talk to a human: waiting, the person joins and replies live, then the bot again', { timeout: TEST_TIMEOUT }, async (t) => {
  await withPage(t, browser, async (page) => {
    await page.goto(`${base}/demo`);
    await openWidget(page);
    await ask(page, 'Do you ship to the UK?');
    const thread = await threadOf(page);
    assert.ok(thread, 'the widget keeps its thread');

    await page.locator(SEL.handoff).click();
    await shows(page, 'Waiting for a person', 'the waiting status');
    const queues = await agent('GET', '/admin/agent/queues');
    assert.ok(queues.waiting.some((e) => e.thread_id === thread), 'the thread is in the queue');

    await agent('POST', `/admin/agent/threads/${thread}/claim`);
    await shows(page, 'has joined', 'who joined');
    await agent('POST', `/admin/agent/threads/${thread}/typing`);
    const reply = 'Hi, this is Sam from the team. Yes, we ship to the UK in 3 to 5 days.';
    await agent('POST', `/admin/agent/threads/${thread}/reply`, { text: reply });
    await shows(page, 'Yes, we ship to the UK in 3 to 5 days.', "the person's reply, live");
    const human = page.locator('.fd-human').last();
    assert.match(normalize(await human.innerText()), /Sam/, 'the reply names who wrote it');

    await agent('POST', `/admin/agent/threads/${thread}/handback`);
    await page.locator(SEL.handoff).waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    const answer = await ask(page, 'How long do I have to send back a kettle?');
    assert.match(normalize(await answer.innerText()), /30 days/, 'the bot answers again');

    // the history after a reload carries the person's reply, not any internal note
    await agent('POST', `/admin/agent/threads/${thread}/note`, { text: 'internal: VIP customer' });
    await page.reload();
    await openWidget(page);
    await shows(page, 'Yes, we ship to the UK in 3 to 5 days.', 'the reply from history');
    assert.ok(!(await widgetText(page)).includes('VIP customer'), 'notes never reach the customer');
  });
});
