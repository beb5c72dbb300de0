// The operator's backup key: PETT_BACKUP_KEY (base64) or the file PETT_BACKUP_KEY_FILE (mode 0600).
// It is not a vault key: the key ring decrypts identities, this key decrypts backups, and the
// two are kept apart so that one stolen secret is never enough.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { parseBackupKey } from './cipher.ts';
import { keyRingSource, loadKeyRing } from '../../../plugins/vault/server/src/crypto/keyring.ts';
import { KEYRING_FILE } from '../paths.ts';

export class OperatorKeyError extends Error {}

export function backupKey(): Buffer {
  let key: Buffer;
  if (process.env.PETT_BACKUP_KEY) key = parseBackupKey(process.env.PETT_BACKUP_KEY, 'PETT_BACKUP_KEY');
  else if (process.env.PETT_BACKUP_KEY_FILE) {
    const file = path.resolve(process.env.PETT_BACKUP_KEY_FILE);
    if (!fs.existsSync(file)) throw new OperatorKeyError(`the backup key file ${file} (PETT_BACKUP_KEY_FILE) does not exist`);
    if (fs.statSync(file).mode & 0o077) throw new OperatorKeyError(`the backup key file ${file} must be readable by its owner only (chmod 600)`);
    key = parseBackupKey(fs.readFileSync(file, 'utf8'), file);
  } else {
    throw new OperatorKeyError('no backup key: set PETT_BACKUP_KEY_FILE to a 0600 file holding 32 random bytes in base64 (npm run backup -- --new-key FILE makes one), or PETT_BACKUP_KEY');
  }
  assertNotAVaultKey(key);
  return key;
}

/** Refuses a backup key that is one of the vault's keys: the ring must never open a backup. */
function assertNotAVaultKey(key: Buffer): void {
  let ring;
  try {
    ring = loadKeyRing(keyRingSource(process.env, KEYRING_FILE));
  } catch {
    return; // no ring here (another machine): nothing to compare with
  }
  for (const k of [...ring.keys.values(), ring.indexKey]) {
    if (timingSafeEqual(k, key)) throw new OperatorKeyError('the backup key is one of the vault key ring\'s keys: use a separate key (npm run backup -- --new-key FILE)');
  }
}

/** Writes a new random key, base64, to a new file with mode 0600. */
export function writeNewKey(file: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
}
