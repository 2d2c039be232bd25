// The context package an agent sees with a handoff: transcript (masked as stored), summary,
// intents and sentiment trend, customer profile and segment, linked complaint, channel and
// language, suggested replies. `assembleContext` is pure; `createContextLoader` gathers the rows for
// many handoffs in a few queries. The summary is extractive and always fresh, unless an LLM-written
// one was stored on the handoff (Handoff.summary holds only LLM summaries; see refreshLlmSummary).
import { z } from 'zod';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../infra/database.js';
import type { LlmModule } from '../llm/llm-module.js';
import { readDialogState } from '../conversation/dialog-state.js';
import { fromDbLocale, type Locale } from '../conversation/locale.js';
import type { HandoffReason } from '../conversation/turn-types.js';
import { maskPersonalData } from '../privacy/mask-personal-data.js';
import { PRIORITY_WEIGHTS } from './priority.js';
import { suggestReplies, type CannedResponse, type SuggestedReply } from './canned-responses.js';
import { distinctIntents, extractiveSummary, reasonText, sentimentTrend, type SentimentTrend, type SummaryMessage } from './summary.js';

export interface TranscriptEntry {
  id: string;
  author: 'customer' | 'bot' | 'agent' | 'system';
  text: string;
  createdAt: string;
  agentId?: string;
}

export interface CustomerContext {
  id: string;
  externalId: string | null;
  name: string | null;
  segment: 'ordinary' | 'key' | 'vip';
  vulnerable: boolean;
  customerSince: string;
  conversations: number;
  openComplaints: number;
}

export interface ComplaintContext {
  reference: string;
  status: string;
  severity: string;
  category: string;
  createdAt: string;
  ackDueAt: string;
  dueAt: string;
}

export interface HandoffContext {
  summary: string;
  summarySource: 'llm' | 'extractive';
  transcript: TranscriptEntry[];
  /** The latest meaningful intent (not the request for a person itself), or null. */
  intent: string | null;
  intents: string[];
  /** Knowledge-base entries the bot answered from, newest last. */
  topics: string[];
  sentiment: SentimentTrend;
  customer: CustomerContext | null;
  complaint: ComplaintContext | null;
  channel: string;
  language: Locale;
  reason: HandoffReason;
  reasonText: string;
  urgent: boolean;
  suggestedReplies: SuggestedReply[];
}

/** Everything assembleContext needs, as plain data. */
export interface ContextSources {
  handoff: { reason: HandoffReason; summary: string | null; urgent: boolean };
  conversation: { channel: string; locale: Locale; dialog: unknown };
  messages: Array<{ id: string; author: TranscriptEntry['author']; text: string; createdAt: Date; agentId: string | null; intent: string | null; metadata: unknown }>;
  customer: CustomerContext | null;
  complaint: ComplaintContext | null;
}

const NOISE_INTENT = /^(handoff\.|smalltalk\.|duplicate$)/;

export function assembleContext(src: ContextSources, catalog: readonly CannedResponse[]): HandoffContext {
  const dialog = readDialogState(src.conversation.dialog);
  const locale = src.conversation.locale;
  const messages: SummaryMessage[] = src.messages.map((m) => ({ author: m.author, text: m.text, intent: m.intent }));
  // The dialog keeps the last 20 intents; the stored messages add those of relayed turns.
  const intents = distinctIntents([...dialog.intents, ...src.messages.filter((m) => m.author === 'customer' && m.intent).map((m) => m.intent!)], 10);
  const meaningful = [...dialog.intents, ...src.messages.map((m) => m.intent ?? '')].filter((i) => i && !NOISE_INTENT.test(i));
  const topics = distinctIntents(src.messages.map((m) => (m.metadata as { entry?: unknown } | null)?.entry).filter((e): e is string => typeof e === 'string'), 5);
  const sentiment = sentimentTrend(dialog.sentiment);
  const summary =
    src.handoff.summary ??
    extractiveSummary({
      locale,
      reason: src.handoff.reason,
      messages,
      intents: intents.filter((i) => !NOISE_INTENT.test(i)),
      complaint: src.complaint,
      sentiment,
    });
  return {
    summary,
    summarySource: src.handoff.summary ? 'llm' : 'extractive',
    transcript: src.messages.map((m) => ({ id: m.id, author: m.author, text: m.text, createdAt: m.createdAt.toISOString(), ...(m.agentId ? { agentId: m.agentId } : {}) })),
    intent: meaningful.at(-1) ?? null,
    intents,
    topics,
    sentiment,
    customer: src.customer,
    complaint: src.complaint,
    channel: src.conversation.channel,
    language: locale,
    reason: src.handoff.reason,
    reasonText: reasonText(src.handoff.reason, locale),
    urgent: src.handoff.urgent,
    suggestedReplies: suggestReplies(catalog, {
      locale,
      reason: src.handoff.reason,
      intents,
      customerTexts: src.messages.filter((m) => m.author === 'customer').map((m) => m.text),
      complaintReference: src.complaint?.reference ?? null,
    }),
  };
}

