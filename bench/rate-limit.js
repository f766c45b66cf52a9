'use strict';
/**
 * The cost of the member rate limiter per request (issue 11).
 *
 * Two CMS processes of the same compiled tree, database and Redis, identical but for RATE_LIMIT_ENABLED,
 * serve the same routes under the same load, measured alternately in rounds; the limits are far above
 * the load (nothing is refused), so the difference is the check:
 *   - a member route with a random member JWT: the limiter verifies the token's signature (no database)
 *     and spends a point of the member's and of the address's budget (two Redis calls sent together);
 *   - GET /api/settings/public, anonymous: one point of the address's budget (one Redis call).
 *
 * `npm run bench` runs it after its own measurements (bench/run.js, member route = cached availability)
 * and writes the section with the rest of docs/benchmarks.md. `node bench/rate-limit.js` runs it alone
 * (member route = GET /api/payments/wallet, on a fresh MariaDB database and Redis prefix it removes at the
 * end) and replaces only the "Rate limiter" section of docs/benchmarks.md, saying so.
 */
const path = require('path');
const os = require('os');
const B = require('./lib');

const HUGE = '1000000000';
const { ROOT } = B;

async function measureRateLimiter({ measure, startChild, freePort, env, root, routes, log, rounds = 3 }) {
  const results = { routes: routes.map((r) => ({ key: r.key, label: r.label })), rounds, samples: {} };
  // Both processes up at once (idle unless measured); measurements alternate off/on, round after round,
  // so load from anything else on the machine falls on both alike. The median round is reported.
  const procs = {};
  try {
    for (const enabled of [false, true]) {
      const port = await freePort();
      log(`starting a CMS process with RATE_LIMIT_ENABLED=${enabled} (limits far above the load)`);
      const child = startChild(`CMS (rate limit ${enabled ? 'on' : 'off'})`, path.join(root, 'tests', 'support', 'serve-cms.js'), {
        ...env,
        PORT: String(port),
        RATE_LIMIT_ENABLED: String(enabled),
        RATE_LIMIT_READ: HUGE,
        RATE_LIMIT_WRITE: HUGE,
        RATE_LIMIT_SENSITIVE: HUGE,
        RATE_LIMIT_IP_READ: HUGE,
        RATE_LIMIT_IP_WRITE: HUGE,
        RATE_LIMIT_IP_SENSITIVE: HUGE,
      }, 'CMS_READY', 180_000);
      await child.ready;
      procs[enabled ? 'on' : 'off'] = { child, url: `http://127.0.0.1:${port}` };
    }
    for (let round = 1; round <= rounds; round += 1) {
      for (const route of routes) {
        for (const mode of round % 2 ? ['off', 'on'] : ['on', 'off']) {
          const spec = { url: procs[mode].url, kind: 'get', path: route.path, ...(route.auths ? { auths: route.auths } : {}), ...(route.countHeader ? { countHeader: route.countHeader } : {}) };
          const r = await measure(`${route.label}, rate limiter ${mode} (round ${round}/${rounds})`, spec);
          (results.samples[`${route.key}:${mode}`] ??= []).push(r);
        }
      }
    }
  } finally {
    for (const p of Object.values(procs)) await p.child.stop();
  }
  for (const [key, list] of Object.entries(results.samples)) {
    const sorted = [...list].sort((a, b) => a.reqPerSec - b.reqPerSec);
    results[key] = { ...sorted[Math.floor(sorted.length / 2)], all: list.map((r) => Math.round(r.reqPerSec)) };
  }
  return results;
}

/**
 * The limiter's own work without HTTP or Strapi: `consume` of RateLimits (the middleware's call) against
 * the same Redis, 50 in flight, and the HS256 signature check the middleware makes to know the member.
 */
