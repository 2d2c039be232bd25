import { describe, expect, it } from 'vitest';
import {
  ROUTE_OF_INTENT,
  ROUTING_INTENTS,
  loadRouteUtterances,
  localeOfFileName,
  parseRouteUtterances,
  routeOfIntent,
  type RouteExample,
} from '../../../src/nlu/routing/route-of-intent.js';
import { comparisonKey } from '../../../src/nlu/routing/near-duplicate.js';
import { ROUTE_UTTERANCES_DIR } from './paths.js';

// Minimum utterances per intent and locale.
const LARGE: Partial<Record<string, number>> = { 'faq.question': 150, 'complaint.file': 100, 'complaint.status': 60, 'handoff.request': 60 };
const SMALL_MINIMUM = 30;

describe('route utterance files', () => {
  let examples: RouteExample[] = [];
  it('load and validate', async () => {
    ({ examples } = await loadRouteUtterances(ROUTE_UTTERANCES_DIR));
    expect(new Set(examples.map((e) => e.locale))).toEqual(new Set(['zh-CN', 'en']));
  });

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`${locale}: every intent has enough utterances`, async () => {
      ({ examples } = await loadRouteUtterances(ROUTE_UTTERANCES_DIR));
      for (const intent of ROUTING_INTENTS) {
        const n = examples.filter((e) => e.locale === locale && e.label === intent).length;
        expect(n, `${locale} ${intent}`).toBeGreaterThanOrEqual(LARGE[intent] ?? SMALL_MINIMUM);
      }
    });

    it(`${locale}: no utterance is repeated (after normalisation)`, async () => {
      ({ examples } = await loadRouteUtterances(ROUTE_UTTERANCES_DIR));
      const seen = new Map<string, string>();
      const repeats: string[] = [];
      for (const e of examples.filter((x) => x.locale === locale)) {
        const key = comparisonKey(e.text);
        if (!key) continue; // punctuation-only fallback lines such as "？？"
        if (seen.has(key)) repeats.push(`${e.text} (${e.label}) ~ ${seen.get(key)}`);
        else seen.set(key, `${e.text} (${e.label})`);
      }
      expect(repeats).toEqual([]);
    });
  }

  it('the Chinese file holds Chinese and mixed zh/en phrasing, the English file English', async () => {
    ({ examples } = await loadRouteUtterances(ROUTE_UTTERANCES_DIR));
    const han = /\p{Script=Han}/u;
    const zh = examples.filter((e) => e.locale === 'zh-CN');
    const en = examples.filter((e) => e.locale === 'en');
    expect(zh.filter((e) => han.test(e.text)).length / zh.length).toBeGreaterThan(0.9);
    expect(zh.some((e) => han.test(e.text) && /[a-z]{3,}/i.test(e.text))).toBe(true);
    expect(en.filter((e) => han.test(e.text))).toEqual([]);
  });
});

describe('parseRouteUtterances', () => {
  it('labels each utterance with its intent and locale, trimming whitespace', () => {
    const yaml = 'intents:\n  urgent.lost_card:\n    - "  卡丢了 "\n  faq.question:\n    - 网点几点关门\n';
    expect(parseRouteUtterances(yaml, 'zh-CN')).toEqual([
      { text: '卡丢了', label: 'urgent.lost_card', locale: 'zh-CN' },
      { text: '网点几点关门', label: 'faq.question', locale: 'zh-CN' },
    ]);
  });

  it('rejects an intent no route knows', () => {
    expect(() => parseRouteUtterances('intents:\n  urgent.lost_crad:\n    - x\n', 'en')).toThrow();
  });

  it('rejects empty lists, empty utterances and unknown top-level keys', () => {
    expect(() => parseRouteUtterances('intents:\n  faq.question: []\n', 'en')).toThrow();
    expect(() => parseRouteUtterances('intents:\n  faq.question:\n    - "   "\n', 'en')).toThrow();
    expect(() => parseRouteUtterances('intents: {}\nextra: 1\n', 'en')).toThrow();
    expect(() => parseRouteUtterances('- just a list\n', 'en')).toThrow();
  });
});

describe('routeOfIntent', () => {
  it('maps every known intent to the route named by its prefix', () => {
    for (const [intent, route] of Object.entries(ROUTE_OF_INTENT)) expect(intent.split('.')[0]).toBe(route);
    expect(routeOfIntent('urgent.scam_transfer')).toBe('urgent');
    expect(routeOfIntent('smalltalk.bot_identity')).toBe('smalltalk');
  });

  it('falls back to the prefix for finer intents, and to fallback for anything else', () => {
    expect(routeOfIntent('faq.card_fees')).toBe('faq');
    expect(routeOfIntent('card_arrival')).toBe('fallback');
    expect(routeOfIntent('weather.today')).toBe('fallback');
  });

  it('knows utterance files by locale name only', () => {
    expect(localeOfFileName('zh-CN.yaml')).toBe('zh-CN');
    expect(localeOfFileName('en.yml')).toBe('en');
    expect(localeOfFileName('en.voices.yaml')).toBe('en');
    expect(localeOfFileName('zh-CN.bulk-2.yml')).toBe('zh-CN');
    expect(localeOfFileName('fr.voices.yaml')).toBeNull();
    expect(localeOfFileName('en.a.b.yaml')).toBeNull();
    expect(localeOfFileName('fr.yaml')).toBeNull();
    expect(localeOfFileName('README.md')).toBeNull();
  });
});
