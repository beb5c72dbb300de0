// npm run referrals:overdue   notifies, once, every referral still unacknowledged after its deadline
// (the server also does it at startup and every hour). Prints one JSON line: { referrals, notifications }.
// Counts only: no case, person or agency is printed. Exit code 0 on success, 2 when it could not run.
import { withStrapi } from './lib/strapi-app.ts';
import type { OverdueService } from '../plugins/referrals/server/src/services/overdue.ts';

withStrapi({ PETT_REFERRAL_OVERDUE_CRON: 'off' }, async (strapi) => (strapi.plugin('referrals').service('overdue') as OverdueService).run())
  .then((counts) => {
    console.log(JSON.stringify(counts));
    process.exit(0);
  })
  .catch((error: Error) => {
    console.error(`[referrals] no se pudo comprobar / could not check: ${error.message}`);
    process.exit(2);
  });
