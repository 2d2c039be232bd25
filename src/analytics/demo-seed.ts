// `npm run demo:seed [-- --conversations 600 --days 30 --seed N | --clean]`: a realistic month of
// conversations, handoffs, complaints and ratings so the dashboard can be tried at once. Migrates
// DATABASE_URL first (like `npm run db:migrate`); replaces an earlier demo seed (rows of customers
// 'demo-…'); `--clean` only removes it. Demo agents log in with DEMO_PASSWORD.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { createDatabase, type Database } from '../infra/database.js';
import { applyMigrations, ensureDatabase } from '../infra/migrate/migrate.js';
import { MIGRATIONS_DIR } from '../infra/paths.js';
import { readDefaultKnowledge } from '../knowledge/format/default-knowledge.js';
import { renderKnowledgeText } from '../knowledge/format/placeholders.js';
import { DEMO_AGENTS, DEMO_PASSWORD, generateDemoMonth, type DemoKnowledgeEntry, type DemoOptions } from './demo-month.js';
import { cleanDemoData, writeDemoMonth, type SeedReporter, type SeedSummary } from './demo-seed-db.js';

/** The bundled knowledge base as the demo's FAQ questions and answers (placeholders filled). */
export async function demoKnowledge(): Promise<DemoKnowledgeEntry[]> {
  const { entries } = await readDefaultKnowledge();
  return entries.map((e) => ({ key: e.id, locale: e.locale as 'zh-CN' | 'en', questions: e.questions, answer: renderKnowledgeText(e.answer, e.locale as 'zh-CN' | 'en') }));
}

export async function seedDemo(db: Database, opts: DemoOptions & { timeZone: string } & SeedReporter): Promise<SeedSummary> {
  const month = generateDemoMonth(await demoKnowledge(), opts);
  return writeDemoMonth(db, month, opts);
}

async function main() {
  const { values } = parseArgs({
    options: { conversations: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' }, clean: { type: 'boolean' } },
  });
  const int = (v: string | undefined, name: string, min: number, max: number) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer from ${min} to ${max}`);
    return n;
  };
  const conversations = int(values.conversations, 'conversations', 1, 200_000);
  const days = int(values.days, 'days', 1, 365);
  const seed = int(values.seed, 'seed', 0, 2 ** 31) ?? Date.now() % 2 ** 31;

  const config = loadConfig(process.env);
  if (await ensureDatabase(config.DATABASE_URL)) console.log(`created database ${new URL(config.DATABASE_URL).pathname.slice(1)}`);
  const { applied } = await applyMigrations({ databaseUrl: config.DATABASE_URL, migrationsDir: MIGRATIONS_DIR });
  if (applied.length) console.log(`migrations: ${applied.length} applied`);
  const db = createDatabase(config);
  try {
    if (values.clean) {
      const removed = await cleanDemoData(db);
      console.log(`demo seed removed: ${removed.conversations} conversations, ${removed.complaints} complaints`);
      return;
    }
    const tty = process.stdout.isTTY;
    const started = performance.now();
    const summary = await seedDemo(db, {
      now: new Date(),
      conversations,
      days,
      seed,
      timeZone: config.TIMEZONE,
      npsRate: config.NPS_SAMPLE_RATE,
      log: (line) => console.log(line),
      progress: (what, done, total) => {
        if (tty) process.stdout.write(`\r\x1b[Kdemo seed: ${what} ${done}/${total}`);
        else if (done === total) console.log(`demo seed: ${what} ${done}/${total}`);
      },
    });
    if (tty) process.stdout.write('\n');
    const c = summary.created;
    console.log(`demo agents (password ${DEMO_PASSWORD}): ${DEMO_AGENTS.map((a) => `${a.email} (${a.role})`).join(', ')}`);
    console.log(
      `demo seed done in ${((performance.now() - started) / 1000).toFixed(1)} s: conversations=${c.conversations} messages=${c.messages} handoffs=${c.handoffs} complaints=${c.complaints} missed_clocks=${c.breaches} ratings=${c.ratings} seed=${seed}`,
    );
  } finally {
    await db.$disconnect();
  }
}

// Run only as the entry point, so tests can import seedDemo.
if (process.argv[1] && (import.meta.url === pathToFileURL(process.argv[1]).href || process.argv[1].endsWith('demo-seed.ts'))) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
