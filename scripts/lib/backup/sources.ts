// What a backup holds besides the database, found in the application's own configuration: every
// plugin setting named `…Dir` (evidence.privateDir, vault.filesDir, audit.checkpointDir, and any
// folder a later plugin adds the same way). And what it must never hold: the vault's key ring,
// the audit signing key, the backup key and .env, which travel separately.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { CMS_DIR, ENV_FILE } from '../paths.ts';
import { parseEnv } from '../env.ts';
import { requireCjs } from '../strapi-app.ts';

/** The operator's settings: the environment first, then .env (as the server gets them from npm start). */
export function loadOperatorEnv(): void {
  if (!fs.existsSync(ENV_FILE)) return;
  for (const [key, value] of Object.entries(parseEnv(fs.readFileSync(ENV_FILE, 'utf8')))) if (process.env[key] === undefined) process.env[key] = value;
}

export interface PrivateFolder {
  /** `<plugin>.<setting>`: the name the folder has inside a backup, the same on every machine. */
  key: string;
  dir: string;
  /** Sub-folders left out (transient uploads). */
  skip: string[];
}

export interface SecretFiles { files: string[]; envKeyRing: boolean }

type PluginsConfig = Record<string, { config?: Record<string, unknown> }>;

function pluginsConfig(): PluginsConfig {
  const file = path.join(CMS_DIR, 'dist', 'config', 'plugins.js');
  if (!fs.existsSync(file)) throw new Error(`the compiled configuration ${file} is missing: run \`npx tsx scripts/build.ts --no-admin\` (or npm start) first`);
  const module = requireCjs(file) as { default: (a: { env: (k: string, f?: string) => string }) => PluginsConfig };
  return module.default({ env: (key, fallback) => process.env[key] ?? fallback ?? '' });
}

/** The private folders, by config key (one key per folder). A folder inside another is walked on its own: the outer walk skips it. */
export function privateFolders(): PrivateFolder[] {
  const found: PrivateFolder[] = [];
  for (const [plugin, entry] of Object.entries(pluginsConfig())) {
    for (const [setting, value] of Object.entries(entry?.config ?? {})) {
      if (!/Dir$/.test(setting) || typeof value !== 'string' || !path.isAbsolute(value)) continue;
      // Evidence uploads stream into <privateDir>/incoming before they are checked: never part of a backup.
      const skip = plugin === 'evidence' && setting === 'privateDir' ? [path.join(value, 'incoming')] : [];
      found.push({ key: `${plugin}.${setting}`, dir: path.resolve(value), skip });
    }
  }
  const unique = found.sort((a, b) => a.key.localeCompare(b.key)).filter((f, i, all) => all.findIndex((o) => o.dir === f.dir) === i);
  return unique;
}

/** Where the vault key ring and the audit signing key are, as the server would look for them. */
export function keyFiles(): { keyRing: string; auditKey: string } {
  const config = pluginsConfig();
  return { keyRing: path.resolve((config.vault?.config?.keyRing as { file: string }).file), auditKey: path.resolve(config.audit?.config?.keyFile as string) };
}

export function secretFiles(): SecretFiles {
  const config = pluginsConfig();
  const files = [
    (config.vault?.config?.keyRing as { file?: string } | undefined)?.file,
    config.audit?.config?.keyFile as string | undefined,
    process.env.PETT_BACKUP_KEY_FILE,
    ENV_FILE,
  ].filter((f): f is string => !!f).map((f) => path.resolve(f));
  return { files, envKeyRing: !!process.env.PETT_VAULT_KEYRING };
}

const inside = (parent: string, child: string) => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** Every regular file under a folder (relative POSIX paths, sorted), minus skipped folders, other folders' roots and secrets. */
export function filesOf(folder: PrivateFolder, others: PrivateFolder[], secrets: SecretFiles): string[] {
  if (!fs.existsSync(folder.dir)) return [];
  const skip = [...folder.skip, ...others.filter((o) => o.key !== folder.key && o.dir !== folder.dir && inside(folder.dir, o.dir)).map((o) => o.dir)];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skip.some((s) => inside(s, full))) walk(full);
      } else if (entry.isFile()) {
        if (secrets.files.includes(full)) continue; // never carried, whatever folder it sits in
        out.push(path.relative(folder.dir, full).split(path.sep).join('/'));
      }
    }
  };
  walk(folder.dir);
  return out;
}

/** SHA-256 of each secret's content (and of the key ring given in the environment): no file in a backup may equal one. */
export function secretDigests(secrets: SecretFiles): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of secrets.files) if (fs.existsSync(file)) out.set(createHash('sha256').update(fs.readFileSync(file)).digest('hex'), file);
  if (process.env.PETT_VAULT_KEYRING) out.set(createHash('sha256').update(process.env.PETT_VAULT_KEYRING).digest('hex'), 'PETT_VAULT_KEYRING');
  return out;
}

/** Files present under the folder (any depth): a restore target must have none. */
export function hasFiles(dir: string): boolean {
  if (!fs.existsSync(dir)) return false;
  return fs.readdirSync(dir, { withFileTypes: true }).some((e) => e.isFile() || e.isSymbolicLink() || (e.isDirectory() && hasFiles(path.join(dir, e.name))));
}

export { inside };
