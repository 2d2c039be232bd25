// Every server shape the console reads or sends, in one place, so they are easy to align with the
// API (src/agents/routes.ts, src/handoff/routes.ts, src/complaints/routes.ts, src/analytics/).
// Fields the console does not need may be missing from the server; optional ones are marked so.

export type Locale = 'zh-CN' | 'en';
export type Role = 'agent' | 'supervisor' | 'admin';
export type Author = 'customer' | 'bot' | 'agent' | 'system';
export type Segment = 'ordinary' | 'key' | 'vip';

/** Error body of every API failure: `{"error": {"code", "message"}}`. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

// ---- agents ---------------------------------------------------------------------------------------

export interface AgentIdentity {
  id: string;
  email: string;
  name: string;
  role: Role;
  languages: string[];
  skills: string[];
}

/** POST /api/agent/login */
export interface LoginRequest {
  email: string;
  password: string;
}
export interface LoginResponse {
  token: string;
  role: Role;
  expiresAt: string;
  agent: AgentIdentity;
}

/**
 * GET /api/agent/agents — the directory for "transfer to…" (src/agents/routes.ts). The console falls back
 * to typing the colleague's agent id when this answers 404.
 */
export interface AgentDirectoryResponse {
  agents: Array<Pick<AgentIdentity, 'id' | 'name' | 'role' | 'languages'> & { online?: boolean }>;
}

// ---- handoffs ---------------------------------------------------------------------------------------

export type HandoffStatus = 'waiting' | 'active' | 'closed' | 'abandoned';
export type HandoffReason = 'customer_request' | 'urgent' | 'complaint_severity' | 'repeated_fallback' | 'negative_sentiment';

export interface TranscriptEntry {
  id: string;
  author: Author;
  text: string;
  createdAt: string;
  agentId?: string;
}

export interface SentimentTrend {
  /** One value per customer turn, -1 (very negative) … 1 (very positive). */
  values: number[];
  latest: number | null;
  average: number | null;
  direction: 'improving' | 'worsening' | 'stable' | 'unknown';
}

export interface CustomerProfile {
  id: string;
  externalId: string | null;
  name: string | null;
  segment: Segment;
  vulnerable: boolean;
  customerSince: string;
  conversations: number;
  openComplaints: number;
}

export interface LinkedComplaint {
  reference: string;
  status: string;
  severity: string;
  category: string;
  createdAt?: string;
  ackDueAt?: string;
  dueAt?: string;
}

export interface SuggestedReply {
  key: string;
  title: string;
  /** In the conversation's language. */
  text: string;
  /** Both languages, for an agent who switches. */
  texts?: Record<Locale, string>;
}

export interface HandoffContext {
  summary: string;
  summarySource?: 'llm' | 'extractive';
  transcript: TranscriptEntry[];
  intent: string | null;
  intents?: string[];
  topics?: string[];
  sentiment?: SentimentTrend;
  customer: CustomerProfile | null;
  complaint: LinkedComplaint | null;
  channel: string;
  language: Locale;
  reason?: HandoffReason;
  reasonText?: string;
  urgent?: boolean;
  suggestedReplies?: SuggestedReply[];
}

export interface Handoff {
  id: string;
  conversationId: string;
  status: HandoffStatus;
  reason: HandoffReason | string;
  priority: number;
  locale: Locale;
  agentId: string | null;
  createdAt: string;
  claimedAt?: string | null;
  closedAt?: string | null;
  disposition?: string | null;
  waitingSeconds?: number;
  queuePosition?: number;
  skill?: string | null;
  context: HandoffContext;
}

/** GET /api/agent/handoffs?status= */
export interface HandoffListResponse {
  handoffs: Handoff[];
}
/** POST /api/agent/handoffs/:id/claim | transfer | close */
export interface HandoffResponse {
  handoff: Handoff;
}
export interface TransferRequest {
  agentId: string;
  note?: string;
}
export interface CloseRequest {
  disposition: string;
  note?: string;
}

/** GET /api/agent/handoffs/stats */
export interface QueueStatsResponse {
  languages: Array<{ locale: Locale; waiting: number; agentsOnline: number }>;
}

export type ConversationState = 'bot' | 'waiting' | 'human' | 'closed';

