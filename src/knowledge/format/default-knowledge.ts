import { fileURLToPath } from 'node:url';
import type { KnowledgeEntry, KnowledgeParseError } from './entry-schema.js';
import { readKnowledgeFolder, type KnowledgeReadProgress } from './knowledge-files.js';

/** Absolute path of the bundled default knowledge base (`knowledge/default` at the repository root). */
export const DEFAULT_KNOWLEDGE_DIR = fileURLToPath(new URL('../../../knowledge/default', import.meta.url));

export function readDefaultKnowledge(
  onProgress?: (progress: KnowledgeReadProgress) => void,
): Promise<{ entries: KnowledgeEntry[]; errors: KnowledgeParseError[] }> {
  return readKnowledgeFolder(DEFAULT_KNOWLEDGE_DIR, onProgress);
}
