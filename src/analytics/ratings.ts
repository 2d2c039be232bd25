// Satisfaction ratings: CSAT (1-5) and NPS (0-10), stored per conversation, complaint, handoff and agent.
import type { Database } from '../infra/database.js';
import { toDbLocale, type Locale } from '../conversation/locale.js';

export function createRatings(deps: { db: Database }) {
  const { db } = deps;
  return {
    /**
     * Rates a conversation. By default the agent of its latest handoff and its latest complaint are
     * credited; a survey answer names what it was asked about (`handoffId`, `complaintId`) instead.
     */
    async rateConversation(input: {
      conversation: { id: string; channel: string; locale: Locale };
      kind: 'csat' | 'nps';
      score: number;
      comment?: string;
      handoffId?: string;
      complaintId?: string;
    }) {
      const conversationId = input.conversation.id;
      const handoff = await db.handoff.findFirst({
        where: input.handoffId ? { id: input.handoffId, conversationId } : { conversationId, agentId: { not: null } },
        orderBy: { requestedAt: 'desc' },
        select: { id: true, agentId: true, complaintId: true },
      });
      const complaint = await db.complaint.findFirst({
        where: input.complaintId ? { id: input.complaintId, conversationId } : { conversationId },
        orderBy: { createdAt: 'desc' },
        select: { id: true, assignedAgentId: true },
      });
      return db.satisfactionRating.create({
        data: {
          kind: input.kind,
          score: input.score,
          comment: input.comment ?? null,
          conversationId,
          handoffId: handoff?.id ?? null,
          agentId: handoff?.agentId ?? (input.complaintId ? complaint?.assignedAgentId : null) ?? null,
          complaintId: complaint?.id ?? handoff?.complaintId ?? null,
          channel: input.conversation.channel,
          locale: toDbLocale(input.conversation.locale),
        },
        select: { id: true },
      });
    },
  };
}
export type Ratings = ReturnType<typeof createRatings>;
