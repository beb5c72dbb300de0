// npm run audit:verify                    checks the audit trail's hash chain and its signed checkpoints
// npm run audit:verify -- --json          the same, as one JSON report on stdout
// npm run audit:verify -- --public-key F  verify checkpoints with this public key (PEM), e.g. on
//                                         another machine that holds only the public key
// npm run audit:verify -- --checkpoints D read checkpoint files (JSON lines) and archives from folder D
// npm run audit:verify -- --archives      also check every archive file back to the first entry
//                                         (by default only the newest, where the table starts)
// Reads the database directly (DATABASE_URL, or the SQLite file), 10,000 entries at a time, and
// changes nothing. After retention (npm run audit:archive) it starts at the newest archive only
// when that archive's file is in the folder and proves it. Exit code 0 when the trail verifies,
// 1 when it does not, 2 when it could not be read.
import { args, verifyKey, verifyStoredTrail, withAuditStore } from './lib/audit-store.ts';
import type { TrailReport } from '../plugins/audit/server/src/chain/verify.ts';

const asJson = args.includes('--json');

const WHAT: Record<string, string> = {
  edited: 'entrada modificada / edited entry',
  deleted: 'entrada borrada / deleted entry',
  reordered: 'orden alterado / reordered trail',
  duplicated: 'número repetido / duplicated number',
  truncated: 'registro truncado / truncated trail',
  'forged-checkpoint': 'punto de control falsificado / forged checkpoint',
  rewritten: 'registro reescrito / rewritten trail',
  'unproven-archive': 'archivo no probado / unproven archive',
};

async function verify(): Promise<TrailReport> {
  const key = verifyKey();
  return withAuditStore((store) => verifyStoredTrail(store, key, { allArchives: args.includes('--archives') }));
}

verify()
  .then((report) => {
    if (asJson) console.log(JSON.stringify(report));
    else if (report.ok) console.log(`[audit] OK: ${report.entries} entradas / entries, ${report.checkpoints} puntos de control / checkpoints; última / last: ${report.last?.seq ?? 0}.`);
    else for (const problem of report.problems) console.log(`[audit] ${WHAT[problem.kind]}: ${problem.message}`);
    process.exit(report.ok ? 0 : 1);
  })
  .catch((error: Error) => {
    console.error(`[audit] no se pudo verificar / could not verify: ${error.message}`);
    process.exit(2);
  });
