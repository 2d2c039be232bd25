// Satisfaction ratings: CSAT (1-5) and NPS (0-10), stored per conversation, complaint, handoff and agent.
import type { Database } from '../infra/database.js';
import { toDbLocale, type Locale } from '../conversation/locale.js';

export function createRatings(deps: { db: Database }) {
  const { db } = deps;
  return {
    /** Rates a conversation; the agent of its latest closed handoff is credited, if any. */
    async rateConversation(input: { conversation: { id: string; channel: string; locale: Locale }; kind: 'csat' | 'nps'; score: number; comment?: string }) {
      const lastHandoff = await db.handoff.findFirst({ where: { conversationId: input.conversation.id, agentId: { not: null } }, orderBy: { requestedAt: 'desc' }, select: { id: true, agentId: true, complaintId: true } });
      const complaint = await db.complaint.findFirst({ where: { conversationId: input.conversation.id }, orderBy: { createdAt: 'desc' }, select: { id: true } });
      return db.satisfactionRating.create({
        data: {
          kind: input.kind,
          score: input.score,
          comment: input.comment ?? null,
          conversationId: input.conversation.id,
          handoffId: lastHandoff?.id ?? null,
          agentId: lastHandoff?.agentId ?? null,
          complaintId: complaint?.id ?? lastHandoff?.complaintId ?? null,
          channel: input.conversation.channel,
          locale: toDbLocale(input.conversation.locale),
        },
        select: { id: true },
      });
    },
  };
}
export type Ratings = ReturnType<typeof createRatings>;
