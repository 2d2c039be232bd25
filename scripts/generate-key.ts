// `npm run keys:generate [-- --id k2]`: prints a fresh field-encryption key as it goes into
// TELLER_ENCRYPTION_KEYS ("<id>:<base64 of 32 random bytes>"). For a rotation put it first and keep
// the old keys after it, then run `npm run keys:rotate`.
import { parseArgs } from 'node:util';
import { generateKeyringEntry } from '../src/privacy/field-crypto.js';

const { values } = parseArgs({ options: { id: { type: 'string', default: `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}` } } });
try {
  const entry = generateKeyringEntry(values.id!);
  process.stderr.write(`New key "${values.id}". Put it first in TELLER_ENCRYPTION_KEYS (keep older keys after it), e.g.\n  TELLER_ENCRYPTION_KEYS="${values.id}:…,<old entries>"\nthen restart Teller and run npm run keys:rotate.\n`);
  console.log(entry);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
