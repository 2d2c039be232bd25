// Who is online to take customers, across every Teller instance: agents with the console's event
// stream open touch a Redis sorted set (score = last seen), so any instance can count them. Without
// Redis the count falls back to agents holding an unexpired session (logged in, not logged out).
import type { Redis } from 'ioredis';
import type { Database } from '../infra/database.js';
import type { RedisFactory } from '../infra/redis.js';
import { toDbLocale, type Locale } from '../conversation/locale.js';

/** An agent counts as online this long after the last heartbeat (the stream beats every 15 s). */
export const PRESENCE_TTL_MS = 45_000;

export interface AgentPresence {
  touch(agentId: string): Promise<void>;
  leave(agentId: string): Promise<void>;
  /** Active agents online who speak `locale`. */
  countOnline(locale: Locale): Promise<number>;
}

export function createAgentPresence(deps: { db: Database; redis?: RedisFactory; now: () => Date }): AgentPresence {
  const { db } = deps;
  let conn: Redis | undefined;
  const redis = () => (conn ??= deps.redis!.connect('handoff-presence', { maxRetriesPerRequest: 1 }));
  const key = deps.redis ? `${deps.redis.keyPrefix}handoff:presence` : '';

  async function onlineIds(): Promise<string[] | null> {
    if (!deps.redis) return null;
    const now = deps.now().getTime();
    await redis().zremrangebyscore(key, '-inf', now - PRESENCE_TTL_MS);
    return redis().zrangebyscore(key, now - PRESENCE_TTL_MS, '+inf');
  }

  return {
    async touch(agentId) {
      if (deps.redis) await redis().zadd(key, deps.now().getTime(), agentId);
    },
    async leave(agentId) {
      if (deps.redis) await redis().zrem(key, agentId);
    },
    async countOnline(locale) {
      const lang = toDbLocale(locale);
      const ids = await onlineIds().catch(() => null);
      if (ids) return ids.length ? db.agent.count({ where: { id: { in: ids }, active: true, languages: { has: lang } } }) : 0;
      return db.agent.count({ where: { active: true, languages: { has: lang }, sessions: { some: { revokedAt: null, expiresAt: { gt: deps.now() } } } } });
    },
  };
}
