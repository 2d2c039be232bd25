// Offline routing measure (no database, no knowledge base, no LLM): trains the route classifier on
// nlu-data/routes, routes each evaluation line by rules first and the classifier second, and prints
// accuracy per language. A confidence floor below which the classifier's answer becomes `fallback` is
// chosen on the dev set only, then applied unchanged to the evaluation set.
//
//   npx tsx src/nlu/routing/measure-routing-offline.ts [--data nlu-data/routes] [--dev eval/routing/dev.jsonl] [--eval eval/routing/routing.jsonl]
//
// `npm run eval:routing` measures the real pipeline (with knowledge retrieval); this script isolates
// what the rules and the utterance files contribute.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { trainIntentClassifier, type IntentClassifier } from '../classifier/index.js';
import { normaliseText } from '../text-normalise.js';
import { loadRoutingEvalSet, localeOfEvalLang, type RoutingEvalLine } from './eval-set.js';
import { loadRouteUtterances, routeOfIntent, ROUTES, type Route } from './route-of-intent.js';
import { applyRoutingRules } from './rules.js';

interface Decision {
  route: Route;
  byRule: boolean;
  confidence: number;
}

interface Routed {
  line: RoutingEvalLine;
  /** The classifier's decision before any confidence floor, or the rule's. */
  decision: Decision;
}

const repoPath = (relative: string) => fileURLToPath(new URL(`../../../${relative}`, import.meta.url));

function routeLine(line: RoutingEvalLine, classifier: IntentClassifier): Routed {
  const text = normaliseText(line.text);
  const rule = applyRoutingRules(text, localeOfEvalLang(line.lang));
  if (rule) return { line, decision: { route: rule.route, byRule: true, confidence: 1 } };
  const prediction = classifier.classify(text);
  return { line, decision: { route: routeOfIntent(prediction.label), byRule: false, confidence: prediction.confidence } };
}

function withFloor(decision: Decision, floor: number): Route {
  return !decision.byRule && decision.confidence < floor ? 'fallback' : decision.route;
}

function accuracy(routed: readonly Routed[], floor: number): number {
  if (routed.length === 0) return 0;
  return routed.filter((r) => withFloor(r.decision, floor) === r.line.route).length / routed.length;
}

/** The floor (0 to 0.9 in steps of 0.05) with the best dev accuracy; the lowest one on ties. */
function chooseFloor(dev: readonly Routed[]): number {
  let best = 0;
  let bestAccuracy = -1;
  for (let step = 0; step <= 18; step++) {
    const floor = step / 20;
    const a = accuracy(dev, floor);
    if (a > bestAccuracy + 1e-12) {
      best = floor;
      bestAccuracy = a;
    }
  }
  return best;
}

function report(name: string, routed: readonly Routed[], floor: number): void {
  const byRule = routed.filter((r) => r.decision.byRule);
  const ruleCorrect = byRule.filter((r) => r.decision.route === r.line.route).length;
  console.log(`${name}: n=${routed.length} rules fired=${byRule.length} rule precision=${(ruleCorrect / Math.max(1, byRule.length)).toFixed(3)}`);
  for (const lang of ['zh', 'en'] as const) {
    const ofLang = routed.filter((r) => r.line.lang === lang);
    console.log(`  ${lang}: n=${ofLang.length} accuracy=${accuracy(ofLang, 0).toFixed(3)} with floor ${floor}=${accuracy(ofLang, floor).toFixed(3)}`);
  }
  const perRoute = ROUTES.map((route) => {
    const gold = routed.filter((r) => r.line.route === route);
    const right = gold.filter((r) => withFloor(r.decision, floor) === route).length;
    return `${route} ${right}/${gold.length}`;
  });
  console.log(`  recall per route (floor ${floor}): ${perRoute.join(', ')}`);
  console.log(`  ${name} accuracy=${accuracy(routed, floor).toFixed(3)} (no floor ${accuracy(routed, 0).toFixed(3)})`);
}

function listErrors(routed: readonly Routed[], floor: number): void {
  for (const r of routed) {
    const got = withFloor(r.decision, floor);
    if (got !== r.line.route) {
      const how = r.decision.byRule ? 'rule' : `p=${r.decision.confidence.toFixed(2)}`;
      console.log(`    ${r.line.lang} ${r.line.route}→${got} (${how}) ${r.line.text}`);
    }
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: repoPath('nlu-data/routes') },
      dev: { type: 'string', default: repoPath('eval/routing/dev.jsonl') },
      eval: { type: 'string', default: repoPath('eval/routing/routing.jsonl') },
      errors: { type: 'boolean', default: false },
    },
  });
  const { examples } = await loadRouteUtterances(values.data);
  const started = performance.now();
  const classifier = trainIntentClassifier(examples.map((e) => ({ text: e.text, label: e.label })));
  console.log(`trained on ${examples.length} utterances in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const dev = (await loadRoutingEvalSet(values.dev)).map((line) => routeLine(line, classifier));
  const evaluation = (await loadRoutingEvalSet(values.eval)).map((line) => routeLine(line, classifier));
  const floor = chooseFloor(dev);

  report('dev', dev, floor);
  if (values.errors) listErrors(dev, floor);
  report('eval', evaluation, floor);
  if (values.errors) listErrors(evaluation, floor);
}

await main();
