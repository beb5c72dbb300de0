// Moving a case along its workflow: the allowed next stages for the caller, the move itself, and the moves made.
export default {
  routes: [
    { method: 'GET', path: '/cases/:id/transitions', handler: 'case-transitions.list', config: { policies: [] } },
    { method: 'POST', path: '/cases/:id/transitions', handler: 'case-transitions.move', config: { policies: [] } },
    { method: 'GET', path: '/cases/:id/moves', handler: 'case-transitions.history', config: { policies: [] } },
  ],
};
