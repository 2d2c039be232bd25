// Absolute paths of the repository's data folders, independent of the working directory.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MIGRATIONS_DIR = path.join(ROOT_DIR, 'prisma/migrations');
export const SCHEMA_PATH = path.join(ROOT_DIR, 'prisma/schema.prisma');
export const PROMPTS_DIR = path.join(ROOT_DIR, 'prompts');
export const KNOWLEDGE_DEFAULT_DIR = path.join(ROOT_DIR, 'knowledge/default');
export const NLU_DATA_DIR = path.join(ROOT_DIR, 'nlu-data');
export const PUBLIC_BUILD_DIR = path.join(ROOT_DIR, 'public/build');
export const CACHE_DIR = path.join(ROOT_DIR, '.cache');
