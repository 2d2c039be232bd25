// Routing evaluation sets (eval/routing/*.jsonl): one JSON object per line,
// `{"text", "lang": "zh"|"en", "route"}`, as `npm run eval:routing` reads them.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ROUTES, type RoutingLocale } from './route-of-intent.js';

export const routingEvalLineSchema = z.object({
  text: z.string().trim().min(1),
  lang: z.enum(['zh', 'en']),
  route: z.enum(ROUTES),
});
export type RoutingEvalLine = z.infer<typeof routingEvalLineSchema>;

export function localeOfEvalLang(lang: RoutingEvalLine['lang']): RoutingLocale {
  return lang === 'zh' ? 'zh-CN' : 'en';
}

/** Pure: JSONL text → validated lines. Blank lines are skipped; a bad line throws with its number. */
export function parseRoutingEvalSet(jsonl: string): RoutingEvalLine[] {
  const lines: RoutingEvalLine[] = [];
  jsonl.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new Error(`line ${i + 1}: not JSON`);
    }
    const parsed = routingEvalLineSchema.safeParse(value);
    if (!parsed.success) throw new Error(`line ${i + 1}: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
    lines.push(parsed.data);
  });
  return lines;
}

export async function loadRoutingEvalSet(file: string): Promise<RoutingEvalLine[]> {
  return parseRoutingEvalSet(await readFile(file, 'utf8'));
}
