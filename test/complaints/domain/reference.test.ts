import { describe, expect, it } from 'vitest';
import {
  findComplaintReferences,
  formatComplaintReference,
  isComplaintReference,
  normalizeComplaintReference,
  parseComplaintReference,
} from '../../../src/complaints/domain/reference.js';

describe('complaint references', () => {
  it.each([
    [2026, 123, 'CMP-2026-000123'],
    [2026, 1, 'CMP-2026-000001'],
    [2027, 999999, 'CMP-2027-999999'],
    [2027, 1234567, 'CMP-2027-1234567'],
  ])('formats %i/%i as %s and parses it back', (year, seq, ref) => {
    expect(formatComplaintReference(year, seq)).toBe(ref);
    expect(parseComplaintReference(ref)).toEqual({ year, seq });
    expect(isComplaintReference(ref)).toBe(true);
  });

  it.each([
    [1999, 1],
    [2026, 0],
    [2026, 1.5],
    [10000, 1],
  ])('refuses year %i / seq %i', (year, seq) => {
    expect(() => formatComplaintReference(year, seq)).toThrow(RangeError);
  });

  it.each([
    ['cmp-2026-000123', 'CMP-2026-000123'],
    ['CMP2026000123', 'CMP-2026-000123'],
    [' CMP 2026 000123 ', 'CMP-2026-000123'],
    ['ＣＭＰ－２０２６－０００１２３', 'CMP-2026-000123'],
    ['CMP-2026-123', null],
    ['CMP-2026-000000', null],
    ['ABC-2026-000123', null],
    ['CMP-1999-000123', null],
  ])('normalises %j → %s', (input, canonical) => {
    expect(normalizeComplaintReference(input)).toBe(canonical);
  });

  it('is strict about the canonical form', () => {
    expect(isComplaintReference('cmp-2026-000123')).toBe(false);
    expect(isComplaintReference('CMP-2026-000123 ')).toBe(false);
    expect(isComplaintReference('CMP-2026-00012')).toBe(false);
  });

  it.each([
    ['我的投诉编号是CMP-2026-000123，进度如何？', ['CMP-2026-000123']],
    ['ref cmp2026000045 and CMP-2026-000046, again CMP-2026-000045', ['CMP-2026-000045', 'CMP-2026-000046']],
    ['编号：ＣＭＰ－２０２６－０００７８９', ['CMP-2026-000789']],
    ['XCMP-2026-000123 is not one, nor CMP-2026-0001234567890', []],
    ['no reference here 2026-000123', []],
  ])('finds references in %j', (text, refs) => {
    expect(findComplaintReferences(text)).toEqual(refs);
  });
});
