// Key rotation on a real database: every encrypted column is re-encrypted with the new current key,
// in batches, resumably (an interrupted run continues), values it cannot read are reported and left
// alone; and `npm run keys:rotate` does the same from the command line.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/infra/database.js';
import { ROOT_DIR } from '../../src/infra/paths.js';
import { createFieldCipher, generateKeyringEntry, parseKeyring } from '../../src/privacy/field-crypto.js';
import { countPendingRotation, ENCRYPTED_COLUMNS, rotateEncryptedColumns, type RotationProgress } from '../../src/privacy/key-rotation/rotate-encrypted-columns.js';
import { createTestDatabase, type TestDatabase } from './isolation.js';

const k1 = generateKeyringEntry('k1');
const k2 = generateKeyringEntry('k2');
const k0 = generateKeyringEntry('k0'); // a key nobody has any more
const oldCipher = createFieldCipher(parseKeyring(k1));
const lostCipher = createFieldCipher(parseKeyring(k0));
const newCipher = createFieldCipher(parseKeyring(`${k2},${k1}`));
const onlyNew = createFieldCipher(parseKeyring(k2));

let database: TestDatabase;
let db: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDatabase({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: 5 });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

async function seed(n: number, cipher = oldCipher) {
  const at = new Date();
  for (let i = 0; i < n; i++) {
    const customer = await db.customer.create({
      data: {
        nameEncrypted: cipher.encrypt(`客户${i}`),
        phoneEncrypted: i % 2 ? cipher.encrypt(`1380000${String(i).padStart(4, '0')}`) : null,
        emailEncrypted: cipher.encrypt(`c${i}@example.com`),
      },
    });
    const conv = await db.conversation.create({ data: { customerId: customer.id, channel: 'web', tokenHash: `h${i}-${Math.random()}` } });
    await db.message.create({ data: { conversationId: conv.id, author: 'customer', text: `卡号 **** ${i}`, masked: true, originalEncrypted: cipher.encrypt(`卡号 6222 0212 3456 ${i}`) } });
    await db.complaint.create({
      data: {
        reference: `CMP-2026-${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`,
        customerId: customer.id,
        channel: 'web',
        category: 'cards',
        description: '卡被盗刷',
        descriptionEncrypted: cipher.encrypt(`卡被盗刷 ${i}`),
        contactEncrypted: cipher.encrypt(`c${i}@example.com`),
        ackDueAt: at,
        investigationDueAt: at,
        resolutionDueAt: at,
      },
    });
  }
}

/** Every encrypted value in the database, decrypted with a keyring holding only the new key. */
async function readAllWithNewKeyOnly() {
  const plain: string[] = [];
  for (const { table, column } of ENCRYPTED_COLUMNS) {
    const rows = await db.$queryRawUnsafe<Array<{ v: string }>>(`SELECT "${column}" AS v FROM "${table}" WHERE "${column}" IS NOT NULL`);
    for (const r of rows) plain.push(onlyNew.decrypt(r.v));
  }
  return plain;
}

