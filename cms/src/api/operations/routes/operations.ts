export default {
  routes: [
    { method: 'GET', path: '/openapi.json', handler: 'operations.openapi', config: { auth: false } },
  ],
};
