// Decides a message's route from three signals, pure: high-precision rules, the route classifier
// (trained on nlu-data/routes, read as probability mass per route) and the knowledge base's retrieval
// confidence. Thresholds were chosen on eval/routing/dev.jsonl and dev-extra.jsonl, and re-checked in round 5 by a
// grid over every dev set (dev, dev-extra, dev2-*, dev3-*): the accuracy surface is flat around them (the best
// point was 3 lines of ~1,170 better), so they stayed. eval/routing/README.md has the measurements.
//
// Why the classifier, not retrieval, decides whether a message is a banking question: retrieval
// confidence measures whether ONE entry answers the message (it is low when two entries tie or the
// knowledge base lacks the topic), not whether the message is about banking. A clear banking question
// without a confident entry is still an FAQ turn; `answerable` tells the reply step whether to answer
// from the top entry or to offer the nearest entries as choices.
import type { DecidedBy, Route } from '../conversation/turn-types.js';
import { topRoute, type RouteScores } from './routing/route-scores.js';

export interface RuleSignal {
  route: Route;
  intent: string;
  rule: string;
}
export interface ClassifierSignal {
  /** The most likely intent, its route and probability. */
  intent: string;
  route: Route;
  confidence: number;
  /** Probability mass per route (see routing/route-scores.ts); without it the top intent stands for its route. */
  routes?: RouteScores;
}
export interface KnowledgeSignal {
  confidence: number;
}
/** Wording cues from routing/rules.ts that qualify the classifier's reading. */
export interface RouteCues {
  /**
   * The message asks about an incident in theory ("what if my card is stolen", "如果卡丢了怎么办", "how do I
   * avoid scams") and reports none: its urgent mass counts as FAQ. The classifier learns incidents from their
   * words, which a hypothetical question shares.
   */
  hypothetical?: boolean;
  /**
   * The message asks how something is done or whether it can be ("app里怎么查之前的转账记录", "is it possible to
   * cancel a wire once it's been submitted?") with no sign of a grievance: its complaint mass counts as FAQ.
   * The classifier learns complaints from their topics (transfers, fees, complaints themselves), which such a
   * question shares.
   */
  howTo?: boolean;
}

export interface RouteThresholds {
  /**
   * Urgent mass at or above which the message is urgent, unless complaint, handoff or smalltalk has more
   * mass. Lower than `classifier` on purpose: a missed lost card or fraud costs the customer money, while
   * protective steps given needlessly cost a sentence.
   */
  urgent: number;
  /** Complaint, handoff or smalltalk is taken when it is the top route with at least this mass. */
  classifier: number;
  /** A banking question: FAQ is the top route with at least this mass, and an entry was retrieved. */
  faqDomain: number;
  /** FAQ on retrieval alone: an entry this confident, unless the classifier's top route is fallback. */
  knowledge: number;
}

export const DEFAULT_ROUTE_THRESHOLDS: RouteThresholds = { urgent: 0.4, classifier: 0.5, faqDomain: 0.3, knowledge: 0.35 };

export interface RouteVerdict {
  route: Route;
  intent: string;
  confidence: number;
  decidedBy: DecidedBy;
  /** For `faq`: retrieval is confident enough to answer from the top entry (else offer the top entries). */
  answerable?: boolean;
}

const CLASSIFIER_ROUTES: readonly Route[] = ['complaint', 'handoff', 'smalltalk'];

export function decideRoute(
  signals: { rule: RuleSignal | null; classifier: ClassifierSignal | null; knowledge: KnowledgeSignal | null; cues?: RouteCues },
  t: RouteThresholds = DEFAULT_ROUTE_THRESHOLDS,
): RouteVerdict {
  const { rule, classifier: cls, knowledge: kb } = signals;
  if (rule) return { route: rule.route, intent: rule.intent, confidence: 1, decidedBy: 'rule' };
  const kbConf = kb?.confidence ?? 0;
  let routes: RouteScores = cls?.routes ?? (cls ? { [cls.route]: { score: cls.confidence, intent: cls.intent } } : {});
  if (signals.cues?.hypothetical && routes.urgent) {
    const { urgent: asked, ...others } = routes;
    routes = { ...others, faq: { score: (others.faq?.score ?? 0) + asked.score, intent: 'faq.question' } };
  }
  if (signals.cues?.howTo && routes.complaint) {
    const { complaint: asked, ...others } = routes;
    routes = { ...others, faq: { score: (others.faq?.score ?? 0) + asked.score, intent: 'faq.question' } };
  }
  const top = topRoute(routes);
  const urgent = routes.urgent;

  if (urgent && urgent.score >= t.urgent && (!top || !CLASSIFIER_ROUTES.includes(top.route))) {
    return { route: 'urgent', intent: urgent.intent, confidence: urgent.score, decidedBy: 'classifier' };
  }
  if (top && CLASSIFIER_ROUTES.includes(top.route) && top.score >= t.classifier) {
    return { route: top.route, intent: top.intent, confidence: top.score, decidedBy: 'classifier' };
  }
  const faq = routes.faq?.score ?? 0;
  const answerable = kbConf >= t.knowledge;
  // Without a retrieved entry there is nothing to answer from or to offer: that is a fallback turn.
  if (kb && top?.route === 'faq' && faq >= t.faqDomain) {
    return { route: 'faq', intent: 'faq.question', confidence: answerable ? kbConf : faq, decidedBy: answerable ? 'knowledge' : 'classifier', answerable };
  }
  if (kb && answerable && top?.route !== 'fallback') {
    return { route: 'faq', intent: 'faq.question', confidence: kbConf, decidedBy: 'knowledge', answerable };
  }
  return { route: 'fallback', intent: top?.route === 'fallback' ? top.intent : 'fallback.unclear', confidence: Math.max(top?.score ?? 0, kbConf), decidedBy: cls ? 'classifier' : 'knowledge' };
}
