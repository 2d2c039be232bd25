import { fileURLToPath } from 'node:url';

const repo = (relative: string) => fileURLToPath(new URL(`../../../${relative}`, import.meta.url));

export const ROUTE_UTTERANCES_DIR = repo('nlu-data/routes');
export const ROUTING_EVAL_FILE = repo('eval/routing/routing.jsonl');
export const ROUTING_DEV_FILE = repo('eval/routing/dev.jsonl');
/** A second tuning set for the decision thresholds, aimed at the hard cases (greeting + question, grievances phrased as questions, out-of-scope how-tos). */
export const ROUTING_DEV_EXTRA_FILE = repo('eval/routing/dev-extra.jsonl');
/** Written before any tuning; its first measurement was held out, its errors then guided a second round. */
export const ROUTING_FRESH_FILE = repo('eval/routing/fresh.jsonl');
/**
 * Later rounds, each written before the round of changes it measured (see eval/routing/README.md):
 * fresh2 measured round 2, fresh3 round 3, fresh4 round 4, fresh5 round 5 (the last, held out from all tuning).
 */
export const ROUTING_FRESH2_FILE = repo('eval/routing/fresh2.jsonl');
export const ROUTING_FRESH3_FILE = repo('eval/routing/fresh3.jsonl');
export const ROUTING_FRESH4_FILE = repo('eval/routing/fresh4.jsonl');
/** Round 5's development sets, one per language, written independently before that round's changes. */
export const ROUTING_DEV2_EN_FILE = repo('eval/routing/dev2-en.jsonl');
export const ROUTING_DEV2_ZH_FILE = repo('eval/routing/dev2-zh.jsonl');
/** Round 5's held-out set, written before that round's changes and measured once after it. */
export const ROUTING_FRESH5_FILE = repo('eval/routing/fresh5.jsonl');
/** A second pair of round-5 development sets, written after the round's first changes to check that they generalise. */
export const ROUTING_DEV3_EN_FILE = repo('eval/routing/dev3-en.jsonl');
export const ROUTING_DEV3_ZH_FILE = repo('eval/routing/dev3-zh.jsonl');
/** Two sets by another author (zh and en written independently), blind until round 5 ended; development sets since round 6. */
export const ROUTING_EXT_A_FILE = repo('eval/routing/ext-a.jsonl');
export const ROUTING_EXT_B_FILE = repo('eval/routing/ext-b.jsonl');
/** Round 6's development sets, one per language, written before any change of the round. */
export const ROUTING_DEV4_EN_FILE = repo('eval/routing/dev4-en.jsonl');
export const ROUTING_DEV4_ZH_FILE = repo('eval/routing/dev4-zh.jsonl');
/** Round 6's held-out set, routing.jsonl's proportions, written before the round's last changes and measured once after them. */
export const ROUTING_FRESH6_FILE = repo('eval/routing/fresh6.jsonl');
/**
 * Blind sets by other authors, each measured once before being read (eval/routing/README.md, rounds 7 and 8 and after):
 * k–n written from eval/routing/labelling-brief.md, o–t from the route definitions alone.
 */
export const ROUTING_BLIND_FILES = (['k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't'] as const).map((s) => [`blind-${s}.jsonl`, repo(`eval/routing/blind-${s}.jsonl`)] as const);
