// Per-test-file isolation on the real services, importing no application code: a database cloned from
// the run's migrated template and a Redis key prefix of its own. Every test harness uses these.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { inject } from 'vitest';
import { adminUrl, databaseUrl, REDIS_URL } from './urls.js';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database with every migration applied (cloned from the run's template). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `teller_t_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(inject('templateDb'))}`);
        break;
      } catch (err) {
        // Two files cloning the template at the same instant can collide; try again shortly.
        if (attempt > 20 || !/being accessed by other users/.test(String(err))) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  return {
    name,
    url: databaseUrl(name),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`).finally(() => c.end());
    },
  };
}

export const uniqueRedisPrefix = () => `tt:${randomBytes(4).toString('hex')}`;

/** Deletes every key under a prefix (the file's own Redis namespace). */
export async function clearRedisPrefix(prefix: string, url = REDIS_URL) {
  const r = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}
