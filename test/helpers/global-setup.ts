// Once per test run: a template database with every migration applied. Each test file then clones it
// (CREATE DATABASE ... TEMPLATE), which takes milliseconds, so files never share a database.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { applyMigrations, ensureDatabase } from '../../src/infra/migrate/migrate.js';
import { MIGRATIONS_DIR } from '../../src/infra/paths.js';
import { adminUrl, databaseUrl } from './urls.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
    runId: string;
  }
}

export default async function setup(project: TestProject) {
  const runId = randomBytes(3).toString('hex');
  const templateDb = `teller_tpl_${runId}`;
  await ensureDatabase(databaseUrl(templateDb));
  await applyMigrations({ databaseUrl: databaseUrl(templateDb), migrationsDir: MIGRATIONS_DIR });
  project.provide('templateDb', templateDb);
  project.provide('runId', runId);

  return async () => {
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`teller_%_${runId}%`]);
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
}
