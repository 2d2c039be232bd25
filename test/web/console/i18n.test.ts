import { describe, expect, it } from 'vitest';
import { format, labelOf, matchLocale, MESSAGES, translator } from '../../../web/console/i18n.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('console UI strings', () => {
  it('has every key in both languages, none empty, with the same placeholders', () => {
    const en = MESSAGES.en;
    const zh = MESSAGES['zh-CN'];
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(en[key].trim(), key).not.toBe('');
      expect(zh[key].trim(), key).not.toBe('');
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('labels every workflow status, severity, category and handoff reason the server knows', () => {
    const codes = {
      status: ['received', 'acknowledged', 'investigating', 'resolution_proposed', 'approved', 'resolved', 'follow_up', 'closed', 'reopened'],
      severity: ['low', 'medium', 'high', 'crisis'],
      category: ['accounts', 'cards', 'loans', 'wealth_investment', 'fees_charges', 'service_attitude', 'digital_banking', 'other'],
      reason: ['customer_request', 'urgent', 'complaint_severity', 'repeated_fallback', 'negative_sentiment'],
      tr: ['acknowledge', 'start_investigation', 'propose_resolution', 'approve_resolution', 'reject_resolution', 'carry_out_resolution', 'start_follow_up', 'close', 'reopen', 'resume_investigation'],
      'cmp.clock': ['acknowledge', 'first_response', 'investigation_report', 'final_resolution', 'crisis_escalation'],
    };
    for (const [prefix, list] of Object.entries(codes)) {
      for (const code of list) {
        expect(labelOf('zh-CN', prefix, code), `${prefix}.${code}`).not.toBe(code);
        expect(labelOf('en', prefix, code), `${prefix}.${code}`).not.toBe(code);
      }
    }
  });

  it('falls back to the code for labels it does not know and fills placeholders', () => {
    expect(labelOf('en', 'status', 'brand_new_status')).toBe('brand_new_status');
    expect(labelOf('zh-CN', 'status', 'investigating')).toBe('调查中');
    expect(translator('en')('queue.waited', { time: '3 min' })).toBe('waiting 3 min');
    expect(translator('zh-CN')('queue.waited', { time: '3 分钟' })).toBe('已等待 3 分钟');
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('maps browser languages to the two UI languages', () => {
    expect(matchLocale('zh-Hans-CN')).toBe('zh-CN');
    expect(matchLocale('en-GB')).toBe('en');
    expect(matchLocale('fr')).toBeNull();
    expect(matchLocale(undefined)).toBeNull();
  });
});
