// `npm run keys:rotate [-- --batch-size 500] [--max-batches N] [--dry-run]`
// Re-encrypts every encrypted column with the current key of TELLER_ENCRYPTION_KEYS (the first, or
// TELLER_ENCRYPTION_KEY_ID). Steps for a rotation:
//   1. npm run keys:generate -- --id k2        → put the printed entry FIRST in TELLER_ENCRYPTION_KEYS,
//      keeping the old key after it ("k2:…,k1:…"), and restart Teller (new values use k2 at once);
//   2. npm run keys:rotate                      → re-encrypts the old values (safe beside live traffic;
//      interrupt it any time and run it again: it resumes);
//   3. when it prints remaining=0, remove k1 from TELLER_ENCRYPTION_KEYS.
// Progress goes to stderr; the last line is `rotated=N failed=N remaining=N key=<id>`.
// Exit code 1 when a value could not be decrypted (listed), 0 otherwise.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.js';
import { createDatabase } from '../src/infra/database.js';
import { fieldCipherFromConfig } from '../src/privacy/keyring-from-config.js';
import { countPendingRotation, rotateEncryptedColumns } from '../src/privacy/key-rotation/rotate-encrypted-columns.js';

const { values } = parseArgs({
  options: { 'batch-size': { type: 'string', default: '500' }, 'max-batches': { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
});
const batchSize = Number(values['batch-size']);
const maxBatches = values['max-batches'] === undefined ? undefined : Number(values['max-batches']);
if (!Number.isInteger(batchSize) || batchSize < 1 || (maxBatches !== undefined && (!Number.isInteger(maxBatches) || maxBatches < 1))) {
  console.error('usage: npm run keys:rotate -- [--batch-size 500] [--max-batches N] [--dry-run]');
  process.exit(2);
}

let config;
let cipher;
try {
  config = loadConfig(process.env);
  cipher = fieldCipherFromConfig(config, (m) => console.error(m));
} catch (err) {
  console.error(err instanceof ConfigError ? `cannot rotate keys. ${err.message}` : err);
  process.exit(78);
}

const db = createDatabase(config);
try {
  const pending = await countPendingRotation(db, cipher);
  for (const p of pending) process.stderr.write(`${p.table}.${p.column}: ${p.pending} value(s) under an older key\n`);
  const total = pending.reduce((n, p) => n + p.pending, 0);
  if (values['dry-run']) {
    console.log(`dry run: ${total} value(s) to re-encrypt with key ${cipher.currentKeyId}; nothing written`);
  } else {
    const started = Date.now();
    const result = await rotateEncryptedColumns({
      db,
      cipher,
      batchSize,
      maxBatches,
      onProgress: (p) => process.stderr.write(`batch ${p.batch}: ${p.table}.${p.column} rotated ${p.rotated}, skipped ${p.skipped}, failed ${p.failed} (${Math.round((Date.now() - started) / 100) / 10} s)\n`),
    });
    for (const f of result.failures) console.error(`  could not re-encrypt ${f}`);
    console.log(`rotated=${result.rotated} failed=${result.failed} remaining=${result.remaining} key=${result.currentKeyId}`);
    process.exitCode = result.failed ? 1 : 0;
  }
} finally {
  await db.$disconnect();
}
