// Folders of the repository, resolved from this file so scripts work from any directory.
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CMS_DIR = path.join(ROOT, 'cms');
export const PORTAL_DIR = path.join(ROOT, 'admin-ui');
export const PLUGINS_DIR = path.join(ROOT, 'plugins');
export const DATA_DIR = path.resolve(process.env.PETT_DATA_DIR ?? path.join(ROOT, 'data'));
export const ENV_FILE = path.join(ROOT, '.env');
export const STRAPI_BIN = path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
export const SCALE_DB = path.resolve(process.env.DATABASE_FILENAME ?? path.join(DATA_DIR, 'scale.db'));
export const BENCH_CREDENTIALS = path.join(DATA_DIR, 'bench-credentials.txt');
// The vault's key ring: outside the database and outside data/ (backups never carry it).
export const KEYRING_FILE = path.resolve(process.env.PETT_VAULT_KEYRING_FILE ?? path.join(ROOT, 'keys', 'vault-keyring.json'));
// The audit checkpoints' signing key: beside the key ring, outside the database and data/.
export const AUDIT_KEY_FILE = path.resolve(process.env.PETT_AUDIT_KEY_FILE ?? path.join(ROOT, 'keys', 'audit-checkpoint-key.pem'));
