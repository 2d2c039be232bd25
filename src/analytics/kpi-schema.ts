// The analytics API's boundary: query parameters and response shapes as zod schemas, shared by
// validation, serialisation and the OpenAPI document. The console's copy of these shapes lives in
// web/console/api-types.ts (KpiQuery, KpiResponse, DrillDownResponse); keep the two aligned.
import { z } from 'zod';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// A timestamp must say its zone (Z or ±hh:mm): a bare local time would be read in the server's zone.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;

function isRealDate(s: string): boolean {
  const [y, m, d] = s.slice(0, 10).split('-').map(Number);
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/** 'YYYY-MM-DD' (a day in the bank's time zone) or an ISO 8601 timestamp with its zone. */
export const dateOrInstant = z
  .string()
  .trim()
  .refine((s) => (ISO_DATE.test(s) || (ISO_INSTANT.test(s) && !Number.isNaN(Date.parse(s)))) && isRealDate(s), {
    message: 'expected a date YYYY-MM-DD or an ISO 8601 timestamp with a time zone',
  });

/** Browsers and curl send empty parameters for "no filter"; treat them as absent. */
const blankAsAbsent = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const kpiFilterQuery = z.object({
  from: blankAsAbsent(dateOrInstant),
  to: blankAsAbsent(dateOrInstant),
  /** A channel id ('web', 'msteams', 'slack', …) or 'botframework' for every Bot Framework channel. */
  channel: blankAsAbsent(z.string().trim().max(40).regex(/^[\w.-]+$/, 'channel is a channel id such as web or msteams')),
  locale: blankAsAbsent(z.enum(['zh-CN', 'en'])),
  segment: blankAsAbsent(z.enum(['ordinary', 'key', 'vip'])),
  agentId: blankAsAbsent(z.uuid({ message: 'agentId must be a UUID' })),
});
export type KpiFilterQuery = z.infer<typeof kpiFilterQuery>;

export const DRILL_METRICS = ['conversations', 'containment', 'handoff', 'abandonment', 'first_response', 'handling', 'complaint_resolution', 'sla', 'csat', 'nps', 'unanswered'] as const;
export type DrillMetric = (typeof DRILL_METRICS)[number];

export const drillQuery = kpiFilterQuery.extend({
  metric: z.enum(DRILL_METRICS).default('conversations'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type DrillQuery = z.infer<typeof drillQuery>;

export const unansweredQuery = kpiFilterQuery.extend({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

const nullableNumber = z.number().nullable();

export const percentilesSchema = z.object({ avg: nullableNumber, p50: nullableNumber, p90: nullableNumber, count: z.number().int() });
export type Percentiles = z.infer<typeof percentilesSchema>;

const counts = z.record(z.string(), z.number().int());

export const kpiReportSchema = z.object({
  /** The range as asked (dates are days in `timeZone`, `to` included) and the instants it covers, end exclusive. */
  range: z.object({ from: z.string(), to: z.string(), timeZone: z.string(), start: z.string(), end: z.string() }),
  /** Conversations started in range with at least one customer message: the denominator of the rates. */
  conversations: z.number().int(),
  contained: z.number().int(),
  handedOff: z.number().int(),
  containmentRate: nullableNumber,
  handoffRate: nullableNumber,
  firstResponseSeconds: percentilesSchema,
  /** Handoffs requested in range: claim → the claiming agent's first message. */
  agentFirstResponseSeconds: percentilesSchema,
  handoffs: z.number().int(),
  /** Handoffs requested in range that the customer gave up on while waiting (ended the chat or went silent). */
  abandonedHandoffs: z.number().int(),
  /** abandonedHandoffs / handoffs that entered the queue (requests outside service hours never do). */
  abandonmentRate: nullableNumber,
  /** Handoffs requested in range: claim → close. */
  handlingSeconds: percentilesSchema,
  complaints: z.number().int(),
  /** Complaints filed in range: filed → resolved. */
  complaintResolutionHours: percentilesSchema,
  /** Share of clocks met on time among those decided so far (done, or due and passed). */
  slaCompliance: z.record(z.string(), nullableNumber),
  slaCounts: z.record(z.string(), z.object({ met: z.number().int(), due: z.number().int() })),
  csat: z.object({ avg: nullableNumber, count: z.number().int(), distribution: counts }),
  nps: z.object({ score: nullableNumber, count: z.number().int(), promoters: z.number().int(), passives: z.number().int(), detractors: z.number().int() }),
  volumes: z.object({
    /** Conversations by the route of their first customer message (the router's decision). */
    byRoute: counts,
    /** Customer turns the bot routed, by route (messages relayed to an agent excluded). */
    turnsByRoute: counts,
    /** Customer turns by intent; FAQ turns by the knowledge entry that answered them ('faq:<key>'). */
    byIntent: counts,
    byCategory: counts,
    byCause: counts,
  }),
  topUnanswered: z.array(z.object({ text: z.string(), count: z.number().int() })),
});
export type KpiReport = z.infer<typeof kpiReportSchema>;

export const drillResponseSchema = z.object({
  metric: z.enum(DRILL_METRICS),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  conversations: z.array(
    z.object({
      id: z.string(),
      startedAt: z.string(),
      channel: z.string(),
      locale: z.string(),
      /** The route of the first customer message. */
      route: z.string().nullable(),
      intent: z.string().nullable(),
      state: z.string(),
      handedOff: z.boolean(),
      resolvedBy: z.string().nullable(),
      csat: z.number().nullable(),
      nps: z.number().nullable(),
      firstResponseSeconds: z.number().nullable(),
      complaint: z.string().nullable(),
      /** The first customer message as stored: personal data already masked. */
      preview: z.string().nullable(),
    }),
  ),
});
export type DrillResponse = z.infer<typeof drillResponseSchema>;