export interface HandoffRowForContext {
  id: string;
  conversationId: string;
  complaintId: string | null;
  reason: string;
  summary: string | null;
  priority: number;
}

export interface FieldDecryptor {
  decrypt(stored: string): string;
}

const TRANSCRIPT_LIMIT = 200;

export function createContextLoader(deps: { db: Database; catalog: readonly CannedResponse[]; cipher?: FieldDecryptor }) {
  const { db } = deps;

  function decryptName(stored: string | null): string | null {
    if (!stored || !deps.cipher) return null;
    try {
      return deps.cipher.decrypt(stored);
    } catch {
      return null; // a rotated-away key must not hide the rest of the context
    }
  }

  async function sourcesFor(rows: readonly HandoffRowForContext[]): Promise<Map<string, ContextSources>> {
    const out = new Map<string, ContextSources>();
    if (!rows.length) return out;
    const conversationIds = [...new Set(rows.map((r) => r.conversationId))];
    const conversations = await db.conversation.findMany({
      where: { id: { in: conversationIds } },
      select: { id: true, channel: true, locale: true, dialog: true, urgent: true, customer: { select: { id: true, externalId: true, nameEncrypted: true, segment: true, vulnerable: true, createdAt: true } } },
    });
    const convById = new Map(conversations.map((c) => [c.id, c]));
    const customerIds = [...new Set(conversations.map((c) => c.customer?.id).filter((x): x is string => Boolean(x)))];
    const [messageLists, complaints, conversationCounts, openComplaintCounts] = await Promise.all([
      Promise.all(
        conversationIds.map(async (id) => {
          const latest = await db.message.findMany({
            where: { conversationId: id },
            orderBy: { seq: 'desc' },
            take: TRANSCRIPT_LIMIT,
            select: { id: true, author: true, text: true, createdAt: true, agentId: true, intent: true, metadata: true },
          });
          return [id, latest.reverse()] as const;
        }),
      ),
      db.complaint.findMany({
        where: { OR: [{ id: { in: rows.map((r) => r.complaintId).filter((x): x is string => Boolean(x)) } }, { conversationId: { in: conversationIds } }] },
        orderBy: { createdAt: 'desc' },
        select: { id: true, conversationId: true, reference: true, status: true, severity: true, category: true, createdAt: true, ackDueAt: true, resolutionDueAt: true },
      }),
      customerIds.length ? db.conversation.groupBy({ by: ['customerId'], where: { customerId: { in: customerIds } }, _count: { _all: true } }) : [],
      customerIds.length
        ? db.complaint.groupBy({ by: ['customerId'], where: { customerId: { in: customerIds }, status: { notIn: ['closed', 'rejected', 'resolved'] } }, _count: { _all: true } })
        : [],
    ]);
    const messagesByConv = new Map(messageLists);
    const convCount = new Map(conversationCounts.map((g) => [g.customerId, g._count._all]));
    const openCount = new Map(openComplaintCounts.map((g) => [g.customerId, g._count._all]));

    for (const row of rows) {
      const conv = convById.get(row.conversationId);
      if (!conv) continue;
      const c = (row.complaintId && complaints.find((x) => x.id === row.complaintId)) || complaints.find((x) => x.conversationId === row.conversationId);
      const cust = conv.customer;
      out.set(row.id, {
        handoff: { reason: row.reason as HandoffReason, summary: row.summary, urgent: conv.urgent || row.priority >= PRIORITY_WEIGHTS.urgent },
        conversation: { channel: conv.channel, locale: fromDbLocale(conv.locale), dialog: conv.dialog },
        messages: messagesByConv.get(row.conversationId) ?? [],
        customer: cust
          ? {
              id: cust.id,
              externalId: cust.externalId,
              name: decryptName(cust.nameEncrypted),
              segment: cust.segment,
              vulnerable: cust.vulnerable,
              customerSince: cust.createdAt.toISOString(),
              conversations: convCount.get(cust.id) ?? 1,
              openComplaints: openCount.get(cust.id) ?? 0,
            }
          : null,
        complaint: c
          ? { reference: c.reference, status: c.status, severity: c.severity, category: c.category, createdAt: c.createdAt.toISOString(), ackDueAt: c.ackDueAt.toISOString(), dueAt: c.resolutionDueAt.toISOString() }
          : null,
      });
    }
    return out;
  }

  return {
    sourcesFor,
    async contextsFor(rows: readonly HandoffRowForContext[]): Promise<Map<string, HandoffContext>> {
      const sources = await sourcesFor(rows);
      return new Map([...sources].map(([id, s]) => [id, assembleContext(s, deps.catalog)]));
    },
  };
}
export type ContextLoader = ReturnType<typeof createContextLoader>;

