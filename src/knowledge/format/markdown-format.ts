import { parse as parseYaml } from 'yaml';
import { collectEntry, type KnowledgeEntry, type KnowledgeParseResult } from './entry-schema.js';
import { joinPipeList, splitPipeList } from './csv-format.js';

/*
 * Markdown knowledge files (documented in knowledge/README.md):
 *
 *   ---
 *   locale: en            # default for every entry in the file
 *   category: cards       # default for every entry in the file
 *   tags: [cards]         # optional, added to every entry
 *   ---
 *   ## Q: How do I activate my card?      <- starts an entry; the heading is its first question
 *   id: card-activate                     <- metadata lines directly under the heading
 *   Q: My new card came, how do I use it?
 *   tags: activation, debit card
 *   followUps: Change my PIN | Card limits
 *
 *   The answer: any Markdown up to the next "## Q:" heading.
 */

const HEADING = /^##\s*Q\s*[:：]\s*(.*)$/i;
const META = /^(id|q|tags|follow-?ups|locale|category)\s*[:：]\s*(.*)$/i;
const FENCE = /^\s*(```|~~~)/;

interface Block {
  heading: string;
  line: number;
  body: string[];
}

function splitFrontMatter(text: string): { frontMatter: string | null; body: string; bodyStartLine: number } {
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return { frontMatter: null, body: text, bodyStartLine: 1 };
  return {
    frontMatter: match[1],
    body: text.slice(match[0].length),
    bodyStartLine: match[0].split('\n').length,
  };
}

function splitBlocks(body: string, firstLine: number): Block[] {
  const blocks: Block[] = [];
  let inFence = false;
  body.split(/\r?\n/).forEach((text, i) => {
    if (FENCE.test(text)) inFence = !inFence;
    const heading = inFence ? null : HEADING.exec(text);
    if (heading) blocks.push({ heading: heading[1].trim(), line: firstLine + i, body: [] });
    else blocks.at(-1)?.body.push(text); // text before the first heading is a preamble
  });
  return blocks;
}

function blockToRaw(block: Block, defaults: { locale?: unknown; category?: unknown; tags: string[] }): Record<string, unknown> {
  const raw: Record<string, unknown> = { locale: defaults.locale, category: defaults.category };
  const questions = block.heading ? [block.heading] : [];
  const tags = [...defaults.tags];
  const followUps: string[] = [];
  let i = 0;
  while (i < block.body.length && block.body[i].trim() === '') i++;
  for (; i < block.body.length; i++) {
    const meta = META.exec(block.body[i].trim());
    if (!meta) break; // the first line that is not metadata starts the answer
    const key = meta[1].toLowerCase();
    const value = meta[2].trim();
    if (key === 'q') questions.push(value);
    else if (key === 'tags') tags.push(...value.split(/[,，]/).map((t) => t.trim()).filter(Boolean));
    else if (key === 'followups' || key === 'follow-ups') followUps.push(...splitPipeList(value));
    else raw[key] = value;
  }
  raw.questions = questions;
  raw.tags = [...new Set(tags)];
  raw.followUps = followUps;
  raw.answer = block.body.slice(i).join('\n').trim();
  return raw;
}

export function parseKnowledgeMarkdown(text: string, file: string): KnowledgeParseResult {
  const out: KnowledgeParseResult = { entries: [], errors: [] };
  const { frontMatter, body, bodyStartLine } = splitFrontMatter(text);
  const defaults: { locale?: unknown; category?: unknown; tags: string[] } = { tags: [] };
  if (frontMatter !== null) {
    try {
      const meta = (parseYaml(frontMatter) ?? {}) as Record<string, unknown>;
      defaults.locale = meta.locale;
      defaults.category = meta.category;
      if (Array.isArray(meta.tags)) defaults.tags = meta.tags.map(String);
      else if (typeof meta.tags === 'string') defaults.tags = meta.tags.split(/[,，]/).map((t) => t.trim()).filter(Boolean);
    } catch (error) {
      out.errors.push({ file, message: `front matter: ${(error as Error).message.split('\n')[0]}` });
    }
  }
  splitBlocks(body, bodyStartLine).forEach((block, index) => {
    collectEntry(blockToRaw(block, defaults), { file, index, where: `line ${block.line}` }, out);
  });
  return out;
}

/** Serialises entries that share one locale and category as a single Markdown file. */
export function serialiseKnowledgeMarkdown(entries: readonly KnowledgeEntry[]): string {
  const first = entries[0];
  const sameFile = (e: KnowledgeEntry) => e.locale === first?.locale && e.category === first?.category;
  const lines: string[] = [];
  if (first) lines.push('---', `locale: ${first.locale}`, `category: ${first.category}`, '---', '');
  for (const entry of entries) {
    const [heading, ...more] = entry.questions;
    lines.push(`## Q: ${heading}`, `id: ${entry.id}`);
    if (!sameFile(entry)) lines.push(`locale: ${entry.locale}`, `category: ${entry.category}`);
    for (const question of more) lines.push(`Q: ${question}`);
    if (entry.tags.length) lines.push(`tags: ${entry.tags.join(', ')}`);
    if (entry.followUps.length) lines.push(`followUps: ${joinPipeList(entry.followUps)}`);
    lines.push('', entry.answer, '');
  }
  return lines.join('\n');
}
