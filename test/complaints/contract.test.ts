// The complaint part of the public contract on the whole app (startTeller): a complaint made in the
// chat the way the outside check makes it, then read and refused a skipped step over the agent API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeller, type TellerUnderTest } from '../helpers/context.js';

let t: TellerUnderTest;
beforeAll(async () => {
  t = await startTeller({ workers: true });
});
afterAll(async () => {
  await t?.close();
});

async function call(method: 'GET' | 'POST', url: string, token?: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, json: res.json() };
}

type Turn = { replies: Array<{ text: string; suggestedActions?: string[] }>; route: string; complaint?: { reference: string; status: string } };

async function complain(locale: 'zh-CN' | 'en', first: string, answers: string[], pick: RegExp) {
  const conv = (await call('POST', '/api/conversations', undefined, { locale, channel: 'web', customer: { externalId: `contract-${locale}`, name: 'Test' } })).json as { id: string; token: string };
  const say = async (text: string) => (await call('POST', `/api/conversations/${conv.id}/messages`, conv.token, { text })).json as Turn;
  let r = await say(first);
  const firstRoute = r.route;
  let turns = 1;
  for (const answer of answers) {
    if (r.complaint?.reference) break;
    const chosen = r.replies.flatMap((x) => x.suggestedActions ?? []).find((s) => pick.test(s));
    r = await say(chosen ?? answer);
    turns++;
  }
  return { conv, r, turns, firstRoute };
}

describe('complaints through the public API', () => {
  it('takes the outside check’s Chinese complaint to a reference, then serves it to an agent and refuses a skipped step', async () => {
    const { r, turns, firstRoute } = await complain('zh-CN', '你们上个月莫名其妙扣了我300元年费，打客服也没人管，我要投诉', ['信用卡年费', '上个月10号', '300元', '退还年费', '电话联系我', '确认', '确认提交', '是的', '确认'], /确认|提交|是/);
    expect(firstRoute).toBe('complaint');
    expect(r.complaint?.reference).toMatch(/^CMP-\d{4}-\d{6}$/);
    expect(turns).toBeLessThanOrEqual(10);
    expect(r.replies.map((x) => x.text).join('')).toContain(r.complaint!.reference);

    const login = await call('POST', '/api/agent/login', undefined, { email: 'admin@bank.test', password: 'Adm1n-pass-2026!' });
    const token = login.json.token as string;
    const got = await call('GET', `/api/complaints/${r.complaint!.reference}`, token);
    expect(got.status).toBe(200);
    expect(got.json.dueAt).toBeTruthy();
    expect(Array.isArray(got.json.history)).toBe(true);
    expect((await call('POST', `/api/complaints/${r.complaint!.reference}/transitions`, token, { to: 'closed' })).status).toBe(409);

    // The worker triages it: acknowledged by the system.
    const deadline = Date.now() + 10_000;
    let status = got.json.status;
    while (status !== 'acknowledged' && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 100));
      status = (await call('GET', `/api/complaints/${r.complaint!.reference}`, token)).json.status;
    }
    expect(status).toBe('acknowledged');
  });

  it('takes an English complaint to a reference and answers a status question about it', async () => {
    const { conv, r } = await complain('en', 'I want to make a complaint', ['The ATM kept my card and nobody at the branch helped', 'yesterday', 'None', 'An apology', 'email me', 'Submit'], /^Submit$/);
    const reference = r.complaint?.reference;
    expect(reference).toMatch(/^CMP-\d{4}-\d{6}$/);
    const status = (await call('POST', `/api/conversations/${conv.id}/messages`, conv.token, { text: `What is the status of ${reference}?` })).json as Turn;
    expect(status.route).toBe('complaint');
    expect(status.replies[0].text).toContain(reference!);
  });

  it('keeps the customer’s own wording in an English complaint (capitals and all), with the card number masked', async () => {
    const said = 'My Visa Platinum card 4111 1111 1111 1111 was charged TWICE by Heathrow Express';
    const { conv, r } = await complain('en', 'I want to make a complaint', [said, 'Cards', 'Yesterday', '£45', 'A Refund please', 'Email me', 'Submit'], /^Submit$/);
    const reference = r.complaint?.reference;
    expect(reference).toMatch(/^CMP-\d{4}-\d{6}$/);

    const token = (await call('POST', '/api/agent/login', undefined, { email: 'admin@bank.test', password: 'Adm1n-pass-2026!' })).json.token as string;
    const got = await call('GET', `/api/complaints/${reference}`, token);
    expect(got.status).toBe(200);
    const masked = 'My Visa Platinum card **** **** **** 1111 was charged TWICE by Heathrow Express';
    expect(got.json.description).toBe(masked);
    expect(got.json.description.replace(/\D/g, '')).not.toContain('41111111');
    expect(got.json.desiredOutcome).toBe('A Refund please');
    expect(got.json.occurredText).toBe('Yesterday');

    // The transcript shows the same words, and so did the summary the customer confirmed.
    const transcript = (await call('GET', `/api/conversations/${conv.id}/messages`, conv.token)).json.messages as Array<{ author: string; text: string }>;
    expect(transcript.filter((m) => m.author === 'customer').map((m) => m.text)).toContain(masked);
    const summary = transcript.find((m) => m.author === 'bot' && m.text.includes('TWICE'));
    expect(summary?.text).toContain(masked);
    expect(JSON.stringify(transcript)).not.toContain('4111 1111 1111 1111');
  });
});
