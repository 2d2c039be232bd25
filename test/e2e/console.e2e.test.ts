// The agent console in headless Chromium against a real Teller (in-process, isolated database and
// Redis prefix): the whole handoff story from the customer's web chat to the agent and back to the
// bot, the console at laptop (1366px) and tablet (768px) widths, and the dashboard's filters on real
// rows (a generated month written to the test database; nothing of Teller's API is mocked), with the
// drill-down opening each conversation's read-only record, bot-only ones included.
//
//   npx vitest run test/e2e/console.e2e.test.ts
//   TELLER_E2E_SCREENSHOTS=/tmp/shots npx vitest run test/e2e/console.e2e.test.ts   (keeps screenshots)
//
// Uses the system Chromium through playwright-core (CHROMIUM_PATH overrides /usr/bin/chromium).
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.js';
import { generateDemoMonth } from '../../src/analytics/demo-month.js';
import { demoKnowledge } from '../../src/analytics/demo-seed.js';
import { writeDemoMonth } from '../../src/analytics/demo-seed-db.js';
import { localDateOf } from '../../src/complaints/domain/time-zone.js';
import { startTeller, type TellerUnderTest } from '../helpers/context.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ADMIN = { email: 'admin@bank.test', password: 'Adm1n-pass-2026!' };
const SHOTS = process.env.TELLER_E2E_SCREENSHOTS;

const chatInput = '[data-testid="chat-input"]';
const chatSend = '[data-testid="chat-send"]';
const chatMessage = '[data-testid="chat-message"]';

async function chatTranscript(page: Page): Promise<{ author: string; text: string }[]> {
  return page.locator(chatMessage).evaluateAll((els) => els.map((e) => ({ author: e.getAttribute('data-author') ?? '', text: (e.textContent ?? '').trim() })));
}

async function customerSays(page: Page, text: string): Promise<void> {
  const before = (await chatTranscript(page)).length;
  await page.locator(chatInput).fill(text);
  await page.locator(chatSend).click();
  await expect.poll(async () => (await chatTranscript(page)).slice(before).some((m) => m.author === 'customer' && m.text.includes(text)), { timeout: 15_000 }).toBe(true);
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

/** Collects what must never happen on a page: script errors, alerts, CSP violations. */
function watch(page: Page) {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(`csp: ${m.text()}`);
  });
  return problems;
}

