export default ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // Behind the reverse proxy of deploy/ the client address comes from X-Forwarded-For.
  proxy: { koa: env.bool('TRUST_PROXY', false) },
  app: {
    keys: env.array('APP_KEYS', ['devKeyA-change-me', 'devKeyB-change-me']),
  },
  cron: { enabled: false },
});
