// /api/access/*: sign-in steps are public (they carry their own proof); the rest need a session.
// A fresh object per route: Strapi writes each route's permission scope into its config object.
const open = () => ({ auth: false as const, policies: [] });

export default {
  'content-api': {
    type: 'content-api',
    routes: [
      { method: 'POST', path: '/login', handler: 'auth.login', config: open() },
      { method: 'POST', path: '/login/totp', handler: 'auth.verifyCode', config: open() },
      { method: 'POST', path: '/totp/enrolment', handler: 'auth.startEnrolment', config: open() },
      { method: 'POST', path: '/totp/enrolment/confirm', handler: 'auth.confirmEnrolment', config: open() },
      { method: 'POST', path: '/password-reset', handler: 'auth.resetPassword', config: open() },
      { method: 'POST', path: '/refresh', handler: 'auth.refresh', config: open() },
      { method: 'POST', path: '/logout', handler: 'auth.logout', config: open() },
      { method: 'POST', path: '/password', handler: 'auth.changePassword', config: { policies: [] } },
      { method: 'GET', path: '/me', handler: 'session.me', config: { policies: [] } },
      { method: 'POST', path: '/break-glass', handler: 'breakGlass.open', config: { policies: [] } },
      { method: 'GET', path: '/cases/:documentId/emergency-access', handler: 'breakGlass.list', config: { policies: [] } },
      { method: 'GET', path: '/sessions', handler: 'session.listSessions', config: { policies: [] } },
      { method: 'DELETE', path: '/sessions/:id', handler: 'session.endSession', config: { policies: [] } },
      { method: 'GET', path: '/users/:id/sessions', handler: 'session.userSessions', config: { policies: [] } },
      { method: 'POST', path: '/users/:id/sessions/revoke', handler: 'session.revokeUserSessions', config: { policies: [] } },
    ],
  },
};
