import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, extname, join, relative, sep } from 'node:path';
import type { KnowledgeEntry, KnowledgeParseError, KnowledgeParseResult } from './entry-schema.js';
import { parseKnowledgeCsv, serialiseKnowledgeCsv } from './csv-format.js';
import { parseKnowledgeMarkdown, serialiseKnowledgeMarkdown } from './markdown-format.js';
import { parseKnowledgeYaml, serialiseKnowledgeYaml } from './yaml-format.js';

export type KnowledgeFormat = 'yaml' | 'csv' | 'markdown';

const EXTENSIONS: Record<string, KnowledgeFormat> = {
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.csv': 'csv',
  '.md': 'markdown',
  '.markdown': 'markdown',
};

/** The format a file name implies, or null for files the knowledge reader ignores. */
export function knowledgeFormatOf(path: string): KnowledgeFormat | null {
  return EXTENSIONS[extname(path).toLowerCase()] ?? null;
}

export function parseKnowledgeText(text: string, format: KnowledgeFormat, file: string): KnowledgeParseResult {
  if (format === 'yaml') return parseKnowledgeYaml(text, file);
  if (format === 'csv') return parseKnowledgeCsv(text, file);
  return parseKnowledgeMarkdown(text, file);
}

export interface KnowledgeReadProgress {
  /** Path of the file just read, relative to the folder. */
  file: string;
  filesDone: number;
  filesTotal: number;
  entries: number;
  errors: number;
}

/** README files, dot-files and names starting with "_" are documentation or drafts, not content. */
function isContentFile(name: string): boolean {
  return !name.startsWith('.') && !name.startsWith('_') && !/^readme\./i.test(name) && knowledgeFormatOf(name) !== null;
}

async function listContentFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (current: string): Promise<void> => {
    const items = await readdir(current, { withFileTypes: true });
    for (const item of items) {
      if (item.name.startsWith('.') || item.name === 'node_modules') continue;
      const path = join(current, item.name);
      if (item.isDirectory()) await walk(path);
      else if (item.isFile() && isContentFile(item.name)) found.push(path);
    }
  };
  await walk(dir);
  return found.sort();
}

/**
 * Reads every knowledge file under `dir` (recursively). Problems never stop the read: each bad file or
 * entry becomes an error and the rest is still loaded. Ids must be unique across the folder; a later
 * duplicate is reported and dropped.
 */
export async function readKnowledgeFolder(
  dir: string,
  onProgress?: (progress: KnowledgeReadProgress) => void,
): Promise<{ entries: KnowledgeEntry[]; errors: KnowledgeParseError[] }> {
  const entries: KnowledgeEntry[] = [];
  const errors: KnowledgeParseError[] = [];
  let files: string[];
  try {
    files = await listContentFiles(dir);
  } catch (error) {
    return { entries, errors: [{ file: dir, message: `cannot read folder: ${(error as Error).message}` }] };
  }

  const firstSeen = new Map<string, string>();
  for (const [done, path] of files.entries()) {
    const file = relative(dir, path).split(sep).join('/');
    try {
      const text = await readFile(path, 'utf8');
      const result = parseKnowledgeText(text, knowledgeFormatOf(path)!, file);
      errors.push(...result.errors);
      result.entries.forEach((entry, position) => {
        const earlier = firstSeen.get(entry.id);
        if (earlier !== undefined) {
          errors.push({ file, index: position, message: `duplicate id "${entry.id}" (first defined in ${earlier})` });
          return;
        }
        firstSeen.set(entry.id, file);
        entries.push(entry);
      });
    } catch (error) {
      errors.push({ file, message: `cannot read file: ${(error as Error).message}` });
    }
    onProgress?.({ file, filesDone: done + 1, filesTotal: files.length, entries: entries.length, errors: errors.length });
  }
  return { entries, errors };
}

/**
 * Lays entries out as files: YAML and Markdown as `<locale>/<category>.<ext>` (the default knowledge
 * base's own layout), CSV as one `knowledge.csv` that opens in a spreadsheet.
 */
export function exportKnowledge(entries: readonly KnowledgeEntry[], format: KnowledgeFormat): { path: string; content: string }[] {
  if (format === 'csv') return [{ path: 'knowledge.csv', content: serialiseKnowledgeCsv(entries) }];
  const groups = new Map<string, KnowledgeEntry[]>();
  for (const entry of entries) {
    const key = `${entry.locale}/${entry.category}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  return [...groups].map(([key, group]) =>
    format === 'yaml'
      ? { path: `${key}.yaml`, content: serialiseKnowledgeYaml(group) }
      : { path: `${key}.md`, content: serialiseKnowledgeMarkdown(group) },
  );
}

export async function writeKnowledgeFiles(dir: string, files: readonly { path: string; content: string }[]): Promise<void> {
  for (const file of files) {
    const target = join(dir, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content, 'utf8');
  }
}
