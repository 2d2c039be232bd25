import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv, stringifyCsv } from '../../../src/nlu/eval/csv.js';
import { DatasetError, readLabelledCsv, rowsToUtterances } from '../../../src/nlu/eval/dataset.js';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const text = 'text,category\n"Where is my card, it is late?",card_arrival\n"He said ""hi""",greeting\n"two\nlines",multi\n';
    expect(parseCsv(text)).toEqual([
      ['text', 'category'],
      ['Where is my card, it is late?', 'card_arrival'],
      ['He said "hi"', 'greeting'],
      ['two\nlines', 'multi'],
    ]);
  });

  it('accepts CRLF, a byte-order mark, empty fields and no final line break', () => {
    expect(parseCsv('\uFEFFa,b\r\n,x\r\n"",y')).toEqual([
      ['a', 'b'],
      ['', 'x'],
      ['', 'y'],
    ]);
  });

  it('rejects an unterminated quote and text after a closing quote, naming the line', () => {
    expect(() => parseCsv('text,category\n"oops,card\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('text,category\n"oops,card\n')).toThrow(/line 2/);
    expect(() => parseCsv('a,b\n"x"y,z\n')).toThrow(/after closing quote/);
  });

  it('round-trips through stringifyCsv', () => {
    const rows = [
      ['text', 'category'],
      ['a, b', 'x'],
      ['say "no"', 'y'],
      ['\nleading break', 'z'],
      ['中文,逗号', 'w'],
    ];
    expect(parseCsv(stringifyCsv(rows))).toEqual(rows);
  });
});

describe('labelled CSV files', () => {
  it('maps the text and category columns in any order', () => {
    expect(rowsToUtterances([['category', 'text'], ['a', 'hello']], 'x.csv')).toEqual([{ text: 'hello', label: 'a' }]);
  });

  it('explains what is wrong with a malformed file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'teller-csv-'));
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['foo,bar\nx,y\n', /header must name/],
      ['text,category\nonly one field\n', /row 1 has 1 fields/],
      ['text,category\n"unterminated,x\n', /malformed CSV: unterminated/],
      ['text,category\n', /no data rows/],
    ];
    for (const [i, [content, message]] of cases.entries()) {
      const path = join(dir, `bad-${i}.csv`);
      await writeFile(path, content);
      await expect(readLabelledCsv(path)).rejects.toThrow(message);
      await expect(readLabelledCsv(path)).rejects.toBeInstanceOf(DatasetError);
    }
    await expect(readLabelledCsv(join(dir, 'missing.csv'))).rejects.toThrow(/no such file/);
  });
});
