// Content API of the forms plugin: every portal role may read forms (they hold no personal data).
export default {
  'content-api': {
    type: 'content-api',
    routes: [
      { method: 'GET', path: '/:target', handler: 'forms.current', config: { policies: [] } },
      { method: 'GET', path: '/:target/versions/:version', handler: 'forms.version', config: { policies: [] } },
    ],
  },
};
