import { describe, expect, it } from 'vitest';
import { splitRichText } from '../../web/widget/links.js';

describe('widget rich text', () => {
  it('turns **bold** and links into runs and leaves everything else as text', () => {
    expect(splitRichText('按**分期本金 × 每期费率**计算，详见 https://bank.example/fees。')).toEqual([
      { text: '按' },
      { text: '分期本金 × 每期费率', bold: true },
      { text: '计算，详见 ' },
      { text: 'https://bank.example/fees', href: 'https://bank.example/fees' },
      { text: '。' },
    ]);
  });

  it('keeps markup as text: nothing becomes HTML', () => {
    const runs = splitRichText('<img src=x onerror=alert(1)> **<b>x</b>**');
    expect(runs.map((r) => r.text).join('')).toBe('<img src=x onerror=alert(1)> <b>x</b>');
    expect(runs.some((r) => r.href)).toBe(false);
  });

  it('leaves unmatched asterisks alone', () => {
    expect(splitRichText('5 * 3 ** 2')).toEqual([{ text: '5 * 3 ** 2' }]);
  });
});
