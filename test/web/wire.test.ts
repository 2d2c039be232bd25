import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../web/widget/api.js';
import { splitLinks } from '../../web/widget/links.js';
import { Outbox } from '../../web/widget/outbox.js';
import { CONVERSATION_KEY, loadConversation, memoryStorage, saveConversation } from '../../web/widget/storage.js';
import { parseDelta, parseHistory, parseMessage, parseSendResult, parseState, parseTyping } from '../../web/widget/wire.js';

describe('server payload parsing', () => {
  it('keeps valid messages with their cards and actions and drops malformed ones', () => {
    const history = parseHistory({
      messages: [
        { id: 'm1', author: 'bot', text: 'hi', createdAt: '2026-01-01T00:00:00Z', suggestedActions: ['转人工', 3, ''], card: { title: 'T', body: 'B', source: 'kb:12' } },
        { id: 'm2', author: 'hacker', text: 'x', createdAt: '2026-01-01T00:00:00Z' },
        { id: 'm3', author: 'agent' },
        'nonsense',
      ],
    });
    expect(history).toEqual([
      { id: 'm1', author: 'bot', text: 'hi', createdAt: '2026-01-01T00:00:00Z', suggestedActions: ['转人工'], card: { title: 'T', body: 'B', source: 'kb:12' } },
    ]);
    expect(parseHistory({})).toEqual([]);
    expect(parseMessage({ id: 7, author: 'system', text: '' }, { now: 'N' })).toEqual({ id: '7', author: 'system', text: '', createdAt: 'N' });
  });

  it('reads a send result: replies default to the bot, the customer message is forced to customer', () => {
    const result = parseSendResult(
      {
        replies: [{ id: 'r1', text: 'answer', createdAt: 'T1', suggestedActions: ['A'] }, { text: 'no id' }, { id: 'bad' }],
        route: 'handoff',
        intent: 'human',
        confidence: 0.9,
        handoff: { id: 'h1', status: 'waiting', queuePosition: 3 },
        complaint: { reference: 'CMP-2026-000123', status: 'received' },
        customerMessage: { id: 'c1', author: 'bot', text: '6222 **** 1234', createdAt: 'T0' },
      },
      'NOW',
    );
    expect(result.replies).toEqual([
      { id: 'r1', author: 'bot', text: 'answer', createdAt: 'T1', suggestedActions: ['A'] },
      { id: 'reply-NOW-1', author: 'bot', text: 'no id', createdAt: 'NOW' },
    ]);
    expect(result.handoff).toEqual({ id: 'h1', status: 'waiting', queuePosition: 3 });
    expect(result.complaint).toEqual({ reference: 'CMP-2026-000123', status: 'received' });
    expect(result.customerMessage).toEqual({ id: 'c1', author: 'customer', text: '6222 **** 1234', createdAt: 'T0' });
    expect(parseSendResult(null)).toEqual({ replies: [] });
  });

  it('validates state, typing and delta events', () => {
    expect(parseState({ state: 'waiting', queuePosition: 2 })).toEqual({ state: 'waiting', queuePosition: 2 });
    expect(parseState({ state: 'gone' })).toBeNull();
    expect(parseTyping({ author: 'agent', typing: true })).toEqual({ author: 'agent', typing: true });
    expect(parseTyping({ author: 'customer', typing: true })).toBeNull();
    expect(parseDelta({ id: 'r', text: '' })).toEqual({ id: 'r', text: '' });
    expect(parseDelta({ text: 'x' })).toBeNull();
  });

  it('parses Retry-After in seconds or as a date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('splitLinks', () => {
  it('turns only http(s) URLs into links and trims trailing punctuation', () => {
    expect(splitLinks('详情见 https://bank.example/help。谢谢')).toEqual([
      { text: '详情见 ' },
      { text: 'https://bank.example/help', href: 'https://bank.example/help' },
      { text: '。谢谢' },
    ]);
    expect(splitLinks('see (http://a.example/x).')).toEqual([{ text: 'see (' }, { text: 'http://a.example/x', href: 'http://a.example/x' }, { text: ').' }]);
    expect(splitLinks('javascript:alert(1) <img src=x onerror=alert(1)>')).toEqual([{ text: 'javascript:alert(1) <img src=x onerror=alert(1)>' }]);
  });
});

describe('persistence', () => {
  it('round-trips the conversation under teller.conversation and discards corrupt entries', () => {
    const kv = memoryStorage();
    saveConversation(kv, { id: 'c1', token: 't1' });
    expect(JSON.parse(kv.get(CONVERSATION_KEY) ?? '')).toEqual({ id: 'c1', token: 't1' });
    expect(loadConversation(kv)).toEqual({ id: 'c1', token: 't1', closed: false, rated: false });
    kv.set(CONVERSATION_KEY, '{"id":1}');
    expect(loadConversation(kv)).toBeNull();
    expect(kv.get(CONVERSATION_KEY)).toBeNull();
  });

  it('keeps unsent messages in order across a reload', () => {
    const kv = memoryStorage();
    const outbox = new Outbox(kv);
    outbox.push({ localId: 'local-1', text: 'first', createdAt: 'T1' });
    outbox.push({ localId: 'local-2', text: 'second', createdAt: 'T2' });
    outbox.remove('local-1');
    const reloaded = new Outbox(kv);
    expect(reloaded.all()).toEqual([{ localId: 'local-2', text: 'second', createdAt: 'T2' }]);
    reloaded.remove('local-2');
    expect(kv.get('teller.outbox')).toBeNull();
  });
});
