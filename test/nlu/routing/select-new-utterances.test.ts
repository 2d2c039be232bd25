import { describe, expect, it } from 'vitest';
import { applyRoutingRules } from '../../../src/nlu/routing/rules.js';
import { selectNewUtterances } from '../../../src/nlu/routing/select-new-utterances.js';
import type { RouteExample } from '../../../src/nlu/routing/route-of-intent.js';

const ex = (text: string, label: RouteExample['label'], locale: RouteExample['locale'] = 'en'): RouteExample => ({ text, label, locale });

describe('selectNewUtterances', () => {
  const training = [ex('How do I change my PIN?', 'faq.question'), ex('我要挂失', 'urgent.lost_card', 'zh-CN')];
  const evalTexts = ['what time does the branch on King Street close?'];

  it('keeps new lines and says why each other one was left out', () => {
    const result = selectNewUtterances({
      training,
      evalTexts,
      rules: applyRoutingRules,
      candidates: [
        ex('can I order a chequebook in the app', 'faq.question'),
        ex('What time does the branch on King St close', 'faq.question'), // near an eval line
        ex('how do i change my pin', 'faq.question'), // repeats training after normalisation
        ex('can I order a chequebook in the app!', 'faq.question'), // repeats an earlier candidate
        ex('我想马上挂失这张卡', 'faq.question', 'zh-CN'), // the report-loss rule routes it to urgent
        ex('how do i change my pin', 'faq.question', 'zh-CN'), // another locale: not a repeat
      ],
    });
    expect(result.kept.map((e) => `${e.locale}:${e.text}`)).toEqual(['en:can I order a chequebook in the app', 'zh-CN:how do i change my pin']);
    expect(result.rejected.map((r) => [r.example.text, r.reason])).toEqual([
      ['What time does the branch on King St close', 'near_eval_line'],
      ['how do i change my pin', 'repeat'],
      ['can I order a chequebook in the app!', 'repeat'],
      ['我想马上挂失这张卡', 'contradicts_rule'],
    ]);
    expect(result.rejected[0].detail).toBe(evalTexts[0]);
    expect(result.rejected[3].detail).toBe('urgent/zh/report-loss');
  });
});
