// /api/cases/:documentId/referrals and /api/referrals/* (no plugin prefix, like the evidence
// register). Every route needs a session and a grant in config/permissions.json; the controller
// then reads through the document service, where the access plugin's referral scope applies.
// A fresh config object per route: Strapi writes each route's permission scope into it.
const session = () => ({ policies: [] });

export default {
  'content-api': {
    type: 'content-api',
    prefix: '',
    routes: [
      { method: 'GET', path: '/cases/:documentId/referrals', handler: 'referrals.listForCase', config: session() },
      { method: 'POST', path: '/cases/:documentId/referrals', handler: 'referrals.create', config: session() },
      { method: 'GET', path: '/referrals', handler: 'referrals.list', config: session() },
      { method: 'GET', path: '/referrals/:documentId', handler: 'referrals.show', config: session() },
      { method: 'POST', path: '/referrals/:documentId/acknowledge', handler: 'referrals.acknowledge', config: session() },
      { method: 'POST', path: '/referrals/:documentId/status', handler: 'referrals.status', config: session() },
      { method: 'POST', path: '/referrals/:documentId/revoke', handler: 'referrals.revoke', config: session() },
      { method: 'GET', path: '/referrals/:documentId/messages', handler: 'referrals.messages', config: session() },
      { method: 'POST', path: '/referrals/:documentId/messages', handler: 'referrals.post', config: session() },
    ],
  },
};
