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
      { method: 'GET', path: '/export', handler: 'reports.export', config: session() },
      { method: 'GET', path: '/report-schedules', handler: 'reports.schedules', config: session() },
      { method: 'POST', path: '/report-schedules/:documentId/run', handler: 'reports.run', config: session() },
      { method: 'GET', path: '/report-snapshots', handler: 'reports.snapshots', config: session() },
      { method: 'GET', path: '/report-snapshots/:documentId/files/:format', handler: 'reports.download', config: session() },
    ],
  },
};
