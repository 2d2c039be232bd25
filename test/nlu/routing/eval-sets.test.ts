import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRouteUtterances } from '../../../src/nlu/routing/route-of-intent.js';
import { ROUTES } from '../../../src/nlu/routing/route-of-intent.js';
import { loadRoutingEvalSet, parseRoutingEvalSet } from '../../../src/nlu/routing/eval-set.js';
import { bigramDice, comparisonKey, editSimilarity, findNearDuplicates, isNearDuplicate, keySimilarity } from '../../../src/nlu/routing/near-duplicate.js';
import { ROUTE_UTTERANCES_DIR, ROUTING_DEV2_EN_FILE, ROUTING_DEV2_ZH_FILE, ROUTING_DEV3_EN_FILE, ROUTING_DEV3_ZH_FILE, ROUTING_DEV_EXTRA_FILE, ROUTING_DEV_FILE, ROUTING_EVAL_FILE, ROUTING_FRESH2_FILE, ROUTING_FRESH3_FILE, ROUTING_FRESH4_FILE, ROUTING_FRESH5_FILE, ROUTING_FRESH_FILE, ROUTING_EXT_A_FILE, ROUTING_EXT_B_FILE, ROUTING_DEV4_EN_FILE, ROUTING_DEV4_ZH_FILE, ROUTING_FRESH6_FILE, ROUTING_BLIND_FILES } from './paths.js';

const describePair = (p: { a: string; b: string; similarity: number }) => `${p.a}  ~  ${p.b}  (${p.similarity.toFixed(2)})`;

