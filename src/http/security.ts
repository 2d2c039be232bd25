// Abuse protection on every route: helmet headers, CORS limited to the configured widget origins, and
// rate limits kept in Redis so they hold across instances. Individual routes tighten the limits
// (e.g. per conversation, login attempts).
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

export const securityPlugin = fp(
  async (app: FastifyInstance) => {
    const { config, redis } = app.deps;
    // Security headers, computed once: helmet's middleware is built here and applied to every request
    // (@fastify/helmet rebuilds it, CSP parsing included, per request: a measurable cost on the turn path).
    const securityHeaders = helmet({
      // The widget script is embedded cross-origin by banks' pages; the API itself serves JSON.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'self'"],
        },
      },
    });
    app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (err) => done(err as Error | undefined)));
    await app.register(cors, {
      origin: config.WIDGET_ORIGINS.length ? config.WIDGET_ORIGINS : false,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization', 'last-event-id', 'x-request-id'],
      maxAge: 600,
    });
    await app.register(rateLimit, {
      global: true,
      max: config.RATE_LIMIT_PER_MINUTE,
      timeWindow: 60_000,
      redis: redis.connect('rate-limit', { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 500, enableAutoPipelining: true }),
      nameSpace: `${redis.keyPrefix}rl:`,
      // With Redis away, serve rather than refuse: FAQ answers must keep flowing.
      skipOnError: true,
      allowList: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics',
      errorResponseBuilder: (_req, ctx) => Object.assign(new Error(`too many requests; try again in ${Math.ceil(ctx.ttl / 1000)} s`), { statusCode: 429 }),
    });
  },
  { name: 'security' },
);
