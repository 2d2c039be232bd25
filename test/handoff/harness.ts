// Teller for the handoff tests, on an isolated database and Redis prefix like test/helpers/context.ts.
// By default this is the real app (buildApp with src/services.ts); with HANDOFF_TEST_STANDALONE=1 the
// smaller app of handoff-app.ts, which needs none of the other domains.
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.js';
import { createInfrastructure, type Infrastructure } from '../../src/infra/infrastructure.js';
import { REDIS_URL } from '../helpers/urls.js';
import { ADMIN, buildHandoffApp, type HandoffServices } from './handoff-app.js';

export { ADMIN } from './handoff-app.js';

import { clearRedisPrefix, createTestDatabase, uniqueRedisPrefix, type TestDatabase } from '../helpers/isolation.js';

export { clearRedisPrefix, createTestDatabase, uniqueRedisPrefix, type TestDatabase } from '../helpers/isolation.js';

export interface HandoffTeller {
  app: FastifyInstance;
  config: Config;
  infra: Infrastructure;
  db: TestDatabase;
  baseUrl: string;
  /** True for the real app (buildApp); false for the standalone handoff app. */
  wired: boolean;
  services: HandoffServices;
  close(): Promise<void>;
}

export async function startHandoffTeller(opts: { database?: TestDatabase; env?: Record<string, string>; listen?: boolean } = {}): Promise<HandoffTeller> {
  const db = opts.database ?? (await createTestDatabase());
  const prefix = opts.env?.REDIS_PREFIX ?? uniqueRedisPrefix();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    TELLER_ADMIN_EMAIL: ADMIN.email,
    TELLER_ADMIN_PASSWORD: ADMIN.password,
    ...opts.env,
  });
  const infra = createInfrastructure(config);
  const { app, wired } = await buildHandoffApp({ config, infra, standalone: process.env.HANDOFF_TEST_STANDALONE === '1' });
  let baseUrl = '';
  if (opts.listen) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    baseUrl = typeof addr === 'object' && addr ? `http://127.0.0.1:${addr.port}` : '';
  } else {
    await app.ready();
  }
  const s = (app as unknown as { services: HandoffServices }).services;
  return {
    app,
    config,
    infra,
    db,
    baseUrl,
    wired,
    services: { handoffs: s.handoffs, conversations: s.conversations, agentAccounts: s.agentAccounts, live: s.live, audit: s.audit },
    async close() {
      await app.close();
      await infra.close();
      if (!opts.env?.REDIS_PREFIX) await clearRedisPrefix(prefix);
      if (!opts.database) await db.drop();
    },
  };
}

/** HTTP against a listening instance, or app.inject when not listening. */
export function httpClient(t: HandoffTeller) {
  return async function call<T = any>(method: string, url: string, body?: unknown, token?: string): Promise<{ status: number; json: T }> {
    const headers: Record<string, string> = { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
    if (t.baseUrl) {
      const res = await fetch(t.baseUrl + url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
    }
    const res = await t.app.inject({ method: method as 'GET', url, headers, payload: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.statusCode, json: (res.body ? res.json() : undefined) as T };
  };
}

/**
 * The customer asks for a person. Wired: through the real turn API ("转人工" / "agent please").
 * Otherwise: through the handoff port, as the turn handler does, and the state it sets.
 */
export async function askForHuman(t: HandoffTeller, conv: { id: string; token: string }, text = '转人工'): Promise<{ handoffId: string; queuePosition?: number; status: string }> {
  if (t.wired) {
    const r = await httpClient(t)('POST', `/api/conversations/${conv.id}/messages`, { text }, conv.token);
    if (r.status !== 200 || !r.json?.handoff?.id) throw new Error(`"${text}" did not open a handoff: ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
    return { handoffId: r.json.handoff.id, queuePosition: r.json.handoff.queuePosition, status: r.json.handoff.status };
  }
  const view = await t.services.conversations.find(conv.id);
  if (!view) throw new Error('no such conversation');
  const ticket = await t.services.handoffs.port.request({ conversation: view, reason: 'customer_request', urgent: false });
  return { handoffId: ticket.id, queuePosition: ticket.queuePosition, status: ticket.status };
}

export async function startConversation(t: HandoffTeller, body: Record<string, unknown> = { locale: 'zh-CN' }): Promise<{ id: string; token: string }> {
  const r = await httpClient(t)('POST', '/api/conversations', body);
  if (r.status !== 201) throw new Error(`POST /api/conversations gave ${r.status}`);
  return r.json;
}

export async function login(t: HandoffTeller, email = ADMIN.email, password = ADMIN.password): Promise<string> {
  const r = await httpClient(t)('POST', '/api/agent/login', { email, password });
  if (r.status !== 200) throw new Error(`login ${email} gave ${r.status}`);
  return r.json.token;
}
