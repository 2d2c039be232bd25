import { describe, expect, it } from 'vitest';
import { detectLanguage, type Language } from '../../src/nlu/language.js';

describe('detectLanguage', () => {
  const cases: [string, Language, Language][] = [
    ['我的信用卡丢了', 'en', 'zh-CN'],
    ['How do I reset my PIN?', 'zh-CN', 'en'],
    ['我的visa卡丢了', 'en', 'zh-CN'],
    ['请问 ATM 在哪里', 'en', 'zh-CN'],
    ['my 信用卡 was stolen yesterday', 'zh-CN', 'en'],
    ['转账', 'en', 'zh-CN'],
    ['ok', 'zh-CN', 'en'],
    ['１２３４５', 'zh-CN', 'zh-CN'], // digits only: the conversation's language
    ['12345', 'en', 'en'],
    ['', 'zh-CN', 'zh-CN'],
    ['👍👍', 'en', 'en'],
    ['？？', 'en', 'en'],
    ['你好 hello', 'en', 'zh-CN'],
    ['繁體中文的問題', 'en', 'zh-CN'],
  ];
  it.each(cases)('%j with fallback %s is %s', (text, fallback, expected) => {
    expect(detectLanguage(text, fallback)).toBe(expected);
  });

  it('is pure: the same input always gives the same answer', () => {
    expect(detectLanguage('我想转账 to my friend', 'en')).toBe(detectLanguage('我想转账 to my friend', 'en'));
  });
});
