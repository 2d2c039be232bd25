export {
  KNOWLEDGE_LOCALES,
  KnowledgeEntryInput,
  normaliseLocale,
  type KnowledgeEntry,
  type KnowledgeLocale,
  type KnowledgeParseError,
  type KnowledgeParseResult,
} from './entry-schema.js';
export { parseKnowledgeYaml, serialiseKnowledgeYaml } from './yaml-format.js';
export { CSV_COLUMNS, parseKnowledgeCsv, serialiseKnowledgeCsv } from './csv-format.js';
export { parseKnowledgeMarkdown, serialiseKnowledgeMarkdown } from './markdown-format.js';
export {
  exportKnowledge,
  knowledgeFormatOf,
  parseKnowledgeText,
  readKnowledgeFolder,
  writeKnowledgeFiles,
  type KnowledgeFormat,
  type KnowledgeReadProgress,
} from './knowledge-files.js';
export {
  defaultKnowledgeVariables,
  listPlaceholders,
  renderKnowledgeText,
  stripPlaceholders,
  type KnowledgeVariables,
} from './placeholders.js';
export { DEFAULT_KNOWLEDGE_DIR, readDefaultKnowledge } from './default-knowledge.js';
