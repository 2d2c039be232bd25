// The complaint intake dialog: acknowledge with empathy, ask one question at a time for what is still
// missing, show a summary to confirm, let the customer correct or cancel, and on confirmation hand a
// ComplaintDraft to the filing step as a `submit_complaint` effect. Pure: text and state in, replies
// and the next state out (the state lives in the conversation's dialog JSON).
import type { Locale } from '../../conversation/locale.js';
import type { DialogState, IntakeState } from '../../conversation/dialog-state.js';
import type { IntakeStep } from '../../conversation/pipeline.js';
import type { ComplaintDraft, ReplyDraft } from '../../conversation/turn-types.js';
import {
  absorbSignals,
  describesProblem,
  isCategoryLabel,
  readAnswer,
  readCommand,
  readCorrection,
  signalsOf,
  slotNamed,
  type ReadContext,
  type Signals,
  type SlotUpdate,
} from './interpret.js';
import { INTAKE_WORDS, chooseChange, notedList, question, summary } from './intake-texts.js';
import { MAX_QUESTIONS, isSlotName, missingSlots, readSlots, type IntakeSlots, type SlotName } from './slots.js';

export const INTAKE_INTENTS = {
  start: 'complaint.file',
  collect: 'complaint.intake',
  confirm: 'complaint.confirm',
  cancel: 'complaint.cancel',
} as const;

export interface IntakeTurn {
  text: string;
  locale: Locale;
  dialog: DialogState;
  now: Date;
  /** The bank's zone, for resolving "上个月10号" / "yesterday". */
  timeZone: string;
}

type Asking = SlotName | 'confirm' | 'choose_change';

interface Progress {
  slots: IntakeSlots;
  corrections: number;
  startedAt: string;
}

function step(turn: IntakeTurn, p: Progress, asking: Asking, replies: ReplyDraft[], intent: string): IntakeStep {
  const active: IntakeState = { kind: 'complaint_intake', startedAt: p.startedAt, slots: p.slots as Record<string, unknown>, asking, corrections: p.corrections };
  return { replies, dialog: { ...turn.dialog, active }, effects: [], intent };
}

/** The next question, or the summary once nothing is missing or enough questions were asked. */
function askNext(turn: IntakeTurn, p: Progress, before: ReplyDraft[], intent: string): IntakeStep {
  const missing = missingSlots(p.slots);
  const next = missing[0];
  if (next && p.slots.questions < MAX_QUESTIONS) {
    const slots = { ...p.slots, questions: p.slots.questions + 1 };
    return step(turn, { ...p, slots }, next, [...before, question(next, turn.locale)], intent);
  }
  return showSummary(turn, p, before, intent);
}

function showSummary(turn: IntakeTurn, p: Progress, before: ReplyDraft[], intent: string): IntakeStep {
  // A category is needed to route the complaint; "other" is an honest answer when none was given.
  const slots: IntakeSlots = { ...p.slots, category: p.slots.category ?? 'other', returnToConfirm: false };
  return step(turn, { ...p, slots }, 'confirm', [...before, summary(slots, turn.locale)], intent);
}

function withHints(slots: IntakeSlots, text: string, signals: Signals): IntakeSlots {
  if (!signals.severityReasons.length || slots.severityHints.includes(text) || slots.description === text) return slots;
  return { ...slots, severityHints: [...slots.severityHints, text].slice(-10) };
}

function mentionedSlots(s: Signals): SlotName[] {
  const out: SlotName[] = [];
  if (s.category) out.push('category');
  if (s.when) out.push('when');
  if (s.amount) out.push('amount');
  if (s.outcomes.length) out.push('outcome');
  if (s.contact) out.push('contact');
  return out;
}

const apply = (slots: IntakeSlots, update: SlotUpdate): IntakeSlots => ({ ...slots, ...update });

export function draftOf(slots: IntakeSlots): ComplaintDraft {
  const description = [slots.description ?? '', ...slots.notes].filter(Boolean).join('\n');
  return {
    description: description || '(no description)',
    category: slots.category ?? 'other',
    ...(slots.amount ? { amount: slots.amount.value, currency: slots.amount.currency } : {}),
    ...(slots.when ? { occurredText: slots.when.raw } : {}),
    ...(slots.when?.date && slots.when.precision === 'day' ? { occurredOn: slots.when.date } : {}),
    ...(slots.desiredOutcome ? { desiredOutcome: slots.desiredOutcome } : {}),
    ...(slots.contact || slots.contactNote ? { contactPreference: [slots.contact, slots.contactNote].filter(Boolean).join(': ') } : {}),
    severityHints: slots.severityHints,
  };
}

function submit(turn: IntakeTurn, slots: IntakeSlots): IntakeStep {
  return {
    replies: [],
    dialog: { ...turn.dialog, active: null },
    effects: [{ type: 'submit_complaint', draft: draftOf(slots) }],
    intent: INTAKE_INTENTS.confirm,
  };
}

function cancel(turn: IntakeTurn): IntakeStep {
  return { replies: [{ text: INTAKE_WORDS[turn.locale].cancelled }], dialog: { ...turn.dialog, active: null }, effects: [], intent: INTAKE_INTENTS.cancel };
}

const ctxOf = (turn: IntakeTurn): ReadContext => ({ now: turn.now, timeZone: turn.timeZone, locale: turn.locale });

