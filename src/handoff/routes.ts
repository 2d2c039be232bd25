// The agent side of the handoff (public contract: "Agents and supervisors"), for the console:
//
//   GET  /api/agent/handoffs?status=waiting|active|closed|abandoned&locale=   queue with context (read audited)
//   GET  /api/agent/handoffs/stats                                   waiting per language, agents online
//   GET  /api/agent/handoffs/:id/botframework                        the handoff as a handoff.initiate event
//   POST /api/agent/handoffs/:id/claim                               200; already claimed → 409
//   POST /api/agent/handoffs/:id/transfer   {agentId, note?}         200
//   POST /api/agent/handoffs/:id/close      {disposition, note?}     200; the bot takes over again
//   GET  /api/agent/conversations/:id                                conversation + context (read audited)
//   GET  /api/agent/conversations/:id/transcript                     read-only record, with or without a handoff (read audited)
//   POST /api/agent/conversations/:id/messages {text, clientMessageId?}  201 {message}
//   POST /api/agent/conversations/:id/typing   {typing?}             200
//   GET  /api/agent/events?token=                                    Server-Sent Events:
//        event: feed  data: {type: handoff.requested|claimed|transferred|closed|abandoned|customer.message|customer.typing, handoffId?, conversationId, messageId?}
//        event: live  data: {conversationId, event: {type: message|typing|state|delta, ...}}  (conversations you hold)
//        event: held  data: {conversationIds: [...]}  (after every change of what you hold)
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agentOf } from '../agents/auth.js';
import type { AgentStreamEvent } from './agent-feed.js';

const SSE_PING_MS = 15_000;

const id = z.uuid({ message: 'id must be a UUID' });
const locale = z.enum(['zh-CN', 'en']);
const transcriptEntry = z.object({ id: z.string(), author: z.enum(['customer', 'bot', 'agent', 'system']), text: z.string(), createdAt: z.string(), agentId: z.string().optional() });
const contextSchema = z.object({
  summary: z.string(),
  summarySource: z.enum(['llm', 'extractive']),
  transcript: z.array(transcriptEntry),
  intent: z.string().nullable(),
  intents: z.array(z.string()),
  topics: z.array(z.string()),
  sentiment: z.object({ values: z.array(z.number()), latest: z.number().nullable(), average: z.number().nullable(), direction: z.enum(['improving', 'worsening', 'stable', 'unknown']) }),
  customer: z
    .object({ id: z.string(), externalId: z.string().nullable(), name: z.string().nullable(), segment: z.enum(['ordinary', 'key', 'vip']), vulnerable: z.boolean(), customerSince: z.string(), conversations: z.number(), openComplaints: z.number() })
    .nullable(),
  complaint: z.object({ reference: z.string(), status: z.string(), severity: z.string(), category: z.string(), createdAt: z.string(), ackDueAt: z.string(), dueAt: z.string() }).nullable(),
  channel: z.string(),
  language: locale,
  reason: z.string(),
  reasonText: z.string(),
  urgent: z.boolean(),
  suggestedReplies: z.array(z.object({ key: z.string(), title: z.string(), text: z.string(), texts: z.object({ 'zh-CN': z.string(), en: z.string() }) })),
});
const handoffSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  status: z.enum(['waiting', 'active', 'closed', 'abandoned']),
  reason: z.string(),
  priority: z.number(),
  basePriority: z.number(),
  locale,
  skill: z.string().nullable(),
  agentId: z.string().nullable(),
  createdAt: z.string(),
  claimedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  disposition: z.string().nullable(),
  waitingSeconds: z.number(),
  queuePosition: z.number().optional(),
  context: contextSchema,
});
const messageSchema = z.object({ id: z.string(), author: z.enum(['customer', 'bot', 'agent', 'system']), text: z.string(), createdAt: z.string() });
const conversationState = z.enum(['bot', 'waiting', 'human', 'closed']);
const transcriptRecordSchema = z.object({
  conversation: z.object({
    id: z.string(),
    channel: z.string(),
    locale,
    state: conversationState,
    urgent: z.boolean(),
    createdAt: z.string(),
    lastMessageAt: z.string(),
    closedAt: z.string().nullable(),
    resolvedBy: z.string().nullable(),
    customer: z.object({ segment: z.enum(['ordinary', 'key', 'vip']), vulnerable: z.boolean() }).nullable(),
  }),
  messages: z.array(
    messageSchema.extend({
      agentId: z.string().nullable(),
      route: z.string().nullable().describe('how a customer message was routed (null on other messages)'),
      intent: z.string().nullable(),
      confidence: z.number().nullable(),
    }),
  ),
  truncated: z.boolean().describe('older messages were left out (the newest 500 are shown)'),
  handoffs: z.array(
    z.object({
      id: z.string(),
      status: z.string(),
      reason: z.string(),
      priority: z.number(),
      agent: z.object({ id: z.string(), name: z.string() }).nullable(),
      createdAt: z.string(),
      claimedAt: z.string().nullable(),
      closedAt: z.string().nullable(),
      disposition: z.string().nullable(),
    }),
  ),
  complaints: z.array(z.object({ reference: z.string(), status: z.string(), severity: z.string(), category: z.string(), createdAt: z.string() })),
  ratings: z.array(z.object({ kind: z.enum(['csat', 'nps']), score: z.number(), comment: z.string().nullable(), createdAt: z.string(), handoffId: z.string().nullable(), complaint: z.string().nullable() })),
});

