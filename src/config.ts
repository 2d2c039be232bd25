// Every setting comes from the environment, validated here once at start-up. A missing or malformed
// value stops start-up with one message naming the variable (see ConfigError).
import { existsSync } from 'node:fs';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const csv = z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const url = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a URL (${protocols.join(' or ')})`);

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  /**
   * Which proxies to believe about the client address (X-Forwarded-For), as Fastify's trustProxy:
   * 'false' (default: the socket address), 'true', a hop count, or comma-separated addresses/CIDRs.
   * Per-IP rate limits depend on it: trusting everyone lets a client pick its own address.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | number | string[] => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v.split(',').map((s) => s.trim()).filter(Boolean))),
  PORT: int(0, 65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: url(['postgresql:', 'postgres:']).default('postgresql://postgres@127.0.0.1:5432/teller'),
  DATABASE_POOL_SIZE: int(1, 200).default(10),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  /** Prefix of every Redis key and BullMQ queue, so several Tellers (or test files) share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]+$/, 'letters, digits, : _ - only').default('teller'),
  /** Skip applying migrations and seeding at start-up (run `npm run db:migrate` yourself). */
  TELLER_SKIP_MIGRATE: bool.default(false),
  BODY_LIMIT_BYTES: int(1024, 10 * 1024 * 1024).default(64 * 1024),
  MESSAGE_MAX_CHARS: int(10, 20000).default(2000),
  /** Readiness probes give up after this long so /readyz answers within its deadline. */
  READINESS_TIMEOUT_MS: int(100, 10000).default(1000),
  SHUTDOWN_TIMEOUT_MS: int(1000, 120000).default(10000),

  TELLER_ADMIN_EMAIL: z.email().optional(),
  TELLER_ADMIN_PASSWORD: z.string().min(10, 'at least 10 characters').optional(),
  AGENT_SESSION_TTL_HOURS: int(1, 24 * 30).default(12),
  TELLER_PUBLIC_URL: url(['http:', 'https:']).optional(),
  /** Origins allowed to embed the widget (CORS); empty = same origin only. */
  WIDGET_ORIGINS: csv.default([]),

  /** Field encryption keys "id:base64(32 bytes),id2:..."; the first is current unless TELLER_ENCRYPTION_KEY_ID says otherwise. */
  TELLER_ENCRYPTION_KEYS: z.string().optional(),
  TELLER_ENCRYPTION_KEY_ID: z.string().optional(),

  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: url(['http:', 'https:']).optional(),
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  LLM_TIMEOUT_MS: int(100, 120000).default(8000),
  LLM_MAX_RETRIES: int(0, 5).default(1),

  MICROSOFT_APP_ID: z.string().optional(),
  MICROSOFT_APP_PASSWORD: z.string().optional(),
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MICROSOFT_APP_TENANT_ID: z.string().optional(),

  RATE_LIMIT_PER_MINUTE: int(1, 1_000_000).default(600),
  CONVERSATION_RATE_LIMIT_PER_MINUTE: int(1, 100_000).default(60),

  /** Shown in scripted replies and knowledge-base answers. */
  BANK_HOTLINE: z.string().default('95xxx'),
  BANK_FRAUD_HOTLINE: z.string().default('95xxx (24h)'),

  TIMEZONE: z.string().default('Asia/Shanghai'),
  /** Public holidays (YYYY-MM-DD, comma separated) for the working-day calendar. */
  PUBLIC_HOLIDAYS: csv.default([]),
  /** Weekend days that are working days (make-up days), YYYY-MM-DD. */
  MAKEUP_WORKDAYS: csv.default([]),
  COMPLAINT_ACK_HOURS: int(1, 24 * 30).default(24),
  COMPLAINT_HANDLE_HOURS: int(1, 24 * 30).default(48),
  COMPLAINT_INVESTIGATION_HOURS: int(1, 24 * 30).default(48),
  COMPLAINT_RESOLUTION_WORKING_DAYS: int(1, 90).default(15),
  CRISIS_ESCALATION_HOURS: int(1, 24 * 7).default(24),
  CRISIS_THRESHOLD: int(2, 10000).default(5),
  CRISIS_WINDOW_MINUTES: int(1, 60 * 24 * 30).default(60),
  /** Service hours for live agents, e.g. "09:00-21:00" in TIMEZONE; outside them a callback is offered. */
  SERVICE_HOURS: z.string().regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, 'HH:MM-HH:MM').default('00:00-24:00'),
  /** A waiting handoff whose customer has written nothing for this long is abandoned (left the queue). */
  HANDOFF_ABANDON_MINUTES: int(1, 24 * 60).default(30),
  NPS_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0.2),
  RETENTION_DAYS: int(1, 3650).default(365 * 5),

  /** Run BullMQ workers inside the HTTP process (set false to run them with `npm run worker`). */
  RUN_WORKERS: bool.default(true),
  BULL_BOARD_ENABLED: bool.default(true),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: Array<{ variable: string; problem: string }>) {
    super(`Invalid configuration: ${issues.map((i) => `${i.variable}: ${i.problem}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment. Empty strings count as unset, as in most .env tooling. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), problem: i.message })));
  }
  const c = parsed.data;
  if (Boolean(c.TELLER_ADMIN_EMAIL) !== Boolean(c.TELLER_ADMIN_PASSWORD)) {
    throw new ConfigError([{ variable: c.TELLER_ADMIN_EMAIL ? 'TELLER_ADMIN_PASSWORD' : 'TELLER_ADMIN_EMAIL', problem: 'set both TELLER_ADMIN_EMAIL and TELLER_ADMIN_PASSWORD, or neither' }]);
  }
  return c;
}

/** Reads ./.env into process.env if present (variables already set in the environment win). */
export function loadDotEnv(file = '.env') {
  if (existsSync(file)) process.loadEnvFile(file);
}

export const llmConfigured = (c: Config) => Boolean(c.OPENAI_API_KEY || c.OPENAI_BASE_URL);
