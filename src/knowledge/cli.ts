// Shared set-up of the knowledge-base commands: configuration, a migrated database, one store.
import { loadConfig } from '../config.js';
import { createDatabase } from '../infra/database.js';
import { applyMigrations, ensureDatabase } from '../infra/migrate/migrate.js';
import { MIGRATIONS_DIR } from '../infra/paths.js';
import { createKnowledgeStore } from './knowledge-store.js';

export async function openKnowledgeStore() {
  const config = loadConfig(process.env);
  await ensureDatabase(config.DATABASE_URL);
  await applyMigrations({ databaseUrl: config.DATABASE_URL, migrationsDir: MIGRATIONS_DIR });
  const db = createDatabase(config);
  return { store: createKnowledgeStore(db), close: () => db.$disconnect() };
}

export function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
