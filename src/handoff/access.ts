// Who may do what with a handoff and read which conversation. Pure rules over plain data.
import { hasRole } from '../agents/accounts.js';
import type { Actor } from './deps.js';

export interface HandoffFacts {
  status: 'waiting' | 'active' | 'closed' | 'abandoned';
  agentId: string | null;
}

/** Writing to the customer, typing, closing, transferring an active handoff: its holder, or a supervisor stepping in. */
export const mayActOn = (agent: Actor, h: HandoffFacts) => h.agentId === agent.id || hasRole(agent.role, 'supervisor');

/** Closing or assigning a handoff nobody has claimed yet is a supervisor's call. */
export const mayManageWaiting = (agent: Actor) => hasRole(agent.role, 'supervisor');

/**
 * Reading a conversation: supervisors always; an agent when it is waiting in the queue (to decide
 * to claim it) or when they hold or held one of its handoffs.
 */
export function mayRead(agent: Actor, handoffs: readonly HandoffFacts[]): boolean {
  if (hasRole(agent.role, 'supervisor')) return true;
  return handoffs.some((h) => h.status === 'waiting' || h.agentId === agent.id);
}

/**
 * Reading a conversation's full record (the read-only transcript behind the dashboard): supervisors
 * and admins always; an agent only a conversation they handled — they hold or held one of its
 * handoffs, wrote in it, or are assigned one of its complaints. Waiting in the queue is not enough
 * here: that is what the agent view is for.
 */
export function mayReadTranscript(agent: Actor, handled: { handoffAgentIds: readonly (string | null)[]; complaintAgentIds: readonly (string | null)[]; wroteIn: boolean }): boolean {
  if (hasRole(agent.role, 'supervisor')) return true;
  return handled.wroteIn || handled.handoffAgentIds.includes(agent.id) || handled.complaintAgentIds.includes(agent.id);
}

/** The capacity limit binds agents; supervisors and admins step in above it. */
export const capacityApplies = (agent: Actor) => agent.role === 'agent';
