// npm run evidence:verify            re-hashes every evidence file and verifies every custody chain
// npm run evidence:verify -- --json  the same, as one JSON report on stdout
// Loads the application (database from DATABASE_URL or the SQLite file, files from PETT_PRIVATE_DIR)
// and changes nothing. Problems are named by case number and item number, never by content.
// Exit code 0 when everything verifies, 1 when something does not, 2 when it could not be checked.
import { withStrapi } from './lib/strapi-app.ts';
import type { IntegrityReport, IntegrityService } from '../plugins/evidence/server/src/services/integrity.ts';

const asJson = process.argv.includes('--json');

withStrapi({}, async (strapi) => (strapi.plugin('evidence').service('integrity') as IntegrityService).verifyAll('es'))
  .then((report: IntegrityReport) => {
    if (asJson) console.log(JSON.stringify(report));
    else if (report.ok) console.log(`[evidence] OK: ${report.items} indicios / items, ${report.events} registros de custodia / custody records, ${report.files} archivos / files.`);
    else for (const p of report.problems) console.log(`[evidence] ${p.caseNumber ?? '?'} indicio / item ${p.item}${p.sequence ? `, registro / record ${p.sequence}` : ''}${p.file ? `, archivo / file ${p.file}` : ''}: ${p.kind}: ${p.message}`);
    process.exit(report.ok ? 0 : 1);
  })
  .catch((error: Error) => {
    console.error(`[evidence] no se pudo verificar / could not verify: ${error.message}`);
    process.exit(2);
  });
