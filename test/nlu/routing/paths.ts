import { fileURLToPath } from 'node:url';

const repo = (relative: string) => fileURLToPath(new URL(`../../../${relative}`, import.meta.url));

export const ROUTE_UTTERANCES_DIR = repo('nlu-data/routes');
export const ROUTING_EVAL_FILE = repo('eval/routing/routing.jsonl');
export const ROUTING_DEV_FILE = repo('eval/routing/dev.jsonl');
/** A second tuning set for the decision thresholds, aimed at the hard cases (greeting + question, grievances phrased as questions, out-of-scope how-tos). */
export const ROUTING_DEV_EXTRA_FILE = repo('eval/routing/dev-extra.jsonl');
/** Held out: written before any tuning and measured only at the end. */
export const ROUTING_FRESH_FILE = repo('eval/routing/fresh.jsonl');
