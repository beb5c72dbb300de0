// The team of a case: who works it, with which team role, from when until when.
export default {
  routes: [
    { method: 'GET', path: '/cases/:id/members', handler: 'case-team.list', config: { policies: [] } },
    { method: 'POST', path: '/cases/:id/members', handler: 'case-team.add', config: { policies: [] } },
    { method: 'PUT', path: '/cases/:id/members/:memberId', handler: 'case-team.change', config: { policies: [] } },
  ],
};
