/**
 * Adds candidate route utterances (YAML in the shape of nlu-data/routes/*.yaml) to a training file, keeping
 * only what src/nlu/routing/select-new-utterances.ts allows, and reports what it left out and why.
 *
 *   tsx scripts/import-route-utterances.ts --into nlu-data/routes/en.voices.yaml [--eval-dir <dir> ...] [--dry-run] <candidates.yaml> ...
 *
 * The locale comes from the target's name (`en.voices.yaml` → en). Evaluation lines are read from every
 * *.jsonl under eval/routing and each --eval-dir (e.g. blind sets kept outside the repository).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { NLU_DATA_DIR, ROOT_DIR } from '../src/infra/paths.js';
import { loadRouteUtterances, localeOfFileName, parseRouteUtterances, ROUTING_INTENTS, type RouteExample } from '../src/nlu/routing/route-of-intent.js';
import { applyRoutingRules } from '../src/nlu/routing/rules.js';
import { selectNewUtterances } from '../src/nlu/routing/select-new-utterances.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { into: { type: 'string' }, 'eval-dir': { type: 'string', multiple: true, default: [] }, 'dry-run': { type: 'boolean', default: false } },
});
const target = values.into;
const locale = target ? localeOfFileName(path.basename(target)) : null;
if (!target || !locale || positionals.length === 0) {
  console.error('usage: tsx scripts/import-route-utterances.ts --into nlu-data/routes/<locale>[.<part>].yaml [--eval-dir <dir> ...] [--dry-run] <candidates.yaml> ...');
  process.exit(2);
}

async function evalTexts(dirs: string[]): Promise<string[]> {
  const texts: string[] = [];
  for (const dir of dirs) {
    for (const name of (await readdir(dir)).filter((n) => n.endsWith('.jsonl')).sort()) {
      for (const line of (await readFile(path.join(dir, name), 'utf8')).split('\n')) if (line.trim()) texts.push((JSON.parse(line) as { text: string }).text);
    }
  }
  return texts;
}

const candidates: RouteExample[] = [];
for (const file of positionals) candidates.push(...parseRouteUtterances(await readFile(file, 'utf8'), locale));
const { examples: training } = await loadRouteUtterances(path.join(NLU_DATA_DIR, 'routes'));
const selection = selectNewUtterances({
  candidates,
  training,
  evalTexts: await evalTexts([path.join(ROOT_DIR, 'eval/routing'), ...values['eval-dir']]),
  rules: applyRoutingRules,
});

const byReason = new Map<string, number>();
for (const r of selection.rejected) byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + 1);
for (const r of selection.rejected.filter((x) => x.reason === 'contradicts_rule')) console.log(`  contradicts ${r.detail}: ${r.example.label}: ${r.example.text}`);
console.log(`${candidates.length} candidates: ${selection.kept.length} kept; left out ${[...byReason].map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}`);

if (!values['dry-run']) {
  // Keep the target's header comment; append the kept lines per intent, in the schema's intent order.
  const existing = existsSync(target) ? await readFile(target, 'utf8') : '';
  const header = existing.split('\n').filter((l, i, all) => all.slice(0, i + 1).every((x) => x.startsWith('#'))).join('\n');
  const intents: Record<string, string[]> = {};
  for (const e of existing ? parseRouteUtterances(existing, locale) : []) (intents[e.label] ??= []).push(e.text);
  for (const e of selection.kept) (intents[e.label] ??= []).push(e.text);
  const ordered = Object.fromEntries(ROUTING_INTENTS.filter((i) => intents[i]?.length).map((i) => [i, intents[i]]));
  await writeFile(target, `${header ? `${header}\n` : ''}${stringify({ intents: ordered }, { lineWidth: 0 })}`);
  console.log(`wrote ${target}`);
}
