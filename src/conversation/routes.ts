// The customer chat API of the public contract: start a conversation, send a message, read the
// transcript, follow the live stream (Server-Sent Events), rate and close.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../http/errors.js';
import type { LiveEvent } from '../realtime/live-events.js';
import { nearestLocale } from './locale.js';
import { conversationParams, createConversationBody, messageSchema, postMessageBody, ratingBody, turnResponse } from './schemas.js';
import { bearerToken, tokenMatches } from './tokens.js';
import type { ConversationRecord } from './store.js';

const SSE_PING_MS = 15_000;

export async function conversationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { conversations, customerMessages, live, ratings, closeConversation } = app.services;
  const maxChars = app.deps.config.MESSAGE_MAX_CHARS;
  // Open streams end before the server closes (preClose: the HTTP server waits for open
  // connections), so shutdown is not held up by idle clients.
  const openStreams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of openStreams) end();
  });

  /** Loads the conversation and checks the bearer token belongs to it. */
  async function authorise(request: FastifyRequest, id: string): Promise<ConversationRecord> {
    const token = bearerToken(request.headers, request.query);
    if (!token) throw new AppError('unauthorized', 'send the conversation token as "Authorization: Bearer <token>"');
    const conv = await conversations.find(id);
    // Same answer for "no such conversation" and "not your conversation": ids are not probeable.
    if (!conv || !tokenMatches(token, conv.tokenHash)) throw new AppError('forbidden', 'this token does not open this conversation');
    return conv;
  }

  app.post(
    '/api/conversations',
    {
      schema: {
        tags: ['customer chat'],
        summary: 'Start a conversation',
        body: createConversationBody,
        response: { 201: z.object({ id: z.string(), token: z.string(), locale: z.enum(['zh-CN', 'en']) }) },
      },
    },
    async (request, reply) => {
      const body = request.body ?? {};
      const locale = body.locale ?? nearestLocale(request.headers['accept-language']?.split(',')[0], 'zh-CN');
      const created = await conversations.create({ locale, channel: body.channel ?? 'web', customer: body.customer });
      return reply.status(201).send({ ...created, locale });
    },
  );

  app.post(
    '/api/conversations/:id/messages',
    {
      schema: { tags: ['customer chat'], summary: 'Send a customer message and get the bot’s replies', params: conversationParams, body: postMessageBody(maxChars), response: { 200: turnResponse } },
      config: { rateLimit: { keyGenerator: (req: FastifyRequest) => `conv:${(req.params as { id?: string }).id}`, max: app.deps.config.CONVERSATION_RATE_LIMIT_PER_MINUTE, timeWindow: 60_000 } },
    },
    async (request) => {
      const conv = await authorise(request, request.params.id);
      return customerMessages.handle(conv, request.body.text, { clientMessageId: request.body.clientMessageId });
    },
  );

  app.get(
    '/api/conversations/:id/messages',
    { schema: { tags: ['customer chat'], summary: 'The transcript, oldest first, personal data masked', params: conversationParams, response: { 200: z.object({ messages: z.array(messageSchema) }) } } },
    async (request) => {
      const conv = await authorise(request, request.params.id);
      const messages = await conversations.messages(conv.id);
      return { messages: messages.map(({ seq: _seq, ...m }) => m) };
    },
  );

  app.get(
    '/api/conversations/:id/events',
    {
      schema: {
        tags: ['customer chat'],
        summary: 'Live stream (Server-Sent Events): message, typing, state, delta',
        description: 'Authorise with the Authorization header or ?token=. Send Last-Event-ID to resume: missed messages are replayed from the transcript.',
        params: conversationParams,
        querystring: z.object({ token: z.string().optional() }),
      },
    },
    async (request, reply) => {
      const conv = await authorise(request, request.params.id);
      await streamEvents(request, reply, conv);
    },
  );

  app.post(
    '/api/conversations/:id/rating',
    { schema: { tags: ['customer chat'], summary: 'Rate the conversation (CSAT 1-5, or NPS 0-10)', params: conversationParams, body: ratingBody, response: { 201: z.object({ id: z.string() }) } } },
    async (request, reply) => {
      const conv = await authorise(request, request.params.id);
      const saved = await ratings.rateConversation({ conversation: conv, ...request.body });
      return reply.status(201).send({ id: saved.id });
    },
  );

  app.post(
    '/api/conversations/:id/close',
    { schema: { tags: ['customer chat'], summary: 'The customer ends the conversation (a handoff still waiting for an agent is abandoned)', params: conversationParams, response: { 200: z.object({ state: z.literal('closed') }) } } },
    async (request) => {
      const conv = await authorise(request, request.params.id);
      await closeConversation(conv.id);
      return { state: 'closed' as const };
    },
  );

  async function streamEvents(request: FastifyRequest, reply: FastifyReply, conv: ConversationRecord) {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': request.id,
    });
    // Events that arrive together (a turn's message, replies and state) leave in one socket write:
    // the stream is corked for the rest of the tick.
    let corked = false;
    const write = (chunk: string) => {
      if (raw.destroyed) return;
      if (!corked) {
        corked = true;
        raw.cork();
        process.nextTick(() => {
          corked = false;
          raw.uncork();
        });
      }
      raw.write(chunk);
    };
    const send = (event: LiveEvent) => {
      if (event.type === 'message') {
        const { seq, ...message } = event.message;
        write(`id: ${seq}\nevent: message\ndata: ${JSON.stringify(message)}\n\n`);
      } else {
        const { type, ...data } = event;
        write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
      }
    };
    // Subscribe first, then replay what was missed, so nothing falls in between; duplicates are
    // harmless (clients de-duplicate by id, and the replay skips ids already sent).
    const sent = new Set<string>();
    const pending: LiveEvent[] = [];
    let replaying = true;
    const unsubscribe = await live.subscribe(conv.id, (event) => {
      if (replaying) return void pending.push(event);
      if (event.type === 'message') {
        if (sent.has(event.message.id)) return;
        sent.add(event.message.id);
      }
      send(event);
    });
    write(`retry: 2000\n: connected\n\n`);
    send({ type: 'state', state: conv.state });
    const lastEventId = request.headers['last-event-id'];
    if (typeof lastEventId === 'string' && /^\d+$/.test(lastEventId)) {
      for (const m of await conversations.messages(conv.id, lastEventId)) {
        sent.add(m.id);
        send({ type: 'message', message: m });
      }
    }
    replaying = false;
    for (const e of pending) if (e.type !== 'message' || !sent.has(e.message.id)) send(e);
    const ping = setInterval(() => write(`: ping\n\n`), SSE_PING_MS);
    const stop = () => {
      clearInterval(ping);
      openStreams.delete(end);
      void unsubscribe();
    };
    const end = () => {
      stop();
      raw.end();
    };
    openStreams.add(end);
    request.raw.on('close', stop);
  }
}
