// Use case: file a complaint the customer confirmed in chat. In one transaction: allocate the
// reference, grade severity, compute the service clocks, store the complaint with its first event and
// audit row, and write the outbox rows for triage, crisis detection and every clock. After commit the
// outbox is relayed to BullMQ; if Redis is down the rows wait for the periodic relay.
import type { ConversationView, ComplaintDraft, ReplyDraft } from '../../conversation/turn-types.js';
import { toDbLocale, type Locale } from '../../conversation/locale.js';
import type { ComplaintContext } from '../context.js';
import { formatComplaintReference } from '../domain/reference.js';
import { computeDueDates, type ServiceClockName } from '../domain/service-clocks.js';
import { gradeSeverity, requiresHandoff, type Severity } from '../domain/severity.js';
import { localDateOf } from '../domain/time-zone.js';
import { enqueueInTransaction, type OutboxEntry } from '../outbox/outbox.js';
import { CRISIS_QUEUE, crisisJobId } from '../queues/crisis-queue.js';
import { SLA_QUEUE, slaJobId } from '../queues/sla-queue.js';
import { TRIAGE_QUEUE, triageJobId } from '../queues/triage-queue.js';
import { filedConfirmation, isCategory } from '../texts.js';
import { maskPersonalData } from '../../privacy/mask-personal-data.js';

const DAY_MS = 86_400_000;
// Filings serialise on the year's reference counter from allocation to commit; under a burst a
// transaction may wait its turn for longer than Prisma's 5 s default.
const FILING_TRANSACTION = { maxWait: 10_000, timeout: 20_000 };

export interface FileComplaintInput {
  draft: ComplaintDraft;
  conversation: ConversationView;
  locale: Locale;
  now: Date;
}

export interface FiledComplaint {
  id: string;
  reference: string;
  status: string;
  severity: Severity;
  requiresHandoff: boolean;
  confirmation: ReplyDraft;
  dueAt: Date;
}

type Tx = Parameters<Parameters<ComplaintContext['db']['$transaction']>[0]>[0];

/** The next reference of the year: one atomic upsert-increment, so concurrent filings never share one. */
export async function allocateReference(tx: Tx, year: number): Promise<string> {
  const scope = `CMP-${year}`;
  const rows = await tx.$queryRaw<Array<{ value: number }>>`
    INSERT INTO "ReferenceCounter" ("scope", "value") VALUES (${scope}, 1)
    ON CONFLICT ("scope") DO UPDATE SET "value" = "ReferenceCounter"."value" + 1
    RETURNING "value"`;
  return formatComplaintReference(year, Number(rows[0].value));
}

/** The text severity rules read: the account, the outcome wanted, and any alarming later statements. */
export const severityText = (d: Pick<ComplaintDraft, 'description' | 'desiredOutcome' | 'severityHints'>) =>
  [d.description, d.desiredOutcome, ...(d.severityHints ?? [])].filter(Boolean).join('\n');

const masked = (text: string | undefined) => (text === undefined ? undefined : maskPersonalData(text).text);

/**
 * The draft's free text as stored: the customer's wording arrives masked already, but an LLM may have
 * filled a slot (a summary standing in for the description), so everything is masked again here.
 * Masking is idempotent: masked text passes through unchanged.
 */
export function maskDraft(d: ComplaintDraft): ComplaintDraft {
  return {
    ...d,
    description: maskPersonalData(d.description).text,
    occurredText: masked(d.occurredText),
    desiredOutcome: masked(d.desiredOutcome),
    contactPreference: masked(d.contactPreference),
    severityHints: (d.severityHints ?? []).map((h) => maskPersonalData(h).text),
  };
}

export function clockJobs(complaintId: string, reference: string, due: Partial<Record<ServiceClockName, Date>>, round = 0): OutboxEntry[] {
  return (Object.entries(due) as Array<[ServiceClockName, Date | undefined]>)
    .filter((e): e is [ServiceClockName, Date] => !!e[1])
    .map(([clock, at]) => ({ queue: SLA_QUEUE, jobId: slaJobId(reference, clock, round), data: { complaintId, reference, clock }, runAt: at }));
}

export async function fileComplaint(ctx: ComplaintContext, input: FileComplaintInput): Promise<FiledComplaint> {
  const { conversation, locale, now } = input;
  const draft = maskDraft(input.draft);
  const { settings } = ctx;
  const customer = conversation.customer;
  const category = isCategory(draft.category) ? draft.category : 'other';
  const year = Number(localDateOf(now, settings.timeZone).slice(0, 4));
  const actor = `customer:${conversation.id}`;

  const filed = await ctx.db.$transaction(async (tx) => {
    const prior = customer ? await tx.complaint.count({ where: { customerId: customer.id, createdAt: { gte: new Date(now.getTime() - 90 * DAY_MS) } } }) : 0;
    const graded = gradeSeverity({
      text: severityText(draft),
      ...(draft.amount ? { amount: { value: draft.amount, currency: draft.currency ?? 'CNY' } } : {}),
      category,
      segment: customer?.segment,
      vulnerable: customer?.vulnerable,
      priorComplaintsIn90Days: prior,
    });
    const due = computeDueDates(now, graded.severity, settings.clocks, settings.calendar);
    const reference = await allocateReference(tx, year);
    const complaint = await tx.complaint.create({
      data: {
        reference,
        customerId: customer?.id ?? null,
        conversationId: conversation.id,
        channel: conversation.channel,
        locale: toDbLocale(locale),
        status: 'received',
        severity: graded.severity,
        severityReasons: graded.reasons,
        category,
        description: draft.description,
        amount: draft.amount ?? null,
        currency: draft.amount ? (draft.currency ?? 'CNY') : null,
        occurredText: draft.occurredText ?? null,
        occurredOn: draft.occurredOn ? new Date(`${draft.occurredOn}T00:00:00Z`) : null,
        desiredOutcome: draft.desiredOutcome ?? null,
        contactPreference: draft.contactPreference ?? null,
        ackDueAt: due.acknowledge,
        investigationDueAt: due.investigation_report,
        resolutionDueAt: due.final_resolution,
        createdAt: now,
        events: { create: { fromStatus: null, toStatus: 'received', actor, actorRole: 'customer', note: `filed via ${conversation.channel} chat`, at: now } },
      },
      select: { id: true, reference: true },
    });
    await tx.auditLog.create(
      ctx.audit.entry({ actor, action: 'complaint.filed', subjectType: 'complaint', subjectId: reference, detail: { severity: graded.severity, reasons: graded.reasons, category } }),
    );
    const jobs: OutboxEntry[] = [
      { queue: TRIAGE_QUEUE, jobId: triageJobId(reference), data: { complaintId: complaint.id, reference } },
      { queue: CRISIS_QUEUE, jobId: crisisJobId(reference), data: { complaintId: complaint.id, reference } },
      ...clockJobs(complaint.id, reference, due),
    ];
    await enqueueInTransaction(tx, jobs);
    return { id: complaint.id, reference, severity: graded.severity, due, jobs };
  }, FILING_TRANSACTION);

  await ctx.relay.relay(filed.jobs);
  const urgent = requiresHandoff(filed.severity);
  return {
    id: filed.id,
    reference: filed.reference,
    status: 'received',
    severity: filed.severity,
    requiresHandoff: urgent,
    dueAt: filed.due.final_resolution,
    confirmation: {
      text: filedConfirmation({ reference: filed.reference, ackDueAt: filed.due.acknowledge, resolutionDueAt: filed.due.final_resolution, locale, timeZone: settings.timeZone, urgent }),
    },
  };
}
