import { describe, expect, it } from 'vitest';
import { MessageStore } from '../../web/widget/store.js';
import type { ServerMessage } from '../../web/widget/wire.js';

const at = (s: number): string => new Date(Date.UTC(2026, 0, 1, 9, 0, s)).toISOString();
const msg = (id: string, author: ServerMessage['author'], text: string, second: number, extra: Partial<ServerMessage> = {}): ServerMessage => ({
  id,
  author,
  text,
  createdAt: at(second),
  ...extra,
});
const view = (store: MessageStore): string[] => store.list().map((m) => `${m.author}:${m.text}:${m.delivery}`);

describe('MessageStore', () => {
  it('keeps one copy of a message that arrives from the POST, the stream and the history', () => {
    const store = new MessageStore();
    const reply = msg('b1', 'bot', 'Hello', 2);
    expect(store.upsert(reply)).toBe(true);
    expect(store.upsert(reply)).toBe(false);
    for (const m of [msg('c1', 'customer', 'hi', 1), reply]) store.upsert(m);
    expect(view(store)).toEqual(['customer:hi:sent', 'bot:Hello:sent']);
  });

  it('orders confirmed messages by time, ties by arrival, and unconfirmed ones after them', () => {
    const store = new MessageStore();
    store.addLocal('local-2', 'still queued', at(0));
    store.upsert(msg('a', 'agent', 'second', 5));
    store.upsert(msg('b', 'bot', 'first', 3));
    store.upsert(msg('s', 'system', 'same time, later arrival', 5));
    expect(view(store)).toEqual(['bot:first:sent', 'agent:second:sent', 'system:same time, later arrival:sent', 'customer:still queued:queued']);
  });

  it('replaces the typed text with the server’s masked copy, keeping the render key', () => {
    const store = new MessageStore();
    store.addLocal('local-1', 'card 6222021234567890', at(0));
    store.setDelivery('local-1', 'sending');
    store.confirmLocal('local-1', msg('c9', 'customer', 'card 6222 **** 7890', 1));
    const [only] = store.list();
    expect(only).toMatchObject({ id: 'c9', key: 'local-1', text: 'card 6222 **** 7890', delivery: 'sent' });
    expect(store.upsert(msg('c9', 'customer', 'card 6222 **** 7890', 1))).toBe(false);
    expect(store.size).toBe(1);
  });

  it('matches a stream echo to the message being sent, so the POST result does not duplicate it', () => {
    const store = new MessageStore();
    store.addLocal('local-1', 'hello', at(0));
    store.setDelivery('local-1', 'sending');
    store.upsert(msg('c1', 'customer', 'hello', 1));
    expect(store.isDelivered('local-1')).toBe(true);
    store.confirmLocal('local-1', msg('c1', 'customer', 'hello', 1));
    expect(view(store)).toEqual(['customer:hello:sent']);
  });

  it('does not match an echo to a message that is only queued (not yet posted)', () => {
    const store = new MessageStore();
    store.addLocal('local-1', 'queued text', at(0));
    store.upsert(msg('c1', 'customer', 'from another tab', 1));
    expect(view(store)).toEqual(['customer:from another tab:sent', 'customer:queued text:queued']);
    expect(store.isDelivered('local-1')).toBe(false);
  });

  it('keeps both when the matched echo turns out to be another tab’s message', () => {
    const store = new MessageStore();
    store.addLocal('local-1', 'mine', at(0));
    store.setDelivery('local-1', 'sending');
    store.upsert(msg('other', 'customer', 'other tab', 1));
    store.confirmLocal('local-1', msg('mine', 'customer', 'mine', 2));
    expect(view(store)).toEqual(['customer:other tab:sent', 'customer:mine:sent']);
  });

  it('drops the local copy when the stream already delivered the confirmed message separately', () => {
    const store = new MessageStore();
    store.addLocal('local-1', 'hi', at(0));
    store.upsert(msg('c1', 'customer', 'hi', 1)); // arrived while still queued, so not matched
    store.confirmLocal('local-1', msg('c1', 'customer', 'hi', 1));
    expect(view(store)).toEqual(['customer:hi:sent']);
  });

  it('appends deltas, lets the final message replace them, and ignores late deltas', () => {
    const store = new MessageStore();
    const now = at(9);
    store.applyDelta({ id: 'r1', text: '您好' }, now);
    store.applyDelta({ id: 'r1', text: '，请问' }, now);
    expect(view(store)).toEqual(['bot:您好，请问:streaming']);
    store.upsert(msg('r1', 'bot', '您好，请问有什么可以帮您？', 3, { suggestedActions: ['转人工'] }));
    expect(store.applyDelta({ id: 'r1', text: '重复' }, now)).toBe(false);
    expect(view(store)).toEqual(['bot:您好，请问有什么可以帮您？:sent']);
    expect(store.quickReplies()).toEqual(['转人工']);
  });

  it('places a streaming reply after the message being sent and before queued ones', () => {
    const store = new MessageStore();
    store.upsert(msg('b0', 'bot', 'welcome', 0));
    store.addLocal('local-1', 'question', at(1));
    store.setDelivery('local-1', 'sending');
    store.addLocal('local-2', 'follow-up', at(2));
    store.applyDelta({ id: 'r1', text: 'answ' }, at(0));
    expect(view(store)).toEqual(['bot:welcome:sent', 'customer:question:sending', 'bot:answ:streaming', 'customer:follow-up:queued']);
  });

  it('offers quick replies only from the latest complete bot message', () => {
    const store = new MessageStore();
    store.upsert(msg('b1', 'bot', 'pick one', 1, { suggestedActions: ['A', 'B'] }));
    expect(store.quickReplies()).toEqual(['A', 'B']);
    store.upsert(msg('c1', 'customer', 'A', 2));
    expect(store.quickReplies()).toEqual([]);
    store.upsert(msg('g1', 'agent', 'hello', 3, { suggestedActions: ['X'] }));
    expect(store.quickReplies()).toEqual([]);
  });

  it('confirms a message without a server copy as sent, and removes a refused one', () => {
    const store = new MessageStore();
    store.upsert(msg('b1', 'bot', 'one', 1));
    store.addLocal('local-1', 'kept as typed', at(3));
    store.confirmLocal('local-1');
    store.addLocal('local-2', 'too long', at(4));
    store.removeLocal('local-2');
    expect(view(store)).toEqual(['bot:one:sent', 'customer:kept as typed:sent']);
  });

  it('reset keeps unsent messages (queued again) for the next conversation', () => {
    const store = new MessageStore();
    store.upsert(msg('b1', 'bot', 'old', 1));
    store.addLocal('local-1', 'unsent', at(2));
    store.setDelivery('local-1', 'sending');
    store.reset();
    expect(view(store)).toEqual(['customer:unsent:queued']);
  });
});

describe('MessageStore.reset(false)', () => {
  it('drops unsent messages when the customer deliberately starts a new chat', () => {
    const store = new MessageStore();
    store.addLocal('local-1', 'unsent', at(2));
    store.reset(false);
    expect(store.size).toBe(0);
  });
});
