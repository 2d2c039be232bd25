// `npm run db:generate`: generates the Prisma client offline. `prisma generate` never runs the schema
// engine, but the CLI insists on finding one; pointing it at any existing file avoids the download.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { ROOT_DIR, SCHEMA_PATH } from '../src/infra/paths.js';

/** Regenerates only when schema.prisma changed since the last generation (start-up stays fast). */
export function generatePrismaClient({ force = false } = {}): boolean {
  const outDir = path.join(ROOT_DIR, 'src/generated/prisma');
  const stampFile = path.join(outDir, '.schema-sha256');
  const digest = createHash('sha256').update(readFileSync(SCHEMA_PATH)).digest('hex');
  if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest && statSync(path.join(outDir, 'client.ts'), { throwIfNoEntry: false })) return false;
  execFileSync(process.execPath, [path.join(ROOT_DIR, 'node_modules/prisma/build/index.js'), 'generate'], {
    cwd: ROOT_DIR,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  });
  writeFileSync(stampFile, digest);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  generatePrismaClient({ force: process.argv.includes('--force') });
}
