import type { KnowledgeLocale } from './entry-schema.js';

/*
 * Answers name bank-specific facts (hotline, app name, branch hours) as `{{name}}` placeholders so one
 * knowledge base serves any deployment; the values come from config, with these defaults.
 */

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

export type KnowledgeVariables = Record<string, string>;

const DEFAULTS: Record<KnowledgeLocale, KnowledgeVariables> = {
  en: {
    bankName: 'Teller Bank',
    appName: 'Teller Bank app',
    hotline: '95xxx',
    overseasHotline: '+86-xxx-xxxx-xxxx',
    website: 'www.example-bank.com',
    branchHours: 'Monday to Friday, 9:00–17:00',
  },
  'zh-CN': {
    bankName: '示例银行',
    appName: '示例银行App',
    hotline: '95xxx',
    overseasHotline: '+86-xxx-xxxx-xxxx',
    website: 'www.example-bank.com',
    branchHours: '工作日 9:00–17:00',
  },
};

export function defaultKnowledgeVariables(locale: KnowledgeLocale): KnowledgeVariables {
  return { ...DEFAULTS[locale] };
}

/** Names of the placeholders a text uses, in order of first use. */
export function listPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

/**
 * Fills placeholders from `overrides` first, then the locale's defaults. An unknown placeholder is left
 * visible rather than blanked, so a missing setting shows up in review instead of reading as a gap.
 */
export function renderKnowledgeText(text: string, locale: KnowledgeLocale, overrides: Partial<KnowledgeVariables> = {}): string {
  const values = { ...DEFAULTS[locale], ...overrides };
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

/** Removes placeholders, for indexing text whose values are not words customers type. */
export function stripPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, ' ');
}
