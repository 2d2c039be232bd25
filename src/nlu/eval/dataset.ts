import { readFile } from 'node:fs/promises';
import { parseCsv, stringifyCsv } from './csv.js';

/** One labelled utterance, as the classifier trains on it. */
export interface LabelledUtterance {
  text: string;
  label: string;
}

/** A data file that cannot be used: missing, unreadable or malformed. */
export class DatasetError extends Error {
  override name = 'DatasetError';
}

/** Turns parsed CSV rows with a `text` column and a `category` (or `label`) column into utterances. */
export function rowsToUtterances(rows: string[][], source: string): LabelledUtterance[] {
  const [header, ...body] = rows;
  if (!header) throw new DatasetError(`${source}: the file is empty`);
  const columns = header.map((name) => name.trim().toLowerCase());
  const textColumn = columns.indexOf('text');
  const labelColumn = columns.indexOf('category') >= 0 ? columns.indexOf('category') : columns.indexOf('label');
  if (textColumn < 0 || labelColumn < 0) {
    throw new DatasetError(`${source}: the header must name a "text" and a "category" column, found "${header.join(',')}"`);
  }
  const utterances: LabelledUtterance[] = [];
  body.forEach((row, index) => {
    if (row.length === 1 && row[0].trim() === '') return; // blank line
    if (row.length !== header.length) {
      throw new DatasetError(`${source}: data row ${index + 1} has ${row.length} fields, the header has ${header.length}`);
    }
    const text = row[textColumn];
    const label = row[labelColumn].trim();
    if (text.trim() === '' || label === '') throw new DatasetError(`${source}: data row ${index + 1} has an empty text or category`);
    utterances.push({ text, label });
  });
  if (utterances.length === 0) throw new DatasetError(`${source}: no data rows`);
  return utterances;
}

/** Reads a `text,category` CSV file. Throws DatasetError with a readable message on any problem. */
export async function readLabelledCsv(path: string): Promise<LabelledUtterance[]> {
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DatasetError(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? String(error)})`);
  }
  let rows: string[][];
  try {
    rows = parseCsv(content);
  } catch (error) {
    throw new DatasetError(`${path}: malformed CSV: ${(error as Error).message}`);
  }
  return rowsToUtterances(rows, path);
}

export function utterancesToCsv(utterances: readonly LabelledUtterance[]): string {
  return stringifyCsv([['text', 'category'], ...utterances.map((u) => [u.text, u.label])]);
}
