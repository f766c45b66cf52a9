/** Operations routes for tooling: the API document, and Prometheus metrics (bearer token, see the controller). */
export default {
  routes: [
    { method: 'GET', path: '/openapi.json', handler: 'operations.openapi', config: { auth: false } },
    { method: 'GET', path: '/metrics', handler: 'operations.metrics', config: { auth: false } },
  ],
};
