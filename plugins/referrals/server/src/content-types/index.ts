// The referrals plugin's tables. Referrals and their messages have no generated route and no
// admin-panel view (the access plugin guards them); data sets are configuration, edited in /admin.
import referral from './referral/schema.json';
import referralMessage from './referral-message/schema.json';
import dataSet from './data-set/schema.json';

export default {
  referral: { schema: referral },
  'referral-message': { schema: referralMessage },
  'data-set': { schema: dataSet },
};
