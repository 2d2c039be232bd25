// Encryption of single database fields (customer names, phone numbers, external ids) with
// AES-256-GCM and a keyring, so keys can be rotated without downtime: new values use the current key,
// old values stay readable with the key id stored next to them, and rotate() re-encrypts lazily.
//
// Stored format: v1:<keyId>:<iv base64>:<tag base64>:<ciphertext base64>. The version and key id are
// authenticated as additional data, so moving a value to another key id is detected as tampering.
// Equality lookups on encrypted columns use blindIndex() (HMAC-SHA256) with its own key.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

const VERSION = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type FieldCryptoErrorCode = 'invalid_key' | 'invalid_keyring' | 'unknown_key' | 'malformed' | 'tampered';

export class FieldCryptoError extends Error {
  constructor(
    readonly code: FieldCryptoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FieldCryptoError';
  }
}

export interface Keyring {
  keys: Record<string, Buffer>;
  currentKeyId: string;
}

export interface FieldCipher {
  readonly currentKeyId: string;
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** True when the value was written with a key other than the current one. */
  needsRotation(stored: string): boolean;
  /** The value re-encrypted with the current key; unchanged when it already uses it. */
  rotate(stored: string): string;
}

function checkKey(id: string, key: Buffer): void {
  if (!KEY_ID.test(id)) throw new FieldCryptoError('invalid_keyring', `Key id "${id}" must be 1–32 letters, digits, _ or -`);
  if (!Buffer.isBuffer(key) || key.length !== 32) {
    throw new FieldCryptoError('invalid_key', `Key "${id}" must be 32 bytes for AES-256, got ${Buffer.isBuffer(key) ? key.length : typeof key}`);
  }
}

interface Parsed {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

function parseStored(stored: string): Parsed {
  const parts = typeof stored === 'string' ? stored.split(':') : [];
  if (parts.length !== 5 || parts[0] !== VERSION || !KEY_ID.test(parts[1]) || !parts.slice(2).every((p) => B64.test(p))) {
    throw new FieldCryptoError('malformed', 'Not an encrypted field value (expected v1:<keyId>:<iv>:<tag>:<ciphertext>)');
  }
  const iv = Buffer.from(parts[2], 'base64');
  const tag = Buffer.from(parts[3], 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new FieldCryptoError('malformed', 'Encrypted field value has a bad IV or tag length');
  return { keyId: parts[1], iv, tag, ciphertext: Buffer.from(parts[4], 'base64') };
}

/** Cheap shape check, e.g. to migrate columns that still hold plain text. */
export function isEncryptedField(value: string): boolean {
  try {
    parseStored(value);
    return true;
  } catch {
    return false;
  }
}

export function createFieldCipher(keyring: Keyring): FieldCipher {
  const keys = new Map<string, Buffer>();
  for (const [id, key] of Object.entries(keyring.keys)) {
    checkKey(id, key);
    keys.set(id, Buffer.from(key)); // private copy: later changes to the caller's buffer do not leak in
  }
  if (!keys.has(keyring.currentKeyId)) {
    throw new FieldCryptoError('unknown_key', `Current key id "${keyring.currentKeyId}" is not in the keyring (${[...keys.keys()].join(', ') || 'empty'})`);
  }
  const currentKeyId = keyring.currentKeyId;
  const aad = (keyId: string) => Buffer.from(`${VERSION}:${keyId}`, 'utf8');

  const encrypt = (plain: string): string => {
    if (typeof plain !== 'string') throw new TypeError('encrypt() takes a string');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', keys.get(currentKeyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(currentKeyId));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, currentKeyId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
  };

  const decrypt = (stored: string): string => {
    const p = parseStored(stored);
    const key = keys.get(p.keyId);
    if (!key) throw new FieldCryptoError('unknown_key', `Value was encrypted with key "${p.keyId}", which is not in the keyring`);
    const decipher = createDecipheriv('aes-256-gcm', key, p.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(p.keyId));
    decipher.setAuthTag(p.tag);
    try {
      return Buffer.concat([decipher.update(p.ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldCryptoError('tampered', `Encrypted value failed authentication (altered, or key "${p.keyId}" is not the key it was written with)`);
    }
  };

  const needsRotation = (stored: string) => parseStored(stored).keyId !== currentKeyId;

  return {
    currentKeyId,
    encrypt,
    decrypt,
    needsRotation,
    rotate: (stored) => (needsRotation(stored) ? encrypt(decrypt(stored)) : stored),
  };
}

/**
 * Parses TELLER_ENCRYPTION_KEYS = "k2:<base64 32 bytes>,k1:<base64 32 bytes>". The first key is the
 * current one (put a new key first, keep old ones until rotation is done) unless `currentKeyId`
 * names another.
 */
export function parseKeyring(envValue: string, currentKeyId?: string): Keyring {
  const entries = (envValue ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  if (!entries.length) throw new FieldCryptoError('invalid_keyring', 'TELLER_ENCRYPTION_KEYS is empty (expected "id:<base64 32 bytes>,…")');
  const keys: Record<string, Buffer> = {};
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    if (colon <= 0) throw new FieldCryptoError('invalid_keyring', `Keyring entry "${entry.slice(0, 8)}…" must look like id:<base64>`);
    const id = entry.slice(0, colon).trim();
    const material = entry.slice(colon + 1).trim();
    if (id in keys) throw new FieldCryptoError('invalid_keyring', `Key id "${id}" appears twice`);
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(material)) throw new FieldCryptoError('invalid_key', `Key "${id}" is not base64`);
    const key = Buffer.from(material.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    checkKey(id, key);
    keys[id] = key;
  }
  const current = currentKeyId ?? entries[0].slice(0, entries[0].indexOf(':')).trim();
  if (!(current in keys)) throw new FieldCryptoError('unknown_key', `Current key id "${current}" is not in TELLER_ENCRYPTION_KEYS`);
  return { keys, currentKeyId: current };
}

/** A fresh random key as it goes into TELLER_ENCRYPTION_KEYS. */
export function generateKeyringEntry(id: string): string {
  const key = randomBytes(32);
  checkKey(id, key);
  return `${id}:${key.toString('base64')}`;
}

/**
 * A separate key for one purpose (e.g. "blind-index") derived from a keyring key with HKDF, so the
 * encryption key itself is never used as an HMAC key.
 */
export function deriveSubkey(key: Buffer, purpose: string): Buffer {
  if (!Buffer.isBuffer(key) || key.length < 32) throw new FieldCryptoError('invalid_key', 'Key to derive from must be at least 32 bytes');
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `teller:${purpose}`, 32));
}

/**
 * Deterministic HMAC-SHA256 (hex) of a value, for "find the customer with this phone number" on an
 * encrypted column. Canonicalise the value first (e.g. digits only for phones); only NFKC and outer
 * whitespace are normalised here.
 */
export function blindIndex(value: string, key: Buffer): string {
  if (!Buffer.isBuffer(key) || key.length < 32) throw new FieldCryptoError('invalid_key', 'Blind index key must be at least 32 bytes');
  return createHmac('sha256', key).update(value.normalize('NFKC').trim(), 'utf8').digest('hex');
}

/** Constant-time comparison of two blind indexes. */
export function sameBlindIndex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
