import { describe, expect, it } from 'vitest';
import {
  defaultKnowledgeVariables,
  KNOWLEDGE_LOCALES,
  listPlaceholders,
  readDefaultKnowledge,
  renderKnowledgeText,
  type KnowledgeEntry,
  type KnowledgeReadProgress,
} from '../../src/knowledge/format/index.js';

const progress: KnowledgeReadProgress[] = [];
const { entries, errors } = await readDefaultKnowledge((p) => progress.push(p));
const byLocale = (locale: string) => entries.filter((entry) => entry.locale === locale);
const normalise = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

describe('default knowledge base', () => {
  it('parses every file without errors', () => {
    expect(errors).toEqual([]);
    expect(progress.at(-1)?.filesDone).toBe(progress.at(-1)?.filesTotal);
    expect(progress.length).toBeGreaterThanOrEqual(2 * 13);
  });

  it.each(KNOWLEDGE_LOCALES)('has at least 70 %s entries', (locale) => {
    expect(byLocale(locale).length).toBeGreaterThanOrEqual(70);
  });

  it('has unique ids across locales', () => {
    const ids = entries.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps each entry within the authoring rules', () => {
    for (const entry of entries) {
      expect(entry.questions.length, entry.id).toBeGreaterThanOrEqual(3);
      expect(entry.questions.length, entry.id).toBeLessThanOrEqual(8);
      expect(entry.followUps.length, entry.id).toBeLessThanOrEqual(3);
      expect(entry.tags.length, entry.id).toBeGreaterThan(0);
      expect(entry.id.startsWith(entry.locale === 'en' ? 'en-' : 'zh-'), entry.id).toBe(true);
    }
  });

  it('never gives the same phrasing to two entries of a locale', () => {
    for (const locale of KNOWLEDGE_LOCALES) {
      const owner = new Map<string, string>();
      for (const entry of byLocale(locale)) {
        for (const question of entry.questions) {
          const key = normalise(question);
          expect(owner.get(key) ?? entry.id, `"${question}"`).toBe(entry.id);
          owner.set(key, entry.id);
        }
      }
    }
  });

  it('contains the phrasings customers ask most', () => {
    const all = new Set(entries.flatMap((entry) => entry.questions));
    for (const question of [
      '怎么开通手机银行？',
      'How do I reset my online banking password?',
      'How do I change my card PIN?',
      '信用卡分期怎么收费',
      '网点几点关门',
    ]) {
      expect(all.has(question), question).toBe(true);
    }
  });

  it('covers the same topics in both locales', () => {
    const categories = (locale: string) => [...new Set(byLocale(locale).map((entry) => entry.category))].sort();
    expect(categories('zh-CN')).toEqual(categories('en'));
    expect(categories('en')).toEqual(
      expect.arrayContaining([
        'accounts', 'branches-atms', 'cards', 'complaints', 'credit-cards', 'deposits', 'digital-banking',
        'fees', 'foreign-exchange', 'loans', 'security', 'transfers', 'wealth',
      ]),
    );
  });

  it('only uses placeholders that have a default value', () => {
    for (const entry of entries) {
      const known = defaultKnowledgeVariables(entry.locale);
      for (const name of listPlaceholders(entry.answer)) expect(known[name], `${entry.id}: {{${name}}}`).toBeDefined();
      expect(renderKnowledgeText(entry.answer, entry.locale)).not.toMatch(/\{\{/);
    }
  });

  it('states the complaint time limits and the five risk levels', () => {
    const answer = (id: string) => (entries.find((entry) => entry.id === id) as KnowledgeEntry).answer;
    for (const id of ['en-complaint-timeline', 'zh-complaint-timeline']) {
      expect(answer(id)).toMatch(/24/);
      expect(answer(id)).toMatch(/48/);
      expect(answer(id)).toMatch(/15/);
    }
    for (const id of ['en-wealth-risk-levels', 'zh-wealth-risk-levels']) {
      for (const level of ['R1', 'R2', 'R3', 'R4', 'R5']) expect(answer(id)).toContain(level);
    }
  });

  it('does not present a bank hotline as a real number', () => {
    for (const entry of entries) expect(entry.answer, entry.id).not.toMatch(/\b95\d{3}\b|400-?\d{3}-?\d{4}/);
  });
});
