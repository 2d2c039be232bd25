// What must never reach a log line. Two layers:
// 1. pino `redact` paths for secrets carried in structured fields (headers, passwords, tokens, keys),
//    replaced wholesale — these are never useful in a log.
// 2. maskPersonalData over log message strings and string fields, so a customer's card or phone
//    number typed into chat and echoed in a debug line is masked the same way as in the transcript.
import type { LoggerOptions } from 'pino';
import { maskPersonalData } from './mask-personal-data.js';

export const REDACT_CENSOR = '[REDACTED]';

const SECRET_FIELDS = [
  'password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'sessionToken',
  'apiKey',
  'api_key',
  'secret',
  'clientSecret',
  'authorization',
  'cookie',
  'OPENAI_API_KEY',
  'MICROSOFT_APP_PASSWORD',
  'TELLER_ADMIN_PASSWORD',
  'TELLER_ENCRYPTION_KEYS',
  'DATABASE_URL',
  'REDIS_URL',
];

/** fast-redact paths for pino's `redact` option: each secret field at the top level and two levels down, plus HTTP headers. */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'req.headers["x-ms-bot-agent"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
];

export const redactOptions = { paths: [...REDACT_PATHS], censor: REDACT_CENSOR };

const MAX_DEPTH = 5;
const MAX_STRING = 20_000; // longer strings are cut before masking; logs are no place for them anyway

function maskString(s: string): string {
  const cut = s.length > MAX_STRING ? `${s.slice(0, MAX_STRING)}…[truncated]` : s;
  return maskPersonalData(cut).text;
}

/**
 * Masks personal data in a log value: strings directly, plain objects and arrays recursively (to a
 * small depth); Errors keep their identity but their message is masked. Usable as a pino serializer.
 */
export function maskLogValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskString(value);
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return value;
  if (value instanceof Error) {
    const masked = maskString(value.message);
    if (masked !== value.message) {
      const copy = Object.assign(Object.create(Object.getPrototypeOf(value)), value) as Error;
      Object.defineProperty(copy, 'message', { value: masked, enumerable: false, writable: true, configurable: true });
      if (value.stack) Object.defineProperty(copy, 'stack', { value: maskString(value.stack), enumerable: false, writable: true, configurable: true });
      return copy;
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => maskLogValue(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value; // Buffers, Dates, class instances: leave to their serializers
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskLogValue(v, depth + 1);
  return out;
}

/**
 * pino `hooks.logMethod`: masks the message and its interpolation arguments before formatting. A
 * leading plain merge object is left to `formatters.log`, which sees it after pino has merged it.
 */
export function maskingLogMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void): void {
  // pino takes `msg` from an Error's message before formatters run, so Errors are masked here.
  method.apply(this, args.map((a, i) => (i === 0 && typeof a === 'object' && a !== null && !(a instanceof Error) ? a : maskLogValue(a))));
}

/**
 * The privacy part of pino's options: redact secrets, mask personal data in messages and in string
 * fields of the merged object. Spread into the logger options: pino({ level, ...privacyLoggerOptions() }).
 */
export function privacyLoggerOptions(): Pick<LoggerOptions, 'redact' | 'hooks' | 'formatters'> {
  return {
    redact: redactOptions,
    hooks: { logMethod: maskingLogMethod as NonNullable<NonNullable<LoggerOptions['hooks']>['logMethod']> },
    formatters: { log: (object: Record<string, unknown>) => maskLogValue(object) as Record<string, unknown> },
  };
}
