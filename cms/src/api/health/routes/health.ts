export default {
  routes: [
    { method: 'GET', path: '/health', handler: 'health.check', config: { auth: false } },
    // No I/O at all: a liveness probe for the proxy, and the floor of the Strapi request path in bench/.
    { method: 'GET', path: '/ping', handler: 'health.ping', config: { auth: false } },
  ],
};
