// Offline migrations: Prisma-compatible bookkeeping, idempotent, safe under concurrent starters, and
// schema.prisma in agreement with the migrations (drift check).
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { readSchemaCatalog } from '../../src/infra/migrate/catalog.js';
import { applyMigrations, ensureDatabase, readMigrations, sha256Hex } from '../../src/infra/migrate/migrate.js';
import { diffSchemasToSql, schemaSource } from '../../src/infra/migrate/schema-engine.js';
import { MIGRATIONS_DIR, ROOT_DIR, SCHEMA_PATH } from '../../src/infra/paths.js';
import { adminUrl, databaseUrl } from '../helpers/urls.js';
import { inject } from 'vitest';

const run = promisify(execFile);
const created: string[] = [];
const freshName = (tag: string) => {
  const name = `teller_${tag}_${inject('runId')}_${Math.random().toString(36).slice(2, 8)}`;
  created.push(name);
  return name;
};

async function query<T extends pg.QueryResultRow>(db: string, sql: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: databaseUrl(db) });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

afterAll(async () => {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  await c.end();
});

describe('db:migrate', () => {
  it('creates the database, records migrations the way Prisma does, and is idempotent', async () => {
    const name = freshName('mig');
    expect(await ensureDatabase(databaseUrl(name))).toBe(true);
    const first = await applyMigrations({ databaseUrl: databaseUrl(name), migrationsDir: MIGRATIONS_DIR });
    const files = await readMigrations(MIGRATIONS_DIR);
    expect(first.applied).toEqual(files.map((f) => f.name));

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      name,
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    for (const [i, f] of files.entries()) {
      const sql = await readFile(`${MIGRATIONS_DIR}/${f.name}/migration.sql`, 'utf8');
      expect(rows[i]).toMatchObject({ migration_name: f.name, checksum: sha256Hex(sql), applied_steps_count: 1 });
      expect(rows[i].finished_at).toBeInstanceOf(Date);
    }

    const second = await applyMigrations({ databaseUrl: databaseUrl(name), migrationsDir: MIGRATIONS_DIR });
    expect(second.applied).toEqual([]);
    expect((await query(name, 'SELECT 1 FROM "_prisma_migrations"')).length).toBe(files.length);
  });

  it('applies each migration once when two processes start at the same moment', async () => {
    const name = freshName('race');
    const env = { ...process.env, DATABASE_URL: databaseUrl(name) };
    const tsx = `${ROOT_DIR}/node_modules/.bin/tsx`;
    const [a, b] = await Promise.all([
      run(tsx, ['src/infra/migrate/cli.ts'], { cwd: ROOT_DIR, env }),
      run(tsx, ['src/infra/migrate/cli.ts'], { cwd: ROOT_DIR, env }),
    ]);
    const files = await readMigrations(MIGRATIONS_DIR);
    const rows = await query<{ migration_name: string; n: number }>(name, 'SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY 1');
    expect(rows).toHaveLength(files.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const summaries = [a.stdout, b.stdout].map((o) => o.trim().split('\n').at(-1));
    expect(summaries.sort()).toEqual([`migrations: 0 applied, ${files.length} already applied`, `migrations: ${files.length} applied, 0 already applied`].sort());
  });

  it('keeps the audit log append-only', async () => {
    const name = freshName('audit');
    await ensureDatabase(databaseUrl(name));
    await applyMigrations({ databaseUrl: databaseUrl(name), migrationsDir: MIGRATIONS_DIR });
    await query(name, `INSERT INTO "AuditLog" (actor, action, "subjectType", "subjectId") VALUES ('system', 'test', 'x', '1')`);
    await expect(query(name, `UPDATE "AuditLog" SET action = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(query(name, `DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
  });
});

describe('drift check', () => {
  it('schema.prisma and prisma/migrations describe the same database', async () => {
    const viaMigrations = freshName('drift_m');
    const viaSchema = freshName('drift_s');
    await ensureDatabase(databaseUrl(viaMigrations));
    await applyMigrations({ databaseUrl: databaseUrl(viaMigrations), migrationsDir: MIGRATIONS_DIR });

    await ensureDatabase(databaseUrl(viaSchema));
    const sql = await diffSchemasToSql({
      from: { tag: 'empty' },
      to: schemaSource('schema.prisma', await readFile(SCHEMA_PATH, 'utf8')),
      databaseUrl: databaseUrl(viaSchema),
    });
    await query(viaSchema, sql);

    const [m, s] = await Promise.all([readSchemaCatalog(databaseUrl(viaMigrations)), readSchemaCatalog(databaseUrl(viaSchema))]);
    expect(m.columns.length).toBeGreaterThan(50);
    expect(m).toEqual(s);
  }, 60_000);

  it('the schema snapshot kept beside the migrations is the current schema.prisma', async () => {
    // new-migration diffs from this snapshot; a stale one would produce a wrong next migration.
    expect(await readFile(`${MIGRATIONS_DIR}/schema.snapshot.prisma`, 'utf8')).toBe(await readFile(SCHEMA_PATH, 'utf8'));
  });
});
