// /api/cases/:documentId/evidence/* and /api/evidence/verify (the router has no plugin prefix, so the
// register sits under its case like the plan and the parties). Every route needs a session and a
// grant in config/permissions.json; the controller then asks the case access and the evidence policy.
// A fresh config object per route: Strapi writes each route's permission scope into it.
const session = () => ({ policies: [] });

export default {
  'content-api': {
    type: 'content-api',
    prefix: '',
    routes: [
      { method: 'GET', path: '/cases/:documentId/evidence', handler: 'evidence.list', config: session() },
      { method: 'POST', path: '/cases/:documentId/evidence', handler: 'evidence.create', config: session() },
      { method: 'GET', path: '/cases/:documentId/evidence/:number', handler: 'evidence.show', config: session() },
      { method: 'POST', path: '/cases/:documentId/evidence/:number/custody', handler: 'evidence.handOff', config: session() },
      { method: 'GET', path: '/cases/:documentId/evidence/:number/custody.pdf', handler: 'evidence.custodyForm', config: session() },
      { method: 'POST', path: '/cases/:documentId/evidence/:number/files', handler: 'evidence.upload', config: session() },
      { method: 'GET', path: '/cases/:documentId/evidence/:number/files/:fileId', handler: 'evidence.download', config: session() },
      { method: 'POST', path: '/evidence/verify', handler: 'evidence.verify', config: session() },
    ],
  },
};
