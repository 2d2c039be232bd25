import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  exportKnowledge,
  KnowledgeEntryInput,
  parseKnowledgeCsv,
  parseKnowledgeMarkdown,
  parseKnowledgeYaml,
  readDefaultKnowledge,
  readKnowledgeFolder,
  renderKnowledgeText,
  serialiseKnowledgeCsv,
  writeKnowledgeFiles,
  type KnowledgeEntry,
} from '../../src/knowledge/format/index.js';

const dirs: string[] = [];
async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'teller-kb-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content, 'utf8');
  }
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const byId = (entries: readonly KnowledgeEntry[]) => [...entries].sort((a, b) => a.id.localeCompare(b.id));

describe('KnowledgeEntryInput', () => {
  it('applies defaults and normalises locale spellings', () => {
    const entry = KnowledgeEntryInput.parse({ id: 'x-y', locale: 'zh_cn', category: 'cards', questions: [' 挂失 '], answer: 'a' });
    expect(entry).toEqual({ id: 'x-y', locale: 'zh-CN', category: 'cards', questions: ['挂失'], answer: 'a', tags: [], followUps: [] });
    expect(KnowledgeEntryInput.parse({ ...entry, locale: 'en-GB' }).locale).toBe('en');
  });

  it('rejects unknown fields, bad slugs, duplicate phrasings and more than three follow-ups', () => {
    const base = { id: 'ok', locale: 'en', category: 'cards', questions: ['q'], answer: 'a' };
    expect(KnowledgeEntryInput.safeParse({ ...base, followups: ['typo'] }).success).toBe(false);
    expect(KnowledgeEntryInput.safeParse({ ...base, id: 'Not A Slug' }).success).toBe(false);
    expect(KnowledgeEntryInput.safeParse({ ...base, questions: ['Same', 'same'] }).success).toBe(false);
    expect(KnowledgeEntryInput.safeParse({ ...base, followUps: ['a', 'b', 'c', 'd'] }).success).toBe(false);
    expect(KnowledgeEntryInput.safeParse({ ...base, locale: 'fr' }).success).toBe(false);
  });
});

describe('YAML format', () => {
  it('reports bad entries with their position and keeps the good ones', () => {
    const result = parseKnowledgeYaml(
      [
        '- id: good-one',
        '  locale: en',
        '  category: cards',
        '  questions: [How do I activate my card?]',
        '  answer: In the app.',
        '- id: no-answer',
        '  locale: en',
        '  category: cards',
        '  questions: [Where is it?]',
        '- id: good-two',
        '  locale: en',
        '  category: cards',
        '  questions: [Second]',
        '  answer: Yes.',
      ].join('\n'),
      'cards.yaml',
    );
    expect(result.entries.map((entry) => entry.id)).toEqual(['good-one', 'good-two']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ file: 'cards.yaml', index: 1 });
    expect(result.errors[0].message).toMatch(/no-answer.*line 6.*answer: is required/);
  });

  it('accepts a mapping with file-level locale and category', () => {
    const result = parseKnowledgeYaml('locale: zh-CN\ncategory: fees\nentries:\n  - id: a\n    questions: [收费]\n    answer: 见价目表\n', 'f.yaml');
    expect(result.errors).toEqual([]);
    expect(result.entries[0]).toMatchObject({ id: 'a', locale: 'zh-CN', category: 'fees' });
  });
});

