// npm run backup                     one encrypted file in PETT_BACKUP_DIR (default backups/), named by UTC time
// npm run backup -- --out DIR        somewhere else
// npm run backup -- --json           the result as one JSON line
// npm run backup -- --new-key FILE   writes a new random backup key (mode 0600) and stops
// The key: PETT_BACKUP_KEY_FILE (a 0600 file) or PETT_BACKUP_KEY, never the vault key ring. The
// database (SQLite VACUUM INTO / pg_dump in an exported snapshot), the private folders named in
// the configuration, and a manifest of SHA-256 hashes; no key file, ever. Exit code 0 when the
// backup was written, 2 when it was not (nothing partial is left behind).
import path from 'node:path';
import { ROOT } from './lib/paths.ts';
import { loadOperatorEnv } from './lib/backup/sources.ts';
import { backupKey, writeNewKey } from './lib/backup/operator-key.ts';
import { createBackup } from './lib/backup/make.ts';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

async function main() {
  loadOperatorEnv();
  const newKey = option('--new-key');
  if (newKey) {
    writeNewKey(newKey);
    console.log(`[backup] clave nueva / new key: ${newKey} (0600). Guárdela fuera de esta máquina y lejos de las copias / keep it off this machine and away from the backups.`);
    return;
  }
  const outDir = path.resolve(option('--out') || process.env.PETT_BACKUP_DIR || path.join(ROOT, 'backups'));
  const result = await createBackup({ outDir, key: backupKey() });
  if (args.includes('--json')) console.log(JSON.stringify(result));
  else {
    console.log(`[backup] ${result.file}`);
    console.log(`[backup] ${result.tables} tablas / tables, ${result.rows} filas / rows, ${result.files} archivos / files, ${result.bytes} bytes; hecha / taken ${result.createdAt}.`);
    console.log(`[backup] escritura más reciente / newest write: ${result.newestWriteAt ?? '-'}; no incluye / never included: ${result.excluded.join(', ')}.`);
  }
}

main().catch((error: Error) => {
  console.error(`[backup] no se hizo la copia / backup not written: ${error.message}`);
  process.exit(2);
});
