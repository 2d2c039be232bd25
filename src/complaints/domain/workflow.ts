// The complaint workflow from the bank's complaint-handling manual:
//   accept and acknowledge at once → investigate → propose a resolution → supervisor approves →
//   carry it out and notify the customer → follow up (satisfaction) → close and archive.
//
// Two manual steps are transitions, not resting states:
// - Rejection: a supervisor who turns down a proposed resolution sends the complaint back to
//   `investigating` (resolution_proposed → investigating, named `reject`). Callers may also ask for
//   `to: 'rejected'`; planTransition resolves that alias to `investigating`.
// - Reopening: a customer who is not satisfied after the resolution (resolved, follow_up or even
//   closed) reopens the complaint. `reopened` IS a resting state, so the queue shows reopened cases
//   apart, and the only way on from it is back to `investigating`.
//
// Roles: `system` (bots and workers) may only acknowledge, start follow-up, close after follow-up and
// record a reopening requested by the customer in chat. Approving and rejecting a resolution belong
// to supervisors. `admin` may make every transition.
//
// planTransition separates "this move does not exist from here" (forbidden_transition → HTTP 409) from
// "this move exists but not for your role" (forbidden_role → HTTP 403).
import { z } from 'zod';

export const COMPLAINT_STATUSES = [
  'received',
  'acknowledged',
  'investigating',
  'resolution_proposed',
  'approved',
  'resolved',
  'follow_up',
  'closed',
  'reopened',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const complaintStatusSchema = z.enum(COMPLAINT_STATUSES);

export const WORKFLOW_ROLES = ['system', 'agent', 'supervisor', 'admin'] as const;
export type WorkflowRole = (typeof WORKFLOW_ROLES)[number];

/** What a transition request may name as its target: a status, or the `rejected` alias. */
export const transitionTargetSchema = z.enum([...COMPLAINT_STATUSES, 'rejected']);
export type TransitionTarget = z.infer<typeof transitionTargetSchema>;

export type TransitionName =
  | 'acknowledge'
  | 'start_investigation'
  | 'propose_resolution'
  | 'approve_resolution'
  | 'reject_resolution'
  | 'carry_out_resolution'
  | 'start_follow_up'
  | 'close'
  | 'reopen'
  | 'resume_investigation';

export interface TransitionRule {
  name: TransitionName;
  from: readonly ComplaintStatus[];
  to: ComplaintStatus;
  /** Roles besides admin, who may make every transition. */
  roles: readonly Exclude<WorkflowRole, 'admin'>[];
  /** Event emitted after the change is stored; listeners send notices, stop clocks, audit. */
  event: `complaint.${string}`;
}

export const TRANSITIONS: readonly TransitionRule[] = [
  { name: 'acknowledge', from: ['received'], to: 'acknowledged', roles: ['system', 'agent', 'supervisor'], event: 'complaint.acknowledged' },
  { name: 'start_investigation', from: ['acknowledged'], to: 'investigating', roles: ['agent', 'supervisor'], event: 'complaint.investigation_started' },
  { name: 'propose_resolution', from: ['investigating'], to: 'resolution_proposed', roles: ['agent', 'supervisor'], event: 'complaint.resolution_proposed' },
  { name: 'approve_resolution', from: ['resolution_proposed'], to: 'approved', roles: ['supervisor'], event: 'complaint.resolution_approved' },
  { name: 'reject_resolution', from: ['resolution_proposed'], to: 'investigating', roles: ['supervisor'], event: 'complaint.resolution_rejected' },
  { name: 'carry_out_resolution', from: ['approved'], to: 'resolved', roles: ['agent', 'supervisor'], event: 'complaint.resolved' },
  { name: 'start_follow_up', from: ['resolved'], to: 'follow_up', roles: ['system', 'agent', 'supervisor'], event: 'complaint.follow_up_started' },
  { name: 'close', from: ['follow_up'], to: 'closed', roles: ['system', 'agent', 'supervisor'], event: 'complaint.closed' },
  { name: 'reopen', from: ['resolved', 'follow_up', 'closed'], to: 'reopened', roles: ['system', 'agent', 'supervisor'], event: 'complaint.reopened' },
  { name: 'resume_investigation', from: ['reopened'], to: 'investigating', roles: ['agent', 'supervisor'], event: 'complaint.investigation_resumed' },
];

export type TransitionPlan =
  | { ok: true; from: ComplaintStatus; to: ComplaintStatus; transition: TransitionName; event: TransitionRule['event'] }
  | { ok: false; reason: 'forbidden_transition' | 'forbidden_role'; from: string; to: string; allowedRoles?: WorkflowRole[] };

export function isComplaintStatus(value: unknown): value is ComplaintStatus {
  return typeof value === 'string' && (COMPLAINT_STATUSES as readonly string[]).includes(value);
}

/** Maps the `rejected` alias to the status it leads to. */
export function resolveTarget(to: string): ComplaintStatus | null {
  if (to === 'rejected') return 'investigating';
  return isComplaintStatus(to) ? to : null;
}

function ruleFor(from: ComplaintStatus, to: string): TransitionRule | undefined {
  // `rejected` only names the supervisor's rejection; it is not another way into investigating.
  if (to === 'rejected') return TRANSITIONS.find((r) => r.name === 'reject_resolution' && r.from.includes(from));
  return TRANSITIONS.find((r) => r.to === to && r.from.includes(from));
}

export function roleMay(rule: TransitionRule, role: WorkflowRole): boolean {
  return role === 'admin' || (rule.roles as readonly WorkflowRole[]).includes(role);
}

/** Decides a requested status change. Unknown statuses are forbidden transitions. */
export function planTransition(input: { from: string; to: string; role: WorkflowRole }): TransitionPlan {
  const { from, to, role } = input;
  const rule = isComplaintStatus(from) ? ruleFor(from, to) : undefined;
  if (!rule || !isComplaintStatus(from)) return { ok: false, reason: 'forbidden_transition', from, to };
  if (!roleMay(rule, role)) {
    return { ok: false, reason: 'forbidden_role', from, to, allowedRoles: ['admin', ...rule.roles] };
  }
  return { ok: true, from, to: rule.to, transition: rule.name, event: rule.event };
}

/** Moves a role can make from a status, for the console's buttons. */
export function availableTransitions(from: ComplaintStatus, role: WorkflowRole): TransitionRule[] {
  return TRANSITIONS.filter((r) => r.from.includes(from) && roleMay(r, role));
}

/** Statuses in which the bank still owes the customer a resolution. */
export const OPEN_STATUSES: readonly ComplaintStatus[] = ['received', 'acknowledged', 'investigating', 'resolution_proposed', 'approved', 'reopened'];

export function isOpen(status: ComplaintStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
