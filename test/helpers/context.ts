// Per-test-file isolation on the real services: a database cloned from the migrated template and a
// Redis key prefix of its own. `startTeller` builds the real app on them (in-process, random port).
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createInfrastructure, type Infrastructure } from '../../src/infra/infrastructure.js';
import { REDIS_URL } from './urls.js';
import { clearRedisPrefix, createTestDatabase, uniqueRedisPrefix, type TestDatabase } from './isolation.js';

export { clearRedisPrefix, createTestDatabase, uniqueRedisPrefix, type TestDatabase } from './isolation.js';

export interface TellerUnderTest {
  app: FastifyInstance;
  config: Config;
  infra: Infrastructure;
  db: TestDatabase;
  /** This instance's Redis key prefix. */
  prefix: string;
  /** Base URL once listening (after `listen: true`). */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Builds the real Teller on an isolated database and Redis prefix. `env` overrides configuration;
 * `database` reuses one (e.g. two instances behind one database).
 */
export async function startTeller(
  opts: { env?: Record<string, string>; listen?: boolean; workers?: boolean; database?: TestDatabase; /** leave the Redis keys (another instance shares the prefix) */ keepRedis?: boolean } = {},
): Promise<TellerUnderTest> {
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
    prefix,
    baseUrl,
    async close() {
      await app.close();
      await infra.close();
      if (!opts.keepRedis) await clearRedisPrefix(prefix, config.REDIS_URL).catch(() => {});
      if (!opts.database) await db.drop();
    },
  };
}
