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

function httpBase(value: string | undefined, relativeTo: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, relativeTo);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return (url.origin + url.pathname).replace(/\/+$/, '');
  } catch {
    return null;
  }
}

function origin(value: string | null | undefined, relativeTo: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, relativeTo);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

export function readEmbedConfig(input: EmbedInput): EmbedConfig {
  const dataset = input.dataset;
  const base =
    httpBase(dataset.tellerBase?.trim(), input.pageUrl) ??
    origin(input.scriptSrc, input.pageUrl) ??
    origin(input.pageUrl, input.pageUrl) ??
    '';
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
