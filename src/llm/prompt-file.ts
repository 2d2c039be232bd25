// One prompt file (prompts/<name>.md): YAML front-matter, then the template body. A line
// `---user---` splits the body into the system part (instructions) and the user part (the data of
// this call); a body without it is sent entirely as the user message. Parts are @langchain/core
// templates, f-string by default ({name}; literal braces doubled), or mustache ({{name}}).
import { ChatPromptTemplate, PromptTemplate } from '@langchain/core/prompts';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export const USER_SEPARATOR = /^-{3}\s*user\s*-{3}[ \t]*$/m;

const names = z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/));

/**
 * `guard` picks the output checks (src/llm/output-guard.ts) beyond the leak check every output gets:
 * `customer` for text shown to customers (no requests for secrets, no compensation promises, no talk
 * about prompts), `grounded` adds "every figure must come from the `grounded_in` variables".
 */
export const promptFrontMatterSchema = z
  .object({
    name: z.string().optional(),
    purpose: z.string().optional(),
    description: z.string().optional(),
    output: z.enum(['json', 'text']).default('text'),
    temperature: z.number().min(0).max(2).default(0),
    max_tokens: z.number().int().min(1).max(16_000).default(512),
    /** When given, must equal the variables the template uses (a typo fails at load, not at call). */
    variables: z.array(z.string()).optional(),
    /** Customer-written variables, fenced as <customer_text>; see DEFAULT_UNTRUSTED when absent. */
    untrusted: names.optional(),
    template_format: z.enum(['f-string', 'mustache']).optional(),
    /** Prefix the shared rules of prompts/persona.md to the system message. */
    persona: z.boolean().default(true),
    guard: z.enum(['none', 'customer', 'grounded']).default('none'),
    grounded_in: names.default([]),
  })
  .superRefine((fm, ctx) => {
    if (fm.guard === 'grounded' && fm.grounded_in.length === 0) ctx.addIssue({ code: 'custom', path: ['grounded_in'], message: 'guard: grounded needs grounded_in: [variables with the facts]' });
  });

export type PromptFrontMatter = z.infer<typeof promptFrontMatterSchema>;

/** Variables treated as customer-written when a prompt does not list `untrusted` itself. */
export const DEFAULT_UNTRUSTED = ['message', 'text', 'question', 'transcript', 'customer_text'];

export interface PromptDefinition {
  name: string;
  purpose: string;
  output: 'json' | 'text';
  temperature: number;
  maxTokens: number;
  templateFormat: 'f-string' | 'mustache';
  inputVariables: string[];
  untrusted: Set<string>;
  persona: boolean;
  guard: PromptFrontMatter['guard'];
  groundedIn: string[];
  /** The system part as written, without its placeholders: what must never be echoed back. */
  systemText: string;
  template: ChatPromptTemplate;
}

export class PromptFileError extends Error {
  constructor(
    readonly prompt: string,
    problem: string,
  ) {
    super(`prompts/${prompt}.md: ${problem}`);
    this.name = 'PromptFileError';
  }
}

export function splitFrontMatter(source: string): { frontMatter: string; body: string } | null {
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/.exec(source);
  return m ? { frontMatter: m[1], body: m[2].replace(/\r\n?/g, '\n') } : null;
}

function templateVariables(text: string, format: 'f-string' | 'mustache'): string[] | null {
  if (!text.trim()) return [];
  try {
    return PromptTemplate.fromTemplate(text, { templateFormat: format }).inputVariables as string[];
  } catch {
    return null;
  }
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** f-string unless the file says otherwise or declares variables that only mustache yields. */
function chooseFormat(name: string, parts: string[], fm: PromptFrontMatter): { format: 'f-string' | 'mustache'; variables: string[] } {
  const collect = (format: 'f-string' | 'mustache') => {
    const all = parts.map((p) => templateVariables(p, format));
    return all.some((v) => v === null) ? null : [...new Set(all.flat() as string[])];
  };
  const formats: Array<'f-string' | 'mustache'> = fm.template_format ? [fm.template_format] : fm.variables ? ['f-string', 'mustache'] : ['f-string'];
  const found = formats.map((format) => ({ format, variables: collect(format) }));
  const declared = fm.variables;
  const fit = found.find((f) => f.variables && (!declared || sameSet(f.variables, declared)));
  if (fit?.variables) return { format: fit.format, variables: fit.variables };
  const first = found[0];
  if (!first.variables) throw new PromptFileError(name, `the template does not parse as ${first.format} (unbalanced braces? write literal braces as {{ }})`);
  throw new PromptFileError(name, `front-matter variables [${declared?.join(', ')}] differ from the template's [${first.variables.join(', ')}] (${first.format})`);
}

/** Static text of a template part: placeholders become line breaks so no quoted run spans them. */
function staticText(text: string, format: 'f-string' | 'mustache'): string {
  return format === 'mustache' ? text.replace(/\{\{\{?[^}]*\}?\}\}/g, '\n') : text.replace(/(?<!\{)\{[A-Za-z_][A-Za-z0-9_]*\}(?!\})/g, '\n').replace(/\{\{/g, '{').replace(/\}\}/g, '}');
}

export function parsePromptFile(name: string, source: string): PromptDefinition {
  const split = splitFrontMatter(source);
  if (!split) throw new PromptFileError(name, 'starts without a --- YAML front-matter block ---');
  let raw: unknown;
  try {
    raw = parseYaml(split.frontMatter) ?? {};
  } catch (err) {
    throw new PromptFileError(name, `front-matter is not valid YAML: ${(err as Error).message}`);
  }
  const parsed = promptFrontMatterSchema.safeParse(raw);
  if (!parsed.success) throw new PromptFileError(name, parsed.error.issues.map((i) => `${i.path.join('.') || 'front-matter'}: ${i.message}`).join('; '));
  const fm = parsed.data;
  if (fm.name && fm.name !== name) throw new PromptFileError(name, `front-matter name "${fm.name}" differs from the file name`);

  const sep = USER_SEPARATOR.exec(split.body);
  const system = sep ? split.body.slice(0, sep.index).trim() : '';
  const user = (sep ? split.body.slice(sep.index + sep[0].length) : split.body).trim();
  if (!user) throw new PromptFileError(name, 'has no user part (the text after ---user---)');

  const { format, variables } = chooseFormat(name, [system, user], fm);
  const untrusted = new Set((fm.untrusted ?? DEFAULT_UNTRUSTED).filter((v) => variables.includes(v)));
  for (const v of [...(fm.untrusted ?? []), ...fm.grounded_in]) {
    if (!variables.includes(v)) throw new PromptFileError(name, `"${v}" is not a variable of the template`);
  }
  if ([...untrusted].some((v) => new RegExp(`\\{\\{?\\s*${v}\\s*\\}\\}?`).test(system))) {
    throw new PromptFileError(name, 'customer-written variables belong in the user part, not the system part');
  }

  const messages: Array<['system' | 'human', string]> = [];
  if (system) messages.push(['system', system]);
  messages.push(['human', user]);
  return {
    name,
    purpose: fm.purpose ?? fm.description ?? name,
    output: fm.output,
    temperature: fm.temperature,
    maxTokens: fm.max_tokens,
    templateFormat: format,
    inputVariables: variables,
    untrusted,
    persona: fm.persona,
    guard: fm.guard,
    groundedIn: fm.grounded_in,
    systemText: staticText(system, format),
    template: ChatPromptTemplate.fromMessages(messages, { templateFormat: format }),
  };
}
