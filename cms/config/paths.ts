// Where the operator-tuned files live: the repository's top-level `config/` folder, or PETT_CONFIG_DIR.
import fs from 'node:fs';
import path from 'node:path';

export function operatorConfigDir(): string {
  if (process.env.PETT_CONFIG_DIR) return path.resolve(process.env.PETT_CONFIG_DIR);
  // Compiled config runs from cms/dist/config, source from cms/config: walk up to the repo root.
  let dir = __dirname;
  for (let i = 0; i < 5; i += 1) {
    const candidate = path.join(dir, 'config', 'permissions.json');
    if (fs.existsSync(candidate)) return path.join(dir, 'config');
    dir = path.dirname(dir);
  }
  throw new Error('PETT configuration folder not found: set PETT_CONFIG_DIR to the repository config/ folder.');
}

export function dataDir(): string {
  return path.resolve(process.env.PETT_DATA_DIR ?? path.join(operatorConfigDir(), '..', 'data'));
}

/** Where files that must never be public live (evidence): PETT_PRIVATE_DIR, else data/private. */
export function privateDir(): string {
  return path.resolve(process.env.PETT_PRIVATE_DIR || path.join(dataDir(), 'private'));
}

/** The largest upload accepted, in bytes (PETT_EVIDENCE_MAX_BYTES, default 100 MiB). */
export function uploadMaxBytes(): number {
  const value = Number(process.env.PETT_EVIDENCE_MAX_BYTES || 100 * 1024 * 1024);
  if (!Number.isInteger(value) || value < 1024) throw new Error('PETT_EVIDENCE_MAX_BYTES must be a whole number of bytes, at least 1024.');
  return value;
}
