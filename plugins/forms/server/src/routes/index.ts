// Content API of the forms plugin: every portal role may read forms (they hold no personal data).
// The preview routes need no session: a short-lived link signed by the server (the admin panel's
// Preview) opens one draft, which holds no personal data either.
export default {
  'content-api': {
    type: 'content-api',
    routes: [
      { method: 'GET', path: '/preview', handler: 'forms.preview', config: { auth: false, policies: [] } },
      { method: 'POST', path: '/preview/check', handler: 'forms.checkPreview', config: { auth: false, policies: [] } },
      { method: 'GET', path: '/:target', handler: 'forms.current', config: { policies: [] } },
      { method: 'GET', path: '/:target/versions/:version', handler: 'forms.version', config: { policies: [] } },
    ],
  },
};
