'use strict';
/**
 * Loaded into a CMS child process (tests/support/serve-cms.js with CMS_AGENT set; bench/lib.js
 * startCmsProcess({ agent: true })): answers the bench script's commands over the IPC channel, so the bench
 * can seed fixtures, count SQL statements, take CPU profiles and read memory figures of the CMS while
 * its own bookkeeping (members' tokens, results, load children) stays in its own process.
 */
const v8 = require('v8');
const { startCpuProfile } = require('./cpu-profile');

const MiB = 2 ** 20;

/** process.memoryUsage() and V8's heap spaces in MiB. */
function memory() {
  const m = process.memoryUsage();
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, +(s.space_used_size / MiB).toFixed(1)]));
  return {
    rss: m.rss / MiB,
    heapTotal: m.heapTotal / MiB,
    heapUsed: m.heapUsed / MiB,
    external: m.external / MiB,
    arrayBuffers: m.arrayBuffers / MiB,
    spaces,
  };
}

module.exports = function agent(strapi) {
  let counter = null;
  let profiler = null;
  const commands = {
    /** Runs `source` (a function's text) as (strapi, args, require) => result in this process. */
    exec({ source, args }) {
      // eslint-disable-next-line no-new-func
      return new Function('strapi', 'args', 'require', `return (${source})(strapi, args, require);`)(strapi, args, require);
    },
    /**
     * Starts counting knex statements (the app emits knex's query event for its own statements too);
     * `tables` (a regexp source) counts those touching them apart. Round trips are counted as mysql2's
     * query calls: one packet each, which may carry several statements (platform/sql.ts queueStatement).
     */
    sqlStart({ tables }) {
      if (counter) commands.sqlStop();
      const re = tables ? new RegExp(tables) : null;
      counter = { n: 0, matched: 0, trips: 0 };
      counter.listener = (q) => {
        counter.n += 1;
        if (re && re.test(q.sql || '')) counter.matched += 1;
      };
      strapi.db.connection.on('query', counter.listener);
      const { Connection } = require('mysql2');
      const query = Connection.prototype.query;
      const c = counter;
      Connection.prototype.query = function counted(...args) {
        c.trips += 1;
        return query.apply(this, args);
      };
      counter.restore = () => {
        Connection.prototype.query = query;
      };
      return true;
    },
    sqlStop() {
      strapi.db.connection.off('query', counter.listener);
      counter.restore();
      const { n, matched, trips } = counter;
      counter = null;
      return { n, matched, trips };
    },
    async profileStart() {
      profiler = await startCpuProfile();
      return true;
    },
    /** Stops the CPU profile and writes it to `file`. */
    async profileStop({ file }) {
      const written = await profiler.stop(file);
      profiler = null;
      return written;
    },
    /** Memory as it is and, with `collect` (needs --expose-gc), after a full garbage collection. */
    memory({ collect }) {
      const before = memory();
      if (!collect || typeof global.gc !== 'function') return { before };
      global.gc();
      return { before, afterGc: memory() };
    },
  };
  process.on('message', async (msg) => {
    if (!msg || msg.agent !== true) return;
    try {
      process.send({ agent: true, id: msg.id, result: await commands[msg.cmd](msg.args ?? {}) });
    } catch (e) {
      process.send({ agent: true, id: msg.id, error: e && e.stack ? e.stack : String(e) });
    }
  });
};
