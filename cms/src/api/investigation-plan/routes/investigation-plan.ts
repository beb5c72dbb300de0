// A case's investigation and intelligence plan, and the templates it can start from.
// A fresh config object per route: Strapi writes each route's permission scope into it.
const session = () => ({ policies: [] });

export default {
  routes: [
    { method: 'GET', path: '/plan-templates', handler: 'investigation-plan.templates', config: session() },
    { method: 'GET', path: '/cases/:id/plan', handler: 'investigation-plan.show', config: session() },
    { method: 'POST', path: '/cases/:id/plan', handler: 'investigation-plan.create', config: session() },
    { method: 'PUT', path: '/cases/:id/plan', handler: 'investigation-plan.update', config: session() },
    { method: 'GET', path: '/cases/:id/plan.pdf', handler: 'investigation-plan.pdf', config: session() },
  ],
};
