// Data-protection routes for administrators:
//   POST /api/admin/customers/:externalId/erase  {requestReference?}  → 200 what was erased; 404 unknown customer
//   POST /api/admin/retention/run                                     → 200 the run's counts (also runs daily)
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agentOf } from '../../agents/auth.js';
import { notFound } from '../../http/errors.js';
import { runRetention } from '../retention/run-retention.js';
import { eraseCustomer } from './erase-customer.js';

const erasedSchema = z.object({
  customerId: z.string(),
  erasedAt: z.string(),
  alreadyErased: z.boolean(),
  erased: z.object({
    customer: z.boolean(),
    conversations: z.number(),
    messages: z.number(),
    complaints: z.number(),
    channelReferences: z.number(),
    handoffSummaries: z.number(),
    ratingComments: z.number(),
  }),
});

const retentionSchema = z.object({
  cutoff: z.string(),
  retentionDays: z.number(),
  durationMs: z.number(),
  conversations: z.number(),
  messages: z.number(),
  complaints: z.number(),
  customers: z.number(),
  channelReferences: z.number(),
  ratingComments: z.number(),
  handoffSummaries: z.number(),
});

export async function privacyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.deps;
  const { audit } = app.services;
  const tags = ['data protection'];

  app.post(
    '/api/admin/customers/:externalId/erase',
    {
      schema: {
        tags,
        summary: "Erase a customer's personal data on their request (idempotent; audited)",
        description:
          'Nulls the customer’s encrypted name, phone and e-mail and sets erasedAt; replaces the text of every message in their conversations with a marker and removes the encrypted originals; keeps their complaints in masked form only (encrypted description and contact removed). One transaction, one audit row per request.',
        params: z.object({ externalId: z.string().trim().min(1).max(128) }),
        // No body at all arrives as null.
        body: z.object({ requestReference: z.string().trim().min(1).max(100).optional() }).strict().nullish(),
        response: { 200: erasedSchema },
      },
      preHandler: app.requireAgent('admin'),
    },
    async (request) => {
      const result = await eraseCustomer({
        db,
        audit,
        externalId: request.params.externalId,
        actor: `agent:${agentOf(request).id}`,
        ip: request.ip,
        requestReference: request.body?.requestReference,
      });
      if (!result) throw notFound('customer');
      return result;
    },
  );

  app.post(
    '/api/admin/retention/run',
    {
      schema: { tags, summary: `Run the retention job now (past RETENTION_DAYS: transcripts scrubbed, inactive customers anonymised)`, response: { 200: retentionSchema } },
      preHandler: app.requireAgent('admin'),
    },
    async (request) => runRetention({ db, now: new Date(), retentionDays: config.RETENTION_DAYS, actor: `agent:${agentOf(request).id}` }),
  );
}