/** Files a complaint the way a customer does: the chat intake over the public API, answering each question. */
async function fileComplaintByChat(base: string): Promise<string> {
  const conv = (await (await fetch(`${base}/api/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: 'zh-CN', channel: 'web', customer: { externalId: 'e2e-complaint', segment: 'key' } }) })).json()) as { id: string; token: string };
  type Turn = { replies: Array<{ suggestedActions?: string[] }>; complaint?: { reference: string } };
  const say = async (text: string) => (await (await fetch(`${base}/api/conversations/${conv.id}/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${conv.token}` }, body: JSON.stringify({ text }) })).json()) as Turn;
  let turn = await say('你们上个月莫名其妙扣了我300元年费，打客服也没人管，我要投诉');
  for (const answer of ['信用卡年费', '上个月10号', '300元', '退还年费', '电话联系我', '确认提交', '确认', '是的']) {
    if (turn.complaint) break;
    const confirm = turn.replies.flatMap((r) => r.suggestedActions ?? []).find((a) => /确认|提交/.test(a));
    turn = await say(confirm ?? answer);
  }
  if (!turn.complaint) throw new Error('the complaint intake did not file a complaint');
  return turn.complaint.reference;
}

async function login(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/agent`);
  await page.locator('[data-testid="login-email"]').fill(ADMIN.email);
  await page.locator('[data-testid="login-password"]').fill(ADMIN.password);
  await page.locator('[data-testid="login-submit"]').click();
  await page.locator('[data-testid="queue-waiting"]').waitFor({ state: 'visible', timeout: 15_000 });
}

describe('agent console', () => {
  let teller: TellerUnderTest;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
    await buildWeb({ quiet: true }); // skipped when public/build is up to date
    // No BullMQ workers: the handoff relay does not need them, and without triage a new complaint stays
    // `received`, so the console's own acknowledge step cannot race the worker.
    teller = await startTeller({ listen: true, workers: false, env: { SERVICE_HOURS: '00:00-24:00' } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await teller?.close();
  });

  async function newPage(viewport: { width: number; height: number }, locale = 'zh-CN'): Promise<Page> {
    const context = await browser.newContext({ viewport, locale });
    contexts.push(context);
    return context.newPage();
  }

  it('a customer asks for a person, an agent claims and answers, closes, and the bot answers again', async () => {
    const base = teller.baseUrl;

    // The customer on the bank's page asks for a human.
    const customer = await newPage({ width: 1280, height: 800 });
    const customerProblems = watch(customer);
    await customer.goto(`${base}/`);
    await customer.locator(chatInput).waitFor({ state: 'visible', timeout: 15_000 });
    await customerSays(customer, '转人工');
    await expect.poll(async () => (await chatTranscript(customer)).some((m) => m.author !== 'customer'), { timeout: 20_000 }).toBe(true);
    const stored = await customer.evaluate(() => localStorage.getItem('teller.conversation'));
    const conversationId = (JSON.parse(stored ?? '{}') as { id?: string }).id;
    expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);

    // The agent logs in and finds the handoff in the queue, with its context.
    const agent = await newPage({ width: 1366, height: 860 });
    const agentProblems = watch(agent);
    await login(agent, base);
    const item = agent.locator(`[data-testid="queue-item"][data-conversation-id="${conversationId}"]`);
    await item.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await item.getAttribute('data-status')).toBe('waiting');
    await item.click();
    const conversation = agent.locator('[data-testid="conversation"]');
    await conversation.waitFor({ state: 'visible' });
    expect(await conversation.getAttribute('data-handoff-status')).toBe('waiting');
    await expect.poll(async () => ((await agent.locator('[data-testid="context-summary"]').textContent()) ?? '').trim().length).toBeGreaterThan(0);
    expect(await agent.locator('[data-testid="context-language"]').textContent()).toBe('中文');
    expect(await agent.locator('[data-testid="context-channel"]').textContent()).toBe('网页聊天');
    expect((await agent.locator('[data-testid="context-reason"]').textContent())?.trim()).not.toBe('');
    const transcriptTexts = () => agent.locator('[data-testid="console-message"]').evaluateAll((els) => els.map((e) => ({ author: e.getAttribute('data-author'), text: e.querySelector('.msg-text')?.textContent ?? '' })));
    expect((await transcriptTexts()).some((m) => m.author === 'customer' && m.text === '转人工')).toBe(true);
    await shot(agent, 'console-1366-waiting');

    // Claim, then answer with a suggested reply's text edited by the agent.
    await agent.locator('[data-testid="claim"]').click();
    await agent.locator('[data-testid="reply-input"]').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await conversation.getAttribute('data-handoff-status')).toBe('active');
    const canned = agent.locator('[data-testid="canned-reply"]');
    expect(await canned.count()).toBeGreaterThan(0);
    await canned.first().click();
    expect(((await agent.locator('[data-testid="reply-input"]').inputValue()) ?? '').length).toBeGreaterThan(0);
    const reply = '您好，我是人工客服小王，已经看到您的情况，请问还有什么可以帮您？';
    await agent.locator('[data-testid="reply-input"]').fill(reply);
    await agent.locator('[data-testid="reply-send"]').click();
    await expect.poll(async () => (await transcriptTexts()).some((m) => m.author === 'agent' && m.text === reply)).toBe(true);

    // The customer's page shows the agent's reply, live.
    await expect.poll(async () => (await chatTranscript(customer)).some((m) => m.author === 'agent' && m.text.includes(reply)), { timeout: 15_000 }).toBe(true);

    // The customer answers (with markup); the console shows it, as text.
    const markup = '<img src=x onerror=alert(1)>谢谢';
    await customerSays(customer, markup);
    await expect.poll(async () => (await transcriptTexts()).some((m) => m.author === 'customer' && m.text === markup), { timeout: 15_000 }).toBe(true);
    expect(await agent.locator('[data-testid="transcript"] img').count()).toBe(0);
    await shot(agent, 'console-1366-active');

    // Tablet width: one column, context behind a tab.
    await agent.setViewportSize({ width: 768, height: 1024 });
    expect(await agent.locator('.queue-panel').isVisible()).toBe(false);
    expect(await agent.locator('[data-testid="reply-input"]').isVisible()).toBe(true);
    const scrollWidth = await agent.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(768);
    await shot(agent, 'console-768-active');
    await agent.locator('[data-testid="context-tab"]').click();
    expect(await agent.locator('[data-testid="context-summary"]').isVisible()).toBe(true);
    expect(await agent.locator('[data-testid="reply-input"]').isVisible()).toBe(false);
    await shot(agent, 'console-768-context');
    await agent.locator('.pane-tab').first().click();
    await agent.setViewportSize({ width: 1366, height: 860 });

    // English UI.
    await agent.locator('[data-testid="lang-toggle"]').click();
    expect(await agent.locator('[data-testid="context-language"]').textContent()).toBe('Chinese');
    expect(await agent.locator('[data-testid="claim"]').count()).toBe(0);
    expect(await agent.locator('[data-testid="close-handoff"]').textContent()).toBe('Close');
    await shot(agent, 'console-1366-en');

    // Close with a disposition; the bot answers the customer again.
    await agent.locator('[data-testid="close-handoff"]').click();
    await agent.locator('[data-testid="close-disposition"]').selectOption('resolved');
    await agent.locator('[data-testid="close-confirm"]').click();
    await agent.locator('[data-testid="handoff-closed"]').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await conversation.getAttribute('data-handoff-status')).toBe('closed');
    expect(await agent.locator('[data-testid="reply-input"]').count()).toBe(0);

    const bots = async () => (await chatTranscript(customer)).filter((m) => m.author === 'bot');
    const agentsBefore = (await chatTranscript(customer)).filter((m) => m.author === 'agent').length;
    const botsBefore = (await bots()).length;
    await customerSays(customer, '网点几点关门');
    await expect.poll(async () => (await bots()).length, { timeout: 20_000 }).toBeGreaterThan(botsBefore);
    expect((await bots()).at(-1)?.text.length).toBeGreaterThan(0);
    expect((await chatTranscript(customer)).filter((m) => m.author === 'agent').length).toBe(agentsBefore);

    await agent.waitForTimeout(300);
    expect(agentProblems).toEqual([]);
    expect(customerProblems).toEqual([]);
  }, 180_000);

  it('the login form refuses a wrong password, and a handoff taken by someone else is said so', async () => {
    const base = teller.baseUrl;
    const colleague = { email: 'li.na@bank.test', password: 'Agent-pass-2026!' };
    await teller.app.services.agentAccounts.create({ ...colleague, name: 'Li Na', role: 'agent', languages: ['zh-CN', 'en'] });

    const page = await newPage({ width: 1366, height: 860 }, 'en-US');
    const problems = watch(page);
    await page.goto(`${base}/agent`);
    await page.locator('[data-testid="login-email"]').fill(colleague.email);
    await page.locator('[data-testid="login-password"]').fill('wrong-password');
    await page.locator('[data-testid="login-submit"]').click();
    await page.locator('[data-testid="login-error"]').waitFor({ state: 'visible' });
    expect(await page.locator('[data-testid="login-error"]').textContent()).toBe('Wrong e-mail or password.');
    await shot(page, 'console-1366-login');
    await page.setViewportSize({ width: 768, height: 1024 });
    await shot(page, 'console-768-login');
    await page.setViewportSize({ width: 1366, height: 860 });

    // A VIP customer waiting; the colleague (role agent) opens it, and the admin claims it first.
    const conv = (await (await fetch(`${base}/api/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: 'en', channel: 'web', customer: { segment: 'vip', name: 'Ada Lovelace' } }) })).json()) as { id: string; token: string };
    const said = await fetch(`${base}/api/conversations/${conv.id}/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${conv.token}` }, body: JSON.stringify({ text: 'I want to speak to a person, please' }) });
    expect(said.status).toBe(200);
    await page.locator('[data-testid="login-password"]').fill(colleague.password);
    await page.locator('[data-testid="login-submit"]').click();
    await page.locator('[data-testid="queue-waiting"]').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.locator('[data-testid="nav-dashboard"]').count()).toBe(0); // an agent has no dashboard
    const item = page.locator(`[data-testid="queue-item"][data-conversation-id="${conv.id}"]`);
    await item.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await item.locator('[data-badge="vip"]').count()).toBe(1);
    await item.click();
    await page.locator('[data-testid="claim"]').waitFor({ state: 'visible' });
    await shot(page, 'console-1366-vip-waiting');

    const token = ((await (await fetch(`${base}/api/agent/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })).json()) as { token: string }).token;
    const handoffId = await item.getAttribute('data-handoff-id');
    const first = await fetch(`${base}/api/agent/handoffs/${handoffId}/claim`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(first.status).toBe(200);
    // The console learns it from the feed, or from the 409 when the agent clicks first: either way it says so.
    const claim = page.locator('[data-testid="claim"]');
    if (await claim.isVisible()) await claim.click().catch(() => {});
    await page.locator('[data-testid="claim-conflict"], [data-testid="conversation-forbidden"]').first().waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(0); // gone from the waiting queue
    expect(problems).toEqual([]);
  }, 120_000);

  it('moves a complaint along the workflow, a supervisor approves it, and a stale action is refused clearly', async () => {
    const base = teller.baseUrl;
    const reference = await fileComplaintByChat(base);
    const token = ((await (await fetch(`${base}/api/agent/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })).json()) as { token: string }).token;
    const statusOf = async () => ((await (await fetch(`${base}/api/complaints/${reference}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { status: string }).status;
    expect(await statusOf()).toBe('received');

    const page = await newPage({ width: 1366, height: 860 });
    const problems = watch(page);
    await login(page, base);
    await page.locator('[data-testid="nav-complaints"]').click();
    await page.locator(`[data-testid="complaint-item"][data-reference="${reference}"]`).click();
    const detail = page.locator('[data-testid="complaint-detail"]');
    await expect.poll(() => detail.getAttribute('data-status')).toBe('received');

    const move = async (transition: string, fill?: { resolution?: string; note?: string }) => {
      await page.locator(`[data-testid="complaint-transition"][data-transition="${transition}"]`).click();
      if (fill?.resolution) await page.locator('[data-testid="complaint-resolution"]').fill(fill.resolution);
      if (fill?.note) await page.locator('[data-testid="complaint-note"]').fill(fill.note);
      await page.locator('[data-testid="complaint-transition-submit"]').click();
    };
    await move('acknowledge');
    await expect.poll(() => detail.getAttribute('data-status')).toBe('acknowledged');
    expect(await page.locator('[data-testid="complaint-history"] li').count()).toBe(2);
    await move('start_investigation', { note: '已调取扣费记录' });
    await expect.poll(() => detail.getAttribute('data-status')).toBe('investigating');
    await move('propose_resolution'); // no resolution written yet: said, not sent
    expect(await page.locator('[data-testid="complaint-result"]').textContent()).toContain('请填写处理方案');
    await page.locator('[data-testid="complaint-resolution"]').fill('退还误收的信用卡年费300元');
    await page.locator('[data-testid="complaint-transition-submit"]').click();
    await expect.poll(() => detail.getAttribute('data-status')).toBe('resolution_proposed');
    await shot(page, 'complaint-1366');
    await page.setViewportSize({ width: 768, height: 1024 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await shot(page, 'complaint-768');
    await page.setViewportSize({ width: 1366, height: 860 });

    // The supervisor's approvals list, approve in place.
    await page.locator('[data-testid="nav-supervisor"]').click();
    const approval = page.locator(`[data-testid="approval-item"][data-reference="${reference}"]`);
    await approval.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => page.locator('[data-testid="supervisor-view"] .loading').count()).toBe(0);
    await shot(page, 'supervisor-1366');
    await approval.locator('[data-testid="approve"]').click();
    await page.locator('[data-testid="supervisor-result"]').waitFor({ state: 'visible' });
    await expect.poll(() => approval.count()).toBe(0);
    expect(await statusOf()).toBe('approved');

    // Someone else carries it out meanwhile; the console's now-stale button gets a clear 409.
    await page.goto(`${base}/agent#/complaints/${reference}`);
    await expect.poll(() => detail.getAttribute('data-status')).toBe('approved');
    const carried = await fetch(`${base}/api/complaints/${reference}/transitions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ to: 'resolved' }) });
    expect(carried.status).toBe(200);
    await move('carry_out_resolution');
    await expect.poll(async () => (await page.locator('[data-testid="complaint-result"]').textContent()) ?? '').toContain('当前阶段不允许此操作');
    expect(problems).toEqual([]);
  }, 120_000);

  it('the dashboard follows the date range and drills down to conversations', async () => {
    const base = teller.baseUrl;
    const timeZone = teller.config.TIMEZONE;
    // Real rows: a generated month of activity (120 conversations over the last 30 days, fixed seed)
    // written by the demo seeder, so the numbers for any range are known from the fixture itself.
    const month = generateDemoMonth(await demoKnowledge(), { now: new Date(), days: 30, conversations: 120, seed: 4242, timeZone });
    await writeDemoMonth(teller.infra.db, month, { timeZone });
    const segmentOf = new Map(month.customers.map((c) => [c.id, c.segment]));
    const engaged = new Set(month.messages.filter((m) => m.author === 'customer').map((m) => m.conversationId));
    /** Fixture conversations counted by the KPI (with a customer message) started on bank days [from, to]. */
    const fixture = (from: string, to: string, segment?: string) =>
      month.conversations.filter((c) => {
        const day = localDateOf(c.createdAt, timeZone);
        return engaged.has(c.id) && day >= from && day <= to && (!segment || segmentOf.get(c.customerId) === segment);
      });
    const today = localDateOf(new Date(), timeZone);
    const daysAgo = (n: number) => localDateOf(new Date(Date.parse(`${today}T12:00:00Z`) - n * 86_400_000), 'UTC');

    // One real question the bot cannot answer, with markup, for the unanswered list.
    const unanswered = '<b>火锅</b>哪家好吃';
    const conv = (await (await fetch(`${base}/api/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: 'zh-CN', channel: 'web' }) })).json()) as { id: string; token: string };
    const said = await fetch(`${base}/api/conversations/${conv.id}/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${conv.token}` }, body: JSON.stringify({ text: unanswered }) });
    expect(said.status).toBeLessThan(300);

    const token = ((await (await fetch(`${base}/api/agent/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })).json()) as { token: string }).token;
    type Kpis = { conversations: number; containmentRate: number | null; handoffRate: number | null; volumes: { byRoute: Record<string, number> }; topUnanswered: Array<{ text: string; count: number }> };
    const kpisOf = async (query: Record<string, string>) => {
      const res = await fetch(`${base}/api/analytics/kpis?${new URLSearchParams(query)}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      return (await res.json()) as Kpis;
    };

    // Dates as the bank's staff see them: the browser in the bank's time zone.
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US', timezoneId: timeZone });
    contexts.push(context);
    const page = await context.newPage();
    const problems = watch(page);
    await login(page, base);
    await page.locator('[data-testid="nav-dashboard"]').click();
    const content = page.locator('[data-testid="dash-content"]');
    const card = (id: string) => page.locator(`[data-testid="kpi-${id}"]`);
    const shown = async (id: string) => {
      const v = await card(id).getAttribute('data-value');
      return v === '' || v === null ? null : Number(v);
    };
    /** The numbers on screen once the given range has loaded, checked against the API for that range. */
    const expectRange = async (from: string, to: string, extra: Record<string, string> = {}) => {
      await expect.poll(() => content.getAttribute('data-range'), { timeout: 15_000 }).toBe(`${from}..${to}`);
      await expect.poll(() => page.locator('[data-testid="dash-content"].is-refreshing').count()).toBe(0);
      const api = await kpisOf({ from, to, ...extra });
      expect(await shown('conversations')).toBe(api.conversations);
      expect(await shown('containment')).toBe(api.containmentRate);
      expect(await shown('handoff')).toBe(api.handoffRate);
      const routes = Object.values(api.volumes.byRoute).filter((v) => v > 0).sort((a, b) => b - a).join(',');
      if (routes) expect(await page.locator('[data-testid="chart-route"]').getAttribute('data-values')).toBe(routes);
      return api;
    };

    // Default: the last 30 days, which hold the whole fixture (plus this file's own conversations, all today).
    const last30 = await expectRange(daysAgo(29), today);
    expect(last30.conversations).toBeGreaterThanOrEqual(fixture(daysAgo(29), today).length);
    expect(fixture(daysAgo(29), today).length).toBe(engaged.size);

    // Last 7 days: exactly the fixture's conversations of the 23 older days drop out.
    await page.locator('[data-testid="dash-preset-7"]').click();
    const last7 = await expectRange(daysAgo(6), today);
    const older = fixture(daysAgo(29), daysAgo(7)).length;
    expect(older).toBeGreaterThan(0);
    expect(last30.conversations - last7.conversations).toBe(older);
    // The markup of an unanswered question is listed as text.
    expect(last7.topUnanswered.map((q) => q.text)).toContain(unanswered);
    const questions = await page.locator('[data-testid="top-unanswered"] tbody td:first-child').allTextContents();
    expect(questions).toContain(unanswered);
    expect(await page.locator('[data-testid="top-unanswered"] b').count()).toBe(0);

    // Custom dates that leave out today: only fixture rows, so the count is known exactly.
    const from = daysAgo(20);
    const to = daysAgo(8);
    await page.locator('[data-testid="dash-from"]').fill(from);
    await page.locator('[data-testid="dash-to"]').fill(to);
    const custom = await expectRange(from, to);
    const inRange = fixture(from, to);
    expect(inRange.length).toBeGreaterThan(0);
    expect(custom.conversations).toBe(inRange.length);

    // VIP customers only, same dates.
    await page.locator('[data-testid="dash-segment"]').selectOption('vip');
    await expect.poll(() => shown('conversations')).toBe(fixture(from, to, 'vip').length);
    await expectRange(from, to, { segment: 'vip' });
    await page.locator('[data-testid="dash-segment"]').selectOption('');
    await expect.poll(() => shown('conversations')).toBe(inRange.length);

    // Drill down: the conversations behind the number are exactly the fixture's for the range.
    await card('conversations').click();
    const drill = page.locator('[data-testid="drilldown"]');
    await drill.waitFor({ state: 'visible' });
    expect(await drill.getAttribute('data-metric')).toBe('conversations');
    const rows = page.locator('[data-testid="drilldown-row"]');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(inRange.length);
    const ids = await rows.locator('a').evaluateAll((as) => as.map((a) => decodeURIComponent((a.getAttribute('href') ?? '').replace('#/t/', ''))));
    expect([...ids].sort()).toEqual(inRange.map((c) => c.id).sort());
    // Newest first, and each row names its conversation's first customer question.
    const firstQuestion = new Map<string, string>();
    for (const m of [...month.messages].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) if (m.author === 'customer' && !firstQuestion.has(m.conversationId)) firstQuestion.set(m.conversationId, m.text);
    const newest = [...inRange].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    expect(ids[0]).toBe(newest.id);
    const preview = ((await rows.first().locator('td').last().textContent()) ?? '').replace(/…$/, '');
    expect(firstQuestion.get(newest.id)?.startsWith(preview)).toBe(true);
    await shot(page, 'dashboard-1366');

    // A bot-only conversation behind the self-service rate: its row opens the read-only record, with
    // the transcript as stored and how each customer message was routed (no handoff needed).
    const record = page.locator('[data-testid="transcript-view"]');
    const recordMessages = page.locator('[data-testid="record-message"]');
    const handedOff = new Set(month.handoffs.map((h) => h.conversationId));
    await card('containment').click();
    await expect.poll(() => drill.getAttribute('data-metric')).toBe('containment');
    const contained = inRange.filter((c) => c.resolvedBy === 'bot' && !handedOff.has(c.id));
    expect(contained.length).toBeGreaterThan(0);
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(contained.length);
    const containedIds = await rows.locator('a').evaluateAll((as) => as.map((a) => decodeURIComponent((a.getAttribute('href') ?? '').replace('#/t/', ''))));
    expect([...containedIds].sort()).toEqual(contained.map((c) => c.id).sort());
    const botOnly = containedIds[0];
    await rows.locator(`a[href="#/t/${botOnly}"]`).click();
    await expect.poll(() => new URL(page.url()).hash).toBe(`#/t/${botOnly}`);
    await expect.poll(() => record.getAttribute('data-conversation-id'), { timeout: 15_000 }).toBe(botOnly);
    const expected = month.messages.filter((m) => m.conversationId === botOnly);
    const shownMessages = () => recordMessages.evaluateAll((els) => els.map((e) => ({ author: e.getAttribute('data-author'), text: e.querySelector('.msg-text')?.textContent ?? '', route: e.querySelector('[data-testid="record-route"]')?.getAttribute('data-route') ?? null })));
    expect(await shownMessages()).toEqual(expected.map((m) => ({ author: m.author, text: m.text, route: m.author === 'customer' ? m.route : null })));
    expect(await page.locator('[data-testid="record-handoff"]').count()).toBe(0);
    expect(await page.locator('[data-testid="record-open-agent-view"]').count()).toBe(0);
    expect(await page.locator('[data-testid="record-handoffs"] .empty').textContent()).toBe('The assistant handled this conversation alone.');
    expect(await page.locator('[data-testid="record-not-found"], [data-testid="record-forbidden"]').count()).toBe(0);
    await shot(page, 'record-1366');
    await page.setViewportSize({ width: 768, height: 1024 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    expect(await recordMessages.first().isVisible()).toBe(true);
    await shot(page, 'record-768');
    await page.locator('[data-testid="lang-toggle"]').click();
    await expect.poll(() => record.locator('h1').textContent()).toBe('会话记录');
    await page.locator('[data-testid="lang-toggle"]').click();
    await page.setViewportSize({ width: 1366, height: 900 });

    // The handoff rate's drill-down: the handed-off conversations of the range; a row opens the
    // record, with its handoffs, and from there the conversation in the agent view.
    await page.locator('[data-testid="record-back"]').click();
    await content.waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('[data-testid="dash-from"]').fill(from);
    await page.locator('[data-testid="dash-to"]').fill(to);
    await expect.poll(() => content.getAttribute('data-range'), { timeout: 15_000 }).toBe(`${from}..${to}`);
    const handedInRange = inRange.filter((c) => handedOff.has(c.id)).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    expect(handedInRange.length).toBeGreaterThan(0);
    await card('handoff').click();
    await expect.poll(() => drill.getAttribute('data-metric')).toBe('handoff');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(handedInRange.length);
    const handoffIds = await rows.locator('a').evaluateAll((as) => as.map((a) => decodeURIComponent((a.getAttribute('href') ?? '').replace('#/t/', ''))));
    expect(handoffIds).toEqual(handedInRange.map((c) => c.id));
    await rows.first().locator('a').click();
    await expect.poll(() => new URL(page.url()).hash).toBe(`#/t/${handedInRange[0].id}`);
    await expect.poll(() => record.getAttribute('data-conversation-id'), { timeout: 15_000 }).toBe(handedInRange[0].id);
    expect(await page.locator('[data-testid="record-handoff"]').count()).toBe(month.handoffs.filter((h) => h.conversationId === handedInRange[0].id).length);
    expect(await page.locator('[data-testid="record-message"][data-author="customer"] .msg-text').first().textContent()).toBe(firstQuestion.get(handedInRange[0].id));
    await page.locator('[data-testid="record-open-agent-view"]').click();
    await expect.poll(() => new URL(page.url()).hash).toBe(`#/c/${handedInRange[0].id}`);
    await page.locator('[data-testid="conversation"]').waitFor({ state: 'visible', timeout: 15_000 });
    await expect
      .poll(() => page.locator('[data-testid="console-message"][data-author="customer"] .msg-text').first().textContent(), { timeout: 15_000 })
      .toBe(firstQuestion.get(handedInRange[0].id));

    await page.locator('[data-testid="nav-dashboard"]').click();
    await content.waitFor({ state: 'visible', timeout: 15_000 });
    await page.setViewportSize({ width: 768, height: 1024 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await shot(page, 'dashboard-768');

    await page.setViewportSize({ width: 1366, height: 900 });
    await page.locator('[data-testid="nav-supervisor"]').click();
    await page.locator('[data-testid="sup-approvals"]').waitFor({ state: 'visible' });
    await page.locator('[data-testid="nav-complaints"]').click();
    await page.locator('[data-testid="complaint-filter-status"]').waitFor({ state: 'visible' });
    await shot(page, 'complaints-1366');
    expect(problems).toEqual([]);
  }, 120_000);
});
