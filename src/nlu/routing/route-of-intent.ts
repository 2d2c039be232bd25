// Route-level intents: the name's prefix before the first dot is the route
// (`urgent.lost_card` → urgent). The utterance files under nlu-data/routes/ are
// checked against this schema when loaded, so a typo in an intent name fails
// loudly instead of silently training a class no route knows.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export const ROUTES = ['faq', 'complaint', 'handoff', 'urgent', 'smalltalk', 'fallback'] as const;
export type Route = (typeof ROUTES)[number];

export const ROUTING_LOCALES = ['zh-CN', 'en'] as const;
export type RoutingLocale = (typeof ROUTING_LOCALES)[number];

/** The intents the router knows, each with its route. */
export const ROUTE_OF_INTENT = {
  'urgent.lost_card': 'urgent',
  'urgent.stolen_card': 'urgent',
  'urgent.fraud_transaction': 'urgent',
  'urgent.account_takeover': 'urgent',
  'urgent.scam_transfer': 'urgent',
  'complaint.file': 'complaint',
  'complaint.status': 'complaint',
  'handoff.request': 'handoff',
  'smalltalk.greeting': 'smalltalk',
  'smalltalk.thanks': 'smalltalk',
  'smalltalk.goodbye': 'smalltalk',
  'smalltalk.bot_identity': 'smalltalk',
  'faq.question': 'faq',
  'fallback.out_of_scope': 'fallback',
} as const satisfies Record<string, Route>;

export type RoutingIntent = keyof typeof ROUTE_OF_INTENT;
export const ROUTING_INTENTS = Object.keys(ROUTE_OF_INTENT) as RoutingIntent[];

export function isRoutingIntent(name: string): name is RoutingIntent {
  return Object.hasOwn(ROUTE_OF_INTENT, name);
}

/**
 * Route of an intent. Unknown names (e.g. a finer FAQ intent from another model,
 * `faq.card_fees`) fall back to their prefix when it is a route, else `fallback`.
 */
export function routeOfIntent(intent: string): Route {
  if (isRoutingIntent(intent)) return ROUTE_OF_INTENT[intent];
  const prefix = intent.split('.', 1)[0];
  return (ROUTES as readonly string[]).includes(prefix) ? (prefix as Route) : 'fallback';
}

const utterance = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'empty utterance'));

export const routeUtterancesFileSchema = z.strictObject({
  intents: z.partialRecord(
    z.enum(ROUTING_INTENTS as [RoutingIntent, ...RoutingIntent[]]),
    z.array(utterance).min(1, 'an intent needs at least one utterance'),
  ),
});
export type RouteUtterancesFile = z.infer<typeof routeUtterancesFileSchema>;

export interface RouteExample {
  text: string;
  label: RoutingIntent;
  locale: RoutingLocale;
}

/** Pure: YAML text of one locale's file → labelled examples. Throws on an invalid file. */
export function parseRouteUtterances(yamlText: string, locale: RoutingLocale): RouteExample[] {
  const file = routeUtterancesFileSchema.parse(parseYaml(yamlText));
  const examples: RouteExample[] = [];
  for (const [label, texts] of Object.entries(file.intents) as [RoutingIntent, string[]][]) {
    for (const text of texts) examples.push({ text, label, locale });
  }
  return examples;
}

/**
 * Locale of an utterance file's name: `zh-CN.yaml`, or `en.voices.yaml` for a further file of that locale
 * (hand-curated and bulk-written utterances are kept apart); null for files that are not utterance files.
 */
export function localeOfFileName(fileName: string): RoutingLocale | null {
  const match = /^([^.]+)(\.[\w-]+)?\.ya?ml$/.exec(fileName);
  if (!match) return null;
  return (ROUTING_LOCALES as readonly string[]).includes(match[1]) ? (match[1] as RoutingLocale) : null;
}

/** Reads every `<locale>[.<part>].yaml` in `dir` (e.g. nlu-data/routes) in a stable order. */
export async function loadRouteUtterances(dir: string): Promise<{ examples: RouteExample[] }> {
  const names = (await readdir(dir)).sort();
  const examples: RouteExample[] = [];
  for (const name of names) {
    const locale = localeOfFileName(name);
    if (!locale) continue;
    const text = await readFile(path.join(dir, name), 'utf8');
    try {
      examples.push(...parseRouteUtterances(text, locale));
    } catch (err) {
      throw new Error(`invalid route utterances in ${path.join(dir, name)}: ${(err as Error).message}`);
    }
  }
  if (examples.length === 0) throw new Error(`no route utterance files (zh-CN.yaml, en.yaml) in ${dir}`);
  return { examples };
}
