// npm run restore -- <file>          restores a backup into the configured database and folders,
//                                    which must be empty (a new SQLite file or an empty PostgreSQL
//                                    database; private folders without files)
// npm run restore -- <file> --json   the result as one JSON line
// Needs the backup key (PETT_BACKUP_KEY_FILE or PETT_BACKUP_KEY). The vault key ring, the audit
// signing key and .env are not in the backup: put them back from where they are kept before
// starting the server. Exit code 0 restored, 1 refused (not empty, not authentic, wrong key),
// 2 could not restore.
import path from 'node:path';
import { loadOperatorEnv } from './lib/backup/sources.ts';
import { backupKey } from './lib/backup/operator-key.ts';
import { restoreBackup, RestoreRefused } from './lib/backup/restore.ts';
import { BackupCipherError } from './lib/backup/cipher.ts';
import { ContainerError } from './lib/backup/container.ts';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));

async function main() {
  loadOperatorEnv();
  if (!file) throw new RestoreRefused('name the backup file: npm run restore -- <file>');
  const result = await restoreBackup(path.resolve(file), backupKey());
  const { manifest: _manifest, ...summary } = result;
  if (args.includes('--json')) console.log(JSON.stringify(summary));
  else console.log(`[restore] OK: copia del / backup of ${result.backupCreatedAt}, ${result.tables} tablas / tables, ${result.files} archivos / files, ${result.seconds.toFixed(1)} s. Ponga el anillo de claves y la clave de auditoría en su sitio antes de arrancar / put the key ring and the audit key back before starting.`);
}

main().catch((error: Error) => {
  const refused = error instanceof RestoreRefused || error instanceof BackupCipherError || error instanceof ContainerError;
  console.error(`[restore] ${refused ? 'rechazada / refused' : 'no se pudo restaurar / could not restore'}: ${error.message}`);
  process.exit(refused ? 1 : 2);
});
