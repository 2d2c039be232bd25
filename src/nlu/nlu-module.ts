// The embedded NLU: rules + a route classifier trained from nlu-data/routes at start-up (or loaded
// from a cache keyed by the training data's fingerprint, so restarts skip the training).
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { CACHE_DIR, NLU_DATA_DIR } from '../infra/paths.js';
import type { Locale } from '../conversation/locale.js';
import type { Route } from '../conversation/turn-types.js';
import { loadOrTrainIntentClassifier } from './classifier/index.js';
import { applyRoutingRules, asksAboutIncidentInTheory } from './routing/rules.js';
import { loadRouteUtterances, routeOfIntent } from './routing/route-of-intent.js';
import { routeScoresOf } from './routing/route-scores.js';
import type { ClassifierSignal, RouteCues, RuleSignal } from './route-decider.js';

export async function createNluModule(deps: { log: Pick<FastifyBaseLogger, 'info' | 'warn'> }) {
  const { examples } = await loadRouteUtterances(path.join(NLU_DATA_DIR, 'routes'));
  const started = Date.now();
  const { classifier, fromCache } = await loadOrTrainIntentClassifier({
    examples: examples.map((e) => ({ text: e.text, label: e.label })),
    cacheDir: path.join(CACHE_DIR, 'nlu'),
  });
  deps.log.info({ examples: examples.length, fromCache, ms: Date.now() - started }, 'route classifier ready');

  return {
    rules(text: string, locale: Locale): RuleSignal | null {
      const m = applyRoutingRules(text, locale);
      return m ? { route: m.route as Route, intent: m.intent, rule: m.rule } : null;
    },
    cues(text: string): RouteCues {
      return { hypothetical: asksAboutIncidentInTheory(text) };
    },
    classify(text: string): ClassifierSignal {
      // Every intent's probability, so the router can weigh routes as a whole (routing/route-scores.ts).
      const r = classifier.classify(text, { top: Infinity });
      return { intent: r.label, route: routeOfIntent(r.label) as Route, confidence: r.confidence, routes: routeScoresOf(r.ranking) };
    },
  };
}
export type NluModule = Awaited<ReturnType<typeof createNluModule>>;