describe('CSV format', () => {
  const header = 'id,locale,category,questions,answer,tags,followUps';

  it('handles quoting, multi-line answers, pipes and escaped pipes', () => {
    const csv = [
      header,
      'csv-one,en,cards,"How do I activate my card? | activate, please | a \\| b","Line one, with comma\nLine ""two""",activation|cards,Change my PIN',
    ].join('\r\n');
    const result = parseKnowledgeCsv(csv, 'kb.csv');
    expect(result.errors).toEqual([]);
    expect(result.entries[0]).toEqual({
      id: 'csv-one',
      locale: 'en',
      category: 'cards',
      questions: ['How do I activate my card?', 'activate, please', 'a | b'],
      answer: 'Line one, with comma\nLine "two"',
      tags: ['activation', 'cards'],
      followUps: ['Change my PIN'],
    });
  });

  it('reports bad rows and continues with the next ones', () => {
    const csv = [
      header,
      'row-one,en,cards,q1,a1,,',
      'row-two,en,cards,q2',
      'row-three,xx,cards,q3,a3,,',
      ',en,cards,q4,a4,,',
      'row-five,zh,cards,问题,答案,,',
    ].join('\n');
    const result = parseKnowledgeCsv(csv, 'kb.csv');
    expect(result.entries.map((entry) => entry.id)).toEqual(['row-one', 'row-five']);
    expect(result.errors.map((error) => error.index)).toEqual([1, 2, 3]);
    expect(result.errors[0].message).toMatch(/^entry 2 \(line 3\): expected 7 fields, found 4$/);
    expect(result.errors[1].message).toMatch(/locale must be/);
    expect(result.errors[2].message).toMatch(/id: is required/);
  });

  it('rejects a header without the required columns', () => {
    const result = parseKnowledgeCsv('id,question,answer\na,b,c\n', 'kb.csv');
    expect(result.entries).toEqual([]);
    expect(result.errors[0].message).toMatch(/missing column\(s\): locale, category, questions/);
  });

  it('reports an unterminated quote instead of swallowing the file silently', () => {
    const result = parseKnowledgeCsv(`${header}\nok,en,cards,q,a,,\nbad,en,cards,"q,a,,\n`, 'kb.csv');
    expect(result.entries.map((entry) => entry.id)).toEqual(['ok']);
    expect(result.errors.some((error) => /unterminated quoted field starting on line 3/.test(error.message))).toBe(true);
  });
});

describe('Markdown format', () => {
  it('reads front matter, metadata lines and answers up to the next entry', () => {
    const md = [
      '---',
      'locale: en',
      'category: cards',
      'tags: [cards]',
      '---',
      '# Cards (title, ignored)',
      '',
      '## Q: How do I activate my card?',
      'id: md-activate',
      'Q: My card came, what now?',
      'tags: activation, new card',
      'followUps: Change my PIN | Card limits',
      '',
      'Use the app.',
      '',
      '```',
      '## Q: not a heading inside a code block',
      '```',
      '## Q: What are my limits?',
      'id: md-limits',
      'locale: zh-CN',
      '',
      '看 App。',
    ].join('\n');
    const result = parseKnowledgeMarkdown(md, 'cards.md');
    expect(result.errors).toEqual([]);
    expect(result.entries).toEqual([
      {
        id: 'md-activate',
        locale: 'en',
        category: 'cards',
        questions: ['How do I activate my card?', 'My card came, what now?'],
        answer: 'Use the app.\n\n```\n## Q: not a heading inside a code block\n```',
        tags: ['cards', 'activation', 'new card'],
        followUps: ['Change my PIN', 'Card limits'],
      },
      { id: 'md-limits', locale: 'zh-CN', category: 'cards', questions: ['What are my limits?'], answer: '看 App。', tags: ['cards'], followUps: [] },
    ]);
  });

  it('reports an entry without id or answer and keeps reading', () => {
    const md = '---\nlocale: en\ncategory: fees\n---\n## Q: First?\n\nNo id here.\n## Q: Second?\nid: md-second\n\nFine.\n## Q: Third?\nid: md-third\n';
    const result = parseKnowledgeMarkdown(md, 'fees.md');
    expect(result.entries.map((entry) => entry.id)).toEqual(['md-second']);
    expect(result.errors.map((error) => [error.index, error.message.match(/line \d+/)?.[0]])).toEqual([
      [0, 'line 5'],
      [2, 'line 12'],
    ]);
    expect(result.errors[0].message).toMatch(/id: is required/);
    expect(result.errors[1].message).toMatch(/answer: must not be empty/);
  });
});

