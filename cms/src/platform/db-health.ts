import { DomainError } from './errors';

/**
 * Is the database answering? One place for the question, asked by /api/health and by the API error
 * middleware when a request failed in a way a dead database would explain.
 */
const PROBE_TIMEOUT_MS = 1500;

/** Seconds a client should wait before retrying while the database is down. */
export const DB_RETRY_AFTER_SECONDS = 5;

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'SQLITE_CANTOPEN',
]);

/** Errors that say "no database connection" rather than "this query was wrong". */
export function isDatabaseUnreachable(e: any): boolean {
  if (!e || typeof e !== 'object') return false;
  if (CONNECTION_CODES.has(e.code)) return true;
  // 2002/2003: cannot connect; 2006/2013: server gone / lost during query; 1053: shutdown in progress.
  if ([2002, 2003, 2006, 2013, 1053].includes(Number(e.errno))) return true;
  if (e.name === 'KnexTimeoutError') return true;
  return typeof e.message === 'string' && /Unable to acquire a connection|pool is probably full|Connection lost|connection is in closed state/i.test(e.message);
}

export async function databaseReachable(strapi: any, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      strapi.db.connection.raw('select 1'),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('database probe timed out')), timeoutMs);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** 503 SERVICE_UNAVAILABLE with a Retry-After hint: the member's request was fine, the store was not. */
export function databaseUnavailable() {
  return new DomainError(
    'SERVICE_UNAVAILABLE',
    'The service is briefly unavailable (database unreachable). Nothing was changed; please try again in a few seconds.',
    { reason: 'database', retryAfterSeconds: DB_RETRY_AFTER_SECONDS },
    { 'Retry-After': String(DB_RETRY_AFTER_SECONDS) },
  );
}