describe('rotateEncryptedColumns', () => {
  it('re-encrypts every column with the current key, resumes after an interruption, and reports what it cannot read', async () => {
    await seed(7);
    await seed(2, createFieldCipher(parseKeyring(k2))); // already under the new key: left as they are
    // One value under a lost key and one that is not ciphertext at all.
    const broken = await db.customer.create({ data: { nameEncrypted: lostCipher.encrypt('无人能读'), emailEncrypted: 'plain@example.com' } });
    const before = Object.fromEntries((await countPendingRotation(db, newCipher)).map((c) => [`${c.table}.${c.column}`, c.pending]));
    expect(before).toEqual({
      'Customer.nameEncrypted': 8,
      'Customer.phoneEncrypted': 3,
      'Customer.emailEncrypted': 8,
      'Message.originalEncrypted': 7,
      'Complaint.descriptionEncrypted': 7,
      'Complaint.contactEncrypted': 7,
    });
    const untouchedK2 = await db.customer.findMany({ where: { nameEncrypted: { startsWith: 'v1:k2:' } }, select: { id: true, nameEncrypted: true } });
    expect(untouchedK2).toHaveLength(2);

    // Interrupted after two batches of three.
    const progress: RotationProgress[] = [];
    const partial = await rotateEncryptedColumns({ db, cipher: newCipher, batchSize: 3, maxBatches: 2, onProgress: (p) => progress.push(p) });
    expect(partial.rotated + partial.failed).toBe(6);
    expect(partial.remaining).toBe(40 - partial.rotated);
    expect(progress.map((p) => [p.batch, p.table, p.column, p.rotated + p.failed])).toEqual([
      [1, 'Customer', 'nameEncrypted', 3],
      [2, 'Customer', 'nameEncrypted', 6],
    ]);

    // Run again: it carries on where it stopped and finishes.
    const rest = await rotateEncryptedColumns({ db, cipher: newCipher, batchSize: 3 });
    expect(partial.rotated + rest.rotated).toBe(40 - 2);
    // The second run meets both unreadable values (the first may have met one of them already).
    expect(rest.failed).toBe(2);
    expect(rest.remaining).toBe(2); // still there and still counted
    const failures = rest.failures.join('\n');
    expect(failures).toContain(`Customer.nameEncrypted ${broken.id}: unknown_key`);
    expect(failures).toContain(`Customer.emailEncrypted ${broken.id}: malformed`);
    expect(await db.customer.findUniqueOrThrow({ where: { id: broken.id } })).toMatchObject({ emailEncrypted: 'plain@example.com' });

    // Everything else reads with the new key alone, unchanged in meaning.
    await db.customer.delete({ where: { id: broken.id } });
    const plain = await readAllWithNewKeyOnly();
    expect(plain).toHaveLength(38 + 11); // 38 rotated + 11 written under k2 by seed(2)
    expect(plain).toEqual(expect.arrayContaining(['客户0', '客户6', '13800000005', '卡号 6222 0212 3456 3', '卡被盗刷 4', 'c2@example.com']));
    // Values that were already under k2 were not rewritten.
    for (const c of untouchedK2) expect((await db.customer.findUniqueOrThrow({ where: { id: c.id } })).nameEncrypted).toBe(c.nameEncrypted);

    const again = await rotateEncryptedColumns({ db, cipher: newCipher });
    expect(again).toMatchObject({ rotated: 0, failed: 0, remaining: 0 });
  });

  it('runs from the command line (npm run keys:rotate) and prints the figures last', async () => {
    await seed(3);
    const env = { ...process.env, DATABASE_URL: database.url, TELLER_ENCRYPTION_KEYS: `${k2},${k1}`, NODE_ENV: 'production' };
    const tsx = `${ROOT_DIR}/node_modules/tsx/dist/cli.mjs`;
    const dry = spawnSync(process.execPath, [tsx, 'scripts/rotate-keys.ts', '--dry-run'], { cwd: ROOT_DIR, env, encoding: 'utf8', timeout: 60_000 });
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout.trim().split('\n').pop()).toBe('dry run: 16 value(s) to re-encrypt with key k2; nothing written');

    const run = spawnSync(process.execPath, [tsx, 'scripts/rotate-keys.ts', '--batch-size', '4'], { cwd: ROOT_DIR, env, encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n').pop()).toBe('rotated=16 failed=0 remaining=0 key=k2');
    expect(run.stderr).toMatch(/batch 1: Customer\.nameEncrypted rotated 3/);
    expect(run.stderr).toMatch(/Message\.originalEncrypted rotated 3/);
    expect(await readAllWithNewKeyOnly()).toContain('客户2');

    // Without keys in production it refuses, naming the variable.
    const noKeys = spawnSync(process.execPath, [tsx, 'scripts/rotate-keys.ts'], { cwd: ROOT_DIR, env: { ...env, TELLER_ENCRYPTION_KEYS: '' }, encoding: 'utf8', timeout: 60_000 });
    expect(noKeys.status).toBe(78);
    expect(noKeys.stderr).toMatch(/TELLER_ENCRYPTION_KEYS/);
  }, 120_000);
});
