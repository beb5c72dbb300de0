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
