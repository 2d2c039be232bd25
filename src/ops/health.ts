// Liveness and readiness. /readyz answers within READINESS_TIMEOUT_MS: a probe that does not answer
// in time counts as down, so a vanished PostgreSQL or Redis turns it 503 quickly and back to 200 when
// they return (the clients reconnect by themselves).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export type Probe = () => Promise<unknown>;

export async function runProbes(probes: Record<string, Probe>, timeoutMs: number) {
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          probe(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return [name, { ok: true }] as const;
      } catch (err) {
        return [name, { ok: false, error: (err as Error).message.slice(0, 200) }] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const checks = Object.fromEntries(entries);
  return { ready: entries.every(([, r]) => r.ok), checks };
}

function waitForReady(conn: { once(e: 'ready', f: () => void): unknown; off(e: 'ready', f: () => void): unknown }, ms: number) {
  return new Promise<void>((resolve, reject) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      conn.off('ready', onReady);
      reject(new Error('not connected'));
    }, ms);
    conn.once('ready', onReady);
  });
}

export const healthPlugin = fp(
  async (app: FastifyInstance) => {
    const { db, redis, config } = app.deps;
    // A dedicated connection that fails at once while Redis is away instead of queueing the PING.
    const probeConn = redis.connect('readiness', { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: false });
    const probes: Record<string, Probe> = {
      postgres: () => db.$queryRaw`SELECT 1`,
      redis: async () => {
        // Right after start (or a reconnect) the connection may still be handshaking: wait for it,
        // bounded by the probe deadline, instead of reporting a healthy Redis as down.
        if (probeConn.status !== 'ready') await waitForReady(probeConn, config.READINESS_TIMEOUT_MS);
        return probeConn.ping();
      },
    };

    app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
    app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
      const { ready, checks } = await runProbes(probes, config.READINESS_TIMEOUT_MS);
      const failed = Object.entries(checks).filter(([, r]) => !(r as { ok: boolean }).ok).map(([n]) => n);
      return reply.status(ready ? 200 : 503).send(
        ready ? { status: 'ready', checks } : { status: 'unavailable', failed, checks, error: { code: 'unavailable', message: `not ready: ${failed.join(', ')} unavailable` } },
      );
    });
  },
  { name: 'health' },
);
