import { runtime } from '../../../platform/runtime';

const DB_TIMEOUT_MS = 2000;

async function databaseStatus(): Promise<'up' | 'down'> {
  try {
    await Promise.race([
      strapi.db.connection.raw('select 1'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), DB_TIMEOUT_MS)),
    ]);
    return 'up';
  } catch {
    return 'down';
  }
}

/** Liveness for the proxy and monitors: 503 when the database is unreachable. */
export default {
  ping(ctx) {
    ctx.body = { pong: true };
  },

  async check(ctx) {
    const [db, redis] = await Promise.all([databaseStatus(), runtime().store.ping()]);
    ctx.status = db === 'up' ? 200 : 503;
    ctx.body = { db, redis, uptime: Math.round(process.uptime()) };
  },
};
