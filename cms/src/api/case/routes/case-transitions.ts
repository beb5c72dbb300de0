// Moving a case along its workflow: the allowed next stages for the caller, and the move itself.
export default {
  routes: [
    { method: 'GET', path: '/cases/:id/transitions', handler: 'case-transitions.list', config: { policies: [] } },
    { method: 'POST', path: '/cases/:id/transitions', handler: 'case-transitions.move', config: { policies: [] } },
  ],
};