async function microRateLimiter({ dist, redisUrl, prefix, log, n = 20000 }) {
  const { RateLimits, rateLimitConfig } = require(path.join(dist, 'src', 'platform', 'rate-limits.js'));
  const { RedisStore } = require(path.join(dist, 'src', 'platform', 'kv-store.js'));
  const store = new RedisStore(redisUrl, prefix);
  await new Promise((resolve) => (store.client.status === 'ready' ? resolve() : store.client.once('ready', resolve)));
  const huge = Number(HUGE);
  const limits = new RateLimits({ ...rateLimitConfig({}), member: { read: huge, write: huge, sensitive: huge }, ip: { read: huge, write: huge, sensitive: huge } }, store, `${prefix}micro:`);
  // Wall time per check with 50 in flight (includes waiting for Redis), and this process's CPU time per
  // check (what the limiter costs a CMS process; little affected by other load on the machine).
  const run = async (memberId) => {
    let next = 0;
    const cpu0 = process.cpuUsage();
    const t = process.hrtime.bigint();
    await Promise.all(Array.from({ length: 50 }, async () => {
      while (next < n) {
        const i = next++;
        await limits.consume('read', `10.0.${i % 200}.1`, memberId ? String(i % 500) : null);
      }
    }));
    const wall = Number(process.hrtime.bigint() - t) / 1e3 / n;
    const c = process.cpuUsage(cpu0);
    return { wall, cpu: (c.user + c.system) / n };
  };
  await run('1'); // warm-up
  const member = await run('1');
  const anonymous = await run(null);
  const jwt = require('jsonwebtoken');
  const token = jwt.sign({ userId: '7', sessionId: 'x', type: 'access' }, 'bench-secret', { expiresIn: '2h' });
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i += 1) jwt.verify(token, 'bench-secret', { algorithms: ['HS256'] });
  const vc = process.cpuUsage(cpu0);
  const verify = (vc.user + vc.system) / n;
  // What the limiter and member authentication do instead for a token seen before (until it expires).
  const { VerifiedTokens } = require(path.join(dist, 'src', 'platform', 'access-tokens.js'));
  const remembered = new VerifiedTokens();
  remembered.check(token, () => ({ userId: 7, sessionId: 'x', expiresAt: Date.now() + 3600_000 }));
  const rc0 = process.cpuUsage();
  for (let i = 0; i < n; i += 1) remembered.check(token, () => null);
  const rc = process.cpuUsage(rc0);
  const rememberedCpu = (rc.user + rc.system) / n;
  await store.close();
  log(`  limiter alone: member check ${member.cpu.toFixed(1)} µs CPU (${member.wall.toFixed(1)} µs wall, 50 in flight), anonymous ${anonymous.cpu.toFixed(1)} µs CPU (${anonymous.wall.toFixed(1)} µs wall); JWT verify ${verify.toFixed(1)} µs CPU, a remembered token ${rememberedCpu.toFixed(2)} µs CPU`);
  return { n, member, anonymous, verify, remembered: rememberedCpu, load: os.loadavg().map((x) => x.toFixed(2)).join(' ') };
}

/** The docs/benchmarks.md section, from one run's figures. */
function rateLimiterSection(results, { fmt, ratio }, note) {
  const t = [];
  t.push('## Rate limiter');
  t.push('');
  if (note) {
    t.push(note);
    t.push('');
  }
  const http = results.routes.length > 0;
  if (http) {
    t.push('The member rate limiter (`cms/src/middlewares/rate-limit.ts`, rate-limiter-flexible on Redis) against the same route without it: two CMS processes of the same tree, database and Redis, one with `RATE_LIMIT_ENABLED=false`, one with it on and limits far above the load (nothing refused), same load (`bench/rate-limit.js`).');
    t.push('');
    t.push(`Each route was measured ${results.rounds} times per variant, alternating off/on with both processes up, so that other load on the machine falls on both alike; the table shows the median round, the last column every round's req/s.`);
    t.push('');
    t.push('| route | limiter | req/s (median) | p50 ms | p99 ms | non-2xx | cost per request | req/s, every round |');
    t.push('|---|---|--:|--:|--:|--:|--:|---|');
    for (const route of results.routes) {
      const off = results[`${route.key}:off`];
      const on = results[`${route.key}:on`];
      if (!off || !on) continue;
      const msPer = (r) => (r.reqPerSec ? 1000 / r.reqPerSec : NaN);
      const cost = msPer(on) - msPer(off);
      t.push(`| ${route.label} | off | ${fmt(off.reqPerSec)} | ${off.p50} | ${off.p99} | ${off.non2xx} | | ${(off.all || []).join(', ')} |`);
      t.push(`| ${route.label} | on | ${fmt(on.reqPerSec)} | ${on.p50} | ${on.p99} | ${on.non2xx} | ${fmt(cost * 1000)} µs (${ratio(on.reqPerSec, off.reqPerSec)} of the throughput) | ${(on.all || []).join(', ')} |`);
    }
    t.push('');
  }
  if (results.micro) {
    const m = results.micro;
    t.push(`The limiter alone, without HTTP or Strapi (\`RateLimits.consume\` from the compiled tree against the same Redis, ${fmt(m.n)} checks, 50 in flight; load average at the end ${m.load}):`);
    t.push('');
    t.push('| check | CPU time per check (this process) | wall time per check, 50 in flight |');
    t.push('|---|--:|--:|');
    t.push(`| member request: member's and address's budget (two Redis calls) | ${fmt(m.member.cpu, 1)} µs | ${fmt(m.member.wall, 1)} µs |`);
    t.push(`| anonymous request: address's budget (one Redis call) | ${fmt(m.anonymous.cpu, 1)} µs | ${fmt(m.anonymous.wall, 1)} µs |`);
    t.push(`| HS256 signature check of a member's token (jsonwebtoken), the first time the middleware sees it | ${fmt(m.verify, 1)} µs | – |`);
    if (m.remembered !== undefined) t.push(`| the same token afterwards (remembered until it expires: \`VerifiedTokens\`) | ${fmt(m.remembered, 2)} µs | – |`);
    t.push('');
    t.push('The CPU time is what the limiter takes from a CMS process per request (the Redis round trip is waiting, during which the process serves other requests); the wall time also counts Redis and, on a loaded machine, waiting for a CPU.');
    t.push('');
  }
  if (http) t.push('Cost per request = 1/throughput with the limiter minus 1/throughput without (CMS time per request at these rates, on cores shared with MariaDB, Redis and the load generator). The member route pays a JWT signature check (no database) and two Redis calls sent together (the member\'s and the address\'s budget); the anonymous route one Redis call. A difference within the run-to-run noise (up to ~15 % on reads, see above) is not a measurement of the limiter.');
  t.push('');
  return t;
}

