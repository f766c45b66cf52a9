export default {
  routes: [{ method: 'GET', path: '/settings/public', handler: 'parameter.publicSettings', config: { auth: false } }],
};
