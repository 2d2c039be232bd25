// The small pure pieces around the KPIs: date ranges in the bank's time zone, CSV escaping, and the
// satisfaction questions (NPS sampling, texts, reading answers).
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/analytics/csv.js';
import { resolveRange } from '../../src/analytics/kpi-range.js';
import { parseSurveyAnswer, satisfactionQuestions, shouldAskNps } from '../../src/analytics/satisfaction-prompts.js';
import { parseCsv } from './csv-parse.js';

describe('resolveRange', () => {
  const now = new Date('2026-03-10T02:00:00Z'); // 10:00 on 10 March in Shanghai

  it('reads dates as whole days in the bank time zone, `to` included', () => {
    const r = resolveRange({ from: '2026-03-01', to: '2026-03-07' }, { timeZone: 'Asia/Shanghai', now });
    expect(r.start.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(r.end.toISOString()).toBe('2026-03-07T16:00:00.000Z');
    const oneDay = resolveRange({ from: '2026-03-07', to: '2026-03-07' }, { timeZone: 'UTC', now });
    expect(oneDay.end.getTime() - oneDay.start.getTime()).toBe(86_400_000);
  });

  it('takes timestamps as given, end exclusive, and defaults to the last 30 days', () => {
    const r = resolveRange({ from: '2026-03-01T00:00:00Z', to: '2026-03-02T12:00:00+08:00' }, { timeZone: 'Asia/Shanghai', now });
    expect(r.end.toISOString()).toBe('2026-03-02T04:00:00.000Z');
    const d = resolveRange({}, { timeZone: 'Asia/Shanghai', now });
    expect([d.from, d.to]).toEqual(['2026-02-09', '2026-03-10']);
  });

  it('rejects empty and over-long ranges as validation errors', () => {
    expect(() => resolveRange({ from: '2026-03-08', to: '2026-03-07' }, { timeZone: 'UTC', now })).toThrow(/range is empty/);
    expect(() => resolveRange({ from: '2020-01-01', to: '2026-03-07' }, { timeZone: 'UTC', now })).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });
});

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas in text', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell(-12.5)).toBe('-12.5'); // numbers are never defused
    expect(csvCell(null)).toBe('');
    const text = toCsv([['q', 'n'], ['我的卡, 被吞了 "急"', 3], ['+1 call me', 1]]);
    expect(parseCsv(text)).toEqual([['q', 'n'], ['我的卡, 被吞了 "急"', '3'], ["'+1 call me", '1']]);
  });
});

describe('satisfaction questions', () => {
  it('samples NPS deterministically at about the configured rate', () => {
    const ids = Array.from({ length: 4000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const asked = ids.filter((id) => shouldAskNps(id, 0.2)).length / ids.length;
    expect(asked).toBeGreaterThan(0.17);
    expect(asked).toBeLessThan(0.23);
    expect(ids.map((id) => shouldAskNps(id, 0.2))).toEqual(ids.map((id) => shouldAskNps(id, 0.2)));
    expect(ids.some((id) => shouldAskNps(id, 0))).toBe(false);
    expect(ids.every((id) => shouldAskNps(id, 1))).toBe(true);
    // a larger rate keeps everyone a smaller one asked (same hash bucket)
    expect(ids.filter((id) => shouldAskNps(id, 0.1)).every((id) => shouldAskNps(id, 0.3))).toBe(true);
  });

  it('asks CSAT in the customer language for each trigger, NPS only for the sample', () => {
    const [zh] = satisfactionQuestions({ conversationId: 'a', locale: 'zh-CN', npsRate: 0, trigger: 'complaint_closed', reference: 'CMP-2026-000123', complaintId: 'k' });
    expect(zh.text).toContain('CMP-2026-000123');
    expect(zh.text).toMatch(/投诉/);
    expect(zh.intent).toBe('survey.csat');
    expect(zh.metadata.suggestedActions).toHaveLength(5);
    expect(zh.metadata.survey).toEqual({ kind: 'csat', trigger: 'complaint_closed', reference: 'CMP-2026-000123', complaintId: 'k' });
    const en = satisfactionQuestions({ conversationId: 'a', locale: 'en', npsRate: 1, trigger: 'handoff_closed', handoffId: 'h' });
    expect(en.map((m) => m.intent)).toEqual(['survey.csat', 'survey.nps']);
    expect(en[0].text).toMatch(/agent/);
    expect(en[1].metadata.suggestedActions).toHaveLength(11);
    expect(satisfactionQuestions({ conversationId: 'a', locale: 'en', npsRate: 1, npsAlreadyAsked: true, trigger: 'conversation_resolved' })).toHaveLength(1);
  });

  it('reads answers typed or tapped, in either language', () => {
    expect(parseSurveyAnswer('5 Very satisfied', 'csat')).toEqual({ score: 5 });
    expect(parseSurveyAnswer('1 非常不满意', 'csat')).toEqual({ score: 1 });
    expect(parseSurveyAnswer('４分', 'csat')).toEqual({ score: 4 });
    expect(parseSurveyAnswer('五星', 'csat')).toEqual({ score: 5 });
    expect(parseSurveyAnswer('不满意', 'csat')).toEqual({ score: 2 });
    expect(parseSurveyAnswer('3, but the wait was long', 'csat')).toEqual({ score: 3, comment: 'but the wait was long' });
    expect(parseSurveyAnswer('10', 'nps')).toEqual({ score: 10 });
    expect(parseSurveyAnswer('0', 'nps')).toEqual({ score: 0 });
    expect(parseSurveyAnswer('10', 'csat')).toBeNull();
    expect(parseSurveyAnswer('how do I reset my PIN', 'csat')).toBeNull();
    expect(parseSurveyAnswer('123456', 'nps')).toBeNull();
  });
});
