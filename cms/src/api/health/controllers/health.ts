import { runtime } from '../../../platform/runtime';
import { databaseReachable } from '../../../platform/db-health';
import { jobsHealth } from '../../../platform/job-runs';

const databaseStatus = async (): Promise<'up' | 'down'> => ((await databaseReachable(strapi, 2000)) ? 'up' : 'down');

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
