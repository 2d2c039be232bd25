// `npm run bench:turns [-- --seconds 20 --concurrency 50]`: many concurrent conversations through the
// HTTP turn endpoint with their live streams open, no LLM, persistence on; then, in the same run, a bare
// Fastify JSON handler driven the same way. Prints turns/s, p50/p99 latency and the ratio to the bare
// handler. Teller runs as a child process (like production), so the numbers include its whole stack.
import { benchDatabaseUrl, dropDatabase, freePort, processCpuSeconds, startNodeServer, stop } from './support/processes.js';
import { followEvents, jsonClient, percentile } from './support/http-client.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 20);
const CONCURRENCY = arg('concurrency', 50);
const WARMUP_SECONDS = arg('warmup', 3);

const QUESTIONS = [
  ['zh-CN', '怎么开通手机银行？'],
  ['zh-CN', '信用卡分期怎么收费'],
  ['zh-CN', '网点几点关门'],
  ['zh-CN', '你好'],
  ['en', 'How do I reset my online banking password?'],
  ['en', 'How do I change my card PIN?'],
  ['en', 'What are the fees for sending money abroad?'],
  ['en', 'thanks'],
] as const;

async function drive(label: string, seconds: number, turn: (worker: number, i: number) => Promise<number>) {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const t0 = performance.now();
        const status = await turn(w, i).catch(() => 0);
        const ms = performance.now() - t0;
        if (status !== 200) errors++;
        else latencies.push(ms);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const result = { label, rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), n: latencies.length, errors };
  console.log(`${label.padEnd(14)} ${result.rps.toFixed(0).padStart(6)} req/s   p50 ${result.p50.toFixed(1).padStart(6)} ms   p99 ${result.p99.toFixed(1).padStart(6)} ms   n=${result.n} errors=${errors}`);
  return result;
}

const dbUrl = benchDatabaseUrl('turns');
const tellerPort = await freePort();
const barePort = await freePort();
const base = `http://127.0.0.1:${tellerPort}`;
console.log(`bench:turns — ${CONCURRENCY} concurrent conversations, ${SECONDS} s each run (+${WARMUP_SECONDS} s warm-up), no LLM, persistence on`);
const teller = await startNodeServer(
  'src/main.ts',
  { PORT: String(tellerPort), HOST: '127.0.0.1', DATABASE_URL: dbUrl, REDIS_PREFIX: `bench-turns-${tellerPort}`, LOG_LEVEL: 'warn', OPENAI_API_KEY: '', OPENAI_BASE_URL: '', RATE_LIMIT_PER_MINUTE: '1000000', CONVERSATION_RATE_LIMIT_PER_MINUTE: '100000', DATABASE_POOL_SIZE: '20', NODE_ENV: 'production', TELLER_ENCRYPTION_KEYS: 'bench:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' },
  `${base}/readyz`,
);
const bare = await startNodeServer('bench/support/bare-server.ts', { PORT: String(barePort) }, `http://127.0.0.1:${barePort}/healthz`);
const client = jsonClient(base);
const bareClient = jsonClient(`http://127.0.0.1:${barePort}`);
let streamed = 0;
const closers: Array<() => void> = [];
try {
  const conversations = await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      const locale = QUESTIONS[w % QUESTIONS.length][0];
      const r = await client.request<{ id: string; token: string }>('POST', '/api/conversations', { locale, channel: 'web' });
      closers.push(followEvents(base, `/api/conversations/${r.json.id}/events`, r.json.token, (type) => type === 'message' && streamed++));
      return { ...r.json, auth: { authorization: `Bearer ${r.json.token}` } };
    }),
  );
  const tellerTurn = async (w: number, i: number) => {
    const c = conversations[w];
    const [, text] = QUESTIONS[(w + i) % QUESTIONS.length];
    return (await client.request('POST', `/api/conversations/${c.id}/messages`, { text }, c.auth)).status;
  };
  await drive('warm-up', WARMUP_SECONDS, tellerTurn);
  streamed = 0;
  const cpuBefore = processCpuSeconds(teller.pid);
  const t = await drive('teller turns', SECONDS, tellerTurn);
  const cpuAfter = processCpuSeconds(teller.pid);
  const cpuUsPerTurn = cpuBefore !== null && cpuAfter !== null ? ((cpuAfter - cpuBefore) * 1e6) / t.n : NaN;
  await new Promise((r) => setTimeout(r, 500));
  const streamedInRun = streamed;
  await drive('bare warm-up', WARMUP_SECONDS, async () => (await bareClient.request('POST', '/echo', { text: 'hello' })).status);
  const b = await drive('bare fastify', SECONDS, async () => (await bareClient.request('POST', '/echo', { text: 'hello' })).status);
  console.log(`live stream: ${streamedInRun} message events received for ${t.n} turns (expect ≥ 2 per turn: the customer's message and the reply)`);
  console.log(`ratio teller/bare throughput: ${(t.rps / b.rps).toFixed(3)}`);
  console.log(`teller process CPU per turn: ${cpuUsPerTurn.toFixed(0)} µs (user + system, all threads)`);
  console.log(`turns_per_s=${t.rps.toFixed(0)} p50_ms=${t.p50.toFixed(1)} p99_ms=${t.p99.toFixed(1)} bare_rps=${b.rps.toFixed(0)} ratio=${(t.rps / b.rps).toFixed(3)} cpu_us_per_turn=${cpuUsPerTurn.toFixed(0)} errors=${t.errors}`);
} finally {
  for (const c of closers) c();
  client.close();
  bareClient.close();
  await stop(teller);
  await stop(bare);
  await dropDatabase(dbUrl);
}