// ---- LLM-written summary -------------------------------------------------------------------------

const SUMMARY_DEADLINE_MS = 6000;
const summaryText = z.string().trim().min(10).max(2000);

/** Transcript lines for the prompt: masked already, masked again in case, newest 40 turns. */
export function transcriptForPrompt(transcript: readonly TranscriptEntry[], max = 40): string {
  return transcript
    .slice(-max)
    .map((m) => `${m.author}: ${maskPersonalData(m.text.replace(/\s+/g, ' ').slice(0, 500)).text}`)
    .join('\n');
}

/**
 * Asks the LLM for a summary (prompts/handoff-summary.md) and stores it on the handoff while it is
 * still open. Returns null when the LLM is off, slow or says nothing usable: the extractive
 * summary then stays in place.
 */
export async function refreshLlmSummary(deps: { db: Database; llm: LlmModule; loader: ContextLoader; log: FastifyBaseLogger }, handoffId: string): Promise<string | null> {
  if (!deps.llm.enabled) return null;
  const row = await deps.db.handoff.findUnique({ where: { id: handoffId }, select: { id: true, conversationId: true, complaintId: true, reason: true, summary: true, priority: true } });
  if (!row) return null;
  const sources = (await deps.loader.sourcesFor([{ ...row, summary: null }])).get(row.id);
  if (!sources) return null;
  const ctx = assembleContext(sources, []);
  const result = await deps.llm
    .text({
      prompt: 'handoff-summary',
      deadlineMs: SUMMARY_DEADLINE_MS,
      variables: {
        language: ctx.language,
        reason: ctx.reasonText,
        intents: ctx.intents.join(', ') || '-',
        complaint: ctx.complaint ? `${ctx.complaint.reference} (${ctx.complaint.category}, ${ctx.complaint.severity}, ${ctx.complaint.status})` : '-',
        segment: ctx.customer?.segment ?? 'unknown',
        sentiment: ctx.sentiment.direction,
        transcript: transcriptForPrompt(ctx.transcript),
        extractive_summary: ctx.summary,
      },
    })
    .catch((err: unknown) => {
      deps.log.warn({ err, handoffId }, 'LLM handoff summary failed; keeping the extractive one');
      return null;
    });
  const parsed = summaryText.safeParse(result?.value);
  if (!parsed.success) return null;
  // The model saw masked text, but never trust it not to produce something that looks personal.
  const summary = maskPersonalData(parsed.data).text;
  await deps.db.handoff.updateMany({ where: { id: handoffId, status: { in: ['waiting', 'active'] } }, data: { summary } });
  return summary;
}
