import { z } from 'zod';

/** Locales the knowledge base is written in. */
export const KNOWLEDGE_LOCALES = ['zh-CN', 'en'] as const;
export type KnowledgeLocale = (typeof KNOWLEDGE_LOCALES)[number];

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Accepts the spellings people type in spreadsheets ("zh", "zh_cn", "en-US")
 * and maps them onto the two locales we serve.
 */
export function normaliseLocale(raw: string): string {
  const value = raw.trim().replace('_', '-').toLowerCase();
  if (value === 'zh' || value === 'zh-cn' || value === 'zh-hans' || value === 'zh-hans-cn') return 'zh-CN';
  if (value === 'en' || value.startsWith('en-')) return 'en';
  return raw.trim();
}

const LocaleField = z
  .string()
  .transform(normaliseLocale)
  .pipe(z.enum(KNOWLEDGE_LOCALES, { error: 'locale must be "zh-CN" or "en"' }));

const shortText = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const oneLine = (max: number) => shortText(max).regex(/^[^\r\n]*$/, 'must be a single line');
const tag = shortText(40).regex(/^[^\r\n,，|]*$/, 'a tag must not contain commas, pipes or line breaks');

/** One knowledge-base entry as written by authors, before it reaches the database. */
export const KnowledgeEntryInput = z
  .strictObject({
    id: z
      .string()
      .trim()
      .max(80)
      .regex(SLUG, 'id must be a lower-case slug such as "card-activate"'),
    locale: LocaleField,
    category: z
      .string()
      .trim()
      .max(40)
      .regex(SLUG, 'category must be a lower-case slug such as "cards"'),
    questions: z.array(oneLine(300)).min(1, 'needs at least one question').max(30),
    answer: shortText(5000),
    tags: z.array(tag).max(20).default([]),
    followUps: z.array(oneLine(40)).max(3, 'at most 3 follow-ups').default([]),
  })
  .superRefine((entry, ctx) => {
    const seen = new Set<string>();
    entry.questions.forEach((question, i) => {
      const key = question.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['questions', i], message: `duplicate question "${question}"` });
      seen.add(key);
    });
  });

export type KnowledgeEntryInput = z.input<typeof KnowledgeEntryInput>;
/** A validated entry: defaults applied, locale normalised. */
export type KnowledgeEntry = z.output<typeof KnowledgeEntryInput>;

/** A problem found while reading knowledge files; `index` is the entry's 0-based position in its file. */
export interface KnowledgeParseError {
  file: string;
  index?: number;
  message: string;
}

export interface KnowledgeParseResult {
  entries: KnowledgeEntry[];
  errors: KnowledgeParseError[];
}

/** Formats a zod error as one line: `questions.2: must not be empty; answer: Required`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const missing = issue.code === 'invalid_type' && / received undefined$/.test(issue.message);
      const message = missing ? 'is required' : issue.message;
      return issue.path.length ? `${issue.path.join('.')}: ${message}` : message;
    })
    .join('; ');
}

/**
 * Validates one raw entry and records either the entry or an error.
 * `where` is a human hint such as "line 12" added to the message.
 */
export function collectEntry(
  raw: unknown,
  ctx: { file: string; index: number; where?: string },
  out: KnowledgeParseResult,
): void {
  const parsed = KnowledgeEntryInput.safeParse(raw);
  if (parsed.success) {
    out.entries.push(parsed.data);
    return;
  }
  const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? ` "${(raw as { id: string }).id}"` : '';
  const where = ctx.where ? ` (${ctx.where})` : '';
  out.errors.push({ file: ctx.file, index: ctx.index, message: `entry ${ctx.index + 1}${id}${where}: ${describeIssues(parsed.error)}` });
}
