/** Reads the embed tag: `<script src=".../widget.js" data-teller-base data-teller-locale data-teller-open defer>`. */
import { chooseLocale, matchLocale, type Locale } from './locale.js';

export interface EmbedConfig {
  /** Origin (plus optional path prefix) of the Teller server, without a trailing slash. */
  base: string;
  locale: Locale;
  /** True when data-teller-locale fixed the language; otherwise the widget follows `<html lang>` changes. */
  localePinned: boolean;
  autoOpen: boolean;
  /** Brand colour for the launcher and customer bubbles (hex only). */
  accent?: string;
}

export interface EmbedInput {
  scriptSrc?: string | null;
  /** The script element's dataset (data-teller-* → tellerBase, tellerLocale, tellerOpen, tellerColor). */
  dataset: Record<string, string | undefined>;
  pageUrl: string;
  htmlLang?: string | null;
  navigatorLanguages?: readonly string[];
}

/** An absolute http(s) URL for `value` (resolved against the page), or null for anything else. */
function httpUrl(value: string | null | undefined, relativeTo: string): URL | null {
  try {
    const url = new URL(value ?? '', relativeTo);
    return value && (url.protocol === 'https:' || url.protocol === 'http:') ? url : null;
  } catch {
    return null;
  }
}

export function readEmbedConfig(input: EmbedInput): EmbedConfig {
  const dataset = input.dataset;
  const explicit = httpUrl(dataset.tellerBase?.trim(), input.pageUrl);
  const base = explicit
    ? (explicit.origin + explicit.pathname).replace(/\/+$/, '') // a path prefix is kept, without the trailing slash
    : (httpUrl(input.scriptSrc, input.pageUrl) ?? httpUrl(input.pageUrl, input.pageUrl))?.origin ?? '';
  const open = dataset.tellerOpen;
  const config: EmbedConfig = {
    base,
    locale: chooseLocale({ attribute: dataset.tellerLocale, htmlLang: input.htmlLang, navigatorLanguages: input.navigatorLanguages }),
    localePinned: matchLocale(dataset.tellerLocale) !== null,
    autoOpen: open === '' || open === 'true',
  };
  const accent = dataset.tellerColor?.trim();
  if (accent && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(accent)) config.accent = accent;
  return config;
}
