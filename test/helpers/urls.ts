// Where the test services are: the machine's own PostgreSQL and Redis (override with TEST_PG_URL / TEST_REDIS_URL).
export const PG_BASE = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(name: string): string {
  const u = new URL(PG_BASE);
  u.pathname = `/${name}`;
  return u.toString();
}
export const adminUrl = () => databaseUrl('postgres');
