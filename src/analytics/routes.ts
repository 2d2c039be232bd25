// Supervisor analytics: the KPIs as JSON and CSV, the conversations behind a number, and the
// unanswered questions to grow the knowledge base. Every read is audited (who looked at what range).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fromDbLocale } from '../conversation/locale.js';
import { agentOf } from '../agents/auth.js';
import { errorResponse } from '../conversation/schemas.js';
import { kpiCsvRows, toCsv, unansweredCsvRows } from './csv.js';
import { DRILL_NEEDS, drillConversationIds, type DrillInput } from './drill-selection.js';
import { createKpiQueries, type KpiFilter } from './kpi-queries.js';
import { resolveRange, type KpiRange } from './kpi-range.js';
import { drillQuery, drillResponseSchema, kpiFilterQuery, kpiReportSchema, unansweredQuery, type DrillQuery, type DrillResponse, type KpiFilterQuery } from './kpi-schema.js';
import { computeKpis, firstResponseSeconds, topUnanswered } from './kpis.js';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse };
const csvResponse = { 200: z.string().describe('text/csv; charset=utf-8 (with a UTF-8 byte order mark for spreadsheets)') };
// Excel opens UTF-8 CSV (Chinese text) correctly only with a byte order mark.
const BOM = '\uFEFF';

export async function analyticsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { audit } = app.services;
  const queries = createKpiQueries(app.deps.db);
  const timeZone = app.deps.config.TIMEZONE;
  const supervisor = app.requireAgent('supervisor');

  function filterOf(q: KpiFilterQuery): { range: KpiRange; filter: KpiFilter } {
    const range = resolveRange(q, { timeZone, now: new Date() });
    const { channel, locale, segment, agentId } = q;
    return { range, filter: { start: range.start, end: range.end, channel, locale, segment, agentId } };
  }

  async function audited(request: FastifyRequest, what: string, range: KpiRange, q: Record<string, unknown>) {
    const agent = agentOf(request);
    const detail = Object.fromEntries(Object.entries({ ...q, from: range.from, to: range.to }).filter(([, v]) => v !== undefined));
    await audit.record({ actor: `agent:${agent.id}`, action: `analytics.${what}.read`, subjectType: 'analytics', subjectId: what, detail, ip: request.ip });
  }

  async function report(q: KpiFilterQuery) {
    const { range, filter } = filterOf(q);
    const facts = await queries.loadFacts(filter);
    return { range, report: computeKpis(facts, { range, now: new Date() }) };
  }

  const sendCsv = (reply: FastifyReply, filename: string, body: string) =>
    reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(BOM + body);

  app.get(
    '/api/analytics/kpis',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Service KPIs for a date range and filters (supervisor)',
        description: 'Dates are days in the bank time zone, `to` included; ISO timestamps are taken as given, `to` exclusive. Default: the last 30 days.',
        querystring: kpiFilterQuery,
        response: { 200: kpiReportSchema, ...errors },
      },
      preHandler: supervisor,
    },
    async (request) => {
      const { range, report: body } = await report(request.query);
      await audited(request, 'kpis', range, request.query);
      return body;
    },
  );

  app.get(
    '/api/analytics/kpis.csv',
    { schema: { tags: ['analytics'], summary: 'The same KPIs as CSV (section, metric, key, value)', querystring: kpiFilterQuery, response: { ...csvResponse, ...errors } }, preHandler: supervisor },
    async (request, reply) => {
      const { range, report: body } = await report(request.query);
      await audited(request, 'kpis.csv', range, request.query);
      return sendCsv(reply, `teller-kpis-${range.from.slice(0, 10)}-${range.to.slice(0, 10)}.csv`, toCsv(kpiCsvRows(body)));
    },
  );

  app.get(
    '/api/analytics/conversations',
    {
      schema: {
        tags: ['analytics'],
        summary: 'The conversations behind a KPI (drill-down), paginated; texts as stored, personal data masked',
        querystring: drillQuery,
        response: { 200: drillResponseSchema, ...errors },
      },
      preHandler: supervisor,
    },
    async (request): Promise<DrillResponse> => {
      const q: DrillQuery = request.query;
      const { range, filter } = filterOf(q);
      const ids = drillConversationIds(q.metric, await loadDrillInput(q.metric, filter), new Date());
      const page = ids.slice(q.offset, q.offset + q.limit);
      const [details, facts] = await Promise.all([queries.conversationDetails(page), queries.conversationFactsByIds(page)]);
      const byId = new Map(details.map((d) => [d.id, d]));
      const factById = new Map(facts.map((f) => [f.id, f]));
      await audited(request, 'conversations', range, { ...request.query, returned: page.length });
      return {
        metric: q.metric,
        total: ids.length,
        limit: q.limit,
        offset: q.offset,
        conversations: page.flatMap((id) => {
          const d = byId.get(id);
          if (!d) return [];
          const fact = factById.get(id);
          const latest = (kind: 'csat' | 'nps') => d.ratings.find((r) => r.kind === kind)?.score ?? null;
          return [
            {
              id,
              startedAt: d.createdAt.toISOString(),
              channel: d.channel,
              locale: fromDbLocale(d.locale),
              route: fact?.firstRoute ?? null,
              intent: fact?.firstIntent ?? d.lastIntent ?? null,
              state: d.state,
              handedOff: d.handoffs.length > 0,
              resolvedBy: d.resolvedBy,
              csat: latest('csat'),
              nps: latest('nps'),
              firstResponseSeconds: fact ? roundOrNull(firstResponseSeconds(fact)) : null,
              complaint: d.complaints[0]?.reference ?? null,
              preview: d.messages[0] ? truncate(d.messages[0].text, 160) : null,
            },
          ];
        }),
      };
    },
  );

  app.get(
    '/api/analytics/unanswered.csv',
    { schema: { tags: ['analytics'], summary: 'Top fallback (unanswered) questions as CSV, to grow the knowledge base', querystring: unansweredQuery, response: { ...csvResponse, ...errors } }, preHandler: supervisor },
    async (request, reply) => {
      const { range, filter } = filterOf(request.query);
      const items = topUnanswered(await queries.fallbackTexts(filter, 20_000), request.query.limit);
      await audited(request, 'unanswered.csv', range, request.query);
      return sendCsv(reply, `teller-unanswered-${range.from.slice(0, 10)}-${range.to.slice(0, 10)}.csv`, toCsv(unansweredCsvRows(items)));
    },
  );

  async function loadDrillInput(metric: DrillQuery['metric'], filter: KpiFilter): Promise<DrillInput> {
    switch (DRILL_NEEDS[metric]) {
      case 'conversations':
        return { conversations: await queries.conversationFacts(filter) };
      case 'handoffs':
        return { handoffs: await queries.handoffFacts(filter) };
      case 'complaints':
        return { complaints: await queries.complaintFacts(filter) };
      case 'rated':
        return { rated: await queries.ratedConversations(filter, metric === 'nps' ? 'nps' : 'csat') };
      case 'unanswered':
        return { unanswered: await queries.unansweredConversations(filter) };
    }
  }
}

const roundOrNull = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
const truncate = (s: string, n: number) => {
  const chars = [...s]; // code points, so a cut never splits a surrogate pair
  return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : s;
};
