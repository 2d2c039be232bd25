// Every-start preparation of the database: create it, apply pending migrations. Safe to run from
// several processes at once (advisory lock). Seeding (knowledge base, admin account) happens when the
// services start (src/services.ts), since it goes through their stores.
import type { Config } from './config.js';
import { applyMigrations, ensureDatabase } from './infra/migrate/migrate.js';
import { MIGRATIONS_DIR } from './infra/paths.js';

export async function prepareDatabase(opts: { config: Config; log: { info(obj: unknown, msg?: string): void } }) {
  const { config, log } = opts;
  if (await ensureDatabase(config.DATABASE_URL)) log.info('created the database');
  const { applied } = await applyMigrations({ databaseUrl: config.DATABASE_URL, migrationsDir: MIGRATIONS_DIR, log: (m) => log.info(m) });
  if (applied.length) log.info({ applied }, 'migrations applied');
}
