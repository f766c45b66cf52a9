import { runtime } from '../../../platform/runtime';
import { jobsHealth } from '../../../platform/job-runs';

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
    const { store, scheduler } = runtime();
    const [db, redis, jobs] = await Promise.all([databaseStatus(), store.ping(), jobsHealth(store, scheduler.names())]);
    ctx.status = db === 'up' ? 200 : 503;
    ctx.body = { db, redis, uptime: Math.round(process.uptime()), jobs };
  },
};
