// Which candidate training utterances may join the route classifier's data. Pure: the caller reads the
// files. A candidate is left out when it
// - near-copies an evaluation line (an evaluation set that repeats its training data measures memory),
// - repeats a training utterance or an earlier candidate (after normalisation), or
// - is routed by a rule to another route than its label (the rule decides such a text anyway, and the
//   rules test requires that no training utterance contradicts a rule: either the label or the rule is
//   wrong, and a person should look).
import { comparisonKey, findNearDuplicates } from './near-duplicate.js';
import { routeOfIntent, type RouteExample } from './route-of-intent.js';
import type { RuleMatch } from './rules.js';

export type RejectReason = 'near_eval_line' | 'repeat' | 'contradicts_rule';

export interface Selection {
  kept: RouteExample[];
  rejected: Array<{ example: RouteExample; reason: RejectReason; detail: string }>;
}

export function selectNewUtterances(input: {
  candidates: readonly RouteExample[];
  training: readonly RouteExample[];
  evalTexts: readonly string[];
  rules: (text: string, locale: RouteExample['locale']) => RuleMatch | null;
}): Selection {
  const nearEval = new Map(findNearDuplicates(input.candidates.map((c) => c.text), input.evalTexts).map((p) => [p.a, p.b]));
  const seen = new Set(input.training.map((e) => `${e.locale}|${comparisonKey(e.text)}`));
  const selection: Selection = { kept: [], rejected: [] };
  for (const example of input.candidates) {
    const near = nearEval.get(example.text);
    if (near !== undefined) {
      selection.rejected.push({ example, reason: 'near_eval_line', detail: near });
      continue;
    }
    const key = `${example.locale}|${comparisonKey(example.text)}`;
    if (seen.has(key)) {
      selection.rejected.push({ example, reason: 'repeat', detail: '' });
      continue;
    }
    const rule = input.rules(example.text, example.locale);
    if (rule && rule.route !== routeOfIntent(example.label)) {
      selection.rejected.push({ example, reason: 'contradicts_rule', detail: rule.rule });
      continue;
    }
    seen.add(key);
    selection.kept.push(example);
  }
  return selection;
}
