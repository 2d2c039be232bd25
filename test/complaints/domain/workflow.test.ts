import { describe, expect, it } from 'vitest';
import {
  availableTransitions,
  COMPLAINT_STATUSES,
  planTransition,
  transitionTargetSchema,
  WORKFLOW_ROLES,
  type WorkflowRole,
} from '../../../src/complaints/domain/workflow.js';

// The manual's workflow, written out independently of the implementation's table:
// [from, to, roles other than admin that may make the move]
const ALLOWED: Array<[string, string, WorkflowRole[]]> = [
  ['received', 'acknowledged', ['system', 'agent', 'supervisor']],
  ['acknowledged', 'investigating', ['agent', 'supervisor']],
  ['investigating', 'resolution_proposed', ['agent', 'supervisor']],
  ['resolution_proposed', 'approved', ['supervisor']],
  ['resolution_proposed', 'investigating', ['supervisor']], // rejection
  ['resolution_proposed', 'rejected', ['supervisor']], // the same rejection, by its alias
  ['approved', 'resolved', ['agent', 'supervisor']],
  ['resolved', 'follow_up', ['system', 'agent', 'supervisor']],
  ['follow_up', 'closed', ['system', 'agent', 'supervisor']],
  ['resolved', 'reopened', ['system', 'agent', 'supervisor']],
  ['follow_up', 'reopened', ['system', 'agent', 'supervisor']],
  ['closed', 'reopened', ['system', 'agent', 'supervisor']],
  ['reopened', 'investigating', ['agent', 'supervisor']],
];

const TARGETS = [...COMPLAINT_STATUSES, 'rejected'];
const everyCombination = COMPLAINT_STATUSES.flatMap((from) => TARGETS.flatMap((to) => WORKFLOW_ROLES.map((role) => ({ from, to, role }))));

describe('planTransition', () => {
  it.each(everyCombination)('$from → $to by $role', ({ from, to, role }) => {
    const rule = ALLOWED.find(([f, t]) => f === from && t === to);
    const plan = planTransition({ from, to, role });
    if (!rule) {
      expect(plan).toMatchObject({ ok: false, reason: 'forbidden_transition' });
    } else if (role === 'admin' || rule[2].includes(role)) {
      expect(plan).toMatchObject({ ok: true, from, to: to === 'rejected' ? 'investigating' : to });
    } else {
      expect(plan).toMatchObject({ ok: false, reason: 'forbidden_role' });
    }
  });

  it('names the rejection and the approval, with their events', () => {
    expect(planTransition({ from: 'resolution_proposed', to: 'investigating', role: 'supervisor' })).toEqual({
      ok: true,
      from: 'resolution_proposed',
      to: 'investigating',
      transition: 'reject_resolution',
      event: 'complaint.resolution_rejected',
    });
    expect(planTransition({ from: 'resolution_proposed', to: 'rejected', role: 'admin' })).toMatchObject({ ok: true, transition: 'reject_resolution' });
    expect(planTransition({ from: 'resolution_proposed', to: 'approved', role: 'supervisor' })).toMatchObject({ ok: true, transition: 'approve_resolution' });
    expect(planTransition({ from: 'reopened', to: 'investigating', role: 'agent' })).toMatchObject({ ok: true, transition: 'resume_investigation' });
  });

  it('tells agents who may approve', () => {
    expect(planTransition({ from: 'resolution_proposed', to: 'approved', role: 'agent' })).toEqual({
      ok: false,
      reason: 'forbidden_role',
      from: 'resolution_proposed',
      to: 'approved',
      allowedRoles: ['admin', 'supervisor'],
    });
  });

  it('treats `rejected` as an alias only for rejecting a proposal', () => {
    expect(planTransition({ from: 'acknowledged', to: 'rejected', role: 'admin' })).toMatchObject({ ok: false, reason: 'forbidden_transition' });
    expect(planTransition({ from: 'reopened', to: 'rejected', role: 'admin' })).toMatchObject({ ok: false, reason: 'forbidden_transition' });
  });

  it.each([
    { from: 'received', to: 'received' },
    { from: 'closed', to: 'closed' },
    { from: 'received', to: 'archived' },
    { from: 'nonsense', to: 'acknowledged' },
  ])('refuses $from → $to as a forbidden transition, whatever the role', ({ from, to }) => {
    for (const role of WORKFLOW_ROLES) expect(planTransition({ from, to, role })).toMatchObject({ ok: false, reason: 'forbidden_transition' });
  });

  it('prefers forbidden_transition over forbidden_role', () => {
    // skipping approval is not a move at all, even for a role that could never make it
    expect(planTransition({ from: 'investigating', to: 'approved', role: 'system' })).toMatchObject({ reason: 'forbidden_transition' });
  });
});

describe('availableTransitions and schemas', () => {
  it('lists moves for the console', () => {
    expect(availableTransitions('resolution_proposed', 'agent')).toEqual([]);
    expect(availableTransitions('resolution_proposed', 'supervisor').map((r) => r.to)).toEqual(['approved', 'investigating']);
    expect(availableTransitions('resolved', 'system').map((r) => r.name)).toEqual(['start_follow_up', 'reopen']);
    expect(availableTransitions('closed', 'admin').map((r) => r.name)).toEqual(['reopen']);
  });

  it('validates transition targets at the HTTP boundary', () => {
    expect(transitionTargetSchema.safeParse('rejected').success).toBe(true);
    expect(transitionTargetSchema.safeParse('approved').success).toBe(true);
    expect(transitionTargetSchema.safeParse('archived').success).toBe(false);
  });
});
