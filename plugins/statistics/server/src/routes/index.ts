// /api/statistics/*: each route needs a session and a grant in config/permissions.json; the
// controller then checks the role (statistics unit or chief prosecutor).
// A new config object per route: Strapi writes each route's permission scope into it.
const session = () => ({ policies: [] });

export default {
  'content-api': {
    type: 'content-api',
    routes: [
      { method: 'GET', path: '/indicators', handler: 'statistics.catalogue', config: session() },
      { method: 'GET', path: '/indicators/:key', handler: 'statistics.indicator', config: session() },
    ],
  },
};
