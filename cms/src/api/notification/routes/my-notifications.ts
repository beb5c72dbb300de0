// The caller's own notifications (deadline alerts): list, mark one read, mark all read.
export default {
  routes: [
    { method: 'GET', path: '/me/notifications', handler: 'my-notifications.list', config: { policies: [] } },
    { method: 'POST', path: '/me/notifications/read-all', handler: 'my-notifications.readAll', config: { policies: [] } },
    { method: 'POST', path: '/me/notifications/:id/read', handler: 'my-notifications.read', config: { policies: [] } },
  ],
};
