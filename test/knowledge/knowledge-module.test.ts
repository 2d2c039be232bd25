// The knowledge module on the database: an imported key used in both languages answers each language
// from its own entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/infra/database.js';
import { createKnowledgeModule } from '../../src/knowledge/knowledge-module.js';
import { createTestDatabase, type TestDatabase } from '../helpers/isolation.js';

let database: TestDatabase;
let db: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  db = createDatabase({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: 2 });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe('knowledge module', () => {
  it('keeps entries that share a key apart by language', async () => {
    const log = { info: () => {}, warn: () => {} };
    const kb = await createKnowledgeModule({ db, log });
    await kb.store.upsertMany([
      { id: 'lost-passbook', locale: 'en', category: 'accounts', questions: ['I lost my passbook', 'passbook lost what now'], answer: 'Report the lost passbook at a branch.', tags: [], followUps: [] },
      { id: 'lost-passbook', locale: 'zh-CN', category: 'accounts', questions: ['存折丢了怎么办', '存折遗失'], answer: '请携带身份证到网点办理存折挂失。', tags: [], followUps: [] },
    ]);
    await kb.refresh();
    const en = kb.search('I lost my passbook', 'en', 1)[0];
    const zh = kb.search('存折丢了怎么办', 'zh-CN', 1)[0];
    expect(en).toMatchObject({ key: 'lost-passbook', answer: 'Report the lost passbook at a branch.' });
    expect(zh).toMatchObject({ key: 'lost-passbook', answer: '请携带身份证到网点办理存折挂失。' });
  });
});
