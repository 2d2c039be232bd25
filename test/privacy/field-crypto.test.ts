import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  blindIndex,
  createFieldCipher,
  deriveSubkey,
  FieldCryptoError,
  generateKeyringEntry,
  isEncryptedField,
  parseKeyring,
  sameBlindIndex,
} from '../../src/privacy/field-crypto.js';
import { fieldCipherFromConfig } from '../../src/privacy/keyring-from-config.js';

const k1 = Buffer.alloc(32, 1);
const k2 = Buffer.alloc(32, 2);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof FieldCryptoError ? e.code : `not a FieldCryptoError: ${String(e)}`;
  }
  return undefined;
}

/** Flips one bit of one base64 part of a stored value. */
function flip(stored: string, part: 2 | 3 | 4): string {
  const parts = stored.split(':');
  const bytes = Buffer.from(parts[part], 'base64');
  bytes[0] ^= 1;
  parts[part] = bytes.toString('base64');
  return parts.join(':');
}

describe('createFieldCipher', () => {
  const cipher = createFieldCipher({ keys: { k1 }, currentKeyId: 'k1' });

  it.each(['13812345678', '张三', '', 'a'.repeat(5000), 'emoji 🏦 and :colons:'])('round-trips %j', (plain) => {
    const stored = cipher.encrypt(plain);
    expect(stored).toMatch(/^v1:k1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/);
    expect(cipher.decrypt(stored)).toBe(plain);
    if (plain) expect(stored).not.toContain(plain);
  });

  it('uses a fresh IV each time', () => {
    expect(cipher.encrypt('same')).not.toBe(cipher.encrypt('same'));
  });

  it.each([2, 3, 4] as const)('detects tampering with part %i', (part) => {
    expect(codeOf(() => cipher.decrypt(flip(cipher.encrypt('secret value'), part)))).toBe('tampered');
  });

  it('detects a value relabelled with another key id', () => {
    const both = createFieldCipher({ keys: { k1, k2 }, currentKeyId: 'k1' });
    const relabelled = both.encrypt('x').replace(':k1:', ':k2:');
    expect(codeOf(() => both.decrypt(relabelled))).toBe('tampered');
  });

  it('rejects unknown key ids and malformed values clearly', () => {
    const other = createFieldCipher({ keys: { k2 }, currentKeyId: 'k2' });
    expect(codeOf(() => cipher.decrypt(other.encrypt('x')))).toBe('unknown_key');
    for (const bad of ['plain text', 'v1:k1:abc', 'v2:k1:AAAA:AAAA:AAAA', 'v1:k1:!!:AAAA:AAAA', 'v1:k1:AAAA:AAAA:AAAA']) {
      expect(codeOf(() => cipher.decrypt(bad))).toBe('malformed');
    }
  });

  it('refuses keys of the wrong length and a current key that is missing', () => {
    expect(codeOf(() => createFieldCipher({ keys: { k1: Buffer.alloc(16) }, currentKeyId: 'k1' }))).toBe('invalid_key');
    expect(codeOf(() => createFieldCipher({ keys: { k1 }, currentKeyId: 'k9' }))).toBe('unknown_key');
    expect(codeOf(() => createFieldCipher({ keys: { 'bad:id': k1 }, currentKeyId: 'bad:id' }))).toBe('invalid_keyring');
  });

  it('rotates values to the current key and leaves current ones alone', () => {
    const old = createFieldCipher({ keys: { k1 }, currentKeyId: 'k1' });
    const stored = old.encrypt('customer-42');
    const next = createFieldCipher({ keys: { k1, k2 }, currentKeyId: 'k2' });
    expect(next.needsRotation(stored)).toBe(true);
    const rotated = next.rotate(stored);
    expect(rotated.startsWith('v1:k2:')).toBe(true);
    expect(next.needsRotation(rotated)).toBe(false);
    expect(next.rotate(rotated)).toBe(rotated);
    expect(next.decrypt(rotated)).toBe('customer-42');
    expect(next.decrypt(stored)).toBe('customer-42'); // old values stay readable during rotation
    expect(codeOf(() => old.decrypt(rotated))).toBe('unknown_key');
  });

  it('recognises the stored shape', () => {
    expect(isEncryptedField(cipher.encrypt('x'))).toBe(true);
    expect(isEncryptedField('13812345678')).toBe(false);
  });
});

