// A comparable description of a database's schema (tables, columns, indexes, constraints, enums),
// read from pg_catalog. Used by the drift check: two databases built different ways must match.
import pg from 'pg';

export interface SchemaCatalog {
  columns: string[];
  indexes: string[];
  constraints: string[];
  enums: string[];
}

const IGNORED_TABLES = ['_prisma_migrations'];

export async function readSchemaCatalog(databaseUrl: string): Promise<SchemaCatalog> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const columns = await client.query<{ d: string }>(
      `SELECT format('%s.%s %s %s default=%s', table_name, column_name, udt_name, CASE WHEN is_nullable = 'YES' THEN 'null' ELSE 'not null' END, coalesce(column_default, '-')) AS d
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> ALL($1) ORDER BY 1`,
      [IGNORED_TABLES],
    );
    const indexes = await client.query<{ d: string }>(
      `SELECT indexdef AS d FROM pg_indexes WHERE schemaname = 'public' AND tablename <> ALL($1) ORDER BY 1`,
      [IGNORED_TABLES],
    );
    const constraints = await client.query<{ d: string }>(
      `SELECT format('%s %s %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS d
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = 'public' AND c.conrelid::regclass::text <> ALL($1) ORDER BY 1`,
      [IGNORED_TABLES.map((t) => `"${t}"`).concat(IGNORED_TABLES)],
    );
    const enums = await client.query<{ d: string }>(
      `SELECT format('%s: %s', t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)) AS d
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' GROUP BY t.typname ORDER BY 1`,
    );
    return { columns: columns.rows.map((r) => r.d), indexes: indexes.rows.map((r) => r.d), constraints: constraints.rows.map((r) => r.d), enums: enums.rows.map((r) => r.d) };
  } finally {
    await client.end();
  }
}
