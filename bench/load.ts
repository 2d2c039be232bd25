// `npm run bench:load [-- --seconds 30 --concurrency 40]`: a bounded soak of the whole Teller on
// loopback. Teller runs as a child process (`node --import tsx src/main.ts`, workers included) on a
// fresh bench database and its own Redis prefix; `concurrency` virtual customers each start
// conversation after conversation for `seconds`, mixing:
//   FAQ        1–3 questions (zh-CN / en)
//   complaint  the whole intake dialog in the chat, up to a reference
//   handoff    "转人工" → an agent claims it over the agent API, writes, the customer answers, the agent closes
// Prints throughput, p50/p99 latency (per kind and overall), errors, Teller's peak memory (RSS), then
// checks the database: every customer message that got 200 is stored exactly once (by its
// clientMessageId), none is stored twice, and agent messages likewise. Loopback only; the run stops by
// itself (time, conversation cap) and drops its database. Exit code 1 if the check fails.
// The last line holds the figures: load_rps=… turn_p50_ms=… turn_p99_ms=… errors=… peak_rss_mb=… stored_exactly_once=true|false
import { randomBytes, randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createAgentAccounts } from '../src/agents/accounts.js';
import { createDatabase } from '../src/infra/database.js';
import { applyMigrations, ensureDatabase } from '../src/infra/migrate/migrate.js';
import { MIGRATIONS_DIR, ROOT_DIR } from '../src/infra/paths.js';
import { generateKeyringEntry } from '../src/privacy/field-crypto.js';
import { benchDatabaseUrl, dropDatabase, freePort, waitForHttp } from './support/processes.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    concurrency: { type: 'string', default: '40' },
    'max-conversations': { type: 'string', default: '20000' },
    agents: { type: 'string', default: '8' },
  },
});
const bounded = (v: string | undefined, name: string, min: number, max: number) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max}`);
    process.exit(2);
  }
  return n;
};
const SECONDS = bounded(values.seconds, 'seconds', 1, 600);
const CONCURRENCY = bounded(values.concurrency, 'concurrency', 1, 500);
const MAX_CONVERSATIONS = bounded(values['max-conversations'], 'max-conversations', 1, 1_000_000);
const AGENTS = bounded(values.agents, 'agents', 1, 50);
const REQUEST_TIMEOUT_MS = 15_000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const AGENT_PASSWORD = 'Bench-agent-2026!';

// ---------------------------------------------------------------------------------------------------
// HTTP on loopback, keep-alive, with a deadline per request.

type Res = { status: number; json: any; ms: number };
function httpClient(base: string) {
  const url = new URL(base);
  if (url.hostname !== '127.0.0.1') throw new Error('bench:load talks to loopback only');
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 + 16 });
  function request(method: string, path: string, body?: unknown, token?: string): Promise<Res> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const started = performance.now();
    return new Promise((resolve) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          agent,
          timeout: REQUEST_TIMEOUT_MS,
          headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            let json: unknown;
            try {
              json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, json, ms: performance.now() - started });
          });
          res.on('error', () => resolve({ status: 0, json: undefined, ms: performance.now() - started }));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve({ status: 0, json: undefined, ms: performance.now() - started }));
      req.end(payload);
    });
  }
  return { request, close: () => agent.destroy() };
}

// ---------------------------------------------------------------------------------------------------
// What the virtual customers say.

const FAQ = {
  'zh-CN': ['怎么开通手机银行？', '信用卡分期怎么收费', '网银密码忘了怎么办', '境外取现手续费是多少', '怎么查询账户余额', '你好'],
  en: ['How do I reset my online banking password?', 'How do I change my card PIN?', 'What are the fees for sending money abroad?', 'How do I check my balance?', 'thanks'],
} as const;
const COMPLAINTS = [
  { locale: 'zh-CN' as const, first: '你们上个月莫名其妙扣了我300元年费，打客服也没人管，我要投诉', answers: ['信用卡年费', '上个月10号', '300元', '退还年费', '电话联系我', '确认提交', '确认提交', '确认'], confirm: /确认提交/ },
  { locale: 'en' as const, first: 'I want to make a complaint', answers: ['The ATM kept my card and nobody at the branch helped', 'yesterday', 'None', 'An apology', 'email me', 'Submit', 'Submit'], confirm: /^Submit$/ },
];
const HANDOFF = { 'zh-CN': '转人工', en: 'I want to talk to a human agent' } as const;

// ---------------------------------------------------------------------------------------------------
// Measures.

type Kind = 'faq' | 'complaint' | 'handoff';
const latency: Record<string, number[]> = { turn: [], start: [], agent: [] };
const turnByKind: Record<Kind, number[]> = { faq: [], complaint: [], handoff: [] };
const scenarios: Record<Kind, { done: number; failed: number }> = { faq: { done: 0, failed: 0 }, complaint: { done: 0, failed: 0 }, handoff: { done: 0, failed: 0 } };
const errors = new Map<string, number>();
const customerSentOk = new Set<string>();
const customerSentUnknown = new Set<string>();
const agentSentOk = new Set<string>();
const complaintRefs = new Set<string>();
let requests = 0;
let claimConflicts = 0;

const countError = (what: string, status: number) => errors.set(`${what} ${status || 'no answer'}`, (errors.get(`${what} ${status || 'no answer'}`) ?? 0) + 1);
const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');

// ---------------------------------------------------------------------------------------------------

async function main() {
  const dbUrl = benchDatabaseUrl('load');
  const prefix = `bench:load:${randomBytes(3).toString('hex')}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let rssTimer: NodeJS.Timeout | undefined;
  let peakRssKb = 0;

  try {
    // A fresh database with the agents the run needs (capacity high enough for the handoff mix).
    await ensureDatabase(dbUrl);
    await applyMigrations({ databaseUrl: dbUrl, migrationsDir: MIGRATIONS_DIR });
    const setupDb = createDatabase({ DATABASE_URL: dbUrl, DATABASE_POOL_SIZE: 2 });
    const accounts = createAgentAccounts(setupDb, { sessionTtlHours: 2 });
    for (let i = 0; i < AGENTS; i++) await accounts.create({ email: `agent${i}@bench.test`, name: `Bench Agent ${i}`, password: AGENT_PASSWORD, role: 'agent', languages: ['zh-CN', 'en'], maxConcurrent: 1000 });
    await setupDb.$disconnect();

    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT_DIR,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: dbUrl,
        DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '20',
        REDIS_URL,
        REDIS_PREFIX: prefix,
        TELLER_SKIP_MIGRATE: 'true',
        TELLER_ENCRYPTION_KEYS: generateKeyringEntry('bench1'),
        RATE_LIMIT_PER_MINUTE: '1000000',
        CONVERSATION_RATE_LIMIT_PER_MINUTE: '100000',
        OPENAI_API_KEY: '',
        OPENAI_BASE_URL: '',
        NPS_SAMPLE_RATE: '0',
        BULL_BOARD_ENABLED: 'false',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitForHttp(`${base}/readyz`, 120_000, child);
    const pid = child.pid!;
    let measuring = false;
    const rssSamples: Array<{ at: number; kb: number }> = [];
    const sampleRss = () => {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
        if (hwm) peakRssKb = Math.max(peakRssKb, Number(hwm[1]));
        const rss = /VmRSS:\s+(\d+) kB/.exec(status);
        if (rss && measuring) rssSamples.push({ at: Date.now(), kb: Number(rss[1]) });
      } catch {
        /* not Linux, or exited */
      }
    };
    rssTimer = setInterval(sampleRss, 250);
    const startRssKb = (() => {
      try {
        return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      } catch {
        return 0;
      }
    })();

    const api = httpClient(base);
    const agentTokens: string[] = [];
    for (let i = 0; i < AGENTS; i++) {
      const r = await api.request('POST', '/api/agent/login', { email: `agent${i}@bench.test`, password: AGENT_PASSWORD });
      if (r.status !== 200) throw new Error(`agent login: ${r.status}`);
      agentTokens.push(r.json.token);
    }

    let conversations = 0;
    const call = async (what: string, method: string, path: string, body?: unknown, token?: string, ok = [200, 201]) => {
      const r = await api.request(method, path, body, token);
      if (measuring) requests++;
      if (!ok.includes(r.status) && measuring) countError(what, r.status);
      return r;
    };

    const start = async (locale: 'zh-CN' | 'en') => {
      const r = await call('start', 'POST', '/api/conversations', { locale, channel: 'web', customer: { externalId: `bench-${randomUUID()}` } });
      if (measuring && r.status === 201) latency.start.push(r.ms);
      return r.status === 201 ? (r.json as { id: string; token: string }) : null;
    };
    const say = async (kind: Kind, conv: { id: string; token: string }, text: string) => {
      const clientMessageId = randomUUID();
      const r = await call('turn', 'POST', `/api/conversations/${conv.id}/messages`, { text, clientMessageId }, conv.token);
      if (r.status === 200) {
        customerSentOk.add(clientMessageId);
        if (measuring) {
          latency.turn.push(r.ms);
          turnByKind[kind].push(r.ms);
        }
      } else {
        customerSentUnknown.add(clientMessageId); // may or may not have been stored (a timeout after commit)
      }
      return r;
    };

    async function faq(locale: 'zh-CN' | 'en'): Promise<boolean> {
      const conv = await start(locale);
      if (!conv) return false;
      const n = 1 + Math.floor(Math.random() * 3);
      for (let i = 0; i < n; i++) if ((await say('faq', conv, FAQ[locale][Math.floor(Math.random() * FAQ[locale].length)])).status !== 200) return false;
      return true;
    }

    async function complaint(): Promise<boolean> {
      const script = COMPLAINTS[Math.floor(Math.random() * COMPLAINTS.length)];
      const conv = await start(script.locale);
      if (!conv) return false;
      let r = await say('complaint', conv, script.first);
      for (const answer of script.answers) {
        if (r.status !== 200) return false;
        if (r.json.complaint?.reference) break;
        const confirm = (r.json.replies as Array<{ suggestedActions?: string[] }>).flatMap((x) => x.suggestedActions ?? []).find((s) => script.confirm.test(s));
        r = await say('complaint', conv, confirm ?? answer);
      }
      const ref = r.status === 200 ? r.json.complaint?.reference : undefined;
      if (ref) complaintRefs.add(ref);
      else if (measuring) countError('complaint without a reference', r.status);
      return Boolean(ref);
    }

    async function handoff(locale: 'zh-CN' | 'en', vu: number): Promise<boolean> {
      const conv = await start(locale);
      if (!conv) return false;
      const asked = await say('handoff', conv, HANDOFF[locale]);
      const handoffId = asked.json?.handoff?.id as string | undefined;
      if (!handoffId) {
        if (measuring) countError('handoff not created', asked.status);
        return false;
      }
      const token = agentTokens[vu % agentTokens.length];
      const claim = await call('claim', 'POST', `/api/agent/handoffs/${handoffId}/claim`, undefined, token, [200, 409]);
      if (claim.status === 409) {
        claimConflicts++;
        return false;
      }
      if (claim.status !== 200) return false;
      if (measuring) latency.agent.push(claim.ms);
      const clientMessageId = randomUUID();
      const wrote = await call('agent message', 'POST', `/api/agent/conversations/${conv.id}/messages`, { text: locale === 'en' ? 'Hello, I am looking at your case now.' : '您好，我来为您处理。', clientMessageId }, token);
      if (wrote.status === 201) {
        agentSentOk.add(clientMessageId);
        if (measuring) latency.agent.push(wrote.ms);
      }
      const answered = await say('handoff', conv, locale === 'en' ? 'Thanks, my card was declined twice today' : '谢谢，我的卡今天被拒了两次');
      const closed = await call('close', 'POST', `/api/agent/handoffs/${handoffId}/close`, { disposition: 'resolved' }, token);
      if (measuring && closed.status === 200) latency.agent.push(closed.ms);
      return wrote.status === 201 && answered.status === 200 && closed.status === 200;
    }

    const runScenario = async (vu: number): Promise<void> => {
      const roll = Math.random();
      const locale = Math.random() < 0.6 ? ('zh-CN' as const) : ('en' as const);
      const kind: Kind = roll < 0.7 ? 'faq' : roll < 0.85 ? 'complaint' : 'handoff';
      const ok = await (kind === 'faq' ? faq(locale) : kind === 'complaint' ? complaint() : handoff(locale, vu));
      if (measuring) scenarios[kind][ok ? 'done' : 'failed']++;
    };

    // Warm-up (not measured): JIT, pools, the classifier's caches.
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, 8) }, (_, vu) => runScenario(vu)));

    measuring = true;
    const cpuBefore = process.cpuUsage();
    const deadline = Date.now() + SECONDS * 1000;
    const startedAt = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, vu) => {
        while (Date.now() < deadline && conversations < MAX_CONVERSATIONS) {
          conversations++;
          await runScenario(vu);
        }
      }),
    );
    const elapsedS = (performance.now() - startedAt) / 1000;
    measuring = false;
    const loadCpu = process.cpuUsage(cpuBefore);
    sampleRss();

    // Let the workers triage what was filed (bounded wait), then check the database.
    const check = new pg.Client({ connectionString: dbUrl });
    await check.connect();
    const triageDeadline = Date.now() + 20_000;
    let triaged = 0;
    while (Date.now() < triageDeadline) {
      triaged = Number((await check.query(`SELECT count(*) AS n FROM "Complaint" WHERE "triagedAt" IS NOT NULL`)).rows[0].n);
      if (triaged >= complaintRefs.size) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const ok = [...customerSentOk];
    const q = async (sql: string, params: unknown[] = []) => Number((await check.query(sql, params)).rows[0].n);
    const storedOk = await q(`SELECT count(*) AS n FROM "Message" WHERE author = 'customer' AND "clientMessageId" = ANY($1::text[])`, [ok]);
    const storedCustomer = await q(`SELECT count(*) AS n FROM "Message" WHERE author = 'customer'`);
    const storedUnknown = await q(`SELECT count(*) AS n FROM "Message" WHERE author = 'customer' AND "clientMessageId" = ANY($1::text[])`, [[...customerSentUnknown]]);
    const withoutId = await q(`SELECT count(*) AS n FROM "Message" WHERE author = 'customer' AND "clientMessageId" IS NULL`);
    const duplicated = await q(`SELECT count(*) AS n FROM (SELECT "clientMessageId" FROM "Message" WHERE "clientMessageId" IS NOT NULL GROUP BY "clientMessageId" HAVING count(*) > 1) d`);
    const storedAgent = await q(`SELECT count(*) AS n FROM "Message" WHERE author = 'agent' AND "clientMessageId" = ANY($1::text[])`, [[...agentSentOk]]);
    const complaintsStored = await q(`SELECT count(*) AS n FROM "Complaint" WHERE reference = ANY($1::text[])`, [[...complaintRefs]]);
    await check.end();

    const exactlyOnce = storedOk === ok.length && duplicated === 0 && withoutId === 0 && storedCustomer === ok.length + storedUnknown && storedAgent === agentSentOk.size && complaintsStored === complaintRefs.size;
    const totalErrors = [...errors.values()].reduce((a, b) => a + b, 0);
    const rps = requests / elapsedS;
    const turnRate = latency.turn.length / elapsedS;

    console.log(`bench:load  ${SECONDS}s  concurrency=${CONCURRENCY}  agents=${AGENTS}  (Teller: child process, workers on, no LLM; loopback; ${process.env.DATABASE_POOL_SIZE ?? 20} DB connections)`);
    console.log(`conversations: ${conversations}  faq ${scenarios.faq.done}/${scenarios.faq.done + scenarios.faq.failed}, complaint ${scenarios.complaint.done}/${scenarios.complaint.done + scenarios.complaint.failed}, handoff ${scenarios.handoff.done}/${scenarios.handoff.done + scenarios.handoff.failed} completed`);
    console.log(`throughput: ${rps.toFixed(1)} requests/s, ${turnRate.toFixed(1)} customer turns/s (${requests} requests in ${elapsedS.toFixed(1)} s)`);
    console.log(`customer turn latency: p50 ${f1(pct(latency.turn, 50))} ms  p99 ${f1(pct(latency.turn, 99))} ms  max ${f1(pct(latency.turn, 100))} ms`);
    for (const k of ['faq', 'complaint', 'handoff'] as const) console.log(`  ${k.padEnd(9)} turns: n=${turnByKind[k].length}  p50 ${f1(pct(turnByKind[k], 50))} ms  p99 ${f1(pct(turnByKind[k], 99))} ms`);
    console.log(`start conversation: p50 ${f1(pct(latency.start, 50))} ms  p99 ${f1(pct(latency.start, 99))} ms;  agent calls: p50 ${f1(pct(latency.agent, 50))} ms  p99 ${f1(pct(latency.agent, 99))} ms`);
    console.log(`errors: ${totalErrors}${totalErrors ? `  (${[...errors].map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}; claim conflicts (409, expected under races): ${claimConflicts}`);
    console.log(`Teller peak RSS: ${(peakRssKb / 1024).toFixed(0)} MB (at start ${(startRssKb / 1024).toFixed(0)} MB); load generator CPU ${((loadCpu.user + loadCpu.system) / 1e6).toFixed(1)} s`);
    // RSS along the run (a leak keeps climbing; a warming heap levels off).
    const along = [0.25, 0.5, 0.75, 1].map((q) => rssSamples[Math.min(rssSamples.length - 1, Math.floor(q * rssSamples.length))]?.kb ?? 0);
    console.log(`Teller RSS along the run (25/50/75/100%): ${along.map((kb) => `${(kb / 1024).toFixed(0)} MB`).join(' / ')}`);
    console.log(`complaints: ${complaintRefs.size} filed, ${complaintsStored} stored, ${triaged} triaged`);
    console.log(
      `stored: customer messages answered 200 = ${ok.length}, found once by clientMessageId = ${storedOk}, duplicates = ${duplicated}, without id = ${withoutId}, ` +
        `unanswered sends = ${customerSentUnknown.size} (${storedUnknown} of them stored), all customer rows = ${storedCustomer}; agent messages ${agentSentOk.size} sent / ${storedAgent} stored`,
    );
    console.log(`load_rps=${rps.toFixed(1)} turn_rps=${turnRate.toFixed(1)} turn_p50_ms=${f1(pct(latency.turn, 50))} turn_p99_ms=${f1(pct(latency.turn, 99))} errors=${totalErrors} peak_rss_mb=${(peakRssKb / 1024).toFixed(0)} stored_exactly_once=${exactlyOnce}`);
    api.close();
    process.exitCode = exactlyOnce ? 0 : 1;
  } finally {
    clearInterval(rssTimer);
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => {
        const timer = setTimeout(() => (child!.kill('SIGKILL'), r(null)), 15_000);
        child!.once('exit', () => (clearTimeout(timer), r(null)));
      });
    }
    await dropDatabase(dbUrl).catch((err) => console.error(`could not drop the bench database: ${err}`));
    const r = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.unlink(...keys);
    } while (cursor !== '0');
    r.disconnect();
  }
}

main().then(
  () => process.exit(),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
