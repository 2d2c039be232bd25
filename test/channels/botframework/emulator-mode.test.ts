// The Bot Framework endpoint in emulator mode (MICROSOFT_APP_ID unset), end to end over HTTP: activities
// posted to POST /api/messages, replies received by a local server playing the Bot Connector.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NoConversationReferenceError } from '../../../src/channels/botframework/proactive.js';
import { startFakeConnector, type FakeConnector } from './support/fake-connector.js';
import { messageActivity, PIN_ANSWER, postActivity, startBotHarness, type BotHarness } from './support/harness.js';

let h: BotHarness;
let connector: FakeConnector;
let convSeq = 0;
/** A fresh channel conversation per test, so tests do not share Teller conversations. */
const nextConv = () => `conv-${++convSeq}`;

beforeAll(async () => {
  [h, connector] = await Promise.all([startBotHarness(), startFakeConnector()]);
});
afterAll(async () => {
  await h?.close();
  await connector?.close();
});
beforeEach(() => connector.clear());

describe('POST /api/messages in emulator mode', () => {
  it('answers a message at {serviceUrl}/v3/conversations/{id}/activities/{activityId}, typing first, with no token', async () => {
    const conv = nextConv();
    const started = performance.now();
    const res = await postActivity(h.baseUrl, messageActivity(connector.serviceUrl, { conversation: { id: conv }, id: 'act-1' }));
    const elapsed = performance.now() - started;
    expect(res.status).toBe(200);
    const reply = await connector.waitFor((c) => c.body.type === 'message');
    expect(reply.method).toBe('POST');
    expect(reply.path).toBe(`/v3/conversations/${conv}/activities/act-1`);
    expect(reply.body).toMatchObject({ replyToId: 'act-1', conversation: { id: conv }, recipient: { id: 'user-1' }, from: { id: 'bot-1' } });
    const typing = connector.calls.findIndex((c) => c.body.type === 'typing');
    expect(typing).toBeGreaterThanOrEqual(0);
    expect(typing).toBeLessThan(connector.calls.indexOf(reply));
    // Emulator mode: nothing signs outbound calls (no Azure AD token was fetched; this machine has no internet).
    expect(connector.calls.every((c) => c.authorization === undefined)).toBe(true);
    console.log(`emulator message turn: HTTP 200 in ${elapsed.toFixed(1)} ms, ${connector.calls.length} connector calls`);
  });

  it('sends an FAQ answer with imBack suggested actions and an Adaptive Card 1.5', async () => {
    const conv = nextConv();
    await postActivity(h.baseUrl, messageActivity(connector.serviceUrl, { conversation: { id: conv } }));
    const reply = await connector.waitFor((c) => c.body.type === 'message');
    const body = reply.body as { text?: string; summary?: string; suggestedActions: { to: string[]; actions: unknown[] }; attachments: Array<{ contentType: string; content: Record<string, unknown> }> };
    expect(body.suggestedActions.to).toEqual(['user-1']);
    expect(body.suggestedActions.actions).toEqual(PIN_ANSWER.followUps.map((f) => ({ type: 'imBack', title: f, value: f })));
    expect(body.attachments).toHaveLength(1);
    expect(body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = body.attachments[0].content as { type: string; version: string; body: Array<{ type: string; text: string; wrap: boolean }> };
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.5');
    expect(card.body.map((b) => b.text)).toEqual([PIN_ANSWER.title, PIN_ANSWER.answer]);
    expect(card.body.every((b) => b.type === 'TextBlock' && b.wrap)).toBe(true);
    // The Emulator renders the card, which already carries the answer; the card title names it in previews.
    expect(body.summary).toBe(PIN_ANSWER.title);
  });

  it('keeps the answer as text on a channel that does not render Adaptive Cards', async () => {
    const conv = nextConv();
    await postActivity(h.baseUrl, messageActivity(connector.serviceUrl, { channelId: 'telegram', conversation: { id: conv } }));
    const reply = await connector.waitFor((c) => c.body.type === 'message');
    expect(reply.body.text).toBe(PIN_ANSWER.answer);
    expect(reply.body.attachments).toHaveLength(1);
  });

  it('stores the Teller conversation and its conversation reference, and answers in Chinese for a zh locale', async () => {
    const conv = nextConv();
    await postActivity(h.baseUrl, messageActivity(connector.serviceUrl, { channelId: 'msteams', conversation: { id: conv, tenantId: 't-1' }, from: { id: 'u-zh', name: '张三' }, text: '你好', locale: 'zh-CN' }));
    const reply = await connector.waitFor((c) => c.body.type === 'message');
    expect(String(reply.body.text)).toMatch(/[\u4e00-\u9fff]/);
    const found = await h.store.findByChannelConversation('msteams', conv);
    expect(found).toMatchObject({ channel: 'msteams', locale: 'zh-CN' });
    expect(found!.customer?.externalId).toBe('msteams:u-zh');
    const ref = await h.db.channelReference.findUnique({ where: { conversationId: found!.id } });
    expect(ref).toMatchObject({ channelId: 'msteams', serviceUrl: connector.serviceUrl });
    expect(ref!.reference).toMatchObject({ channelId: 'msteams', conversation: { id: conv, tenantId: 't-1' }, user: { id: 'u-zh' }, bot: { id: 'bot-1' } });
    // The triggering activity is not kept: later messages are new messages, not replies to it.
    expect(ref!.reference).not.toHaveProperty('activityId');
    const transcript = await h.store.messages(found!.id);
    expect(transcript.map((m) => m.author)).toEqual(['customer', 'bot']);
  });

  it('welcomes members added to the conversation, but not the bot itself', async () => {
    const conv = nextConv();
    const base = { type: 'conversationUpdate', id: 'cu-1', serviceUrl: connector.serviceUrl, channelId: 'emulator', recipient: { id: 'bot-1' }, conversation: { id: conv }, locale: 'en-US' };
    expect((await postActivity(h.baseUrl, { ...base, membersAdded: [{ id: 'bot-1' }] })).status).toBe(200);
    expect((await postActivity(h.baseUrl, { ...base, id: 'cu-2', membersAdded: [{ id: 'bot-1' }, { id: 'user-9', name: 'New' }] })).status).toBe(200);
    const welcome = await connector.waitFor((c) => c.body.type === 'message');
    expect(connector.messages()).toHaveLength(1);
    expect(welcome.path).toBe(`/v3/conversations/${conv}/activities/cu-2`);
    expect(String(welcome.body.text)).toMatch(/assistant/);
    expect((welcome.body.suggestedActions as { actions: unknown[] }).actions.length).toBeGreaterThan(0);
    // A welcome is not a turn: no Teller conversation is opened for it.
    expect(await h.store.findByChannelConversation('emulator', conv)).toBeNull();
  });

  it('greets a Teams channel once when the bot is added, not every person who joins it', async () => {
    const conv = nextConv();
    const base = { type: 'conversationUpdate', serviceUrl: connector.serviceUrl, channelId: 'msteams', from: { id: 'installer' }, recipient: { id: 'bot-1' }, conversation: { id: conv, conversationType: 'channel' }, locale: 'en-US' };
    await postActivity(h.baseUrl, { ...base, id: 'j-1', membersAdded: [{ id: 'person-1' }, { id: 'person-2' }] });
    expect(connector.messages()).toHaveLength(0);
    await postActivity(h.baseUrl, { ...base, id: 'j-2', membersAdded: [{ id: 'bot-1' }] });
    const hello = await connector.waitFor((c) => c.body.type === 'message');
    expect(connector.messages()).toHaveLength(1);
    // No quick replies addressed to one person in a shared conversation.
    expect(hello.body.suggestedActions).toBeUndefined();
  });

  it('treats imBack, messageBack and Adaptive Card submits as text turns', async () => {
    const conv = nextConv();
    const post = (over: Record<string, unknown>) => postActivity(h.baseUrl, messageActivity(connector.serviceUrl, { conversation: { id: conv }, ...over }));
    await post({ id: 'a-im', text: 'hello' });
    await post({ id: 'a-back', text: undefined, value: { text: 'What about my PIN?' } });
    await post({ id: 'a-mention', text: '<at>Teller</at> hi there', entities: [{ type: 'mention', text: '<at>Teller</at>', mentioned: { id: 'bot-1', name: 'Teller' } }] });
    const found = await h.store.findByChannelConversation('emulator', conv);
    const customer = (await h.store.messages(found!.id)).filter((m) => m.author === 'customer').map((m) => m.text);
    // (the pipeline stores the normalised text)
    expect(customer).toEqual(['hello', 'What about my PIN?', 'hi there']);
    expect(connector.messages()).toHaveLength(3);
  });

  it('answers a redelivered activity once (the activity id is the idempotency key)', async () => {
    const conv = nextConv();
    const act = messageActivity(connector.serviceUrl, { conversation: { id: conv }, id: 'dup-1' });
    await postActivity(h.baseUrl, act);
    await postActivity(h.baseUrl, act);
    const found = await h.store.findByChannelConversation('emulator', conv);
    const transcript = await h.store.messages(found!.id);
    expect(transcript.filter((m) => m.author === 'customer')).toHaveLength(1);
  });

  it('acknowledges invoke and other activity types without a turn', async () => {
    const conv = nextConv();
    const invoke = await postActivity(h.baseUrl, { type: 'invoke', name: 'some/invoke', id: 'inv-1', serviceUrl: connector.serviceUrl, channelId: 'msteams', from: { id: 'u' }, recipient: { id: 'bot-1' }, conversation: { id: conv } });
    expect(invoke.status).toBe(200);
    const typing = await postActivity(h.baseUrl, { type: 'typing', id: 'ty-1', serviceUrl: connector.serviceUrl, channelId: 'msteams', from: { id: 'u' }, recipient: { id: 'bot-1' }, conversation: { id: conv } });
    expect(typing.status).toBe(200);
    expect(connector.calls).toHaveLength(0);
    expect(await h.store.findByChannelConversation('msteams', conv)).toBeNull();
  });

  it('refuses bodies that are not activities with 400 in the contract error shape', async () => {
    for (const body of ['[1,2]', '"text"', 'null', '{"type":']) {
      const r = await postActivity(h.baseUrl, body);
      expect(r.status, body).toBe(400);
      expect(r.json?.error?.code, body).toMatch(/validation_failed|invalid_json/);
      expect(r.json?.error?.message, body).toBeTruthy();
    }
    const full = messageActivity(connector.serviceUrl) as Record<string, unknown>;
    for (const field of ['type', 'serviceUrl', 'conversation', 'channelId']) {
      const { [field]: _gone, ...rest } = full;
      const r = await postActivity(h.baseUrl, rest);
      expect(r.status, field).toBe(400);
      expect(r.json?.error, field).toMatchObject({ code: 'validation_failed' });
      expect(r.json?.error?.message, field).toContain(field);
    }
    expect(connector.calls).toHaveLength(0);
  });

  it('delivers an agent reply proactively after a delay, labelled as the agent, as a new message', async () => {
    const conv = nextConv();
    await postActivity(h.baseUrl, messageActivity(connector.serviceUrl, { conversation: { id: conv } }));
    const found = await h.store.findByChannelConversation('emulator', conv);
    connector.clear();
    const message = { id: 'm-agent', seq: '99', author: 'agent' as const, text: 'Hello, this is Lin from the card team.', createdAt: new Date().toISOString() };
    const sentAt = Date.now();
    const delivered = new Promise<boolean>((resolve, reject) => setTimeout(() => h.outbound.deliver({ conversationId: found!.id, channel: 'emulator' }, message).then(resolve, reject), 300));
    const got = await connector.waitFor((c) => c.body.type === 'message', 5000);
    expect(await delivered).toBe(true);
    expect(got.path).toBe(`/v3/conversations/${conv}/activities`);
    expect(got.body.text).toBe('Agent: Hello, this is Lin from the card team.');
    expect(got.body).toMatchObject({ conversation: { id: conv }, recipient: { id: 'user-1' }, from: { id: 'bot-1' } });
    expect(got.body).not.toHaveProperty('replyToId');
    expect(got.at - sentAt).toBeGreaterThanOrEqual(300);
    console.log(`proactive agent message reached the connector ${got.at - sentAt} ms after scheduling (300 ms delay)`);
  });

  it('delivers complaint updates as they are, and in the conversation locale', async () => {
    const conv = nextConv();
    await postActivity(h.baseUrl, messageActivity(connector.serviceUrl, { conversation: { id: conv }, text: '你好', locale: 'zh-CN' }));
    const found = await h.store.findByChannelConversation('emulator', conv);
    connector.clear();
    await h.outbound.deliver({ conversationId: found!.id, channel: 'emulator' }, { id: 'm-sys', seq: '1', author: 'system', text: '您的投诉 CMP-2026-000001 已受理。', createdAt: new Date().toISOString() });
    await h.outbound.deliver({ conversationId: found!.id, channel: 'emulator' }, { id: 'm-ag', seq: '2', author: 'agent', text: '您好', createdAt: new Date().toISOString() });
    expect(connector.messages().map((c) => c.body.text)).toEqual(['您的投诉 CMP-2026-000001 已受理。', '人工客服: 您好']);
  });

  it('refuses to deliver without a stored reference, and leaves web chat to the live stream', async () => {
    const created = await h.store.create({ locale: 'en', channel: 'slack', channelConversationId: 'never-seen' });
    const msg = { id: 'x', seq: '1', author: 'agent' as const, text: 'hi', createdAt: new Date().toISOString() };
    await expect(h.outbound.deliver({ conversationId: created.id, channel: 'slack' }, msg)).rejects.toBeInstanceOf(NoConversationReferenceError);
    expect(await h.outbound.deliver({ conversationId: created.id, channel: 'web' }, msg)).toBe(false);
  });

  it('apologises when the turn fails, and still answers the request', async () => {
    const conv = nextConv();
    // Make the turn fail for real: the Teller conversation row disappears while a stale lookup still finds it.
    await postActivity(h.baseUrl, messageActivity(connector.serviceUrl, { conversation: { id: conv } }));
    const found = await h.store.findByChannelConversation('emulator', conv);
    await h.db.conversation.delete({ where: { id: found!.id } });
    const realFind = h.store.findByChannelConversation;
    h.store.findByChannelConversation = async () => found; // stale cache-like read: the row is gone
    connector.clear();
    try {
      const r = await postActivity(h.baseUrl, messageActivity(connector.serviceUrl, { conversation: { id: conv }, id: 'after-delete' }));
      expect(r.status).toBe(200);
    } finally {
      h.store.findByChannelConversation = realFind;
    }
    const apology = await connector.waitFor((c) => c.body.type === 'message');
    expect(String(apology.body.text)).toMatch(/busy/);
  });
});
