// Per-test-file isolation on the real services: a database cloned from the migrated template and a
// Redis key prefix of its own. `startTeller` builds the real app on them (in-process, random port).
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createInfrastructure, type Infrastructure } from '../../src/infra/infrastructure.js';
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

export interface TellerUnderTest {
  app: FastifyInstance;
  config: Config;
  infra: Infrastructure;
  db: TestDatabase;
  /** Base URL once listening (after `listen: true`). */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Builds the real Teller on an isolated database and Redis prefix. `env` overrides configuration;
 * `database` reuses one (e.g. two instances behind one database).
 */
export async function startTeller(opts: { env?: Record<string, string>; listen?: boolean; workers?: boolean; database?: TestDatabase } = {}): Promise<TellerUnderTest> {
  const db = opts.database ?? (await createTestDatabase());
  const prefix = opts.env?.REDIS_PREFIX ?? uniqueRedisPrefix();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    TELLER_ADMIN_EMAIL: 'admin@bank.test',
    TELLER_ADMIN_PASSWORD: 'Adm1n-pass-2026!',
    ...opts.env,
  });
  const infra = createInfrastructure(config);
  const app = await buildApp({ config, ...infra });
  let baseUrl = '';
  if (opts.listen) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    baseUrl = typeof addr === 'object' && addr ? `http://127.0.0.1:${addr.port}` : '';
  } else {
    await app.ready();
  }
  if (opts.workers) await app.startWorkers();
  return {
    app,
    config,
    infra,
    db,
    baseUrl,
    async close() {
      await app.close();
      await infra.close();
      await clearRedisPrefix(prefix);
      if (!opts.database) await db.drop();
    },
  };
}
