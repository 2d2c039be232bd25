// The LLM paths of a turn against a real local server speaking the OpenAI protocol: a grounded answer
// streams to the customer's live stream and is stored whole; a failing or slow model falls back to the
// retrieved answer within the deadline; personal data never reaches the model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeller, type TellerUnderTest } from '../helpers/context.js';
import { reply, startFakeOpenAiServer, type FakeOpenAiServer } from '../helpers/fake-openai-server.js';

let llm: FakeOpenAiServer;
let t: TellerUnderTest;
beforeAll(async () => {
  llm = await startFakeOpenAiServer();
  t = await startTeller({ listen: true, env: { OPENAI_BASE_URL: llm.url, LLM_TIMEOUT_MS: '1500', LLM_MAX_RETRIES: '0' } });
});
afterAll(async () => {
  await t?.close();
  await llm?.close();
});

async function start() {
  const c = (await t.app.inject({ method: 'POST', url: '/api/conversations', payload: { locale: 'en' } })).json();
  return { ...c, auth: { authorization: `Bearer ${c.token}` } };
}

function follow(conv: { id: string; token: string }) {
  const controller = new AbortController();
  const events: Array<{ event: string; data: any }> = [];
  let connected!: () => void;
  const ready = new Promise<void>((r) => (connected = r));
  const done = (async () => {
    const res = await fetch(`${t.baseUrl}/api/conversations/${conv.id}/events`, { headers: { authorization: `Bearer ${conv.token}` }, signal: controller.signal });
    const reader = res.body!.getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += new TextDecoder().decode(value);
      let i;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
        if (event === 'state') connected(); // the server subscribed before it sent this
      }
    }
  })().catch(() => {});
  return { events, ready, stop: () => (controller.abort(), done) };
}

describe('turns with an LLM configured', () => {
  it('streams a grounded answer to the live stream, then stores it whole under the same id', async () => {
    const conv = await start();
    const stream = follow(conv);
    await stream.ready;
    const pieces = ['To change your PIN, ', 'open the app, go to Cards ', 'and choose Change PIN.'];
    llm.enqueue(reply.stream(pieces, 30));
    const r = (await t.app.inject({ method: 'POST', url: `/api/conversations/${conv.id}/messages`, payload: { text: 'How do I change my card PIN?' }, headers: conv.auth })).json();
    expect(r.route).toBe('faq');
    expect(r.replies[0].text).toBe(pieces.join(''));
    await new Promise((r) => setTimeout(r, 300));
    await stream.stop();
    const deltas = stream.events.filter((e) => e.event === 'delta');
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.every((d) => d.data.id === r.replies[0].id)).toBe(true);
    const final = stream.events.find((e) => e.event === 'message' && e.data.id === r.replies[0].id);
    expect(final?.data.text).toBe(pieces.join(''));
    // The model saw the retrieved entries and the question, delimited as customer text.
    const sent = llm.chatRequests().at(-1)!;
    expect(JSON.stringify(sent.messages)).toMatch(/change my card PIN/i);
  });

  it('falls back to the retrieved answer when the model fails, within the deadline', async () => {
    const conv = await start();
    llm.enqueue(reply.error(500));
    let started = Date.now();
    const failed = (await t.app.inject({ method: 'POST', url: `/api/conversations/${conv.id}/messages`, payload: { text: 'How do I reset my online banking password?' }, headers: conv.auth })).json();
    expect(failed.route).toBe('faq');
    expect(failed.replies[0].text).toBe(failed.replies[0].card.body); // the knowledge-base answer itself
    expect(Date.now() - started).toBeLessThan(1500);

    llm.enqueue(reply.hang());
    started = Date.now();
    const slow = (await t.app.inject({ method: 'POST', url: `/api/conversations/${conv.id}/messages`, payload: { text: 'How do I change my card PIN?' }, headers: conv.auth })).json();
    expect(slow.route).toBe('faq');
    expect(slow.replies[0].text).toBe(slow.replies[0].card.body);
    expect(Date.now() - started).toBeLessThan(1500 + 1000);
  });

  it('masks personal data before the prompt', async () => {
    const conv = await start();
    llm.enqueue(reply.stream(['Please keep your card safe.']));
    const before = llm.chatRequests().length;
    await t.app.inject({ method: 'POST', url: `/api/conversations/${conv.id}/messages`, payload: { text: 'How do I change the PIN of card 6222 0212 3456 7890 128? call 13812345678' }, headers: conv.auth });
    expect(llm.chatRequests().length).toBe(before + 1); // the model was asked
    const sent = JSON.stringify(llm.chatRequests().at(-1)?.messages ?? []);
    expect(sent).toMatch(/PIN/);
    expect(sent.replace(/\s/g, '')).not.toContain('6222021234567890128');
    expect(sent).not.toContain('13812345678');
  });
});
