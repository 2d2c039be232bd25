// Agent login/logout and "who am I" (public contract: POST /api/agent/login).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../http/errors.js';
import { bearerToken } from '../conversation/tokens.js';
import { agentOf } from './auth.js';

const identity = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(['agent', 'supervisor', 'admin']), languages: z.array(z.string()), skills: z.array(z.string()) });

export async function agentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { agentAccounts, audit } = app.services;

  app.post(
    '/api/agent/login',
    {
      schema: {
        tags: ['agents'],
        summary: 'Log in; returns a bearer token',
        body: z.object({ email: z.string().trim().min(3).max(200), password: z.string().min(1).max(200) }),
        response: { 200: z.object({ token: z.string(), role: z.string(), expiresAt: z.string(), agent: identity }) },
      },
      config: { rateLimit: { max: 20, timeWindow: 60_000 } },
    },
    async (request) => {
      const result = await agentAccounts.login(request.body.email, request.body.password);
      if (!result) {
        await audit.record({ actor: 'anonymous', action: 'agent.login_failed', subjectType: 'agent', subjectId: request.body.email.toLowerCase(), ip: request.ip });
        throw new AppError('unauthorized', 'wrong e-mail or password');
      }
      await audit.record({ actor: `agent:${result.agent.id}`, action: 'agent.login', subjectType: 'agent', subjectId: result.agent.id, ip: request.ip });
      return { token: result.token, role: result.agent.role, expiresAt: result.expiresAt.toISOString(), agent: result.agent };
    },
  );

  app.post('/api/agent/logout', { schema: { tags: ['agents'], summary: 'End this session' }, preHandler: app.requireAgent() }, async (request) => {
    await agentAccounts.logout(bearerToken(request.headers)!);
    return { ok: true };
  });

  app.get('/api/agent/me', { schema: { tags: ['agents'], summary: 'The logged-in agent', response: { 200: identity } }, preHandler: app.requireAgent() }, async (request) => agentOf(request));

  app.get(
    '/api/agent/agents',
    {
      schema: { tags: ['agents'], summary: 'The agent directory (for transfers and the supervisor view)', response: { 200: z.object({ agents: z.array(identity.pick({ id: true, name: true, role: true, languages: true })) }) } },
      preHandler: app.requireAgent(),
    },
    async () => ({ agents: (await agentAccounts.list()).map(({ id, name, role, languages }) => ({ id, name, role, languages })) }),
  );
}