export async function handoffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { handoffs } = app.services;
  const tags = ['handoff'];
  // Open streams are ended in preClose: Fastify's own onClose waits for every connection to end
  // before plugin onClose hooks run, so ending them there would hold shutdown up forever.
  const openStreams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of openStreams) end();
  });

  app.get(
    '/api/agent/handoffs',
    {
      schema: {
        tags,
        summary: 'Handoffs by status, with their context; waiting ones in queue order (priority, then waiting time)',
        querystring: z.object({ status: z.enum(['waiting', 'active', 'closed', 'abandoned']).default('waiting'), locale: locale.optional(), limit: z.coerce.number().int().min(1).max(200).optional() }),
        response: { 200: z.object({ handoffs: z.array(handoffSchema) }) },
      },
      preHandler: app.requireAgent('agent'),
    },
    async (request) => ({ handoffs: await handoffs.list({ agent: agentOf(request), ...request.query, ip: request.ip }) }),
  );

  app.get(
    '/api/agent/handoffs/stats',
    {
      schema: {
        tags,
        summary: 'Waiting customers per language and agents online',
        response: { 200: z.object({ languages: z.array(z.object({ locale, waiting: z.number(), agentsOnline: z.number() })) }) },
      },
      preHandler: app.requireAgent('agent'),
    },
    async () => ({
      languages: await Promise.all(
        (['zh-CN', 'en'] as const).map(async (l) => ({ locale: l, waiting: (await handoffs.waitingCount(l)), agentsOnline: await handoffs.countAgentsOnline(l) })),
      ),
    }),
  );

  app.get(
    '/api/agent/handoffs/:id/botframework',
    {
      schema: { tags, summary: 'The handoff as a Bot Framework handoff.initiate event activity with the transcript attached', params: z.object({ id }) },
      preHandler: app.requireAgent('agent'),
    },
    async (request) => handoffs.botFrameworkInitiate({ agent: agentOf(request), handoffId: request.params.id, ip: request.ip }),
  );

  app.post(
    '/api/agent/handoffs/:id/claim',
    {
      schema: { tags, summary: 'Claim a waiting handoff (exactly one claim wins; 409 otherwise or at your capacity limit)', params: z.object({ id }), response: { 200: z.object({ handoff: handoffSchema }) } },
      preHandler: app.requireAgent('agent'),
    },
    async (request) => ({ handoff: await handoffs.claim({ agent: agentOf(request), handoffId: request.params.id, ip: request.ip }) }),
  );

  app.post(
    '/api/agent/handoffs/:id/transfer',
    {
      schema: {
        tags,
        summary: 'Transfer to another agent (a supervisor may also assign a waiting handoff)',
        params: z.object({ id }),
        body: z.object({ agentId: id, note: z.string().trim().max(500).optional() }),
        response: { 200: z.object({ handoff: handoffSchema }) },
      },
      preHandler: app.requireAgent('agent'),
    },
    async (request) => ({ handoff: await handoffs.transfer({ agent: agentOf(request), handoffId: request.params.id, toAgentId: request.body.agentId, note: request.body.note, ip: request.ip }) }),
  );

  app.post(
    '/api/agent/handoffs/:id/close',
    {
      schema: {
        tags,
        summary: 'Close with a disposition; the bot takes the conversation back',
        params: z.object({ id }),
        body: z.object({ disposition: z.string().trim().min(1).max(64), note: z.string().trim().max(1000).optional() }),
        response: { 200: z.object({ handoff: handoffSchema }) },
      },
      preHandler: app.requireAgent('agent'),
    },
    async (request) => ({ handoff: await handoffs.close({ agent: agentOf(request), handoffId: request.params.id, disposition: request.body.disposition, note: request.body.note, ip: request.ip }) }),
  );

  app.get(
    '/api/agent/conversations/:id',
    {
      schema: {
        tags,
        summary: 'A conversation with its handoff and context (the read is audited)',
        params: z.object({ id }),
        response: {
          200: z.object({
            conversation: z.object({ id: z.string(), channel: z.string(), locale, state: conversationState, urgent: z.boolean(), createdAt: z.string(), lastMessageAt: z.string() }),
            handoff: handoffSchema,
            handoffs: z.array(z.object({ id: z.string(), status: z.string(), agentId: z.string().nullable(), createdAt: z.string(), closedAt: z.string().nullable(), disposition: z.string().nullable() })),
          }),
        },
      },
      preHandler: app.requireAgent('agent'),
    },
    async (request) => handoffs.readConversation({ agent: agentOf(request), conversationId: request.params.id, ip: request.ip }),
  );

  app.get(
    '/api/agent/conversations/:id/transcript',
    {
      schema: {
        tags,
        summary: 'A conversation’s read-only record: transcript with the route and intent of each customer message, handoffs, complaints, ratings (the read is audited)',
        description:
          'Any conversation, with or without a handoff (the dashboard’s drill-down opens it). Supervisors and admins read any; an agent only one they handled (held one of its handoffs, wrote in it, or is assigned one of its complaints), else 403. Texts are masked as in the transcript; no customer name or id.',
        params: z.object({ id }),
        response: { 200: transcriptRecordSchema },
      },
      preHandler: app.requireAgent('agent'),
    },
    async (request) => handoffs.readTranscript({ agent: agentOf(request), conversationId: request.params.id, ip: request.ip }),
  );

  app.post(
    '/api/agent/conversations/:id/messages',
    {
      schema: {
        tags,
        summary: 'Write to the customer (the agent holding the conversation, or a supervisor)',
        params: z.object({ id }),
        body: z.object({
          text: z.string({ message: 'text must be a string' }).refine((s) => s.trim().length > 0, 'text must not be empty').refine((s) => s.length <= app.deps.config.MESSAGE_MAX_CHARS, `text is too long (max ${app.deps.config.MESSAGE_MAX_CHARS} characters)`),
          clientMessageId: z.string().min(1).max(64).optional(),
        }),
        response: { 201: z.object({ message: messageSchema }) },
      },
      preHandler: app.requireAgent('agent'),
    },
    async (request, reply) => {
      const message = await handoffs.sendAgentMessage({ agent: agentOf(request), conversationId: request.params.id, text: request.body.text, clientMessageId: request.body.clientMessageId, ip: request.ip });
      return reply.status(201).send({ message: { id: message.id, author: message.author, text: message.text, createdAt: message.createdAt } });
    },
  );

  app.post(
    '/api/agent/conversations/:id/typing',
    {
      schema: { tags, summary: 'Show or hide "agent is typing" to the customer', params: z.object({ id }), body: z.object({ typing: z.boolean().default(true) }).default({ typing: true }), response: { 200: z.object({ ok: z.literal(true) }) } },
      preHandler: app.requireAgent('agent'),
    },
    async (request) => {
      await handoffs.setTyping({ agent: agentOf(request), conversationId: request.params.id, typing: request.body.typing });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/agent/events',
    {
      schema: {
        tags,
        summary: 'Live feed for the console (Server-Sent Events): queue changes, and the live events of the conversations you hold',
        description: 'Authorise with the Authorization header or ?token= (EventSource cannot send headers). Events: feed, live, held.',
        querystring: z.object({ token: z.string().optional() }),
      },
      preHandler: app.requireAgent('agent'),
    },
    async (request, reply) => {
      const agent = agentOf(request);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no', 'x-request-id': request.id });
      const write = (chunk: string) => {
        if (!raw.destroyed) raw.write(chunk);
      };
      const emit = (e: AgentStreamEvent) => {
        if (e.kind === 'feed') write(`event: feed\ndata: ${JSON.stringify(e.event)}\n\n`);
        else if (e.kind === 'live') write(`event: live\ndata: ${JSON.stringify({ conversationId: e.conversationId, event: e.event })}\n\n`);
        else write(`event: held\ndata: ${JSON.stringify({ conversationIds: e.conversationIds })}\n\n`);
      };
      write(`retry: 2000\n: connected\n\n`);
      let stopFeed: (() => Promise<void>) | undefined;
      let gone = false;
      const ping = setInterval(() => write(`: ping\n\n`), SSE_PING_MS);
      const stop = () => {
        if (gone) return;
        gone = true;
        clearInterval(ping);
        openStreams.delete(end);
        void stopFeed?.();
      };
      const end = () => {
        stop();
        raw.end();
      };
      openStreams.add(end);
      request.raw.on('close', stop);
      try {
        stopFeed = await handoffs.openAgentFeed(agent, emit);
        if (gone) await stopFeed();
      } catch (err) {
        request.log.error({ err }, 'agent feed failed to open');
        end();
      }
    },
  );
}
