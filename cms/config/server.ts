export default ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // Behind the reverse proxy of deploy/ the client address comes from X-Forwarded-For, and only from
  // the entries our own proxies appended (TRUST_PROXY_HOPS, 1 for deploy/nginx.conf alone): the entries
  // before them are whatever the client sent, and would let anyone pick the address rate limits count.
  proxy: { koa: env.bool('TRUST_PROXY', false), ipHeader: 'X-Forwarded-For', maxIpsCount: env.int('TRUST_PROXY_HOPS', 1) },
  app: {
    keys: env.array('APP_KEYS', ['devKeyA-change-me', 'devKeyB-change-me']),
  },
  cron: { enabled: false },
});
