export {
  buildKnowledgeIndex,
  DEFAULT_CONFIDENCE_THRESHOLD,
  DEFAULT_RANKING_PARAMS,
  type KnowledgeIndex,
  type KnowledgeSearchOptions,
  type KnowledgeSearchResult,
  type RankingParams,
} from './knowledge-index.js';
export { tokenize, type Term, type TermKind } from './tokenize.js';