/** GET /api/agent/conversations/:id */
export interface AgentConversationResponse {
  conversation: { id: string; channel: string; locale: Locale; state: ConversationState; urgent: boolean; createdAt: string; lastMessageAt: string };
  handoff: Handoff;
  handoffs: Array<{ id: string; status: string; agentId: string | null; createdAt: string; closedAt: string | null; disposition: string | null }>;
}

/** GET /api/agent/conversations/:id/transcript — any conversation's read-only record (supervisors; agents who handled it). */
export interface TranscriptRecordResponse {
  conversation: {
    id: string;
    channel: string;
    locale: Locale;
    state: ConversationState;
    urgent: boolean;
    createdAt: string;
    lastMessageAt: string;
    closedAt: string | null;
    resolvedBy: string | null;
    customer: { segment: Segment; vulnerable: boolean } | null;
  };
  /** Oldest first; route, intent and confidence are set on customer messages. */
  messages: Array<{ id: string; author: Author; text: string; createdAt: string; agentId: string | null; route: string | null; intent: string | null; confidence: number | null }>;
  truncated: boolean;
  handoffs: Array<{ id: string; status: HandoffStatus; reason: string; priority: number; agent: { id: string; name: string } | null; createdAt: string; claimedAt: string | null; closedAt: string | null; disposition: string | null }>;
  complaints: Array<{ reference: string; status: string; severity: string; category: string; createdAt: string }>;
  ratings: Array<{ kind: 'csat' | 'nps'; score: number; comment: string | null; createdAt: string; handoffId: string | null; complaint: string | null }>;
}

/** POST /api/agent/conversations/:id/messages → 201 */
export interface AgentMessageRequest {
  text: string;
  clientMessageId?: string;
}
export interface AgentMessageResponse {
  message: TranscriptEntry;
}

// ---- live feed: GET /api/agent/events?token= (Server-Sent Events) ----------------------------------

export type FeedEvent =
  | { type: 'handoff.requested' | 'handoff.claimed' | 'handoff.closed' | 'handoff.transferred' | 'handoff.abandoned'; handoffId: string; conversationId: string }
  | { type: 'customer.message'; conversationId: string; messageId: string }
  | { type: 'customer.typing'; conversationId: string };

export type LiveEvent =
  | { type: 'message'; message: TranscriptEntry & { seq?: string } }
  | { type: 'typing'; author: 'agent' | 'bot' | 'customer'; typing: boolean }
  | { type: 'state'; state: ConversationState; queuePosition?: number }
  | { type: 'delta'; id: string; text: string };

/** `event: live` carries the live events of the conversations the agent holds. */
export interface LiveEnvelope {
  conversationId: string;
  event: LiveEvent;
}
/** `event: held` lists them after every change. */
export interface HeldEnvelope {
  conversationIds: string[];
}

// ---- complaints -------------------------------------------------------------------------------------

