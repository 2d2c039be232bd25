// Bull Board at /admin/queues for supervisors and operators: every BullMQ queue, failed jobs (the
// dead-letter list) and retries. The board's page and its own API calls are authorised by an httpOnly,
// SameSite=Strict cookie that an authenticated supervisor obtains from POST /api/ops/queue-board/session
// (the console does this); state-changing calls must also come from this origin (CSRF).
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { bearerToken } from '../conversation/tokens.js';
import { hasRole } from '../agents/accounts.js';
import { AppError } from '../http/errors.js';

export const QUEUE_BOARD_PATH = '/admin/queues';
const COOKIE = 'teller_ops';

export const queueBoardPlugin = fp(
  async (app: FastifyInstance) => {
    if (!app.deps.config.BULL_BOARD_ENABLED) return;
    // Cookies are for the board's session only: registered in this scope, they cost other requests nothing.
    await app.register(boardRoutes);
  },
  { name: 'queue-board', dependencies: ['services', 'agent-auth'] },
);

async function boardRoutes(app: FastifyInstance) {
  await app.register(cookie);
  const { agentAccounts, audit } = app.services;

  app.post(
    '/api/ops/queue-board/session',
    { schema: { tags: ['operations'], summary: 'Opens Bull Board for this browser (sets an httpOnly cookie)' }, preHandler: app.requireAgent('supervisor') },
    async (request, reply) => {
      const token = bearerToken(request.headers)!;
      await audit.record({ actor: `agent:${request.agent!.id}`, action: 'ops.queue_board.open', subjectType: 'queues', subjectId: 'all', ip: request.ip });
      reply.setCookie(COOKIE, token, { path: QUEUE_BOARD_PATH, httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', maxAge: 3600 });
      return { url: `${QUEUE_BOARD_PATH}/` };
    },
  );

  await app.register(async (board) => {
    const guard = async (request: FastifyRequest) => {
      const token = request.cookies[COOKIE] ?? bearerToken(request.headers);
      const agent = token ? await agentAccounts.authenticate(token) : null;
      if (!agent) throw new AppError('unauthorized', 'open Bull Board from the agent console (supervisors only)');
      if (!hasRole(agent.role, 'supervisor')) throw new AppError('forbidden', 'Bull Board is for supervisors and administrators');
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const origin = request.headers.origin;
        if (origin && new URL(origin).host !== request.headers.host) throw new AppError('forbidden', 'cross-site request refused');
      }
    };
    board.addHook('onRequest', guard);
    // The board's page needs its own inline bootstrap script and styles.
    board.addHook('onSend', async (_request, reply) => {
      reply.header('content-security-policy', "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'");
    });
    const adapter = new FastifyAdapter();
    adapter.setBasePath(QUEUE_BOARD_PATH);
    app.services.complaints.queues(); // makes sure they exist
    app.services.handoffs.queues();
    createBullBoard({ queues: app.deps.queues.allQueues().map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
    await board.register(adapter.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
  });
}
