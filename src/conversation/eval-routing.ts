// `npm run eval:routing -- <jsonl>`: each line {"text","lang":"zh"|"en","route"} is sent as the first
// message of a new conversation through the real pipeline (the real app, in-process, on a throw-away
// database; no LLM). Prints accuracy per language and the confusions; the last line is
// `routing_accuracy=0.xxx n=NNN`.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { z } from 'zod';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createInfrastructure } from '../infra/infrastructure.js';
import { applyMigrations, ensureDatabase } from '../infra/migrate/migrate.js';
import { MIGRATIONS_DIR } from '../infra/paths.js';

const lineSchema = z.object({ text: z.string().min(1), lang: z.enum(['zh', 'en']), route: z.enum(['faq', 'complaint', 'handoff', 'urgent', 'smalltalk', 'fallback']) });

const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: npm run eval:routing -- <file.jsonl>');
  process.exit(2);
}
let lines: Array<z.infer<typeof lineSchema>>;
try {
  const raw = (await readFile(file, 'utf8')).split('\n').map((l) => l.trim()).filter(Boolean);
  lines = raw.map((l, i) => {
    const parsed = lineSchema.safeParse(JSON.parse(l));
    if (!parsed.success) throw new Error(`line ${i + 1}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  });
} catch (err) {
  console.error(`cannot read ${file}: ${(err as Error).message}`);
  process.exit(2);
}

const base = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
const dbName = `teller_eval_${randomBytes(4).toString('hex')}`;
const dbUrl = new URL(base.DATABASE_URL);
dbUrl.pathname = `/${dbName}`;
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: dbUrl.toString(), REDIS_PREFIX: `eval:${dbName}`, RUN_WORKERS: 'false', OPENAI_API_KEY: '', OPENAI_BASE_URL: '', RATE_LIMIT_PER_MINUTE: '1000000' });
await ensureDatabase(config.DATABASE_URL);
await applyMigrations({ databaseUrl: config.DATABASE_URL, migrationsDir: MIGRATIONS_DIR });
const infra = createInfrastructure(config);
const app = await buildApp({ config, ...infra });
await app.ready();

const stats = { zh: { n: 0, ok: 0 }, en: { n: 0, ok: 0 } };
const confusions = new Map<string, string[]>();
try {
  for (const [i, line] of lines.entries()) {
    const conv = (await app.inject({ method: 'POST', url: '/api/conversations', payload: { locale: line.lang === 'zh' ? 'zh-CN' : 'en' } })).json();
    const res = await app.inject({ method: 'POST', url: `/api/conversations/${conv.id}/messages`, payload: { text: line.text }, headers: { authorization: `Bearer ${conv.token}` } });
    const route = res.statusCode === 200 ? res.json().route : `error ${res.statusCode}`;
    stats[line.lang].n++;
    if (route === line.route) stats[line.lang].ok++;
    else {
      const key = `${line.route} → ${route}`;
      confusions.set(key, [...(confusions.get(key) ?? []), line.text]);
    }
    if ((i + 1) % 50 === 0) process.stderr.write(`  ${i + 1}/${lines.length}\n`);
  }
} finally {
  await app.close();
  await infra.close();
  const admin = new pg.Client({ connectionString: (() => { const u = new URL(config.DATABASE_URL); u.pathname = '/postgres'; return u.toString(); })() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(dbName)} WITH (FORCE)`);
  await admin.end();
}

for (const [key, texts] of [...confusions].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`${key}: ${texts.length}  e.g. ${texts.slice(0, 3).map((t) => JSON.stringify(t)).join(', ')}`);
}
const n = stats.zh.n + stats.en.n;
const ok = stats.zh.ok + stats.en.ok;
for (const lang of ['zh', 'en'] as const) if (stats[lang].n) console.log(`${lang}: accuracy=${(stats[lang].ok / stats[lang].n).toFixed(3)} n=${stats[lang].n}`);
console.log(`routing_accuracy=${(ok / Math.max(1, n)).toFixed(3)} n=${n}`);
process.exit(0);
