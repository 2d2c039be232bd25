// The customer chat API end to end, in-process, on the real services (public contract).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeller, type TellerUnderTest } from '../helpers/context.js';

let t: TellerUnderTest;
beforeAll(async () => {
  t = await startTeller({ listen: true });
});
afterAll(async () => t?.close());

async function start(locale: 'zh-CN' | 'en', customer?: Record<string, string>) {
  const res = await t.app.inject({ method: 'POST', url: '/api/conversations', payload: { locale, channel: 'web', ...(customer ? { customer } : {}) } });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; token: string };
}
async function say(conv: { id: string; token: string }, text: string) {
  const res = await t.app.inject({ method: 'POST', url: `/api/conversations/${conv.id}/messages`, payload: { text }, headers: { authorization: `Bearer ${conv.token}` } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
async function transcript(conv: { id: string; token: string }) {
  const res = await t.app.inject({ url: `/api/conversations/${conv.id}/messages`, headers: { authorization: `Bearer ${conv.token}` } });
  expect(res.statusCode).toBe(200);
  return res.json().messages as Array<{ id: string; author: string; text: string; createdAt: string }>;
}

describe('customer chat API', () => {
  it('answers a Chinese FAQ question in Chinese from the knowledge base', async () => {
    const c = await start('zh-CN');
    const r = await say(c, '怎么开通手机银行？');
    expect(r.route).toBe('faq');
    expect(r.replies[0].text).toMatch(/[\u4e00-\u9fff]/);
    expect(r.replies[0].card.title).toMatch(/手机银行/); // the entry it answered from
    expect(r.confidence).toBeGreaterThan(0);
  });

  it('answers an English FAQ question in English', async () => {
    const c = await start('en');
    const r = await say(c, 'How do I reset my online banking password?');
    expect(r.route).toBe('faq');
    expect(r.replies[0].text).toMatch(/password/i);
    expect(r.replies[0].text).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('keeps the transcript in order with personal data masked', async () => {
    const c = await start('zh-CN');
    await say(c, '你好');
    await say(c, '我的卡号 6222 0212 3456 7890 128 能用吗，手机13812345678');
    const tr = await transcript(c);
    expect(tr.map((m) => m.author)).toEqual(['customer', 'bot', 'customer', 'bot']);
    const all = tr.map((m) => m.text.replace(/\s/g, '')).join('\n');
    expect(all).not.toContain('6222021234567890128');
    expect(all).not.toContain('13812345678');
    expect(tr[2].text).toMatch(/0128|\*{4}/);
    expect(new Date(tr[0].createdAt).getTime()).toBeLessThanOrEqual(new Date(tr[3].createdAt).getTime());
  });

  it('scopes a token to its own conversation', async () => {
    const a = await start('zh-CN');
    const b = await start('en');
    const cross = await t.app.inject({ method: 'POST', url: `/api/conversations/${a.id}/messages`, payload: { text: 'hi' }, headers: { authorization: `Bearer ${b.token}` } });
    expect(cross.statusCode).toBe(403);
    const none = await t.app.inject({ method: 'POST', url: `/api/conversations/${a.id}/messages`, payload: { text: 'hi' } });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('unauthorized');
  });

  it('routes urgent, handoff, smalltalk and fallback messages', async () => {
    const c1 = await start('zh-CN');
    const urgent = await say(c1, '我的银行卡丢了，怎么办');
    expect(urgent.route).toBe('urgent');
    expect(urgent.replies[0].text).toMatch(/挂失|冻结/);
    const c2 = await start('en');
    expect((await say(c2, 'hello')).route).toBe('smalltalk');
    const c3 = await start('en');
    const f1 = await say(c3, 'asdfgh qwerty');
    expect(f1.route).toBe('fallback');
    const f2 = await say(c3, 'zzzz blorp');
    expect(f2.route).toBe('fallback');
    expect(f2.replies[0].suggestedActions).toContain('Talk to an agent');
  });

  it('pushes new messages on the live stream (SSE), replaying from Last-Event-ID', async () => {
    const c = await start('en');
    await say(c, 'hello');
    const first = await transcript(c);
    const controller = new AbortController();
    const res = await fetch(`${t.baseUrl}/api/conversations/${c.id}/events`, { headers: { authorization: `Bearer ${c.token}`, 'last-event-id': '0' }, signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let buffer = '';
    const seen = async (pred: (b: string) => boolean) => {
      const deadline = Date.now() + 5000;
      while (!pred(buffer) && Date.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += new TextDecoder().decode(value);
      }
      return pred(buffer);
    };
    expect(await seen((b) => b.includes(first[1].id))).toBe(true); // replayed
    await say(c, 'How do I change my card PIN?');
    expect(await seen((b) => (b.match(/event: message/g) ?? []).length >= 4)).toBe(true); // live
    controller.abort();
  });
});

describe('bad input', () => {
  it.each([
    ['invalid JSON', '{"text":', 400, 'invalid_json'],
    ['a number for text', JSON.stringify({ text: 42 }), 400, 'validation_failed'],
    ['no text', JSON.stringify({}), 400, 'validation_failed'],
    ['deep nesting', '['.repeat(5000), 400, undefined],
    ['a too-long message', JSON.stringify({ text: 'x'.repeat(20000) }), 400, 'validation_failed'],
    ['a body over the limit', JSON.stringify({ text: 'x'.repeat(70_000) }), 413, 'payload_too_large'],
  ])('refuses %s with a JSON error', async (_name, body, status, code) => {
    const c = await start('en');
    const res = await t.app.inject({ method: 'POST', url: `/api/conversations/${c.id}/messages`, payload: body, headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.message).toEqual(expect.any(String));
    if (code) expect(res.json().error.code).toBe(code);
    expect((await transcript(c)).length).toBe(0);
  });

  it('refuses a malformed conversation id with 400', async () => {
    const res = await t.app.inject({ url: '/api/conversations/not-a-uuid/messages', headers: { authorization: 'Bearer x' } });
    expect(res.statusCode).toBe(400);
  });
});
