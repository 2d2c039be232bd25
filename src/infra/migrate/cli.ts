// `npm run db:migrate`: create the database if needed and apply pending migrations.
import { loadConfig } from '../../config.js';
import { MIGRATIONS_DIR } from '../paths.js';
import { applyMigrations, ensureDatabase } from './migrate.js';

const config = loadConfig(process.env);
const created = await ensureDatabase(config.DATABASE_URL);
if (created) console.log(`created database ${new URL(config.DATABASE_URL).pathname.slice(1)}`);
const { applied, alreadyApplied } = await applyMigrations({ databaseUrl: config.DATABASE_URL, migrationsDir: MIGRATIONS_DIR, log: console.log });
console.log(`migrations: ${applied.length} applied, ${alreadyApplied.length} already applied`);
