// Keeping the transcript on screen current between refetches.
import type { TranscriptEntry } from './api-types.js';

/** Server transcript plus messages seen live or sent from here that a refetch has not brought yet, in time order. */
export function mergeTranscript(server: readonly TranscriptEntry[], extra: readonly TranscriptEntry[]): TranscriptEntry[] {
  const ids = new Set(server.map((m) => m.id));
  const missing = extra.filter((m, i) => !ids.has(m.id) && extra.findIndex((x) => x.id === m.id) === i);
  if (!missing.length) return [...server];
  return [...server, ...missing].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}
