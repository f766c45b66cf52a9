export default [
  // Outermost: times every request by route pattern and status (Prometheus, GET /api/metrics).
  'global::metrics',
  // strapi::logger's line with the client address (the member's own behind the proxy).
  'global::request-log',
  'strapi::errors',
  // Inside strapi::errors so that our stable error codes shape every /api error body first.
  'global::api-errors',
  // Member API rate limits (429 RATE_LIMITED), before the body is parsed.
  'global::rate-limit',
  // Bookings, money and member records change only through the plugins' services (issue 7, item 8).
  'global::business-records-readonly',
  // Strapi's headers, its helmet built once (platform/http-middlewares).
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  // koa-body built once (platform/http-middlewares).
  {
    name: 'strapi::body',
    config: {
      // Payment notifications are verified over the exact bytes WeChat sent.
      includeUnparsed: true,
    },
  },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
