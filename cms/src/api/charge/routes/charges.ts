// A case's charges: listed by whoever reads the case, recorded and changed by its editors.
// A fresh config object per route: Strapi writes each route's permission scope into it.
const session = () => ({ policies: [] });

export default {
  routes: [
    { method: 'GET', path: '/cases/:id/charges', handler: 'charges.list', config: session() },
    { method: 'POST', path: '/cases/:id/charges', handler: 'charges.create', config: session() },
    { method: 'PUT', path: '/cases/:id/charges/:chargeId', handler: 'charges.update', config: session() },
  ],
};
