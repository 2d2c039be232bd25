import { describe, expect, it } from 'vitest';
import { readEmbedConfig } from '../../web/widget/config.js';
import { chooseLocale, matchLocale } from '../../web/widget/locale.js';

describe('chooseLocale', () => {
  it('prefers the data attribute, then <html lang>, then the browser', () => {
    expect(chooseLocale({ attribute: 'en', htmlLang: 'zh-CN', navigatorLanguages: ['zh-CN'] })).toBe('en');
    expect(chooseLocale({ attribute: '', htmlLang: 'zh-Hans-CN', navigatorLanguages: ['en-US'] })).toBe('zh-CN');
    expect(chooseLocale({ htmlLang: '', navigatorLanguages: ['zh-TW', 'en'] })).toBe('zh-CN');
    expect(chooseLocale({ htmlLang: 'en-GB', navigatorLanguages: ['zh-CN'] })).toBe('en');
  });

  it('skips unsupported languages and falls back to English', () => {
    expect(chooseLocale({ attribute: 'fr', htmlLang: 'de', navigatorLanguages: ['ja', 'zh'] })).toBe('zh-CN');
    expect(chooseLocale({ htmlLang: 'fr', navigatorLanguages: ['fr-FR'] })).toBe('en');
    expect(chooseLocale({})).toBe('en');
  });

  it('matches tags case-insensitively and with underscores', () => {
    expect(matchLocale('ZH_cn')).toBe('zh-CN');
    expect(matchLocale(' EN ')).toBe('en');
    expect(matchLocale('zhx')).toBeNull();
    expect(matchLocale(undefined)).toBeNull();
  });
});

describe('readEmbedConfig', () => {
  const page = 'https://www.bank.example/personal/index.html';

  it('defaults the API base to the origin the script came from', () => {
    const config = readEmbedConfig({ scriptSrc: 'https://cdn.bank.example/teller/widget.js?v=3', dataset: {}, pageUrl: page, htmlLang: 'zh-CN' });
    expect(config).toEqual({ base: 'https://cdn.bank.example', locale: 'zh-CN', localePinned: false, autoOpen: false });
  });

  it('reads data-teller-base (trailing slash removed), locale, open and colour', () => {
    const config = readEmbedConfig({
      scriptSrc: '/widget.js',
      dataset: { tellerBase: 'https://teller.bank.example/chat/', tellerLocale: 'en', tellerOpen: 'true', tellerColor: '#0A3D7A' },
      pageUrl: page,
      htmlLang: 'zh-CN',
    });
    expect(config).toEqual({ base: 'https://teller.bank.example/chat', locale: 'en', localePinned: true, autoOpen: true, accent: '#0A3D7A' });
  });

  it('rejects unusable values instead of trusting them', () => {
    const config = readEmbedConfig({
      scriptSrc: '/widget.js',
      dataset: { tellerBase: 'javascript:alert(1)', tellerOpen: 'false', tellerColor: 'red;background:url(x)' },
      pageUrl: page,
      navigatorLanguages: ['en-US'],
    });
    expect(config).toEqual({ base: 'https://www.bank.example', locale: 'en', localePinned: false, autoOpen: false });
  });
});
