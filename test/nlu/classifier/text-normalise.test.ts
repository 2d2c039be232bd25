import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../../src/nlu/text-normalise.js';

describe('normaliseText', () => {
  it.each([
    ['full-width latin and digits', 'ＡＢＣ１２３', 'abc123'],
    ['ideographic space', '我的\u3000卡', '我的 卡'],
    ['full-width punctuation', '余额？！', '余额?!'],
    ['zero-width characters inside a word', 'pass\u200Bword\u200D\uFEFF', 'password'],
    ['bidi overrides', '\u202Eabc\u202C \u2066x\u2069', 'abc x'],
    ['control characters', 'a\u0000b\u0007c\u007F', 'abc'],
    ['line breaks and tabs become one space', '  line one\r\n\tline two \n', 'line one line two'],
    ['curly quotes', '\u201CI don\u2019t know\u201D', '"i don\'t know"'],
    ['upper-case latin', 'My CARD Was Declined', 'my card was declined'],
    ['compatibility forms (NFKC)', 'ﬁnance ①', 'finance 1'],
    ['chinese unchanged', '信用卡被吞了', '信用卡被吞了'],
  ])('%s', (_name, input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const once = normaliseText('  Ｈｅｌｌｏ\u200B  “World”\u3000银行 ');
    expect(normaliseText(once)).toBe(once);
  });
});
