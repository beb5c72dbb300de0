// A case's legal deadlines, and closing one as met.
export default {
  routes: [
    { method: 'GET', path: '/cases/:id/deadlines', handler: 'case-deadlines.list', config: { policies: [] } },
    { method: 'PUT', path: '/cases/:id/deadlines/:deadlineId', handler: 'case-deadlines.update', config: { policies: [] } },
  ],
};
