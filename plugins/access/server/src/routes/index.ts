export default {
  'content-api': {
    type: 'content-api',
    routes: [
      {
        method: 'GET',
        path: '/me',
        handler: 'session.me',
        config: { policies: [] },
      },
    ],
  },
};