// ------------------------------------------------------------------------------------------------ alone
const { fmt, ratio, num } = B;
const log = B.logger('bench:rate-limit');
const writeSection = (section) => B.writeSection({ key: 'rate-limit-bench' }, section);

/** `node bench/rate-limit.js --micro`: only the limiter alone (compiled tree and Redis; no CMS, no database). */
async function microOnly() {
  B.compileUnlessSkipped(log);
  const dbConfig = require('../tests/support/db-config');
  const prefix = `bench:micro:${Date.now().toString(36)}:`;
  const redisUrl = process.env.BENCH_REDIS_URL || dbConfig.redisUrl();
  const micro = await microRateLimiter({ dist: require('../scripts/lib').distDir(), redisUrl, prefix, log, n: num('BENCH_CHECKS', 20000) });
  await B.deleteRedisKeys(redisUrl, prefix);
  const note = `Measured on its own by \`node bench/rate-limit.js --micro\` on ${B.utcMinute()} (${os.cpus().length} cores, Node ${process.version}, Redis on 127.0.0.1; load average ${B.loadAverage()}): the limiter alone. The HTTP comparison (same route with and without the limiter, two CMS processes) runs in \`npm run bench\` and in \`node bench/rate-limit.js\`.`;
  log(`wrote the "Rate limiter" section of ${writeSection(rateLimiterSection({ routes: [], rounds: 0, micro }, { fmt, ratio }, note).join('\n'))}`);
}

async function alone() {
  const CFG = { seconds: num('BENCH_SECONDS', 5), warmup: num('BENCH_WARMUP_SECONDS', 1), connections: num('BENCH_CONNECTIONS', 50), members: num('BENCH_MEMBERS', 50) };
  const children = [];
  const cleanups = [];
  const loadStart = B.loadAverage();
  try {
    B.compileUnlessSkipped(log);
    const db = await B.benchDatabase('rl');
    cleanups.push(() => db.drop());
    const { startWechatEmulator } = require('../tests/emulator');
    const emulator = await startWechatEmulator({ port: 0 });
    cleanups.push(() => emulator.close());
    const env = B.cmsEnv({ db, emulator });
    const startChild = (label, script, childEnv, marker, timeoutMs) => B.startChild(label, script, childEnv, { marker, timeoutMs, track: children });

    // Members log in once (on a process without the limiter); their tokens serve both processes.
    const port = await B.freePort();
    log('starting a CMS process to create the schema and log members in');
    const first = B.startCmsProcess('CMS (setup)', { ...env, PORT: String(port) }, { track: children });
    await first.ready;
    const auths = [];
    for (let i = 0; i < CFG.members; i += 1) {
      const code = emulator.issueCode({ openid: `o_rl_${db.ts}_${i}` });
      const res = await fetch(`${first.url}/api/auth/wechat/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
      auths.push(`Bearer ${(await res.json()).jwt}`);
    }
    await first.stop();
    log(`${auths.length} members logged in`);

    const measure = (label, spec) => B.measureLoad(label, spec, CFG, log, { track: children });
    const loadBefore = B.loadAverage();
    const results = await measureRateLimiter({
      measure,
      startChild,
      freePort: B.freePort,
      env,
      root: ROOT,
      log,
      routes: [
        { key: 'member', label: 'GET /api/payments/wallet (member JWT)', path: '/api/payments/wallet', auths },
        { key: 'anonymous', label: 'GET /api/settings/public (anonymous)', path: '/api/settings/public' },
      ],
    });
    results.micro = await microRateLimiter({ dist: require('../scripts/lib').distDir(), redisUrl: db.redisUrl, prefix: db.prefix, log });
    const note = `Measured on its own by \`node bench/rate-limit.js\` on ${B.utcMinute()} (${os.cpus().length} cores, Node ${process.version}, MariaDB and Redis on 127.0.0.1, ${CFG.connections} connections, ${CFG.warmup} s warm-up then ${CFG.seconds} s per measurement), not in the run above: compare its rows with each other only. Load average (1/5/15 min) at its start ${loadStart}, before its measurements ${loadBefore}, after them ${B.loadAverage()}.`;
    log(`wrote the "Rate limiter" section of ${writeSection(rateLimiterSection(results, { fmt, ratio }, note).join('\n'))}`);
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    for (const fn of cleanups.reverse()) await Promise.resolve().then(fn).catch((e) => log(`cleanup: ${e.message}`));
  }
}

module.exports = { measureRateLimiter, microRateLimiter, rateLimiterSection };

if (require.main === module) {
  (process.argv.includes('--micro') ? microOnly() : alone()).then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`✖ ${e && e.stack ? e.stack : e}\n`);
      process.exit(1);
    },
  );
}
