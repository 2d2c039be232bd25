import { describe, expect, it } from 'vitest';
import { sentimentTone, sparkline } from '../../../web/console/sentiment.js';
import { mergeTranscript } from '../../../web/console/transcript.js';

describe('sentiment sparkline', () => {
  it('maps -1…1 onto the height, left to right, and clamps outliers', () => {
    const s = sparkline([1, 0, -1, -5], 100, 40, 0);
    expect(s.points).toBe('0.0,0.0 33.3,20.0 66.7,40.0 100.0,40.0');
    expect(s.zeroY).toBe(20);
    expect(s.last).toEqual({ x: 100, y: 40 });
    expect(sparkline([], 100, 40).points).toBe('');
    expect(sparkline([0.5], 100, 40, 0).points).toBe('50.0,10.0');
  });

  it('tones the latest reading', () => {
    expect(sentimentTone(-0.6)).toBe('negative');
    expect(sentimentTone(0.1)).toBe('neutral');
    expect(sentimentTone(0.4)).toBe('positive');
    expect(sentimentTone(null)).toBe('unknown');
  });
});

describe('transcript merge', () => {
  const m = (id: string, at: string) => ({ id, author: 'customer' as const, text: id, createdAt: `2026-11-23T10:00:${at}Z` });

  it('adds live and sent messages the server list does not have yet, once, in time order', () => {
    const server = [m('a', '01'), m('b', '03')];
    expect(mergeTranscript(server, [m('b', '03'), m('c', '02'), m('c', '02'), m('d', '05')]).map((x) => x.id)).toEqual(['a', 'c', 'b', 'd']);
    expect(mergeTranscript(server, [m('a', '01')]).map((x) => x.id)).toEqual(['a', 'b']);
  });
});
