// The agent API for complaints (public contract): list, read (audited), move along the workflow, the
// console's notice inbox, and the operators' dead-letter list with retry.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agentOf } from '../agents/auth.js';
import { COMPLAINT_CATEGORIES } from './domain/extract-details.js';
import { SEVERITIES } from './domain/severity.js';
import { COMPLAINT_STATUSES, transitionTargetSchema } from './domain/workflow.js';
import { complaintDetailSchema, complaintSummarySchema } from './workflow/complaint-view.js';

/** `?status=&severity=` (empty) means no filter, as the contract writes it. */
const optionalFilter = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const referenceParams = z.object({ reference: z.string().regex(/^CMP-\d{4}-\d{6,9}$/i, 'a reference like CMP-2026-000123').transform((r) => r.toUpperCase()) });

export async function complaintRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { complaints } = app.services;
  const { workflow } = complaints;
  const viewer = (request: Parameters<typeof agentOf>[0]) => {
    const a = agentOf(request);
    return { id: a.id, role: a.role, ip: request.ip };
  };

  app.get(
    '/api/complaints',
    {
      schema: {
        tags: ['complaints'],
        summary: 'List complaints, newest first',
        querystring: z.object({
          status: optionalFilter(z.enum(COMPLAINT_STATUSES)),
          severity: optionalFilter(z.enum(SEVERITIES)),
          category: optionalFilter(z.enum(COMPLAINT_CATEGORIES)),
          assignedTo: optionalFilter(z.union([z.literal('me'), z.uuid()])),
          before: z.string().max(30).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ complaints: z.array(complaintSummarySchema) }) },
      },
      preHandler: app.requireAgent('agent'),
    },
    async (request) => {
      const v = viewer(request);
      const q = request.query;
      const complaints = await workflow.list({ ...q, assignedTo: q.assignedTo === 'me' ? v.id : q.assignedTo }, v);
      return { complaints };
    },
  );

  app.get(
    '/api/complaints/notices',
    {
      schema: {
        tags: ['complaints'],
        summary: "The logged-in agent's complaint notices (assignments, approvals, missed clocks, crisis alerts)",
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ notices: z.array(z.object({ id: z.string(), kind: z.string(), text: z.string(), complaint: z.string().nullable(), createdAt: z.string() })) }) },
      },
      preHandler: app.requireAgent('agent'),
    },
    async (request) => ({ notices: await workflow.notices(agentOf(request).id, request.query.limit) }),
  );

  app.get(
    '/api/complaints/dead-letter',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Complaint jobs that failed after all retries',
        response: {
          200: z.object({
            jobs: z.array(z.object({ queue: z.string(), jobId: z.string(), name: z.string(), failedReason: z.string(), attemptsMade: z.number(), failedAt: z.string().nullable(), data: z.unknown() })),
          }),
        },
      },
      preHandler: app.requireAgent('supervisor'),
    },
    async () => ({ jobs: await workflow.deadLetters() }),
  );

  app.post(
    '/api/complaints/dead-letter/:queue/:jobId/retry',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Retry a failed complaint job',
        params: z.object({ queue: z.string().max(100), jobId: z.string().max(200) }),
        response: { 200: z.object({ queue: z.string(), jobId: z.string(), state: z.string() }) },
      },
      preHandler: app.requireAgent('supervisor'),
    },
    async (request) => workflow.retryDeadLetter(request.params.queue, request.params.jobId, viewer(request)),
  );

  app.get(
    '/api/complaints/:reference',
    {
      schema: { tags: ['complaints'], summary: 'One complaint with its history', params: referenceParams, response: { 200: complaintDetailSchema } },
      preHandler: app.requireAgent('agent'),
    },
    async (request) => workflow.get(request.params.reference, viewer(request)),
  );

  app.post(
    '/api/complaints/:reference/transitions',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Move a complaint along the workflow (409: not allowed from its status; 403: not for your role)',
        params: referenceParams,
        body: z.object({
          to: z.string().trim().min(1).max(40).describe(`one of ${transitionTargetSchema.options.join(', ')}`),
          note: z.string().trim().max(2000).optional(),
          resolution: z.string().trim().max(4000).optional(),
          cause: z.string().trim().max(200).optional(),
        }),
        response: { 200: complaintDetailSchema },
      },
      preHandler: app.requireAgent('agent'),
    },
    async (request) => {
      const v = viewer(request);
      await workflow.transition({ reference: request.params.reference, ...request.body, actor: v });
      return workflow.get(request.params.reference, v);
    },
  );
}
