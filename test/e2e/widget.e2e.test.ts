// Browser test of the chat widget on the demo page, against a running Teller:
//   TELLER_E2E_BASE=http://127.0.0.1:3000 npx vitest run test/e2e/widget.e2e.test.ts
// Skipped when TELLER_E2E_BASE is unset. Uses the system Chromium through playwright-core.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BASE = process.env.TELLER_E2E_BASE?.replace(/\/+$/, '');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// A question the seeded knowledge base answers with suggested follow-ups.
const PROMPT = process.env.TELLER_E2E_PROMPT ?? '我的信用卡丢了怎么办？';
const XSS = '<img src=x onerror=alert(1)>';

const input = '[data-testid="chat-input"]';
const send = '[data-testid="chat-send"]';
const message = '[data-testid="chat-message"]';

async function transcript(page: Page): Promise<{ author: string; text: string }[]> {
  return page.locator(message).evaluateAll((els) => els.map((e) => ({ author: e.getAttribute('data-author') ?? '', text: e.textContent ?? '' })));
}

async function botReplies(page: Page): Promise<number> {
  return page.locator(`${message}[data-author="bot"]`).count();
}

async function sendText(page: Page, text: string): Promise<void> {
  const before = await botReplies(page);
  await page.locator(input).fill(text);
  await page.locator(send).click();
  await expect.poll(() => botReplies(page), { timeout: 20_000 }).toBeGreaterThan(before);
}

describe.skipIf(!BASE)('chat widget on the demo page', () => {
  let browser: Browser;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('chats, follows a quick reply, survives a reload and shows markup as text', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(`${BASE}/`);
    // The demo page opens the panel by itself (data-teller-open="true").
    await page.locator(input).waitFor({ state: 'visible', timeout: 15_000 });

    await sendText(page, PROMPT);
    const first = await transcript(page);
    expect(first.find((m) => m.author === 'customer')?.text).toBe(PROMPT);
    expect(first.some((m) => m.author === 'bot' && m.text.trim().length > 0)).toBe(true);

    const quickReply = page.locator('[data-testid="quick-reply"]').first();
    await quickReply.waitFor({ state: 'visible', timeout: 10_000 });
    const choice = (await quickReply.textContent()) ?? '';
    const before = await botReplies(page);
    await quickReply.click();
    await expect.poll(async () => (await transcript(page)).filter((m) => m.author === 'customer').map((m) => m.text)).toContain(choice);
    await expect.poll(() => botReplies(page), { timeout: 20_000 }).toBeGreaterThan(before);

    const stored = await page.evaluate(() => localStorage.getItem('teller.conversation'));
    expect(JSON.parse(stored ?? '{}')).toMatchObject({ id: expect.any(String), token: expect.any(String) });
    const beforeReload = await transcript(page);

    await page.reload();
    await page.locator(input).waitFor({ state: 'visible' });
    await expect.poll(() => page.locator(message).count(), { timeout: 15_000 }).toBe(beforeReload.length);
    expect(await transcript(page)).toEqual(beforeReload);
    expect(await page.evaluate(() => localStorage.getItem('teller.conversation'))).toBe(stored);

    await sendText(page, XSS);
    const customerTexts = (await transcript(page)).filter((m) => m.author === 'customer').map((m) => m.text);
    expect(customerTexts).toContain(XSS);
    // No element was created from the text, and nothing ran.
    const injected = await page.evaluate(() => {
      const root = document.querySelector('[data-teller-widget]')?.shadowRoot;
      return root ? root.querySelectorAll('[data-testid="chat-message"] img').length : -1;
    });
    expect(injected).toBe(0);
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);

    await expect.poll(() => page.locator('[data-testid="chat-status"]').getAttribute('data-state')).toBe('online');
    await context.close();
  }, 90_000);

  it('fits a phone screen: the open panel covers the viewport', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${BASE}/`);
    await page.locator(input).waitFor({ state: 'visible', timeout: 15_000 });
    const rounded = async () => {
      const box = await page.locator('#tl-panel').boundingBox(); // polled: the panel slides in
      return box && [box.x, box.y, box.width, box.height].map(Math.round);
    };
    await expect.poll(rounded).toEqual([0, 0, 375, 740]);
    await context.close();
  }, 60_000);
});
