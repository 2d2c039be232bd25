// pino options: JSON logs with a request id; secrets redacted and personal data masked before they
// are written (src/privacy/redaction.ts).
import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';
import { privacyLoggerOptions } from '../privacy/redaction.js';
import { requestIdMixin } from './request-context.js';

export function loggerOptions(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    ...privacyLoggerOptions(),
    mixin: requestIdMixin,
    serializers: {
      // Query strings can carry the SSE token: log the path only.
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
    },
  };
}
