// The embedded NLU: rules + a route classifier trained from nlu-data/routes at start-up (or loaded
// from a cache keyed by the training data's fingerprint, so restarts skip the training).
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { CACHE_DIR, NLU_DATA_DIR } from '../infra/paths.js';
import type { Locale } from '../conversation/locale.js';
import type { Route } from '../conversation/turn-types.js';
import { loadOrTrainIntentClassifier } from './classifier/index.js';
import { applyRoutingRules, asksAboutIncidentInTheory, asksHowTo, routingFocus } from './routing/rules.js';
import { loadRouteUtterances, routeOfIntent } from './routing/route-of-intent.js';
import { routeScoresOf, topRoute, type RouteScores } from './routing/route-scores.js';
import type { ClassifierSignal, RouteCues, RuleSignal } from './route-decider.js';

/** How sure the classifier must be of the request inside a greeting for it to outweigh the greeting. */
const FOCUS_CONFIDENCE = 0.6;
/** Chat after a greeting ("you've been a great help") reads as a grievance to the classifier, so complaint is not one. */
const FOCUS_ROUTES: readonly Route[] = ['faq', 'urgent', 'handoff'];

function complaintAsFaq(routes: RouteScores): RouteScores {
  const { complaint, ...others } = routes;
  return complaint ? { ...others, faq: { score: (others.faq?.score ?? 0) + complaint.score, intent: 'faq.question' } } : routes;
}

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
      return { hypothetical: asksAboutIncidentInTheory(text), howTo: asksHowTo(text) };
    },
    classify(text: string): ClassifierSignal {
      // Every intent's probability, so the router can weigh routes as a whole (routing/route-scores.ts).
      const r = classifier.classify(text, { top: Infinity });
      const signal: ClassifierSignal = { intent: r.label, route: routeOfIntent(r.label) as Route, confidence: r.confidence, routes: routeScoresOf(r.ranking) };
      if (topRoute(signal.routes!)?.route !== 'smalltalk') return signal;
      // A greeting or thanks around a request ("你好呀，请问ETC能在你们这办吗") pulls the whole towards smalltalk:
      // the request alone decides when it is clearly something else. Greetings followed by chat stay smalltalk.
      const focus = routingFocus(text);
      if (focus === text) return signal;
      const f = classifier.classify(focus, { top: Infinity });
      const routes = routeScoresOf(f.ranking);
      // as the decider will read it: a how-to question's complaint mass is FAQ
      const top = topRoute(asksHowTo(focus) ? complaintAsFaq(routes) : routes);
      if (!top || !FOCUS_ROUTES.includes(top.route) || top.score < FOCUS_CONFIDENCE) return signal;
      return { intent: f.label, route: routeOfIntent(f.label) as Route, confidence: f.confidence, routes };
    },
  };
}
export type NluModule = Awaited<ReturnType<typeof createNluModule>>;
