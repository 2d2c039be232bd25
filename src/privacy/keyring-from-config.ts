// The field cipher from configuration. Without TELLER_ENCRYPTION_KEYS a development keyring is kept in
// .teller/dev-keyring (created on first start, git-ignored), so a fresh install works at once and
// instances on one machine share it; production refuses to start without real keys.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from '../config.js';
import { ROOT_DIR } from '../infra/paths.js';
import { createFieldCipher, generateKeyringEntry, parseKeyring, type FieldCipher } from './field-crypto.js';

export function fieldCipherFromConfig(config: Pick<Config, 'TELLER_ENCRYPTION_KEYS' | 'TELLER_ENCRYPTION_KEY_ID' | 'NODE_ENV'>, warn: (msg: string) => void = () => {}): FieldCipher {
  if (config.TELLER_ENCRYPTION_KEYS?.trim()) {
    try {
      return createFieldCipher(parseKeyring(config.TELLER_ENCRYPTION_KEYS, config.TELLER_ENCRYPTION_KEY_ID || undefined));
    } catch (err) {
      throw new ConfigError([{ variable: 'TELLER_ENCRYPTION_KEYS', problem: (err as Error).message }]);
    }
  }
  if (config.NODE_ENV === 'production') {
    throw new ConfigError([{ variable: 'TELLER_ENCRYPTION_KEYS', problem: 'required in production, e.g. "k1:<base64 of 32 random bytes>" (npm run keys:generate)' }]);
  }
  const file = path.join(ROOT_DIR, '.teller/dev-keyring');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, generateKeyringEntry('dev1'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process wrote it first
    }
    warn(`TELLER_ENCRYPTION_KEYS is not set: encrypting personal data with a development key kept in ${file}`);
  }
  return createFieldCipher(parseKeyring(readFileSync(file, 'utf8').trim()));
}
