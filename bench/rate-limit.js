'use strict';
/**
 * The cost of the member rate limiter per request (issue 11).
 *
 * Two CMS processes of the same compiled tree, database and Redis, identical but for RATE_LIMIT_ENABLED,
 * started one after the other (never both at once on the shared cores), serve the same routes under the
 * same load; the limits are far above the load (nothing is refused), so the difference is the check:
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
const fs = require('fs');
const os = require('os');
const net = require('net');
const crypto = require('crypto');
const { spawn } = require('child_process');

const HUGE = '1000000000';
const ROOT = path.resolve(__dirname, '..');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');

async function measureRateLimiter({ measure, startChild, freePort, env, root, routes, log }) {
  const results = { routes: routes.map((r) => ({ key: r.key, label: r.label })) };
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
    const url = `http://127.0.0.1:${port}`;
    try {
      for (const route of routes) {
        const spec = { url, kind: 'get', path: route.path, ...(route.auths ? { auths: route.auths } : {}), ...(route.countHeader ? { countHeader: route.countHeader } : {}) };
        results[`${route.key}:${enabled ? 'on' : 'off'}`] = await measure(`${route.label}, rate limiter ${enabled ? 'on' : 'off'}`, spec);
      }
    } finally {
      await child.stop();
    }
  }
  return results;
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
  t.push('The member rate limiter (`cms/src/middlewares/rate-limit.ts`, rate-limiter-flexible on Redis) against the same route without it: two CMS processes of the same tree, database and Redis, one with `RATE_LIMIT_ENABLED=false`, one with it on and limits far above the load (nothing refused), started one after the other, same load (`bench/rate-limit.js`).');
  t.push('');
  t.push('| route | limiter | req/s | p50 ms | p99 ms | non-2xx | cost per request |');
  t.push('|---|---|--:|--:|--:|--:|--:|');
  for (const route of results.routes) {
    const off = results[`${route.key}:off`];
    const on = results[`${route.key}:on`];
    if (!off || !on) continue;
    const msPer = (r) => (r.reqPerSec ? 1000 / r.reqPerSec : NaN);
    const cost = msPer(on) - msPer(off);
    t.push(`| ${route.label} | off | ${fmt(off.reqPerSec)} | ${off.p50} | ${off.p99} | ${off.non2xx} | |`);
    t.push(`| ${route.label} | on | ${fmt(on.reqPerSec)} | ${on.p50} | ${on.p99} | ${on.non2xx} | ${fmt(cost * 1000)} µs (${ratio(on.reqPerSec, off.reqPerSec)} of the throughput) |`);
  }
  t.push('');
  t.push('Cost per request = 1/throughput with the limiter minus 1/throughput without (CMS time per request at these rates, on cores shared with MariaDB, Redis and the load generator). The member route pays a JWT signature check (no database) and two Redis calls sent together (the member\'s and the address\'s budget); the anonymous route one Redis call. A difference within the run-to-run noise (up to ~15 % on reads, see above) is not a measurement of the limiter.');
  t.push('');
  return t;
}

// ------------------------------------------------------------------------------------------------ alone
const fmt = (n, d = 0) => (n === null || n === undefined || Number.isNaN(n) ? '–' : Number(n).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
const ratio = (a, b) => (b ? `${(a / b).toFixed(2)}×` : '–');
const num = (name, dflt) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : dflt;
};

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function alone() {
  const T0 = Date.now();
  const log = (msg) => process.stdout.write(`[bench:rate-limit +${((Date.now() - T0) / 1000).toFixed(1)}s] ${msg}\n`);
  const CFG = { seconds: num('BENCH_SECONDS', 8), warmup: num('BENCH_WARMUP_SECONDS', 2), connections: num('BENCH_CONNECTIONS', 50), members: num('BENCH_MEMBERS', 50) };
  const children = [];
  const cleanups = [];
  const loadStart = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  try {
    const lib = require('../scripts/lib');
    lib.ensureRuntimeFolders();
    if (process.env.BENCH_SKIP_BUILD !== 'true') {
      log('compiling the server');
      lib.compileServer();
    }
    const mysql = require('mysql2/promise');
    const dbConfig = require('../tests/support/db-config');
    const admin = dbConfig.adminConnection();
    const ts = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
    const dbName = `sr_bench_rl_${ts}`;
    const conn = await mysql.createConnection(admin);
    await conn.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await conn.end();
    const redisUrl = process.env.BENCH_REDIS_URL || dbConfig.redisUrl();
    const prefix = `bench:${ts}:`;
    cleanups.push(async () => {
      const c = await mysql.createConnection(admin);
      await c.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
      await c.end();
      const Redis = require('ioredis');
      const r = new Redis(redisUrl);
      const keys = await r.keys(`${prefix}*`);
      if (keys.length) await r.del(...keys);
      r.disconnect();
    });
    const { startWechatEmulator } = require('../tests/emulator');
    const { cmsEnvFor } = require('../tests/emulator/fixtures');
    const emulator = await startWechatEmulator({ port: 0 });
    cleanups.push(() => emulator.close());
    const secret = () => crypto.randomBytes(24).toString('base64url');
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      APP_KEYS: [secret(), secret()].join(','),
      ADMIN_JWT_SECRET: secret(),
      API_TOKEN_SALT: secret(),
      TRANSFER_TOKEN_SALT: secret(),
      JWT_SECRET: secret(),
      ENCRYPTION_KEY: secret(),
      CHECKIN_TOKEN_SECRET: secret(),
      DATABASE_CLIENT: 'mysql',
      DATABASE_HOST: admin.host,
      DATABASE_PORT: String(admin.port),
      DATABASE_USERNAME: admin.user,
      DATABASE_PASSWORD: admin.password,
      DATABASE_NAME: dbName,
      DATABASE_POOL_MAX: '20',
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      JOBS_ENABLED: 'false',
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      STRAPI_TELEMETRY_DISABLED: 'true',
      AUTH_RATELIMIT_ENABLED: 'false',
      BROWSER: 'none',
      ...cmsEnvFor(emulator.url, {}),
    };

    const startChild = (label, script, childEnv, marker, timeoutMs) => {
      const child = spawn(process.execPath, [script], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      const ready = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${label} did not start:\n${out.slice(-2000)}`)), timeoutMs);
        const check = () => {
          if (out.includes(marker)) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', check);
        child.on('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`${label} exited (${code}):\n${out.slice(-2000)}`));
        });
      });
      const stop = () =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        });
      return { ready, stop };
    };

    // Members log in once (on a process without the limiter); their tokens serve both processes.
    const port = await freePort();
    log('starting a CMS process to create the schema and log members in');
    const first = startChild('CMS (setup)', path.join(ROOT, 'tests', 'support', 'serve-cms.js'), { ...env, PORT: String(port), RATE_LIMIT_ENABLED: 'false' }, 'CMS_READY', 180_000);
    await first.ready;
    const auths = [];
    for (let i = 0; i < CFG.members; i += 1) {
      const code = emulator.issueCode({ openid: `o_rl_${ts}_${i}` });
      const res = await fetch(`http://127.0.0.1:${port}/api/auth/wechat/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
      auths.push(`Bearer ${(await res.json()).jwt}`);
    }
    await first.stop();
    log(`${auths.length} members logged in`);

    const measure = async (label, spec) => {
      const file = path.join(os.tmpdir(), `sr-bench-rl-${process.pid}-${crypto.randomBytes(4).toString('hex')}.json`);
      fs.writeFileSync(file, JSON.stringify({ connections: CFG.connections, seconds: CFG.seconds, warmupSeconds: CFG.warmup, ...spec }));
      log(`measuring: ${label}`);
      try {
        const child = spawn(process.execPath, [path.join(__dirname, 'load.js'), file], { stdio: ['ignore', 'pipe', 'pipe'] });
        children.push(child);
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        await new Promise((resolve) => child.on('exit', resolve));
        const m = /LOAD_RESULT (.*)/.exec(out);
        if (!m) throw new Error(`load generator failed for ${label}:\n${out.slice(-2000)}`);
        const r = JSON.parse(m[1]);
        log(`  ${fmt(r.reqPerSec)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}`);
        return r;
      } finally {
        fs.rmSync(file, { force: true });
      }
    };
    const loadBefore = os.loadavg().map((x) => x.toFixed(2)).join(' ');
    const results = await measureRateLimiter({
      measure,
      startChild,
      freePort,
      env,
      root: ROOT,
      log,
      routes: [
        { key: 'member', label: 'GET /api/payments/wallet (member JWT)', path: '/api/payments/wallet', auths },
        { key: 'anonymous', label: 'GET /api/settings/public (anonymous)', path: '/api/settings/public' },
      ],
    });
    const loadAfter = os.loadavg().map((x) => x.toFixed(2)).join(' ');
    const note = `Measured on its own by \`node bench/rate-limit.js\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (${os.cpus().length} cores, Node ${process.version}, MariaDB and Redis on 127.0.0.1, ${CFG.connections} connections, ${CFG.warmup} s warm-up then ${CFG.seconds} s per measurement), not in the run above: compare its rows with each other only. Load average (1/5/15 min) at its start ${loadStart}, before its measurements ${loadBefore}, after them ${loadAfter}.`;
    const section = rateLimiterSection(results, { fmt, ratio }, note).join('\n');
    let doc = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : '# Benchmarks\n';
    const start = doc.indexOf('## Rate limiter');
    if (start !== -1) {
      const after = doc.indexOf('\n## ', start + 3);
      doc = doc.slice(0, start) + section + (after === -1 ? '' : doc.slice(after + 1));
    } else {
      const anchor = doc.indexOf('## What each measurement is');
      doc = anchor === -1 ? `${doc.trimEnd()}\n\n${section}` : doc.slice(0, anchor) + section + doc.slice(anchor);
    }
    fs.writeFileSync(DOC, doc);
    log(`wrote the "Rate limiter" section of ${path.relative(ROOT, DOC)}`);
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    for (const fn of cleanups.reverse()) await Promise.resolve().then(fn).catch((e) => log(`cleanup: ${e.message}`));
  }
}

module.exports = { measureRateLimiter, rateLimiterSection };

if (require.main === module) {
  alone().then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`✖ ${e && e.stack ? e.stack : e}\n`);
      process.exit(1);
    },
  );
}
