// The chat widget on the demo page `/`, in headless Chromium against a real Teller: by default one
// started in-process on an isolated database and Redis prefix (real knowledge base, real agent API,
// nothing mocked in the browser); TELLER_E2E_BASE points it at a running Teller instead.
//
//   npx vitest run test/e2e/widget.e2e.test.ts
//   TELLER_E2E_BASE=http://127.0.0.1:3000 npx vitest run test/e2e/widget.e2e.test.ts
//
// Uses the system Chromium through playwright-core (CHROMIUM_PATH overrides /usr/bin/chromium).
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.js';
import { startTeller, type TellerUnderTest } from '../helpers/context.js';

const EXTERNAL_BASE = process.env.TELLER_E2E_BASE?.replace(/\/+$/, '');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ADMIN = { email: process.env.TELLER_E2E_ADMIN_EMAIL ?? 'admin@bank.test', password: process.env.TELLER_E2E_ADMIN_PASSWORD ?? 'Adm1n-pass-2026!' };
// A question of the bundled knowledge base whose answer offers follow-up questions (quick replies).
const PROMPT = process.env.TELLER_E2E_PROMPT ?? '信用卡分期怎么收费';
const XSS = '<img src=x onerror=alert(1)>';

const input = '[data-testid="chat-input"]';
const send = '[data-testid="chat-send"]';
const message = '[data-testid="chat-message"]';
const botMessage = `${message}[data-author="bot"]`;

type Line = { author: string; text: string };

async function transcript(page: Page): Promise<Line[]> {
  return page.locator(message).evaluateAll((els) => els.map((e) => ({ author: e.getAttribute('data-author') ?? '', text: (e.textContent ?? '').trim() })));
}

/** Sends a customer message and waits until the server has answered it (a new bot message). */
async function sendText(page: Page, text: string): Promise<Line[]> {
  const before = await page.locator(botMessage).count();
  await page.locator(input).fill(text);
  await page.locator(send).click();
  await expect.poll(() => page.locator(botMessage).count(), { timeout: 20_000 }).toBeGreaterThan(before);
  return transcript(page);
}

/** Images anywhere in the widget's shadow root (a rendered `<img>` would be an injection). */
const widgetImages = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('[data-teller-widget]')?.shadowRoot;
    return root ? root.querySelectorAll('img').length : -1;
  });

async function api<T>(base: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as T };
}

