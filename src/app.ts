// buildApp(deps): the Fastify application. It wires plugins together and holds no logic of its own;
// the process entry (main.ts) and the tests build the deps and decide when to listen.
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { Config } from './config.js';
import type { Database } from './infra/database.js';
import type { QueueFactory } from './infra/queues.js';
import type { RedisFactory } from './infra/redis.js';
import { loggerOptions } from './infra/logger.js';
import { requestContext } from './infra/request-context.js';
import { errorHandlerPlugin } from './http/error-handler.js';
import { registerJsonBodyParser } from './http/json-body.js';
import { securityPlugin } from './http/security.js';
import { docsPlugin } from './http/docs.js';
import { healthPlugin } from './ops/health.js';
import { metricsPlugin } from './ops/metrics.js';
import { servicesPlugin } from './services.js';
import { agentAuthPlugin } from './agents/auth.js';
import { agentRoutes } from './agents/routes.js';
import { conversationRoutes } from './conversation/routes.js';
import { complaintRoutes } from './complaints/routes.js';
import { handoffRoutes } from './handoff/routes.js';
import { botframeworkRoutes } from './channels/botframework/routes.js';
import { webPlugin } from './web/web-plugin.js';
import { analyticsRoutes } from './analytics/routes.js';
import { privacyRoutes } from './privacy/erasure/routes.js';
import { queueBoardPlugin } from './ops/queue-board.js';

export interface AppDeps {
  config: Config;
  db: Database;
  redis: RedisFactory;
  queues: QueueFactory;
}

type WorkerStarter = () => Promise<void> | void;

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    /** Domain plugins register how to start their BullMQ workers; main.ts or worker.ts starts them. */
    addWorkerStarter(start: WorkerStarter): void;
    startWorkers(): Promise<void>;
  }
}

/** Errors Fastify raises before routing (bad URLs, over-long parameters) in the contract's shape. */
function frameworkErrorReply(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  void reply.status(error.statusCode ?? 400).send({ error: { code: 'bad_request', message: error.message } });
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps.config),
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
    // The services plugin trains (or loads) the route classifier and seeds on first start.
    pluginTimeout: 120_000,
    trustProxy: deps.config.TRUST_PROXY as boolean | string | string[], // a hop count works at run time too
    // Longer path parameters than Fastify's 100-character default still get the contract's 404/400.
    routerOptions: { maxParamLength: 500 },
    frameworkErrors: frameworkErrorReply,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // One access line per request, written by the hook below (two per request by default is costly on the turn path).
    logController: new LogController({ disableRequestLogging: true }),
    // No child logger per request: pino redacts a child's bindings as it is made, a cost on every
    // request. The request id reaches every line through the logger's mixin (infra/request-context.ts).
    childLoggerFactory: (logger) => logger,
  }).withTypeProvider<ZodTypeProvider>();

  registerJsonBodyParser(app, deps.config.BODY_LIMIT_BYTES);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  const workerStarters: WorkerStarter[] = [];
  app.decorate('addWorkerStarter', (start: WorkerStarter) => void workerStarters.push(start));
  app.decorate('startWorkers', async () => {
    for (const start of workerStarters) await start();
  });
  // Everything this request does, including the jobs it enqueues, runs under its request id.
  app.addHook('onRequest', (request, _reply, done) => requestContext.run(request.id, done));
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const ms = reply.elapsedTime;
    const line = { reqId: request.id, method: request.method, url: request.url.split('?')[0], status: reply.statusCode, ms: Math.round(ms * 10) / 10 };
    if (reply.statusCode >= 500 || ms > 1000) request.log.warn(line, 'request');
    else request.log.debug(line, 'request');
  });

  await app.register(errorHandlerPlugin);
  await app.register(securityPlugin);
  await app.register(docsPlugin);
  await app.register(healthPlugin);
  await app.register(servicesPlugin);
  await app.register(metricsPlugin);
  await app.register(agentAuthPlugin);
  await app.register(agentRoutes);
  await app.register(conversationRoutes);
  await app.register(complaintRoutes);
  await app.register(handoffRoutes);
  await app.register(analyticsRoutes);
  await app.register(privacyRoutes);
  await app.register(botframeworkRoutes);
  await app.register(queueBoardPlugin); // before webPlugin: both bring @fastify/static
  await app.register(webPlugin);

  app.addWorkerStarter(() => app.services.complaints.startWorkers());
  app.addWorkerStarter(() => app.services.retention.startWorkers());
  app.addWorkerStarter(() => app.services.handoffs.startWorkers());
  return app;
}
