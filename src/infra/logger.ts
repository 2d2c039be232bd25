// pino options: JSON logs with a request id; secrets and personal data redacted before they are written.
import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';

/** Paths pino replaces with "[redacted]": credentials and tokens wherever they appear. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.tokenHash',
  '*.apiKey',
  '*.OPENAI_API_KEY',
  '*.MICROSOFT_APP_PASSWORD',
  '*.TELLER_ADMIN_PASSWORD',
  '*.TELLER_ENCRYPTION_KEYS',
];

export function loggerOptions(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      // Query strings can carry the SSE token: log the path only.
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
    },
  };
}
