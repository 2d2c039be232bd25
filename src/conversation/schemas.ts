// zod schemas of the customer chat API (public contract), shared by validation and OpenAPI docs.
import { z } from 'zod';

export const localeSchema = z.enum(['zh-CN', 'en']);
export const segmentSchema = z.enum(['ordinary', 'key', 'vip']);

export const createConversationBody = z
  .object({
    locale: localeSchema.optional(),
    channel: z.literal('web').optional(),
    customer: z
      .object({
        externalId: z.string().trim().min(1).max(128).optional(),
        name: z.string().trim().min(1).max(100).optional(),
        segment: segmentSchema.optional(),
      })
      .optional(),
  })
  .default({});

export const conversationParams = z.object({ id: z.uuid({ message: 'conversation id must be a UUID' }) });

export const postMessageBody = (maxChars: number) =>
  z.object({
    text: z
      .string({ message: 'text must be a string' })
      .refine((s) => s.trim().length > 0, 'text must not be empty')
      .refine((s) => s.length <= maxChars, `text is too long: keep a message under ${maxChars} characters, or split it into several`),
    /** Set by clients that retry: the same id never produces a second turn. */
    clientMessageId: z.string().min(1).max(64).optional(),
  });

const cardSchema = z.object({ title: z.string(), body: z.string(), source: z.string().optional() });
export const messageSchema = z.object({
  id: z.string(),
  author: z.enum(['customer', 'bot', 'agent', 'system']),
  text: z.string(),
  createdAt: z.string(),
  suggestedActions: z.array(z.string()).optional(),
  card: cardSchema.optional(),
});

export const turnResponse = z.object({
  replies: z.array(z.object({ id: z.string(), text: z.string(), createdAt: z.string(), suggestedActions: z.array(z.string()).optional(), card: cardSchema.optional() })),
  route: z.enum(['faq', 'complaint', 'handoff', 'urgent', 'smalltalk', 'fallback']),
  intent: z.string(),
  confidence: z.number(),
  handoff: z.object({ id: z.string(), status: z.string(), queuePosition: z.number().optional() }).optional(),
  complaint: z.object({ reference: z.string(), status: z.string() }).optional(),
  customerMessage: z.object({ id: z.string(), text: z.string(), createdAt: z.string() }),
});

export const ratingBody = z.object({
  score: z.number().int().min(0).max(10),
  comment: z.string().max(1000).optional(),
  kind: z.enum(['csat', 'nps']).default('csat'),
}).refine((r) => r.kind === 'nps' || (r.score >= 1 && r.score <= 5), 'a CSAT score is 1 to 5 (NPS: 0 to 10)');

export const errorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
