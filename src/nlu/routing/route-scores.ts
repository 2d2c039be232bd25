// Probability mass per route. The route classifier spreads an urgent message over five urgent intents
// (lost, stolen, fraud, takeover, scam) and a greeting over four smalltalk ones, so the top intent alone
// can fall below a threshold (or below one FAQ intent) while the route as a whole is clearly the most
// likely: a robbery splits between lost_card and stolen_card. Summing per route is what the router compares.
import { routeOfIntent, type Route } from './route-of-intent.js';

export interface RouteScore {
  /** Sum of the probabilities of the route's intents, in [0, 1]. */
  score: number;
  /** The route's most likely intent. */
  intent: string;
}

export type RouteScores = Partial<Record<Route, RouteScore>>;

/** Pure: a ranking of intents (any order, ideally all of them) → mass and best intent per route. */
export function routeScoresOf(ranking: readonly { label: string; score: number }[]): RouteScores {
  const out: RouteScores = {};
  const best: Partial<Record<Route, number>> = {};
  for (const { label, score } of ranking) {
    const route = routeOfIntent(label);
    const seen = out[route];
    if (!seen) {
      out[route] = { score, intent: label };
      best[route] = score;
      continue;
    }
    seen.score += score;
    if (score > (best[route] ?? 0)) {
      seen.intent = label;
      best[route] = score;
    }
  }
  return out;
}

/** The route with the most mass; null when there are no scores. */
export function topRoute(scores: RouteScores): { route: Route; score: number; intent: string } | null {
  let top: { route: Route; score: number; intent: string } | null = null;
  for (const [route, s] of Object.entries(scores) as [Route, RouteScore][]) {
    if (!top || s.score > top.score) top = { route, score: s.score, intent: s.intent };
  }
  return top;
}
