import { isMap, isSeq, LineCounter, parseDocument, stringify, type Node } from 'yaml';
import { collectEntry, type KnowledgeEntry, type KnowledgeParseResult } from './entry-schema.js';

/**
 * YAML knowledge files hold either a list of entries, or a mapping
 * `{ locale?, category?, entries: [...] }` whose `locale`/`category` fill in entries that omit them.
 */
export function parseKnowledgeYaml(text: string, file: string): KnowledgeParseResult {
  const out: KnowledgeParseResult = { entries: [], errors: [] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // A syntax error leaves the rest of the file ambiguous: report it and skip the file only.
    for (const error of doc.errors) out.errors.push({ file, message: `YAML syntax: ${error.message.split('\n')[0]}` });
    return out;
  }

  let items: Node | null | undefined = doc.contents as Node | null;
  let defaults: Record<string, unknown> = {};
  if (isMap(items)) {
    const whole = doc.toJS() as Record<string, unknown>;
    const { entries: _entries, ...rest } = whole;
    defaults = Object.fromEntries(Object.entries(rest).filter(([key]) => key === 'locale' || key === 'category'));
    const unknownKeys = Object.keys(rest).filter((key) => !(key in defaults));
    if (unknownKeys.length) out.errors.push({ file, message: `unknown top-level keys: ${unknownKeys.join(', ')}` });
    items = items.get('entries', true) as Node | undefined;
  }
  if (items == null) return out; // an empty file is not an error
  if (!isSeq(items)) {
    out.errors.push({ file, message: 'expected a list of entries (or a mapping with an "entries" list)' });
    return out;
  }

  items.items.forEach((item, index) => {
    const node = item as Node;
    const line = node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
    const raw = node && typeof node === 'object' && 'toJSON' in node ? node.toJSON() : node;
    const value = raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...defaults, ...raw } : raw;
    collectEntry(value, { file, index, where: line ? `line ${line}` : undefined }, out);
  });
  return out;
}

/** Serialises entries as a YAML list; multi-line answers become block literals. */
export function serialiseKnowledgeYaml(entries: readonly KnowledgeEntry[]): string {
  const plain = entries.map((entry) => {
    const row: Record<string, unknown> = {
      id: entry.id,
      locale: entry.locale,
      category: entry.category,
      questions: entry.questions,
      answer: entry.answer,
      tags: entry.tags,
    };
    if (entry.followUps.length) row.followUps = entry.followUps;
    return row;
  });
  return stringify(plain, { lineWidth: 0, blockQuote: 'literal' });
}
