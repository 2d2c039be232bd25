// The LLM times out, fails or talks nonsense (a real local server speaking the OpenAI protocol):
// every turn still answers from the knowledge base / rules within the deadline, and a working LLM
// afterwards is used again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reply, startFakeOpenAiServer, type FakeOpenAiServer, type ScriptedReply } from '../helpers/fake-openai-server.js';
import { client, startTeller, timed, type Teller } from './support.js';

const LLM_TIMEOUT_MS = 800;
/** Room for the rest of the turn (classifier, database) on a loaded 2-core machine. */
const SLACK_MS = 1500;

let llm: FakeOpenAiServer;
let t: Teller;

beforeAll(async () => {
  llm = await startFakeOpenAiServer();
  t = await startTeller({ env: { OPENAI_BASE_URL: llm.url, OPENAI_API_KEY: 'sk-test', LLM_TIMEOUT_MS: String(LLM_TIMEOUT_MS), LLM_MAX_RETRIES: '1' } });
}, 120_000);
afterAll(async () => {
  await t?.close();
  await llm?.close();
});

const failures: Array<[string, ScriptedReply]> = [
  ['hangs past the deadline', reply.hang()],
  ['answers 500', reply.error(500)],
  ['answers 503 with a long retry-after', reply.error(503, { 'retry-after': '30' })],
  ['answers 429', reply.error(429, { 'retry-after-ms': '60000' })],
  ['sends a malformed body', reply.malformed()],
  ['breaks the stream half-way', reply.brokenStream(['You can reset', ' your pass'])],
  ['answers too slowly', reply.content('Late answer', { delayMs: LLM_TIMEOUT_MS * 3 })],
];

describe('LLM failures', () => {
  it.each(failures)('when the LLM %s, the turn answers from the knowledge base within the deadline', async (_name, script) => {
    llm.reset();
    llm.setDefault(script);
    const c = client(t.app);
    for (const [locale, question, expected] of [
      ['en', 'How do I reset my online banking password?', /password/i],
      ['zh-CN', '怎么开通手机银行？', /手机银行/],
    ] as const) {
      const conv = await c.start(locale);
      const { value: res, ms } = await timed(() => c.say(conv, question));
      expect(res.statusCode, res.body).toBe(200);
      const turn = res.json();
      expect(turn.route).toBe('faq');
      expect(JSON.stringify(turn.replies[0])).toMatch(expected); // the answer or the entry it came from
      expect(turn.replies[0].text).not.toMatch(/Late answer|fake error/);
      expect(ms, `${locale} turn took ${Math.round(ms)} ms`).toBeLessThan(LLM_TIMEOUT_MS + SLACK_MS);
    }
    // The LLM was really asked (the fallback is not just "LLM off").
    expect(llm.chatRequests().length).toBeGreaterThan(0);

    // A message the rules cannot place asks the LLM to route it, then falls back to the bot's own reply.
    const conv = await c.start('en');
    const { value: res, ms } = await timed(() => c.say(conv, 'the thing with the stuff from before is still weird'));
    expect(res.statusCode, res.body).toBe(200);
    expect(['fallback', 'faq', 'smalltalk', 'handoff', 'complaint']).toContain(res.json().route);
    expect(res.json().replies.length).toBeGreaterThan(0);
    expect(ms).toBeLessThan(2 * LLM_TIMEOUT_MS + SLACK_MS);
  }, 60_000);

  it('uses the LLM again once it works', async () => {
    llm.reset();
    llm.setDefault((req) => (req.body?.response_format ? reply.content('{"route":"faq","intent":"password_reset","confidence":0.9}') : reply.content('To reset your online banking password, open the app and tap "Forgot password". Hotline 95xxx.')));
    const c = client(t.app);
    const conv = await c.start('en');
    const res = await c.say(conv, 'How do I reset my online banking password?');
    expect(res.statusCode).toBe(200);
    expect(llm.chatRequests().length).toBeGreaterThan(0);
  });
});
