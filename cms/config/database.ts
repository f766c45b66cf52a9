import path from 'path';

/**
 * SQLite (better-sqlite3) is the zero-setup default; production uses MySQL 8 / MariaDB 10.11+ through
 * mysql2 with a connection pool (DATABASE_CLIENT=mysql plus DATABASE_* or DATABASE_URL).
 */
export default ({ env }) => {
  const client = env('DATABASE_CLIENT', 'sqlite');

  if (client === 'mysql' || client === 'mysql2' || client === 'mariadb') {
    const url = env('DATABASE_URL', '');
    // Several statements in one packet: a booking's writes that need no answer at once leave together
    // (platform/sql.ts queueStatement). Every statement the app sends binds its values (`?`), none is
    // pieced together from input.
    const packets = { multipleStatements: true };
    const connection = url
      ? { connectionString: url, timezone: 'Z', ...packets }
      : {
          ...packets,
          host: env('DATABASE_HOST', '127.0.0.1'),
          port: env.int('DATABASE_PORT', 3306),
          database: env('DATABASE_NAME', 'studyroom'),
          user: env('DATABASE_USERNAME', 'root'),
          password: env('DATABASE_PASSWORD', ''),
          // Store and read DATETIME as UTC so instants survive any server time zone.
          timezone: 'Z',
          ssl: env.bool('DATABASE_SSL', false) ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) } : false,
        };
    return {
      connection: {
        client: 'mysql',
        connection,
        pool: { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 20) },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 10000),
      },
    };
  }

  return {
    connection: {
      client: 'sqlite',
      connection: {
        filename: path.resolve(__dirname, '..', '..', env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      useNullAsDefault: true,
    },
  };
};
