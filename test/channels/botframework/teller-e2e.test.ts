// The Bot Framework channel inside the real Teller (every service wired, real NLU and knowledge base),
// listening on a port: the contract's emulator scenario, and an agent's reply reaching a messaging
// customer as a proactive message through the handoff relay and the outbound port.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeller, type TellerUnderTest } from '../../helpers/context.js';
import { startFakeConnector, type FakeConnector } from './support/fake-connector.js';
import { messageActivity, postActivity } from './support/harness.js';

let teller: TellerUnderTest;
let connector: FakeConnector;

beforeAll(async () => {
  [teller, connector] = await Promise.all([startTeller({ listen: true }), startFakeConnector()]);
});
afterAll(async () => {
  await teller?.close();
  await connector?.close();
});

describe('Bot Framework channel in the running Teller (emulator mode)', () => {
  it('answers the contract check\'s activity at serviceUrl within 5 s', async () => {
    const act = { ...messageActivity(connector.serviceUrl), conversation: { id: 'conv-check-1' }, from: { id: 'user-1', name: 'Customer' }, recipient: { id: 'bot', name: 'Teller' } };
    const started = Date.now();
    const res = await postActivity(teller.baseUrl, act);
    expect(res.status).toBeGreaterThanOrEqual(200);
    expect(res.status).toBeLessThan(300);
    const reply = await connector.waitFor((c) => c.body.type === 'message', 5000);
    expect(reply.path.startsWith('/v3/conversations/conv-check-1/activities')).toBe(true);
    expect(Boolean(reply.body.text) || Array.isArray(reply.body.attachments)).toBe(true);
    console.log(`contract botframework scenario: reply at ${reply.path} after ${reply.at - started} ms`);
  });

  it('relays an agent\'s reply to the messaging customer as a proactive message', async () => {
    connector.clear();
    const conv = 'conv-e2e-agent';
    await postActivity(teller.baseUrl, messageActivity(connector.serviceUrl, { id: 'e2e-1', conversation: { id: conv }, text: 'I want to talk to a human agent' }));
    await connector.waitFor((c) => c.body.type === 'message');
    const services = teller.app.services;
    const record = await services.conversations.findByChannelConversation('emulator', conv);
    expect(record?.state).toBe('waiting');

    const login = await fetch(`${teller.baseUrl}/api/agent/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@bank.test', password: 'Adm1n-pass-2026!' }) });
    const { token } = (await login.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const list = (await (await fetch(`${teller.baseUrl}/api/agent/handoffs?status=waiting`, { headers: auth })).json()) as { handoffs: Array<{ id: string; conversationId: string }> };
    const handoff = list.handoffs.find((x) => x.conversationId === record!.id);
    expect(handoff).toBeDefined();
    expect((await fetch(`${teller.baseUrl}/api/agent/handoffs/${handoff!.id}/claim`, { method: 'POST', headers: auth, body: '{}' })).status).toBe(200);

    connector.clear();
    const sent = await fetch(`${teller.baseUrl}/api/agent/conversations/${record!.id}/messages`, { method: 'POST', headers: auth, body: JSON.stringify({ text: 'Hello, I am looking at your case now.' }) });
    expect(sent.status).toBe(201);
    const proactive = await connector.waitFor((c) => c.body.type === 'message' && String(c.body.text).includes('looking at your case'), 5000);
    expect(proactive.path).toBe(`/v3/conversations/${conv}/activities`);
    expect(proactive.body.text).toBe('Agent: Hello, I am looking at your case now.');
  });
});
