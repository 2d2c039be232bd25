// The prompts of prompts/*.md, loaded once, and the rendering of one call's messages: the shared
// persona rules and the prompt's own system part in one system message, the data in the user message.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePromptFile, PromptFileError, splitFrontMatter, type PromptDefinition } from './prompt-file.js';
import { preparePromptValue } from './prompt-values.js';

export const PERSONA_PROMPT = 'persona';

export interface PromptLibrary {
  /** The shared rules (prompts/persona.md body); empty when the file is missing. */
  persona: string;
  get(name: string): PromptDefinition | undefined;
  names(): string[];
  /** Files that failed to load, by prompt name; a call to one of them fails with prompt_error. */
  errors: Map<string, string>;
}

export function parsePersonaFile(source: string): string {
  const split = splitFrontMatter(source);
  if (!split) throw new PromptFileError(PERSONA_PROMPT, 'starts without a --- YAML front-matter block ---');
  const body = split.body.trim();
  if (!body) throw new PromptFileError(PERSONA_PROMPT, 'has no rules');
  return body;
}

/** Reads every prompts/*.md; one bad file is reported, not fatal, so the others keep working. */
export function loadPromptLibrary(dir: string): PromptLibrary {
  const prompts = new Map<string, PromptDefinition>();
  const errors = new Map<string, string>();
  let persona = '';
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.md') && !f.startsWith('_') && f.toLowerCase() !== 'readme.md');
  } catch (err) {
    errors.set('*', `cannot read ${dir}: ${(err as Error).message}`);
  }
  for (const file of files.sort()) {
    const name = file.slice(0, -3);
    try {
      const source = readFileSync(path.join(dir, file), 'utf8');
      if (name === PERSONA_PROMPT) persona = parsePersonaFile(source);
      else prompts.set(name, parsePromptFile(name, source));
    } catch (err) {
      errors.set(name, (err as Error).message);
    }
  }
  if (!persona && !errors.has(PERSONA_PROMPT)) errors.set(PERSONA_PROMPT, `${dir}/persona.md is missing`);
  return { persona, get: (n) => prompts.get(n), names: () => [...prompts.keys()], errors };
}

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface RenderedPrompt {
  messages: ChatMessage[];
  /** Each variable as the model saw it (masked, escaped, fenced). */
  values: Record<string, string>;
  /** The instruction texts that must never come back in an output (persona and system part). */
  rules: string[];
}

export class PromptRenderError extends Error {
  override name = 'PromptRenderError';
}

/**
 * Renders one call. `extraSystem` lines (output format, the canary) are appended to the system
 * message as plain text, outside the template engine, so their braces need no escaping.
 */
export async function renderPrompt(input: { def: PromptDefinition; persona: string; variables: Record<string, string>; extraSystem?: string[] }): Promise<RenderedPrompt> {
  const { def } = input;
  const values: Record<string, string> = {};
  for (const name of def.inputVariables) {
    const raw = input.variables[name];
    if (typeof raw !== 'string') throw new PromptRenderError(`prompt ${def.name}: variable "${name}" is missing`);
    values[name] = preparePromptValue(raw, { untrusted: def.untrusted.has(name) });
  }
  const formatted = await def.template.formatMessages(values);
  const systemParts: string[] = [];
  if (def.persona && input.persona) systemParts.push(input.persona);
  const messages: ChatMessage[] = [];
  for (const m of formatted) {
    const content = typeof m.content === 'string' ? m.content : JSON.stringify(m.content);
    if (m.type === 'system') systemParts.push(content);
    else messages.push({ role: 'user', content });
  }
  systemParts.push(...(input.extraSystem ?? []));
  // One system message first: several chat templates served by vLLM or Ollama accept no other shape.
  if (systemParts.length) messages.unshift({ role: 'system', content: systemParts.join('\n\n') });
  const rules = [def.persona ? input.persona : '', def.systemText].filter(Boolean);
  return { messages, values, rules };
}
