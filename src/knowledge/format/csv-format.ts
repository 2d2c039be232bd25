import { collectEntry, type KnowledgeEntry, type KnowledgeParseResult } from './entry-schema.js';

/** Column order used on export; on import the header may list them in any order. */
export const CSV_COLUMNS = ['id', 'locale', 'category', 'questions', 'answer', 'tags', 'followUps'] as const;
const REQUIRED_COLUMNS = ['id', 'locale', 'category', 'questions', 'answer'] as const;
const LIST_COLUMNS = new Set(['questions', 'tags', 'followUps']);

interface CsvRecord {
  fields: string[];
  line: number;
}

/**
 * RFC 4180 reader: quoted fields may hold commas, newlines and doubled quotes.
 * An unterminated quote is reported and ends the read, since everything after it is ambiguous.
 */
export function readCsvRecords(text: string): { records: CsvRecord[]; error?: string } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quoteLine = 0;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    // Blank lines are not records.
    if (!(fields.length === 1 && fields[0].trim() === '')) records.push({ fields, line: recordLine });
    fields = [];
    field = '';
  };
  while (i < source.length) {
    const ch = source[i];
    if (inQuotes) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      inQuotes = true;
      quoteLine = line;
      field = '';
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      endRecord();
      if (ch === '\r' && source[i + 1] === '\n') i++;
      line++;
      recordLine = line;
    } else {
      field += ch;
    }
    i++;
  }
  if (inQuotes) return { records, error: `unterminated quoted field starting on line ${quoteLine}` };
  if (field !== '' || fields.length > 0) endRecord();
  return { records };
}

/** Splits a `|`-separated list; `\|` is a literal pipe and `\\` a literal backslash. */
export function splitPipeList(value: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\' && (value[i + 1] === '|' || value[i + 1] === '\\')) {
      current += value[i + 1];
      i++;
    } else if (ch === '|') {
      items.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  items.push(current);
  return items.map((item) => item.trim()).filter((item) => item.length > 0);
}

export function joinPipeList(items: readonly string[]): string {
  return items.map((item) => item.replace(/\\/g, '\\\\').replace(/\|/g, '\\|')).join(' | ');
}

/** Parses a CSV file whose header names the columns; bad rows are reported and skipped. */
export function parseKnowledgeCsv(text: string, file: string): KnowledgeParseResult {
  const out: KnowledgeParseResult = { entries: [], errors: [] };
  const { records, error } = readCsvRecords(text);
  if (error) out.errors.push({ file, message: `CSV syntax: ${error}` });
  const [header, ...rows] = records;
  if (!header) return out;

  const byLowerName = new Map<string, string>(CSV_COLUMNS.map((name) => [name.toLowerCase(), name]));
  byLowerName.set('follow_ups', 'followUps').set('follow-ups', 'followUps');
  const columns = header.fields.map((name) => byLowerName.get(name.trim().toLowerCase()));
  const unknown = header.fields.filter((_, i) => columns[i] === undefined);
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length) {
    out.errors.push({ file, message: `CSV header is missing column(s): ${missing.join(', ')}` });
    return out;
  }
  if (unknown.length) out.errors.push({ file, message: `CSV header has unknown column(s) ignored: ${unknown.join(', ')}` });

  rows.forEach((record, index) => {
    if (record.fields.length !== header.fields.length) {
      out.errors.push({
        file,
        index,
        message: `entry ${index + 1} (line ${record.line}): expected ${header.fields.length} fields, found ${record.fields.length}`,
      });
      return;
    }
    const raw: Record<string, unknown> = {};
    columns.forEach((name, i) => {
      if (!name) return;
      // Spreadsheets write CRLF inside quoted cells; answers keep plain LF.
      const value = record.fields[i].replace(/\r\n?/g, '\n');
      if (LIST_COLUMNS.has(name)) raw[name] = splitPipeList(value);
      else if (value.trim() !== '') raw[name] = value.trim();
    });
    collectEntry(raw, { file, index, where: `line ${record.line}` }, out);
  });
  return out;
}

function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One header row plus one row per entry, lists joined with ` | `, CRLF line ends as RFC 4180 asks. */
export function serialiseKnowledgeCsv(entries: readonly KnowledgeEntry[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const entry of entries) {
    lines.push(
      [
        entry.id,
        entry.locale,
        entry.category,
        joinPipeList(entry.questions),
        entry.answer,
        joinPipeList(entry.tags),
        joinPipeList(entry.followUps),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
