// Fast twin of `npm run eval:routing` for the tuning loop: the same route decision as a conversation's first
// turn (invisible characters stripped, personal data masked, normalised, language detected, rules, the route
// classifier, knowledge retrieval over knowledge/default, route-decider.ts), without the database, Redis or
// HTTP. The classifier comes from the same .cache/nlu file the app uses. `npm run eval:routing` stays the
// measure of record; this script should agree with it line for line (checked on the sets in eval/routing).
//
//   npx tsx src/nlu/routing/measure-routing-pipeline.ts eval/routing/dev2-en.jsonl [more.jsonl ...] [--errors]
//     [--thresholds '{"urgent":0.4,...}']
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createNluModule } from '../nlu-module.js';
import { decideRoute, DEFAULT_ROUTE_THRESHOLDS, type RouteThresholds } from '../route-decider.js';
import { detectLanguage } from '../language.js';
import { normaliseText } from '../text-normalise.js';
import { maskPersonalData } from '../../privacy/mask-personal-data.js';
import { stripInvisible } from '../../conversation/pipeline.js';
import { readDefaultKnowledge } from '../../knowledge/format/index.js';
import { buildKnowledgeIndex } from '../../knowledge/ranking/index.js';
import { loadRoutingEvalSet, localeOfEvalLang } from './eval-set.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { errors: { type: 'boolean', default: false }, thresholds: { type: 'string' } },
});
if (positionals.length === 0) {
  console.error('usage: tsx src/nlu/routing/measure-routing-pipeline.ts <set.jsonl> [...] [--errors] [--thresholds json]');
  process.exit(2);
}
const thresholds: RouteThresholds = { ...DEFAULT_ROUTE_THRESHOLDS, ...(values.thresholds ? JSON.parse(values.thresholds) : {}) };

const nlu = await createNluModule({ log: pino({ level: 'silent' }) });
const { entries } = await readDefaultKnowledge();
// The app indexes the database's rows, ordered by locale then key, under locale-qualified ids.
const sorted = [...entries].sort((a, b) => (a.locale === b.locale ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.locale < b.locale ? -1 : 1));
const index = buildKnowledgeIndex(sorted.map((e) => ({ ...e, id: `${e.locale}:${e.id}` })));

let cpu = 0;
let routedCount = 0;
const total = { n: 0, ok: 0 };
for (const file of positionals) {
  const lines = await loadRoutingEvalSet(file);
  const stats = { zh: { n: 0, ok: 0 }, en: { n: 0, ok: 0 } };
  const errors: string[] = [];
  for (const line of lines) {
    const started = process.cpuUsage();
    const masked = maskPersonalData(stripInvisible(line.text)).text;
    const text = normaliseText(masked);
    const locale = detectLanguage(text, localeOfEvalLang(line.lang));
    const candidates = index.search(text, { locale, limit: 3 });
    const cls = nlu.classify(text);
    const verdict = decideRoute({ rule: nlu.rules(text, locale), classifier: cls, knowledge: candidates[0] ?? null, cues: nlu.cues(text) }, thresholds);
    const used = process.cpuUsage(started);
    cpu += used.user + used.system;
    routedCount++;
    stats[line.lang].n++;
    if (verdict.route === line.route) stats[line.lang].ok++;
    else {
      const routes = Object.entries(cls.routes ?? {})
        .sort((a, b) => b[1].score - a[1].score)
        .slice(0, 3)
        .map(([r, s]) => `${r} ${s.score.toFixed(2)}`)
        .join(', ');
      errors.push(`  ${line.lang} ${line.route} → ${verdict.route} [${verdict.decidedBy}${verdict.decidedBy === 'rule' ? '' : `; ${routes}; kb ${(candidates[0]?.confidence ?? 0).toFixed(2)}`}] ${line.text}`);
    }
  }
  const n = stats.zh.n + stats.en.n;
  const ok = stats.zh.ok + stats.en.ok;
  total.n += n;
  total.ok += ok;
  const perLang = (['zh', 'en'] as const).filter((l) => stats[l].n).map((l) => `${l} ${(stats[l].ok / stats[l].n).toFixed(3)} (${stats[l].n - stats[l].ok} wrong of ${stats[l].n})`);
  console.log(`${file}: ${(ok / Math.max(1, n)).toFixed(3)} n=${n}  ${perLang.join('  ')}`);
  if (values.errors) for (const e of errors.sort()) console.log(e);
}
if (positionals.length > 1) console.log(`all: ${(total.ok / Math.max(1, total.n)).toFixed(3)} n=${total.n}`);
console.log(`routing CPU per message: ${(cpu / Math.max(1, routedCount) / 1000).toFixed(3)} ms`);
