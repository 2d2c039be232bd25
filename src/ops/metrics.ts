// Prometheus metrics (prom-client), one registry per app instance so tests can build several apps.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'teller_' });
  return {
    registry,
    httpDuration: new Histogram({ name: 'teller_http_request_duration_seconds', help: 'HTTP request latency', labelNames: ['method', 'route', 'status'], buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry] }),
    turns: new Counter({ name: 'teller_turns_total', help: 'Customer turns by route', labelNames: ['route', 'decided_by', 'channel'], registers: [registry] }),
    turnLatency: new Histogram({ name: 'teller_turn_duration_seconds', help: 'Turn pipeline latency (decide + effects, before persistence)', buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10], registers: [registry] }),
    llmCalls: new Counter({ name: 'teller_llm_calls_total', help: 'LLM calls by outcome (ok, timeout, error, invalid, fallback)', labelNames: ['purpose', 'outcome'], registers: [registry] }),
    llmLatency: new Histogram({ name: 'teller_llm_duration_seconds', help: 'LLM call latency', labelNames: ['purpose'], buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 16], registers: [registry] }),
    slaBreaches: new Counter({ name: 'teller_sla_breaches_total', help: 'Missed service clocks', labelNames: ['clock'], registers: [registry] }),
    activeHandoffs: new Gauge({ name: 'teller_handoffs_open', help: 'Open handoffs by status', labelNames: ['status'], registers: [registry] }),
    queueDepth: new Gauge({ name: 'teller_queue_jobs', help: 'BullMQ jobs by queue and state', labelNames: ['queue', 'state'], registers: [registry] }),
    queueLag: new Gauge({ name: 'teller_queue_oldest_waiting_seconds', help: 'Age of the oldest waiting job per queue', labelNames: ['queue'], registers: [registry] }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

export const metricsPlugin = fp(
  async (app: FastifyInstance) => {
    const { metrics } = app.services;
    app.addHook('onResponse', async (request, reply) => {
      metrics.httpDuration.observe({ method: request.method, route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
    app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
      await refreshGauges(app).catch((err) => app.log.warn({ err }, 'metrics gauges not refreshed'));
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  },
  { name: 'metrics', dependencies: ['services'] },
);

/** Gauges that are read from the stores at scrape time rather than tracked in memory. */
async function refreshGauges(app: FastifyInstance) {
  const { metrics } = app.services;
  const { db, queues } = app.deps;
  const open = await db.handoff.groupBy({ by: ['status'], where: { status: { in: ['waiting', 'active'] } }, _count: true });
  metrics.activeHandoffs.reset();
  for (const row of open) metrics.activeHandoffs.set({ status: row.status }, row._count);
  for (const q of queues.allQueues()) {
    const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
    for (const [state, n] of Object.entries(counts)) metrics.queueDepth.set({ queue: q.name, state }, n);
    const [oldest] = await q.getJobs(['waiting'], 0, 0, true);
    metrics.queueLag.set({ queue: q.name }, oldest ? (Date.now() - oldest.timestamp) / 1000 : 0);
  }
}
