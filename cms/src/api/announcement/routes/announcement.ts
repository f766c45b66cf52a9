export default {
  routes: [
    { method: 'GET', path: '/announcements', handler: 'announcement.visible' },
    { method: 'GET', path: '/announcements/:id', handler: 'announcement.visibleOne' },
  ],
};
