// Decides a message's route from three signals, pure: high-precision rules, the route classifier
// (trained on nlu-data/routes) and the knowledge base's retrieval confidence. Thresholds are tuned on
// eval/routing/dev.jsonl and measured on eval/routing/routing.jsonl (npm run eval:routing).
import type { Route } from '../conversation/turn-types.js';
import type { DecidedBy } from '../conversation/turn-types.js';

export interface RuleSignal {
  route: Route;
  intent: string;
  rule: string;
}
export interface ClassifierSignal {
  intent: string;
  route: Route;
  confidence: number;
}
export interface KnowledgeSignal {
  confidence: number;
}

export interface RouteThresholds {
  /** A non-FAQ route from the classifier is taken at or above this confidence. */
  classifier: number;
  /** An FAQ answer is given when retrieval is at least this confident. */
  knowledge: number;
  /** ...or when the classifier says faq this confidently and retrieval reaches `knowledgeWeak`. */
  faqClassifier: number;
  knowledgeWeak: number;
}

export const DEFAULT_ROUTE_THRESHOLDS: RouteThresholds = { classifier: 0.55, knowledge: 0.35, faqClassifier: 0.6, knowledgeWeak: 0.15 };

export interface RouteVerdict {
  route: Route;
  intent: string;
  confidence: number;
  decidedBy: DecidedBy;
}

export function decideRoute(signals: { rule: RuleSignal | null; classifier: ClassifierSignal | null; knowledge: KnowledgeSignal | null }, t: RouteThresholds = DEFAULT_ROUTE_THRESHOLDS): RouteVerdict {
  const { rule, classifier: cls, knowledge: kb } = signals;
  if (rule) return { route: rule.route, intent: rule.intent, confidence: 1, decidedBy: 'rule' };
  const kbConf = kb?.confidence ?? 0;

  if (cls && cls.route !== 'faq' && cls.route !== 'fallback' && cls.confidence >= t.classifier) {
    return { route: cls.route, intent: cls.intent, confidence: cls.confidence, decidedBy: 'classifier' };
  }
  if (kbConf >= t.knowledge && (!cls || cls.route === 'faq' || cls.confidence < t.classifier)) {
    return { route: 'faq', intent: 'faq.question', confidence: kbConf, decidedBy: 'knowledge' };
  }
  if (cls?.route === 'faq' && cls.confidence >= t.faqClassifier && kbConf >= t.knowledgeWeak) {
    return { route: 'faq', intent: 'faq.question', confidence: Math.min(cls.confidence, Math.max(kbConf, t.knowledge)), decidedBy: 'classifier' };
  }
  return { route: 'fallback', intent: cls?.route === 'fallback' ? cls.intent : 'fallback.unclear', confidence: Math.max(cls?.confidence ?? 0, kbConf), decidedBy: cls ? 'classifier' : 'knowledge' };
}
