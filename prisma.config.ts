import { defineConfig } from 'prisma/config';

// Used by the Prisma CLI (generate; migrate deploy/status at sites that have Prisma's schema engine).
// Teller itself applies migrations offline with `npm run db:migrate` (src/infra/migrate).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/teller' },
});
