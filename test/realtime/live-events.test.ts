// The live relay on the real Redis: one publish carries several events, delivered in order to every
// subscriber of the conversation (and only to them); a message in the single-event form of older
// instances is still understood, and a malformed one is dropped without breaking the stream.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisFactory } from '../../src/infra/redis.js';
import { createLiveEvents, type LiveEvent, type LiveEvents } from '../../src/realtime/live-events.js';
import { clearRedisPrefix, uniqueRedisPrefix } from '../helpers/isolation.js';
import { REDIS_URL } from '../helpers/urls.js';

const prefix = uniqueRedisPrefix();
const redis = createRedisFactory({ REDIS_URL, REDIS_PREFIX: prefix });
let live: LiveEvents;
let raw: Redis;

beforeAll(() => {
  live = createLiveEvents(redis);
  raw = new Redis(REDIS_URL);
});
afterAll(async () => {
  await live.close();
  raw.disconnect();
  await redis.closeAll();
  await clearRedisPrefix(prefix);
});

const message = (id: string, seq: string, author: 'customer' | 'bot', text: string): LiveEvent => ({ type: 'message', message: { id, seq, author, text, createdAt: new Date(0).toISOString() } });

async function until(check: () => boolean, ms = 2000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for live events');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('live events', () => {
  it('delivers the events of one publish in order, to each subscriber of that conversation only', async () => {
    const a: LiveEvent[] = [];
    const b: LiveEvent[] = [];
    const other: LiveEvent[] = [];
    const stops = [await live.subscribe('c1', (e) => a.push(e)), await live.subscribe('c1', (e) => b.push(e)), await live.subscribe('c2', (e) => other.push(e))];
    const turn = [message('m1', '1', 'customer', 'hi'), message('m2', '2', 'bot', 'hello'), { type: 'state', state: 'waiting', queuePosition: 2 } as LiveEvent];
    await live.publish('c1', ...turn);
    await until(() => a.length === 3 && b.length === 3);
    expect(a).toEqual(turn);
    expect(b).toEqual(turn);
    expect(other).toEqual([]);
    for (const stop of stops) await stop();
  });

  it('understands the single-event form and skips malformed messages', async () => {
    const got: LiveEvent[] = [];
    const stop = await live.subscribe('c3', (e) => got.push(e));
    const channel = `${prefix}:live:conv:c3`;
    await raw.publish(channel, JSON.stringify({ type: 'typing', author: 'agent', typing: true }));
    await raw.publish(channel, JSON.stringify([{ type: 'no-such-event' }]));
    await raw.publish(channel, 'not json {');
    await live.publish('c3', { type: 'state', state: 'human' });
    await until(() => got.length === 2);
    expect(got).toEqual([{ type: 'typing', author: 'agent', typing: true }, { type: 'state', state: 'human' }]);
    await stop();
  });
});