describe('parseKeyring', () => {
  const b1 = k1.toString('base64');
  const b2 = k2.toString('base64');

  it('takes the first key as current unless told otherwise', () => {
    const ring = parseKeyring(`k2:${b2}, k1:${b1}`);
    expect(ring.currentKeyId).toBe('k2');
    expect(ring.keys.k1.equals(k1)).toBe(true);
    expect(ring.keys.k2.equals(k2)).toBe(true);
    expect(parseKeyring(`k2:${b2},k1:${b1}`, 'k1').currentKeyId).toBe('k1');
  });

  it('accepts base64url', () => {
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => 250 + (i % 6)));
    expect(parseKeyring(`k:${key.toString('base64url')}`).keys.k.equals(key)).toBe(true);
  });

  it.each([
    ['', 'invalid_keyring'],
    ['   ', 'invalid_keyring'],
    ['nokey', 'invalid_keyring'],
    [`k1:${Buffer.alloc(16).toString('base64')}`, 'invalid_key'],
    ['k1:not base64!', 'invalid_key'],
    [`k1:${Buffer.alloc(32).toString('base64')},k1:${Buffer.alloc(32).toString('base64')}`, 'invalid_keyring'],
  ])('rejects %j with %s', (value, code) => {
    expect(codeOf(() => parseKeyring(value))).toBe(code);
  });

  it('rejects a current key id that is not listed', () => {
    expect(codeOf(() => parseKeyring(`k1:${Buffer.alloc(32).toString('base64')}`, 'k2'))).toBe('unknown_key');
  });

  it('generates entries it can parse and use', () => {
    const ring = parseKeyring(`${generateKeyringEntry('new')},${generateKeyringEntry('old')}`);
    const cipher = createFieldCipher(ring);
    expect(cipher.decrypt(cipher.encrypt('ok'))).toBe('ok');
  });

  it('never echoes key material in errors', () => {
    const secret = randomBytes(20).toString('base64');
    try {
      parseKeyring(`k1:${secret}`);
    } catch (e) {
      expect(String((e as Error).message)).not.toContain(secret);
    }
  });
});

describe('blindIndex', () => {
  const key = deriveSubkey(k1, 'blind-index');

  it('is deterministic per key and differs between keys and values', () => {
    expect(blindIndex('13812345678', key)).toBe(blindIndex('13812345678', key));
    expect(blindIndex('13812345678', key)).toMatch(/^[0-9a-f]{64}$/);
    expect(blindIndex('13812345679', key)).not.toBe(blindIndex('13812345678', key));
    expect(blindIndex('13812345678', deriveSubkey(k2, 'blind-index'))).not.toBe(blindIndex('13812345678', key));
  });

  it('normalises width and outer whitespace only', () => {
    expect(blindIndex(' １３８１２３４５６７８ ', key)).toBe(blindIndex('13812345678', key));
    expect(blindIndex('Cust-1', key)).not.toBe(blindIndex('cust-1', key));
  });

  it('derives purpose-specific keys and refuses short keys', () => {
    expect(deriveSubkey(k1, 'a').equals(deriveSubkey(k1, 'b'))).toBe(false);
    expect(deriveSubkey(k1, 'a').equals(k1)).toBe(false);
    expect(codeOf(() => blindIndex('x', Buffer.alloc(8)))).toBe('invalid_key');
    expect(sameBlindIndex(blindIndex('x', key), blindIndex('x', key))).toBe(true);
    expect(sameBlindIndex(blindIndex('x', key), blindIndex('y', key))).toBe(false);
  });
});

describe('fieldCipherFromConfig', () => {
  const env = (extra: Record<string, string> = {}) => ({ NODE_ENV: 'test' as const, ...extra });

  it('uses the configured keyring and key id', () => {
    const keys = `k2:${k2.toString('base64')},k1:${k1.toString('base64')}`;
    const warnings: string[] = [];
    const cipher = fieldCipherFromConfig(env({ TELLER_ENCRYPTION_KEYS: keys }), (m) => warnings.push(m));
    expect(cipher.currentKeyId).toBe('k2');
    expect(fieldCipherFromConfig(env({ TELLER_ENCRYPTION_KEYS: keys, TELLER_ENCRYPTION_KEY_ID: 'k1' })).currentKeyId).toBe('k1');
    expect(warnings).toEqual([]);
  });

  it('outside production, falls back to the development keyring shared by local instances', () => {
    const a = fieldCipherFromConfig(env());
    const b = fieldCipherFromConfig(env({ TELLER_ENCRYPTION_KEYS: '  ' }));
    expect(b.decrypt(a.encrypt('x'))).toBe('x');
  });

  it('refuses to start in production without keys, naming the variable', () => {
    expect(() => fieldCipherFromConfig({ NODE_ENV: 'production' })).toThrow(/TELLER_ENCRYPTION_KEYS/);
  });

  it('fails loudly on a malformed keyring, naming the variable', () => {
    expect(() => fieldCipherFromConfig(env({ TELLER_ENCRYPTION_KEYS: 'k1:short' }))).toThrow(/TELLER_ENCRYPTION_KEYS: .*32 bytes/);
  });
});
