/**
 * Production refuses to start with the development defaults of config/*.ts: a leaked default JWT
 * secret would let anyone mint member tokens.
 */
const SECRETS: [string, RegExp][] = [
  ['APP_KEYS', /change-me/],
  ['ADMIN_JWT_SECRET', /change-me/],
  ['API_TOKEN_SALT', /change-me/],
  ['TRANSFER_TOKEN_SALT', /change-me/],
  ['JWT_SECRET', /change-me/],
  ['ENCRYPTION_KEY', /change-me/],
  ['CHECKIN_TOKEN_SECRET', /change-me/],
];

export function assertProductionSecrets(env: NodeJS.ProcessEnv) {
  if (env.NODE_ENV !== 'production') return;
  const bad = SECRETS.filter(([name, pattern]) => !env[name] || pattern.test(env[name] as string)).map(([name]) => name);
  if (bad.length > 0) {
    throw new Error(`Refusing to start in production with default or missing secrets: ${bad.join(', ')}. Set them in the environment (see .env.example).`);
  }
}
