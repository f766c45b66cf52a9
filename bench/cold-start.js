'use strict';
/**
 * Cold start on MariaDB (issue 9's target: < 10 s from start to first answer, compiled tree):
 * `node bench/cold-start.js` (also a step of `npm run bench`).
 *
 * Starts the compiled CMS in production mode, as a deployment does, BENCH_STARTS times (3): the first on an
 * empty database (Strapi creates the schema, the app seeds its roles and parameters), the others on that
 * same database (a restart, what a deploy or a crash recovery costs). For each it measures the time from
 * spawning `node` to the first 200 of `GET /api/health` (polled every 20 ms) and the process's resident
 * memory then. Writes the "Cold start" section of docs/benchmarks.md. Only 127.0.0.1.
 */
const os = require('os');
const B = require('./lib');

const { fmt, num } = B;
const log = B.logger('bench:cold-start');
const STARTS = num('BENCH_STARTS', 3);

async function firstAnswer(url, child, t0) {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the CMS exited (${child.exitCode})`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return Date.now() - t0;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main() {
  B.compileUnlessSkipped(log);
  const loadStart = B.loadAverage();
  const db = await B.benchDatabase('cold');
  const runs = [];
  try {
    for (let i = 0; i < STARTS; i += 1) {
      const port = await B.freePort();
      const env = B.cmsEnv({ db, port, extra: { JOBS_ENABLED: 'true' } });
      const t0 = Date.now();
      const cms = B.startCmsProcess(`CMS start ${i + 1}`, env, { timeoutMs: 180_000 });
      try {
        const ms = await Promise.race([firstAnswer(cms.url, cms.child, t0), cms.ready.then(() => new Promise(() => undefined))]);
        const rssMb = B.rssKb(cms.child.pid) / 1024;
        runs.push({ kind: i === 0 ? 'empty database (schema created)' : 'restart on the same database', ms, rssMb });
        log(`start ${i + 1}: first answer after ${ms} ms, RSS ${fmt(rssMb)} MiB`);
      } finally {
        await cms.stop();
      }
    }
  } finally {
    await db.drop();
  }
  const t = [
    '## Cold start',
    '',
    `Measured by \`node bench/cold-start.js\` on ${B.utcMinute()} (${os.cpus().length} cores, Node ${process.version}, MariaDB ${db.version}, Redis on 127.0.0.1; load average at its start ${loadStart}, at its end ${B.loadAverage()}). The compiled CMS in production mode with jobs on, started as a deployment starts it; time from spawning \`node\` to the first 200 of \`GET /api/health\`, and its resident memory at that moment.`,
    '',
    '| start | first answer | RSS then |',
    '|---|--:|--:|',
    ...runs.map((r, i) => `| ${i + 1}. ${r.kind} | ${fmt(r.ms / 1000, 2)} s | ${fmt(r.rssMb)} MiB |`),
    '',
    'Target (issue 9): under 10 s on MariaDB. Most of a start is loading Strapi and its plugins\' code and building the admin permission registry; the first start also creates the tables.',
    '',
  ];
  log(`wrote the "Cold start" section of ${B.writeSection({ key: 'cold-start-bench' }, t.join('\n'))}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`✖ cold-start bench failed: ${e && e.stack ? e.stack : e}\n`);
    process.exit(1);
  },
);