export const COMPLAINT_STATUSES = ['received', 'acknowledged', 'investigating', 'resolution_proposed', 'approved', 'resolved', 'follow_up', 'closed', 'reopened'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const SEVERITIES = ['low', 'medium', 'high', 'crisis'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface ComplaintSummary {
  reference: string;
  status: ComplaintStatus | string;
  severity: Severity | string;
  category: string;
  createdAt: string;
  dueAt: string;
  triagedAt?: string | null;
  assignedAgent?: { id: string; name: string } | null;
  channel?: string;
  locale?: string;
}

export interface ComplaintHistoryEntry {
  status: string;
  from?: string | null;
  at: string;
  by: string;
  byName?: string | null;
  role?: string;
  note: string | null;
  transition?: string | null;
}

export interface ComplaintDetail extends ComplaintSummary {
  severityReasons?: string[];
  dueDates?: { acknowledge: string; investigation: string; resolution: string };
  description?: string;
  amount?: number | null;
  currency?: string | null;
  occurredText?: string | null;
  occurredOn?: string | null;
  desiredOutcome?: string | null;
  contactPreference?: string | null;
  resolution?: string | null;
  cause?: string | null;
  conversationId?: string | null;
  history: ComplaintHistoryEntry[];
  breaches?: Array<{ clock: string; dueAt: string; detectedAt: string }>;
  /** Moves the viewer's role may make from here. */
  nextTransitions?: Array<{ name: string; to: string }>;
}

/** GET /api/complaints?status=&severity= */
export interface ComplaintListResponse {
  complaints: ComplaintSummary[];
}
/** POST /api/complaints/:reference/transitions → 200 ComplaintDetail; 409 not from here; 403 not your role */
export interface TransitionRequest {
  to: string;
  note?: string;
  resolution?: string;
  cause?: string;
}

/** GET /api/complaints/notices — the logged-in agent's inbox (approvals, missed clocks, crisis alerts). */
export interface Notice {
  id: string;
  kind: 'staff.assigned' | 'staff.escalated' | 'staff.approval_needed' | 'staff.resolution_decided' | 'staff.clock_breached' | 'staff.crisis_alert' | string;
  text: string;
  complaint: string | null;
  createdAt: string;
}
export interface NoticeListResponse {
  notices: Notice[];
}

// ---- analytics (issue 7) ----------------------------------------------------------------------------

/**
 * Query of GET /api/analytics/kpis and GET /api/analytics/conversations; dates as YYYY-MM-DD, days in the
 * bank's time zone with `to` included (an ISO timestamp with zone is taken as given, `to` exclusive).
 * Both default to the last 30 days. channel 'botframework' means every channel but web.
 */
export interface KpiQuery {
  from: string;
  to: string;
  channel?: string;
  locale?: Locale;
  segment?: Segment;
  agentId?: string;
}

export interface Percentiles {
  avg: number | null;
  p50: number | null;
  p90: number | null;
  /** How many values were measured. */
  count?: number;
}

/** A rate as a fraction 0…1 (null when there is nothing to divide by). */
export type Rate = number | null;

/** GET /api/analytics/kpis?from=&to=&channel=&locale=&segment=&agentId= */
export interface KpiResponse {
  range: { from: string; to: string; timeZone?: string; start?: string; end?: string };
  /** Conversations in range; the denominator of the rates (optional). */
  conversations?: number;
  contained?: number;
  handedOff?: number;
  handoffs?: number;
  complaints?: number;
  /** Handoff claimed → the agent's first message. */
  agentFirstResponseSeconds?: Percentiles;
  containmentRate: Rate;
  handoffRate: Rate;
  /** Handoffs the customer gave up on while waiting, and their share of the queued ones (newer servers). */
  abandonedHandoffs?: number;
  abandonmentRate?: Rate;
  firstResponseSeconds: Percentiles;
  /** Average handling time of handoffs, claim → close (a number, or percentiles). */
  handlingSeconds: number | null | Percentiles;
  /** Average complaint resolution time (a number, or percentiles). */
  complaintResolutionHours: number | null | Percentiles;
  /** Share of clocks met, by clock (ack, investigation, resolution, …). */
  slaCompliance: Record<string, Rate>;
  /** Clocks met on time / decided so far, by clock. */
  slaCounts?: Record<string, { met: number; due: number }>;
  csat: { avg: number | null; count?: number; distribution: Partial<Record<'1' | '2' | '3' | '4' | '5', number>> };
  nps: { score: number | null; count?: number; promoters: number; passives: number; detractors: number };
  /** byRoute: conversations by their first route; turnsByRoute: bot-routed customer turns; byIntent: turns ('faq:<entry>' for FAQ). */
  volumes: { byRoute: Record<string, number>; byIntent: Record<string, number>; byCategory: Record<string, number>; byCause?: Record<string, number>; turnsByRoute?: Record<string, number> };
  topUnanswered: Array<{ text: string; count: number }>;
}

/** Metrics a KPI card can drill into (the `metric=` of the drill-down). */
export type DrillMetric = 'conversations' | 'containment' | 'handoff' | 'abandonment' | 'first_response' | 'handling' | 'complaint_resolution' | 'sla' | 'csat' | 'nps' | 'unanswered';

/** GET /api/analytics/conversations?metric=&from=&to=&… — the conversations behind a number. */
export interface DrillDownResponse {
  conversations: Array<{
    id: string;
    startedAt?: string;
    createdAt?: string;
    channel?: string;
    locale?: string;
    route?: string | null;
    intent?: string | null;
    handedOff?: boolean;
    resolvedBy?: string | null;
    csat?: number | null;
    nps?: number | null;
    state?: string;
    firstResponseSeconds?: number | null;
    complaint?: string | null;
    preview?: string | null;
  }>;
  total?: number;
  /** Paging (query `limit` 1–500, default 50; `offset`). */
  limit?: number;
  offset?: number;
}

/** CSV export of the same KPIs (issue 7 asks for one); the console offers it when served. */
export const KPI_CSV_PATH = '/api/analytics/kpis.csv';
