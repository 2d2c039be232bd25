// What the retention policy removes and when: pure values shared by the retention job and its tests.
// Rows are kept (analytics, referential integrity, regulators' counts); what they say about a person
// is replaced by a marker or nulled.

export { RETENTION_MARKER } from './scrub-conversations.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Data whose last activity is older than this instant is past retention. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new RangeError(`retentionDays must be a positive integer, got ${retentionDays}`);
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/**
 * Complaint statuses after which a complaint is finished. A conversation or customer with a complaint
 * in any other status is left alone: the investigation may still need the transcript.
 */
export const FINISHED_COMPLAINT_STATUSES = ['closed', 'rejected'] as const;

export interface RetentionCounts {
  /** Conversations whose transcript was replaced by markers. */
  conversations: number;
  messages: number;
  /** Finished complaints whose customer account and contact details were removed. */
  complaints: number;
  /** Customers without activity since the cutoff whose identifying fields were nulled. */
  customers: number;
  /** Channel references (Bot Framework user ids and names) deleted. */
  channelReferences: number;
  /** Rating comments and handoff summaries nulled. */
  ratingComments: number;
  handoffSummaries: number;
}

export const emptyCounts = (): RetentionCounts => ({ conversations: 0, messages: 0, complaints: 0, customers: 0, channelReferences: 0, ratingComments: 0, handoffSummaries: 0 });
