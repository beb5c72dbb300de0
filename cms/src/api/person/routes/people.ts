// People by pseudonym, the identity vault's actions, and adding a person to a case.
// A fresh object per route: Strapi writes each route's permission scope into its config object.
const session = () => ({ policies: [] });

export default {
  routes: [
    { method: 'GET', path: '/people/by-code/:code', handler: 'people.profile', config: session() },
    { method: 'POST', path: '/people/by-code/:code/reveal', handler: 'people.reveal', config: session() },
    { method: 'GET', path: '/people/by-code/:code/reveals', handler: 'people.reveals', config: session() },
    { method: 'PUT', path: '/people/by-code/:code/identity', handler: 'people.updateIdentity', config: session() },
    { method: 'GET', path: '/people/by-code/:code/files', handler: 'people.files', config: session() },
    { method: 'POST', path: '/people/by-code/:code/files', handler: 'people.uploadFile', config: session() },
    { method: 'POST', path: '/people/by-code/:code/files/:file/open', handler: 'people.openFile', config: session() },
    { method: 'PUT', path: '/people/by-code/:code/victim-profile', handler: 'people.updateVictimProfile', config: session() },
    { method: 'POST', path: '/people/search', handler: 'people.search', config: session() },
    { method: 'POST', path: '/cases/:id/parties', handler: 'people.addParty', config: session() },
  ],
};
