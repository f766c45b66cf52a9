export default ({ env }) => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET', 'dev-jwt-secret-change-me'),
      jwt: { expiresIn: env('MEMBER_JWT_EXPIRES_IN', '2h') },
      // Refresh tokens travel in the body: a mini program has no cookie jar.
      jwtManagement: 'refresh',
      sessions: {
        httpOnly: false,
        accessTokenLifespan: env.int('MEMBER_ACCESS_TOKEN_SECONDS', 7200),
        maxRefreshTokenLifespan: env.int('MEMBER_REFRESH_TOKEN_SECONDS', 30 * 24 * 3600),
        idleRefreshTokenLifespan: env.int('MEMBER_REFRESH_IDLE_SECONDS', 14 * 24 * 3600),
      },
      ratelimit: { enabled: env.bool('AUTH_RATELIMIT_ENABLED', true) },
      register: { allowedFields: [] },
    },
  },
  booking: {
    enabled: true,
    resolve: './src/plugins/booking',
  },
  payments: {
    enabled: true,
    resolve: './src/plugins/payments',
  },
});
