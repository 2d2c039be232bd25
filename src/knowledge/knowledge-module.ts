// The knowledge base as the conversation sees it: seeded from knowledge/default on first start,
// indexed in memory (BM25, rebuilt on refresh), answers rendered with the bank's placeholder values.
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../infra/database.js';
import type { Locale } from '../conversation/locale.js';
import { readDefaultKnowledge, renderKnowledgeText, type KnowledgeEntry } from './format/index.js';
import { buildKnowledgeIndex, DEFAULT_CONFIDENCE_THRESHOLD, type KnowledgeIndex } from './ranking/index.js';
import { createKnowledgeStore } from './knowledge-store.js';

export interface KnowledgeHit {
  key: string;
  title: string;
  answer: string;
  followUps: string[];
  category: string;
  confidence: number;
  score: number;
}

export async function createKnowledgeModule(deps: { db: Database; log: Pick<FastifyBaseLogger, 'info' | 'warn'>; variables?: Record<string, string>; threshold?: number }) {
  const store = createKnowledgeStore(deps.db);
  let index: KnowledgeIndex = buildKnowledgeIndex([]);
  const threshold = deps.threshold ?? DEFAULT_CONFIDENCE_THRESHOLD;

  async function refresh() {
    const entries = await store.active();
    // (key, locale) identifies an entry: a bank's import may use one key in both languages, so the
    // index gets a locale-qualified id and answers carry the entry's own key.
    index = buildKnowledgeIndex(entries.map((e) => ({ ...e, id: `${e.locale}:${e.id}` })));
    return entries.length;
  }

  return {
    threshold,
    store,
    /** Seeds the default knowledge base on a fresh database, then (re)builds the index. */
    async load() {
      const { entries, errors } = await readDefaultKnowledge();
      for (const e of errors) deps.log.warn({ file: e.file, index: e.index }, `default knowledge entry skipped: ${e.message}`);
      const seeded = await store.seedIfEmpty(entries);
      if (seeded) deps.log.info({ seeded }, 'seeded the default knowledge base');
      return refresh();
    },
    refresh,
    search(text: string, locale: Locale, limit = 5): KnowledgeHit[] {
      return index.search(text, { locale, limit }).flatMap((r) => {
        const e = index.getEntry(r.entryId) as KnowledgeEntry | undefined;
        if (!e) return [];
        return [{ key: e.id.slice(e.locale.length + 1), title: e.questions[0], answer: renderKnowledgeText(e.answer, e.locale, deps.variables), followUps: e.followUps, category: e.category, confidence: r.confidence, score: r.score }];
      });
    },
    get size() {
      return index.size;
    },
  };
}
export type KnowledgeModule = Awaited<ReturnType<typeof createKnowledgeModule>>;
