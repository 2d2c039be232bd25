// Streams a model's text to the customer while the output guard watches it. The newest `holdback`
// characters are kept back until more text arrives, so a violation that completes within that span
// (a figure, a request for a PIN, a quote of the rules) is never shown. When a prefix fails, emission
// stops; the full text is checked at the end, and either the rest is released (a false alarm on a
// half-written sentence) or the whole answer is rejected and the caller replaces what was shown.
import type { GuardVerdict, OutputGuard } from './output-guard.js';

export const DEFAULT_HOLDBACK = 80;

export interface GuardedStream {
  push(piece: string): void;
  /** Checks the whole text; releases the held-back rest only if it passes. */
  finish(): GuardVerdict;
  readonly text: string;
  /** How much of the text has been passed to `emit`. */
  readonly emitted: number;
}

/** Never cut a surrogate pair in two. */
function safeCut(text: string, at: number): number {
  if (at <= 0) return 0;
  const c = text.charCodeAt(at - 1);
  return c >= 0xd800 && c <= 0xdbff ? at - 1 : at;
}

export function createGuardedStream(guard: OutputGuard, emit: (piece: string) => void, holdback = DEFAULT_HOLDBACK): GuardedStream {
  let text = '';
  let emitted = 0;
  let halted = false;
  const release = (upto: number) => {
    if (upto > emitted) {
      const piece = text.slice(emitted, upto);
      emitted = upto;
      emit(piece);
    }
  };
  return {
    push(piece) {
      if (!piece) return;
      text += piece;
      if (halted) return;
      if (!guard.check(text, { partial: true }).ok) {
        halted = true;
        return;
      }
      release(safeCut(text, text.length - holdback));
    },
    finish() {
      const verdict = guard.check(text);
      if (verdict.ok) release(text.length);
      return verdict;
    },
    get text() {
      return text;
    },
    get emitted() {
      return emitted;
    },
  };
}
