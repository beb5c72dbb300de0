// /api/audit/*: every route needs a session and a grant in config/permissions.json; the
// controller then asks the access policy (lead prosecutor or chief for a case, auditor for the rest).
// A new config object per route: Strapi writes each route's permission scope into it.
const session = () => ({ policies: [] });

export default {
  'content-api': {
    type: 'content-api',
    routes: [
      { method: 'GET', path: '/cases/:documentId/activity', handler: 'audit.activity', config: session() },
      { method: 'GET', path: '/cases/:documentId/export', handler: 'audit.exportCase', config: session() },
      { method: 'GET', path: '/entries', handler: 'audit.entries', config: session() },
      { method: 'POST', path: '/verify', handler: 'audit.verify', config: session() },
    ],
  },
};