describe('near-duplicate check', () => {
  it('catches copies that differ only in case, spacing, punctuation or full-width forms', () => {
    expect(isNearDuplicate('Hello!', 'hello')).toBe(true);
    expect(isNearDuplicate('转人工！！！', '转人工')).toBe(true);
    expect(isNearDuplicate('ＣＭＰ－２０２６', 'cmp-2026')).toBe(true);
  });

  it('catches one-word edits of a sentence but not a different sentence on the same topic', () => {
    expect(isNearDuplicate('I lost my credit card yesterday', 'I lost my debit card yesterday')).toBe(true);
    expect(isNearDuplicate('我的信用卡被盗刷了', '我的借记卡被盗刷了')).toBe(true);
    expect(isNearDuplicate('I lost my credit card yesterday', 'Cannot find my wallet since the gym this morning')).toBe(false);
    expect(bigramDice('abcd', 'wxyz')).toBe(0);
    expect(editSimilarity('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7);
  });

  it('finds exactly the pairs that keySimilarity scores at or above the threshold (its shortcuts change nothing)', async () => {
    const { examples } = await loadRouteUtterances(ROUTE_UTTERANCES_DIR);
    const left = (await loadRoutingEvalSet(ROUTING_DEV_FILE)).map((l) => l.text);
    const right = examples.filter((_, i) => i % 3 === 0).map((e) => e.text);
    for (const threshold of [0.5, 0.75]) {
      const brute: string[] = [];
      for (const a of left) {
        for (const b of right) {
          const similarity = keySimilarity(comparisonKey(a), comparisonKey(b));
          if (similarity >= threshold) brute.push(`${a} ~ ${b} ${similarity}`);
        }
      }
      expect(findNearDuplicates(left, right, threshold).map((p) => `${p.a} ~ ${p.b} ${p.similarity}`)).toEqual(brute);
      if (threshold === 0.5) expect(brute.length).toBeGreaterThan(20);
    }
  });

  it('requires exact equality for very short texts', () => {
    expect(isNearDuplicate('您好', '你好')).toBe(false);
    expect(isNearDuplicate('hey', 'hi')).toBe(false);
  });
});

const BOTH = ['zh', 'en'] as const;
const SETS = [
  ['routing.jsonl', ROUTING_EVAL_FILE, 100, 15, BOTH],
  ['fresh.jsonl', ROUTING_FRESH_FILE, 100, 14, BOTH],
  ['fresh2.jsonl', ROUTING_FRESH2_FILE, 100, 14, BOTH],
  ['fresh3.jsonl', ROUTING_FRESH3_FILE, 100, 14, BOTH],
  ['fresh4.jsonl', ROUTING_FRESH4_FILE, 100, 14, BOTH],
  ['fresh5.jsonl', ROUTING_FRESH5_FILE, 100, 15, BOTH],
  ['fresh6.jsonl', ROUTING_FRESH6_FILE, 100, 15, BOTH],
  ['dev.jsonl', ROUTING_DEV_FILE, 50, 7, BOTH],
  ['dev-extra.jsonl', ROUTING_DEV_EXTRA_FILE, 50, 7, BOTH],
  // one language each, written independently
  ['dev2-en.jsonl', ROUTING_DEV2_EN_FILE, 250, 30, ['en']],
  ['dev2-zh.jsonl', ROUTING_DEV2_ZH_FILE, 250, 30, ['zh']],
  ['dev3-en.jsonl', ROUTING_DEV3_EN_FILE, 120, 15, ['en']],
  ['dev3-zh.jsonl', ROUTING_DEV3_ZH_FILE, 120, 15, ['zh']],
  ['dev4-en.jsonl', ROUTING_DEV4_EN_FILE, 120, 15, ['en']],
  ['dev4-zh.jsonl', ROUTING_DEV4_ZH_FILE, 120, 15, ['zh']],
] as const;

describe.each(SETS)('%s', (_name, file, perLanguage, minimumPerRoute, languages) => {
  it(`is valid, with ${perLanguage}+ lines per language and every route in each`, async () => {
    const lines = await loadRoutingEvalSet(file);
    expect(lines.filter((l) => !(languages as readonly string[]).includes(l.lang)), 'lines in another language').toEqual([]);
    for (const lang of languages) {
      const ofLang = lines.filter((l) => l.lang === lang);
      expect(ofLang.length, lang).toBeGreaterThanOrEqual(perLanguage);
      for (const route of ROUTES) {
        expect(ofLang.filter((l) => l.route === route).length, `${lang} ${route}`).toBeGreaterThanOrEqual(minimumPerRoute);
      }
      // FAQ is the bulk of real traffic: the largest route in each language.
      const faq = ofLang.filter((l) => l.route === 'faq').length;
      for (const route of ROUTES) expect(faq).toBeGreaterThanOrEqual(ofLang.filter((l) => l.route === route).length);
    }
  });

  it('shares no line or near-copy with the training utterances', async () => {
    const lines = await loadRoutingEvalSet(file);
    const { examples } = await loadRouteUtterances(ROUTE_UTTERANCES_DIR);
    const copies = findNearDuplicates(
      lines.map((l) => l.text),
      examples.map((e) => e.text),
    );
    expect(copies.map(describePair)).toEqual([]);
  });

  it('has no line twice', async () => {
    const texts = (await loadRoutingEvalSet(file)).map((l) => l.text);
    const copies = findNearDuplicates(texts, texts).filter((p) => p.a !== p.b);
    expect(copies.map(describePair)).toEqual([]);
  });
});

describe('dev and evaluation sets', () => {
  it('are separate from each other', async () => {
    const texts = await Promise.all(SETS.map(async ([, file]) => (await loadRoutingEvalSet(file)).map((l) => l.text)));
    const copies: string[] = [];
    for (let a = 0; a < texts.length; a++) {
      for (let b = a + 1; b < texts.length; b++) copies.push(...findNearDuplicates(texts[a], texts[b]).map((p) => `${SETS[a][0]} / ${SETS[b][0]}: ${describePair(p)}`));
    }
    expect(copies).toEqual([]);
  });
});

// ext-a, ext-b and the blind sets were written by other authors without seeing our data, so some of their lines
// (short requests such as "转人工", "hi") came out close to training utterances or our sets (ext-a and ext-b: 176
// of 480 lines). ext-known-overlap.json lists those pairs as they stood when each set was first measured (ext: 1dbca85;
// blind sets: after their one held-out measurement). Those stay; any other near-copy (a training line or a newer set
// of ours that copies one of their lines) fails.
const EXT_SETS = [
  ['ext-a.jsonl', ROUTING_EXT_A_FILE],
  ['ext-b.jsonl', ROUTING_EXT_B_FILE],
  ...ROUTING_BLIND_FILES,
] as const;
const KNOWN_EXT_OVERLAP: Record<string, string[]> = JSON.parse(readFileSync(new URL('./ext-known-overlap.json', import.meta.url), 'utf8'));
const isKnownExtOverlap = (p: { a: string; b: string }) => KNOWN_EXT_OVERLAP[p.a]?.includes(p.b) ?? false;

describe.each(EXT_SETS)('%s (another author)', (_name, file) => {
  it('is valid, with 100+ lines per language and every route in each', async () => {
    const lines = await loadRoutingEvalSet(file);
    for (const lang of BOTH) {
      const ofLang = lines.filter((l) => l.lang === lang);
      expect(ofLang.length, lang).toBeGreaterThanOrEqual(100);
      for (const route of ROUTES) expect(ofLang.filter((l) => l.route === route).length, `${lang} ${route}`).toBeGreaterThanOrEqual(12);
    }
  });

  it('has no near-copy in the training utterances or our sets beyond those it arrived with', async () => {
    const texts = (await loadRoutingEvalSet(file)).map((l) => l.text);
    const { examples } = await loadRouteUtterances(ROUTE_UTTERANCES_DIR);
    const ours = (await Promise.all(SETS.map(async ([, f]) => (await loadRoutingEvalSet(f)).map((l) => l.text)))).flat();
    const others = [...new Set([...examples.map((e) => e.text), ...ours])];
    const copies = findNearDuplicates(texts, others).filter((p) => !isKnownExtOverlap(p));
    expect(copies.map(describePair)).toEqual([]);
  });
});

describe('parseRoutingEvalSet', () => {
  it('reads lines, skipping blank ones', () => {
    const text = '{"text":"卡丢了","lang":"zh","route":"urgent"}\n\n{"text":"hi","lang":"en","route":"smalltalk"}\n';
    expect(parseRoutingEvalSet(text)).toEqual([
      { text: '卡丢了', lang: 'zh', route: 'urgent' },
      { text: 'hi', lang: 'en', route: 'smalltalk' },
    ]);
  });

  it('names the bad line', () => {
    expect(() => parseRoutingEvalSet('{"text":"x","lang":"zh","route":"urgent"}\n{"text":"y","lang":"fr","route":"faq"}')).toThrow(/line 2/);
    expect(() => parseRoutingEvalSet('{"text":"x","lang":"en","route":"billing"}')).toThrow(/line 1/);
    expect(() => parseRoutingEvalSet('not json')).toThrow(/line 1: not JSON/);
  });
});
