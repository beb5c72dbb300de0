// A user's private ICS feed of their deadlines: manage it signed in; calendars fetch it by token.
export default {
  routes: [
    { method: 'GET', path: '/me/calendar-feed', handler: 'calendar-feed.show', config: { policies: [] } },
    { method: 'POST', path: '/me/calendar-feed', handler: 'calendar-feed.renew', config: { policies: [] } },
    { method: 'DELETE', path: '/me/calendar-feed', handler: 'calendar-feed.revoke', config: { policies: [] } },
    // No session: calendar programs cannot sign in. The 43-character secret in the path is the key.
    { method: 'GET', path: '/calendar/:token.ics', handler: 'calendar-feed.ics', config: { auth: false, policies: [] } },
  ],
};
