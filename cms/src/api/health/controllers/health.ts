import { runtime } from '../../../platform/runtime';
import { databaseReachable } from '../../../platform/db-health';

const databaseStatus = async (): Promise<'up' | 'down'> => ((await databaseReachable(strapi, 2000)) ? 'up' : 'down');

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
