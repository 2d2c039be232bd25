import { fileURLToPath } from 'node:url';

const repo = (relative: string) => fileURLToPath(new URL(`../../../${relative}`, import.meta.url));

export const ROUTE_UTTERANCES_DIR = repo('nlu-data/routes');
export const ROUTING_EVAL_FILE = repo('eval/routing/routing.jsonl');
export const ROUTING_DEV_FILE = repo('eval/routing/dev.jsonl');
