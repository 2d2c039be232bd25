// Which inputs a complaint transition asks for, and how its failures read to an agent.
import { ApiError } from './api.js';
import type { Translate } from './i18n.js';

export interface TransitionFields {
  /** A proposed resolution must say what the bank will do. */
  resolution: 'required' | 'hidden';
  cause: 'optional' | 'hidden';
  /** A rejection must say why; a note is optional elsewhere. */
  note: 'required' | 'optional';
}

export function fieldsFor(transition: string): TransitionFields {
  switch (transition) {
    case 'propose_resolution':
      return { resolution: 'required', cause: 'optional', note: 'optional' };
    case 'reject_resolution':
      return { resolution: 'hidden', cause: 'hidden', note: 'required' };
    default:
      return { resolution: 'hidden', cause: 'hidden', note: 'optional' };
  }
}

export function missingField(transition: string, input: { note: string; resolution: string }): 'note' | 'resolution' | null {
  const f = fieldsFor(transition);
  if (f.resolution === 'required' && !input.resolution.trim()) return 'resolution';
  if (f.note === 'required' && !input.note.trim()) return 'note';
  return null;
}

/** 409 (not from this stage) and 403 (not your role) are told apart; anything else is generic. */
export function transitionError(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    if (err.status === 409) return t('cmp.conflict', { message: err.message });
    if (err.status === 403) return t('cmp.forbidden', { message: err.message });
    return t('common.error', { message: err.message });
  }
  return t('common.error', { message: err instanceof Error ? err.message : String(err) });
}