describe('chat widget on the demo page', () => {
  let teller: TellerUnderTest | undefined;
  let base = '';
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
    if (EXTERNAL_BASE) base = EXTERNAL_BASE;
    else {
      await buildWeb({ quiet: true }); // skipped when public/build is up to date
      // Agents are on duty around the clock, so asking for a person always reaches the queue.
      teller = await startTeller({ listen: true, env: { SERVICE_HOURS: '00:00-24:00' } });
      base = teller.baseUrl;
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await teller?.close();
  });

  it('answers, follows a quick reply, shows markup as text both ways and survives a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const dialogs: string[] = [];
    const pageErrors: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(`${base}/`);
    // The demo page opens the panel by itself (data-teller-open="true").
    await page.locator(input).waitFor({ state: 'visible', timeout: 15_000 });
    await expect.poll(() => page.locator('[data-testid="chat-status"]').getAttribute('data-state'), { timeout: 15_000 }).toBe('online');

    // A knowledge-base question: the customer's line, then the bot's answer with follow-ups.
    const first = await sendText(page, PROMPT);
    expect(first.filter((m) => m.author === 'customer').map((m) => m.text)).toEqual([PROMPT]);
    const answer = first.filter((m) => m.author === 'bot').at(-1)!;
    expect(answer.text).toMatch(/分期/);
    expect(answer.text).not.toMatch(/没有理解|不太明白|换个说法|转人工/); // an answer, not a fallback

    // A quick reply is sent as the customer's next message and answered in turn.
    const chips = page.locator('[data-testid="quick-reply"]');
    await chips.first().waitFor({ state: 'visible', timeout: 10_000 });
    const choice = ((await chips.first().textContent()) ?? '').trim();
    expect(choice.length).toBeGreaterThan(0);
    const botsBefore = await page.locator(botMessage).count();
    await chips.first().click();
    await expect.poll(async () => (await transcript(page)).filter((m) => m.author === 'customer').map((m) => m.text)).toEqual([PROMPT, choice]);
    await expect.poll(() => page.locator(botMessage).count(), { timeout: 20_000 }).toBeGreaterThan(botsBefore);
    const afterChoice = await transcript(page);
    const choiceAnswer = afterChoice.at(-1)!;
    expect(choiceAnswer.author).toBe('bot');
    expect(choiceAnswer.text.length).toBeGreaterThan(0);
    expect(choiceAnswer.text).not.toBe(answer.text);

    // Markup typed by the customer is shown as the very characters typed.
    const afterXss = await sendText(page, XSS);
    expect(afterXss.filter((m) => m.author === 'customer').at(-1)?.text).toBe(XSS);
    expect(await widgetImages(page)).toBe(0);

    // Markup from the other side: the customer asks for a person, an agent answers with markup
    // through the real agent API, and the widget shows it live, as text.
    const stored = await page.evaluate(() => localStorage.getItem('teller.conversation'));
    const conversation = JSON.parse(stored ?? '{}') as { id?: string; token?: string };
    expect(conversation).toMatchObject({ id: expect.any(String), token: expect.any(String) });
    await sendText(page, '转人工');
    const login = await api<{ token: string }>(base, '/api/agent/login', { method: 'POST', body: ADMIN });
    expect(login.status).toBe(200);
    const token = login.body.token;
    let handoffId: string | undefined;
    await expect
      .poll(async () => {
        const waiting = await api<{ handoffs: Array<{ id: string; conversationId: string }> }>(base, '/api/agent/handoffs?status=waiting', { token });
        handoffId = waiting.body.handoffs.find((h) => h.conversationId === conversation.id)?.id;
        return handoffId;
      }, { timeout: 15_000 })
      .toBeDefined();
    expect((await api(base, `/api/agent/handoffs/${handoffId}/claim`, { method: 'POST', token, body: {} })).status).toBe(200);
    const agentText = `${XSS}您好，我是人工客服`;
    expect((await api(base, `/api/agent/conversations/${conversation.id}/messages`, { method: 'POST', token, body: { text: agentText } })).status).toBe(201);
    await expect.poll(async () => (await transcript(page)).filter((m) => m.author === 'agent').map((m) => m.text), { timeout: 15_000 }).toContain(agentText);
    expect(await widgetImages(page)).toBe(0);

    // A reload restores the same conversation from the server, markup still as text.
    const beforeReload = await transcript(page);
    await page.reload();
    await page.locator(input).waitFor({ state: 'visible', timeout: 15_000 });
    await expect.poll(() => page.locator(message).count(), { timeout: 15_000 }).toBe(beforeReload.length);
    expect(await transcript(page)).toEqual(beforeReload);
    expect(await page.evaluate(() => localStorage.getItem('teller.conversation'))).toBe(stored);
    expect(await widgetImages(page)).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);

    await page.waitForTimeout(500); // an onerror handler would have fired by now
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 120_000);

  it('fits a phone screen: the open panel covers the viewport and still chats', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.locator(input).waitFor({ state: 'visible', timeout: 15_000 });
    const rounded = async () => {
      const box = await page.locator('#tl-panel').boundingBox(); // polled: the panel slides in
      return box && [box.x, box.y, box.width, box.height].map(Math.round);
    };
    await expect.poll(rounded).toEqual([0, 0, 375, 740]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    const lines = await sendText(page, '你好');
    expect(lines.some((m) => m.author === 'bot' && m.text.length > 0)).toBe(true);
    const sendBox = await page.locator(send).boundingBox();
    expect(sendBox && sendBox.x + sendBox.width).toBeLessThanOrEqual(375); // the send button is on screen
    await context.close();
  }, 60_000);
});
