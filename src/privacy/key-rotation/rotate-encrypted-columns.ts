// Re-encrypts every encrypted column with the current key (after a new key was put first in
// TELLER_ENCRYPTION_KEYS), so the old key can then be retired.
//
// - Batches by primary key (keyset pagination), one short UPDATE per value, so it runs beside live
//   traffic; a value changed meanwhile is left alone (compare-and-set on the old ciphertext) and
//   picked up by the next run.
// - Resumable by construction: rows already under the current key are filtered out in SQL, so a run
//   interrupted at any point and started again continues where it stopped and finishes with zero left.
// - A value that cannot be decrypted (unknown key, altered) is counted and reported by id, never
//   overwritten; the run goes on.
import type { Database } from '../../infra/database.js';
import { FieldCryptoError, type FieldCipher } from '../field-crypto.js';

/** Every column holding field ciphertext (schema.prisma: columns named *Encrypted). */
export const ENCRYPTED_COLUMNS = [
  { table: 'Customer', column: 'nameEncrypted' },
  { table: 'Customer', column: 'phoneEncrypted' },
  { table: 'Customer', column: 'emailEncrypted' },
  { table: 'Message', column: 'originalEncrypted' },
  { table: 'Complaint', column: 'descriptionEncrypted' },
  { table: 'Complaint', column: 'contactEncrypted' },
] as const;

export type EncryptedColumn = (typeof ENCRYPTED_COLUMNS)[number];

export interface ColumnRotation {
  table: string;
  column: string;
  /** Values found under another key. */
  scanned: number;
  rotated: number;
  /** Changed by someone else between read and write (left for the next run). */
  skipped: number;
  failed: number;
}

export interface RotationProgress extends ColumnRotation {
  batch: number;
}

export interface RotationResult {
  currentKeyId: string;
  columns: ColumnRotation[];
  rotated: number;
  failed: number;
  /** Up to 100 "Table.column id: reason" for values that could not be decrypted. */
  failures: string[];
  /** Values still under another key after this run (0 when done; failures stay counted here). */
  remaining: number;
}

export interface RotateOptions {
  db: Database;
  cipher: FieldCipher;
  batchSize?: number;
  /** Stop after this many batches in total (tests, or a cautious first run); the next run resumes. */
  maxBatches?: number;
  onProgress?: (p: RotationProgress) => void;
}

// Table and column names come only from ENCRYPTED_COLUMNS above, never from input.
const ident = (name: string) => `"${name.replace(/"/g, '')}"`;

function currentKeyPrefix(cipher: FieldCipher) {
  return `v1:${cipher.currentKeyId}:`;
}

/** Counts values not yet under the current key, per column. */
export async function countPendingRotation(db: Database, cipher: FieldCipher): Promise<Array<{ table: string; column: string; pending: number }>> {
  const prefix = currentKeyPrefix(cipher);
  const out = [];
  for (const { table, column } of ENCRYPTED_COLUMNS) {
    const [row] = await db.$queryRawUnsafe<Array<{ n: bigint }>>(
      `SELECT count(*) AS n FROM ${ident(table)} WHERE ${ident(column)} IS NOT NULL AND left(${ident(column)}, $1) <> $2`,
      prefix.length,
      prefix,
    );
    out.push({ table, column, pending: Number(row.n) });
  }
  return out;
}

export async function rotateEncryptedColumns(opts: RotateOptions): Promise<RotationResult> {
  const { db, cipher } = opts;
  const batchSize = Math.max(1, Math.min(opts.batchSize ?? 500, 10_000));
  const prefix = currentKeyPrefix(cipher);
  const failures: string[] = [];
  const columns: ColumnRotation[] = [];
  let batches = 0;

  for (const { table, column } of ENCRYPTED_COLUMNS) {
    const stats: ColumnRotation = { table, column, scanned: 0, rotated: 0, skipped: 0, failed: 0 };
    columns.push(stats);
    let after: string | null = null;
    while (opts.maxBatches === undefined || batches < opts.maxBatches) {
      const rows: Array<{ id: string; value: string }> = await db.$queryRawUnsafe(
        `SELECT "id"::text AS id, ${ident(column)} AS value FROM ${ident(table)}
         WHERE ${ident(column)} IS NOT NULL AND left(${ident(column)}, $1) <> $2 AND ($3::uuid IS NULL OR "id" > $3::uuid)
         ORDER BY "id" LIMIT $4`,
        prefix.length,
        prefix,
        after,
        batchSize,
      );
      if (!rows.length) break;
      batches++;
      after = rows[rows.length - 1].id;
      for (const row of rows) {
        stats.scanned++;
        let next: string;
        try {
          next = cipher.rotate(row.value);
        } catch (err) {
          stats.failed++;
          if (failures.length < 100) failures.push(`${table}.${column} ${row.id}: ${err instanceof FieldCryptoError ? err.code : 'error'} (${(err as Error).message})`);
          continue;
        }
        const changed = await db.$executeRawUnsafe(`UPDATE ${ident(table)} SET ${ident(column)} = $1 WHERE "id" = $2::uuid AND ${ident(column)} = $3`, next, row.id, row.value);
        if (changed) stats.rotated++;
        else stats.skipped++;
      }
      opts.onProgress?.({ ...stats, batch: batches });
    }
  }

  const remaining = (await countPendingRotation(db, cipher)).reduce((n, c) => n + c.pending, 0);
  return {
    currentKeyId: cipher.currentKeyId,
    columns,
    rotated: columns.reduce((n, c) => n + c.rotated, 0),
    failed: columns.reduce((n, c) => n + c.failed, 0),
    failures,
    remaining,
  };
}
