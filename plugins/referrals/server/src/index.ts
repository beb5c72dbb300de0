// PETT referrals plugin: a case or one of its victims referred to an agency with the minimal data
// set for the purpose, consent or legal basis, acknowledgement deadline, status and messages; the
// agency liaison reads it through the access plugin's referral scope and a server-side projection.
import register from './register';
import bootstrap, { stopOverdueSchedule } from './bootstrap';
import contentTypes from './content-types';
import { createRecordsService } from './services/records';
import { createOverdueService } from './services/overdue';
import referrals from './controllers/referrals';
import routes from './routes';

export default {
  register,
  bootstrap,
  destroy: stopOverdueSchedule,
  contentTypes,
  services: { records: createRecordsService, overdue: createOverdueService },
  controllers: { referrals },
  routes,
};
