// Static front-ends built by scripts/build-web.ts into public/build: the embeddable widget
// (/widget.js), the demo bank page (/) and the agent console (/agent); other built files at /assets/.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PUBLIC_BUILD_DIR } from '../infra/paths.js';
import { inlineScriptHashes, pagePolicy } from './csp.js';

export const webPlugin = fp(
  async (app: FastifyInstance) => {
    if (!existsSync(PUBLIC_BUILD_DIR)) {
      app.log.warn(`${PUBLIC_BUILD_DIR} is missing: run "npm run build:prepare" to build the web front-ends`);
    }
    await app.register(fastifyStatic, { root: PUBLIC_BUILD_DIR, prefix: '/assets/', maxAge: '1h' });

    const page = (file: string, cache = 'no-cache') => {
      const full = path.join(PUBLIC_BUILD_DIR, file);
      // Pages with inline scripts (the demo's language toggle) get a policy that allows exactly those.
      const csp = file.endsWith('.html') && existsSync(full) ? pagePolicy(inlineScriptHashes(readFileSync(full, 'utf8'))) : undefined;
      return async (_req: unknown, reply: FastifyReply) => {
        if (csp) reply.header('content-security-policy', csp);
        return reply.header('cache-control', cache).sendFile(file, PUBLIC_BUILD_DIR);
      };
    };
    app.get('/', { schema: { hide: true } }, page('demo.html'));
    app.get('/widget.js', { schema: { hide: true } }, page('widget.js', 'public, max-age=300'));
    app.get('/agent', { schema: { hide: true } }, page('console.html'));
    app.get('/favicon.ico', { schema: { hide: true } }, async (_req, reply) => reply.status(204).header('cache-control', 'public, max-age=86400').send());
  },
  { name: 'web' },
);
