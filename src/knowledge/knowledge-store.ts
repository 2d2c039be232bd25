// Knowledge-base entries in PostgreSQL: seeding the default set on first start, importing a bank's
// own entries (upsert by key+locale), reading the active ones for the ranking index.
import type { Database } from '../infra/database.js';
import { fromDbLocale, toDbLocale } from '../conversation/locale.js';
import type { KnowledgeEntry } from './format/index.js';

export function createKnowledgeStore(db: Database) {
  const toRow = (e: KnowledgeEntry, source: string) => ({
    key: e.id,
    locale: toDbLocale(e.locale),
    category: e.category,
    questions: e.questions,
    answer: e.answer,
    tags: e.tags,
    followUps: e.followUps,
    source,
  });
  return {
    /** Inserts the default entries if the table has none yet (racing instances insert once). */
    async seedIfEmpty(entries: KnowledgeEntry[]): Promise<number> {
      if ((await db.knowledgeEntry.count()) > 0) return 0;
      const { count } = await db.knowledgeEntry.createMany({ data: entries.map((e) => toRow(e, 'default')), skipDuplicates: true });
      return count;
    },
    /** Creates or updates each entry by (id, locale); reports per-entry failures without stopping. */
    async upsertMany(entries: KnowledgeEntry[], source = 'import', onProgress?: (done: number, total: number) => void) {
      const errors: Array<{ id: string; locale: string; message: string }> = [];
      let created = 0;
      let updated = 0;
      for (const [i, e] of entries.entries()) {
        try {
          const row = toRow(e, source);
          const existing = await db.knowledgeEntry.findUnique({ where: { key_locale: { key: row.key, locale: row.locale } }, select: { id: true } });
          await db.knowledgeEntry.upsert({ where: { key_locale: { key: row.key, locale: row.locale } }, create: row, update: { ...row, active: true } });
          if (existing) updated++;
          else created++;
        } catch (err) {
          errors.push({ id: e.id, locale: e.locale, message: (err as Error).message.split('\n').at(-1) ?? 'failed' });
        }
        onProgress?.(i + 1, entries.length);
      }
      return { created, updated, errors };
    },
    async active(): Promise<KnowledgeEntry[]> {
      const rows = await db.knowledgeEntry.findMany({ where: { active: true }, orderBy: [{ locale: 'asc' }, { key: 'asc' }] });
      return rows.map((r) => ({ id: r.key, locale: fromDbLocale(r.locale), category: r.category, questions: r.questions, answer: r.answer, tags: r.tags, followUps: r.followUps }));
    },
  };
}
export type KnowledgeStore = ReturnType<typeof createKnowledgeStore>;
