// A case's SOP checklists and the ticking of their steps.
export default {
  routes: [
    { method: 'GET', path: '/cases/:id/checklists', handler: 'case-checklists.list', config: { policies: [] } },
    { method: 'PUT', path: '/cases/:id/checklists/:runId/steps/:key', handler: 'case-checklists.tick', config: { policies: [] } },
  ],
};