/** Slots from the first complaint message; `prefill` (the LLM's reading) only fills what rules left open. */
export function initialSlots(turn: IntakeTurn, prefill?: (slots: IntakeSlots) => IntakeSlots): IntakeSlots {
  const signals = signalsOf(turn.text, ctxOf(turn));
  let slots = readSlots({});
  if (describesProblem(turn.text, signals)) slots.description = turn.text.trim();
  slots = absorbSignals(slots, signals, turn.locale, { overwrite: false }).slots;
  slots = withHints(slots, turn.text.trim(), signals);
  return prefill ? prefill(slots) : slots;
}

export function startIntake(turn: IntakeTurn, prefill?: (slots: IntakeSlots) => IntakeSlots): IntakeStep {
  const slots = initialSlots(turn, prefill);
  const w = INTAKE_WORDS[turn.locale];
  const urgent = signalsOf(turn.text, ctxOf(turn)).severityReasons.length > 0;
  return askNext(turn, { slots, corrections: 0, startedAt: turn.now.toISOString() }, [{ text: urgent ? w.openingUrgent : w.opening }], INTAKE_INTENTS.start);
}

export function continueIntake(turn: IntakeTurn, prefill?: (slots: IntakeSlots) => IntakeSlots): IntakeStep {
  const state = turn.dialog.active;
  if (!state || state.kind !== 'complaint_intake') return startIntake(turn, prefill);
  const ctx = ctxOf(turn);
  const text = turn.text.trim();
  const signals = signalsOf(text, ctx);
  const p: Progress = { slots: withHints(readSlots(state.slots), text, signals), corrections: state.corrections, startedAt: state.startedAt };
  const asking = state.asking;
  const command = readCommand(text);
  const w = INTAKE_WORDS[turn.locale];
  const collect = INTAKE_INTENTS.collect;

  if (command === 'cancel') return cancel(turn);

  /** An explicit correction ("修改金额 500元"): applied, or its slot asked for when no value came with it. */
  const correct = (): IntakeStep | null => {
    const c = readCorrection(text);
    const slot = c?.slot ?? (asking === 'choose_change' ? slotNamed(text, turn.locale) : null);
    if (!slot) return null;
    const update = c?.rest ? readAnswer(slot, c.rest, ctx, signalsOf(c.rest, ctx), true) : null;
    const corrections = p.corrections + 1;
    if (update) {
      const slots = apply(p.slots, update);
      const noted = { text: w.noted(notedList([slot], slots, turn.locale)) };
      if (isSlotName(asking)) return step(turn, { ...p, slots, corrections }, asking, [noted, question(asking, turn.locale)], collect);
      return showSummary(turn, { ...p, slots, corrections }, [noted], collect);
    }
    const returnToConfirm = asking === 'confirm' || asking === 'choose_change' || p.slots.returnToConfirm;
    return step(turn, { ...p, slots: { ...p.slots, returnToConfirm }, corrections }, slot, [question(slot, turn.locale)], collect);
  };

  if (asking === 'confirm' || asking === 'choose_change') {
    if (command === 'confirm') return submit(turn, p.slots);
    if (command === 'change') return step(turn, p, 'choose_change', [chooseChange(turn.locale)], collect);
    const corrected = correct();
    if (corrected) return corrected;
    // Details without a "change" word ("it was 500 actually" → amount) are read as corrections too.
    const { slots, changed } = absorbSignals(p.slots, signals, turn.locale, { overwrite: true });
    if (changed.length) return showSummary(turn, { ...p, slots, corrections: p.corrections + 1 }, [{ text: w.noted(notedList(changed, slots, turn.locale)) }], collect);
    if (asking === 'choose_change') return step(turn, p, 'choose_change', [chooseChange(turn.locale)], collect);
    return showSummary(turn, p, [{ text: w.askAgain }], collect);
  }

  if (!isSlotName(asking)) return askNext(turn, p, [], collect);

  // While collecting, a correction of another slot counts only when it carries a readable value
  // ("修改金额 500元"); otherwise the text is an answer that happens to contain such words.
  const correction = readCorrection(text);
  if (correction && correction.slot !== asking && correction.rest && readAnswer(correction.slot, correction.rest, ctx, signalsOf(correction.rest, ctx), true)) {
    const corrected = correct();
    if (corrected) return corrected;
  }

  const answer = readAnswer(asking, text, ctx, signals);
  if (answer) {
    let slots = apply(p.slots, answer);
    // Anything else the answer mentions fills gaps, so it is not asked again.
    slots = absorbSignals(slots, signals, turn.locale, { except: asking, overwrite: false }).slots;
    if (asking === 'description') slots = { ...slots, severityHints: slots.severityHints.filter((h) => h !== text) };
    if (p.slots.returnToConfirm) return showSummary(turn, { ...p, slots }, [], collect);
    return askNext(turn, { ...p, slots }, [], collect);
  }

  // The answer is not for the question asked but says something else ("信用卡年费" when asked what
  // outcome is wanted): file what it says, acknowledge it, and ask again.
  const { slots: absorbed } = absorbSignals(p.slots, signals, turn.locale, { except: asking, overwrite: true });
  const heard = mentionedSlots(signals).filter((s) => s !== asking);
  // Which product it was ("信用卡年费") is worth keeping in the customer's words for the case handler.
  const slots = heard.includes('category') && !isCategoryLabel(text) ? { ...absorbed, notes: [...absorbed.notes, text].slice(-5) } : absorbed;
  const before: ReplyDraft[] = heard.length ? [{ text: w.noted(notedList(heard, slots, turn.locale)) }] : [];
  return askNext(turn, { ...p, slots }, before, collect);
}
