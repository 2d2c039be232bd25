// Authentication of agent routes: `preHandler: app.requireAgent('supervisor')` lets through an agent
// whose role is at least the one named, and puts the identity on request.agent.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../http/errors.js';
import { bearerToken } from '../conversation/tokens.js';
import { hasRole, type AgentIdentity, type AgentRole } from './accounts.js';

declare module 'fastify' {
  interface FastifyInstance {
    requireAgent(atLeast?: AgentRole): (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    agent?: AgentIdentity;
  }
}

/** The authenticated agent of a request guarded by requireAgent. */
export function agentOf(request: FastifyRequest): AgentIdentity {
  if (!request.agent) throw new AppError('unauthorized', 'log in as an agent first');
  return request.agent;
}

export const agentAuthPlugin = fp(
  async (app: FastifyInstance) => {
    const { agentAccounts } = app.services;
    app.decorateRequest('agent', undefined);
    app.decorate('requireAgent', (atLeast: AgentRole = 'agent') => async (request: FastifyRequest) => {
      const token = bearerToken(request.headers, request.query);
      if (!token) throw new AppError('unauthorized', 'send an agent token as "Authorization: Bearer <token>" (POST /api/agent/login)');
      const agent = await agentAccounts.authenticate(token);
      if (!agent) throw new AppError('unauthorized', 'the agent token is invalid or has expired; log in again');
      if (!hasRole(agent.role, atLeast)) throw new AppError('forbidden', `this needs the ${atLeast} role`);
      request.agent = agent;
    });
  },
  { name: 'agent-auth', dependencies: ['services'] },
);