describe('readKnowledgeFolder', () => {
  it('reads every format, skips READMEs and never stops at a bad file', async () => {
    const dir = await folder({
      'README.md': '# Not knowledge',
      'en/cards.yaml': '- id: y-ok\n  locale: en\n  category: cards\n  questions: [q]\n  answer: a\n',
      'en/broken.yaml': '- id: [unclosed\n  answer: x\n',
      'en/missing.yaml': '- id: y-missing\n  locale: en\n  questions: [q]\n  answer: a\n',
      'zh-CN/fees.md': '---\nlocale: zh-CN\ncategory: fees\n---\n## Q: 收费标准\nid: md-ok\n\n见价目表。\n',
      'all.csv': 'id,locale,category,questions,answer\ncsv-ok,en,fees,q|r,a\ncsv-bad,en,fees\ny-ok,en,fees,dup,a\n',
      'notes.txt': 'ignored',
    });
    const seen: string[] = [];
    const { entries, errors } = await readKnowledgeFolder(dir, (p) => seen.push(`${p.filesDone}/${p.filesTotal} ${p.file}`));
    expect(byId(entries).map((entry) => entry.id)).toEqual(['csv-ok', 'md-ok', 'y-ok']);
    expect(seen).toEqual(['1/5 all.csv', '2/5 en/broken.yaml', '3/5 en/cards.yaml', '4/5 en/missing.yaml', '5/5 zh-CN/fees.md']);
    const summary = errors.map((error) => `${error.file}#${error.index ?? '-'}`);
    // all.csv is read first, so its "y-ok" wins and the YAML one is the duplicate.
    expect(summary).toEqual(['all.csv#1', 'en/broken.yaml#-', 'en/cards.yaml#0', 'en/missing.yaml#0']);
    expect(entries.find((entry) => entry.id === 'y-ok')?.category).toBe('fees');
    expect(errors.find((error) => error.file === 'en/cards.yaml')?.message).toBe('duplicate id "y-ok" (first defined in all.csv)');
    expect(errors.find((error) => error.file === 'en/broken.yaml')?.message).toMatch(/^YAML syntax/);
    expect(errors.find((error) => error.file === 'en/missing.yaml')?.message).toMatch(/category: is required/);
  });

  it('drops a duplicate id and says where the first one is', async () => {
    const entry = (id: string) => `- id: ${id}\n  locale: en\n  category: cards\n  questions: [q]\n  answer: a\n`;
    const dir = await folder({ 'a.yaml': entry('same'), 'b.yaml': entry('same') + entry('other') });
    const { entries, errors } = await readKnowledgeFolder(dir);
    expect(entries.map((e) => e.id)).toEqual(['same', 'other']);
    expect(errors).toEqual([{ file: 'b.yaml', index: 0, message: 'duplicate id "same" (first defined in a.yaml)' }]);
  });

  it('returns an error rather than throwing for a missing folder', async () => {
    const { entries, errors } = await readKnowledgeFolder(join(tmpdir(), 'teller-kb-does-not-exist'));
    expect(entries).toEqual([]);
    expect(errors[0].message).toMatch(/cannot read folder/);
  });
});

describe('export and import round trip', async () => {
  const { entries } = await readDefaultKnowledge();

  it.each(['yaml', 'csv', 'markdown'] as const)('%s export reads back identically', async (format) => {
    const dir = await folder({});
    const files = exportKnowledge(entries, format);
    await writeKnowledgeFiles(dir, files);
    const back = await readKnowledgeFolder(dir);
    expect(back.errors).toEqual([]);
    expect(byId(back.entries)).toEqual(byId(entries));
  });

  it('lays YAML out like the default knowledge base', () => {
    const paths = exportKnowledge(entries, 'yaml').map((file) => file.path);
    expect(paths).toContain('zh-CN/credit-cards.yaml');
    expect(paths).toContain('en/digital-banking.yaml');
  });

  it('writes CSV that starts with the documented header', () => {
    expect(serialiseKnowledgeCsv(entries.slice(0, 1)).split('\r\n')[0]).toBe('id,locale,category,questions,answer,tags,followUps');
  });
});

describe('placeholders', () => {
  it('renders from overrides, then locale defaults, and leaves unknown names visible', () => {
    const text = 'Call {{hotline}} or visit {{ website }} ({{unknownThing}}).';
    expect(renderKnowledgeText(text, 'en', { hotline: '95000' })).toBe('Call 95000 or visit www.example-bank.com ({{unknownThing}}).');
    expect(renderKnowledgeText('欢迎使用{{appName}}', 'zh-CN')).toBe('欢迎使用示例银行App');
  });
});
