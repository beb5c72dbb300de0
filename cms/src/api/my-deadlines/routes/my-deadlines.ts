// "Mis plazos": the open deadlines of the caller's team cases, and the counts for the header badge.
export default {
  routes: [
    { method: 'GET', path: '/me/deadlines', handler: 'my-deadlines.list', config: { policies: [] } },
    { method: 'GET', path: '/me/deadlines/summary', handler: 'my-deadlines.summary', config: { policies: [] } },
  ],
};
