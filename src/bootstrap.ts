// First-start and every-start preparation of the database: create it, apply pending migrations,
// seed what a fresh install needs. Safe to run from several processes at once.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './infra/database.js';
import { applyMigrations, ensureDatabase } from './infra/migrate/migrate.js';
import { MIGRATIONS_DIR } from './infra/paths.js';

export async function prepareDatabase(opts: { config: Config; db: Database; log: Pick<FastifyBaseLogger, 'info' | 'warn'> }) {
  const { config, log } = opts;
  if (await ensureDatabase(config.DATABASE_URL)) log.info('created the database');
  const { applied } = await applyMigrations({ databaseUrl: config.DATABASE_URL, migrationsDir: MIGRATIONS_DIR, log: (m) => log.info(m) });
  if (applied.length) log.info({ applied }, 'migrations applied');
}
