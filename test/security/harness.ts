// The real Teller (test/helpers/context.ts) and small HTTP helpers shared by the security and fault tests.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { startTeller, type TellerUnderTest } from '../helpers/context.js';
import { waitFor } from './isolation.js';

export { waitFor };

export const ADMIN = { email: 'admin@bank.test', password: 'Adm1n-pass-2026!' };

export type Teller = TellerUnderTest;
export { startTeller };

export interface Conv {
  id: string;
  token: string;
}

/** Small helpers over app.inject for one Teller. */
export function client(app: FastifyInstance) {
  const inject = (o: InjectOptions) => app.inject(o);
  return {
    inject,
    async start(locale: 'zh-CN' | 'en' = 'zh-CN', customer?: Record<string, string>): Promise<Conv> {
      const res = await inject({ method: 'POST', url: '/api/conversations', payload: { locale, channel: 'web', ...(customer ? { customer } : {}) } });
      if (res.statusCode !== 201) throw new Error(`start conversation: ${res.statusCode} ${res.body}`);
      return res.json();
    },
    say(conv: Conv, text: string, extra: Record<string, unknown> = {}) {
      return inject({ method: 'POST', url: `/api/conversations/${conv.id}/messages`, payload: { text, ...extra }, headers: { authorization: `Bearer ${conv.token}` } });
    },
    async transcript(conv: Conv) {
      const res = await inject({ url: `/api/conversations/${conv.id}/messages`, headers: { authorization: `Bearer ${conv.token}` } });
      if (res.statusCode !== 200) throw new Error(`transcript: ${res.statusCode} ${res.body}`);
      return res.json().messages as Array<{ id: string; author: string; text: string }>;
    },
    async login(email = ADMIN.email, password = ADMIN.password): Promise<string> {
      const res = await inject({ method: 'POST', url: '/api/agent/login', payload: { email, password } });
      if (res.statusCode !== 200) throw new Error(`login: ${res.statusCode} ${res.body}`);
      return res.json().token;
    },
  };
}

/** A local Bot Connector stand-in: Bot Framework replies go to its serviceUrl and are answered at once. */
export async function startConnector(): Promise<{ serviceUrl: string; calls: Array<{ path: string; body: string }>; close(): Promise<void> }> {
  const { createServer } = await import('node:http');
  const calls: Array<{ path: string; body: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      calls.push({ path: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `srv-${calls.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { serviceUrl: `http://127.0.0.1:${port}`, calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}
