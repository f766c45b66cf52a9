'use strict';
/**
 * What every bench script shares: knobs from the environment, number formatting and percentiles, a free
 * port, a throw-away MariaDB database with its own Redis prefix, the environment of a production-mode CMS
 * process, starting and stopping such a process, and replacing one section of docs/benchmarks.md.
 * Only 127.0.0.1 is contacted.
 */
const path = require('path');
const fs = require('fs');
const os = require('os');
const net = require('net');
const crypto = require('crypto');
const { spawn } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const CMS_DIR = path.join(ROOT, 'cms');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const SERVE_CMS = path.join(ROOT, 'tests', 'support', 'serve-cms.js');

/** A positive number from the environment, or the default. */
const num = (name, dflt) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : dflt;
};
const fmt = (n, d = 0) => (n === null || n === undefined || Number.isNaN(n) ? '–' : Number(n).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
const ratio = (a, b) => (b ? `${(a / b).toFixed(2)}×` : '–');
/** The p-th percentile (nearest rank) of a list of numbers. */
const pctl = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const loadAverage = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const utcMinute = () => `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function logger(tag) {
  const t0 = Date.now();
  return (msg) => process.stdout.write(`[${tag} +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}\n`);
}

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

/** Runs fn over items with at most n in flight; the results keep the items' order. */
async function inPool(n, items, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

/** Resident memory of a process in KiB, from /proc (0 when it is gone). */
function rssKb(pid) {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Compiles the CMS unless BENCH_SKIP_BUILD=true (or the caller says it is done). */
function compileUnlessSkipped(log, distDir) {
  const lib = require('../scripts/lib');
  lib.ensureRuntimeFolders();
  if (process.env.BENCH_SKIP_BUILD === 'true') return;
  log('compiling the server');
  lib.compileServer(distDir);
}

async function deleteRedisKeys(redisUrl, prefix) {
  const Redis = require('ioredis');
  const r = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  r.on('error', () => undefined);
  let removed = 0;
  try {
    await r.connect();
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) removed += await r.del(...keys);
    } while (cursor !== '0');
  } catch {
    /* Redis gone: nothing to remove */
  } finally {
    r.disconnect();
  }
  return removed;
}

/**
 * A fresh MariaDB database `sr_bench_<tag>_<ts>` and a Redis prefix of its own; `drop()` removes both.
 * `env` is what a CMS needs to use them.
 */
async function benchDatabase(tag) {
  const mysql = require('mysql2/promise');
  const dbConfig = require('../tests/support/db-config');
  const admin = dbConfig.adminConnection();
  const ts = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
  const name = `sr_bench_${tag}_${ts}`;
  const conn = await mysql.createConnection(admin);
  const [[{ v: version }]] = await conn.query('SELECT VERSION() AS v');
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  const redisUrl = process.env.BENCH_REDIS_URL || dbConfig.redisUrl();
  const prefix = `bench:${ts}:`;
  return {
    name,
    ts,
    admin,
    version,
    redisUrl,
    prefix,
    env: {
      DATABASE_CLIENT: 'mysql',
      DATABASE_HOST: admin.host,
      DATABASE_PORT: String(admin.port),
      DATABASE_USERNAME: admin.user,
      DATABASE_PASSWORD: admin.password,
      DATABASE_NAME: name,
      DATABASE_POOL_MAX: '20',
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
    },
    async drop() {
      const c = await mysql.createConnection(admin);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
      await deleteRedisKeys(redisUrl, prefix);
    },
  };
}

/** Fresh secrets for a production-mode CMS (Strapi refuses to start in production without them). */
function productionSecrets() {
  const secret = () => crypto.randomBytes(24).toString('base64url');
  return {
    NODE_ENV: 'production',
    APP_KEYS: [secret(), secret()].join(','),
    ADMIN_JWT_SECRET: secret(),
    API_TOKEN_SALT: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    CHECKIN_TOKEN_SECRET: secret(),
  };
}

/**
 * The environment of a quiet production-mode CMS on `db`, talking to the WeChat `emulator` (jobs, demo data,
 * the member rate limiter and the login limiter off unless `extra` turns them on).
 */
function cmsEnv({ db, emulator, port, extra = {} }) {
  const { cmsEnvFor } = require('../tests/emulator/fixtures');
  const base = port ? `http://127.0.0.1:${port}` : null;
  return {
    ...process.env,
    ...productionSecrets(),
    ...db.env,
    JOBS_ENABLED: 'false',
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    STRAPI_TELEMETRY_DISABLED: 'true',
    AUTH_RATELIMIT_ENABLED: 'false',
    RATE_LIMIT_ENABLED: 'false',
    BROWSER: 'none',
    ...(port ? { PORT: String(port), PUBLIC_URL: base } : {}),
    ...(emulator ? cmsEnvFor(emulator.url, base ? { notifyUrl: `${base}/api/payments/wechat/notify`, refundNotifyUrl: `${base}/api/payments/wechat/refund-notify` } : {}) : {}),
    ...extra,
  };
}

/**
 * Starts `node script` with `env`. `ready` resolves (with the number printed after the marker, if any) once
 * the child prints `marker`; `stop()` ends it (SIGTERM, then SIGKILL after 10 s). `track` collects children
 * for a last-resort cleanup.
 */
function startChild(label, script, env, { marker, timeoutMs = 240_000, nodeArgs = [], track, ipc = false } = {}) {
  const stdio = ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc'] : [])];
  const child = spawn(process.execPath, [...nodeArgs, script], { cwd: ROOT, env, stdio, ...(ipc ? { serialization: 'advanced' } : {}) });
  if (track) track.push(child);
  let out = '';
  // Only the tail is kept: a CMS under hours of load prints knex notices on every insert.
  const keep = (d) => {
    out += d;
    if (out.length > 4 * 2 ** 20) out = out.slice(-(2 ** 20));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start within ${timeoutMs / 1000} s:\n${out.slice(-3000)}`)), timeoutMs);
    const check = () => {
      const m = new RegExp(`${marker}(?: (\\d+))?`).exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] === undefined ? true : Number(m[1]));
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${code}):\n${out.slice(-3000)}`));
    });
  });
  ready.catch(() => undefined);
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
  return { child, ready, stop, output: () => out };
}

/**
 * The compiled CMS in a child process (tests/support/serve-cms.js) serving HTTP on env.PORT. With
 * `agent: true` it also answers commands over IPC (bench/cms-agent.js): `agent.exec(fn, args)` runs
 * `fn(strapi, args, require)` in the CMS process (fn must not close over anything; args and result are
 * structured-cloned), `agent.command(name, args)` the agent's other commands.
 */
function startCmsProcess(label, env, { agent = false, ...options } = {}) {
  const cms = startChild(label, SERVE_CMS, agent ? { ...env, CMS_AGENT: path.join(__dirname, 'cms-agent.js') } : env, { marker: 'CMS_READY', ipc: agent, ...options });
  const out = { ...cms, url: `http://127.0.0.1:${env.PORT}` };
  if (agent) {
    const pending = new Map();
    let seq = 0;
    cms.child.on('message', (msg) => {
      const p = msg && msg.agent === true ? pending.get(msg.id) : null;
      if (!p) return;
      pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${label}: ${msg.error}`));
      else p.resolve(msg.result);
    });
    cms.child.on('exit', () => {
      for (const p of pending.values()) p.reject(new Error(`${label} exited`));
      pending.clear();
    });
    const command = (cmd, args = {}) =>
      new Promise((resolve, reject) => {
        const id = ++seq;
        pending.set(id, { resolve, reject });
        cms.child.send({ agent: true, id, cmd, args });
      });
    out.agent = { command, exec: (fn, args = {}) => command('exec', { source: fn.toString(), args }) };
  }
  return out;
}

/** User + system CPU seconds a process has used so far (Linux /proc), or null when it can't be read. */
function processCpuSeconds(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

/**
 * One load measurement in its own process (bench/load.js: autocannon never shares a server's event loop).
 * `spec` is load.js's job (requests, bodies); `cfg` gives connections, seconds and warm-up seconds.
 */
async function measureLoad(label, spec, cfg, log, { track, profile, serverPid } = {}) {
  const file = path.join(os.tmpdir(), `sr-bench-${process.pid}-${crypto.randomBytes(4).toString('hex')}.json`);
  fs.writeFileSync(file, JSON.stringify({ connections: cfg.connections, seconds: cfg.seconds, warmupSeconds: cfg.warmup, ...spec }));
  log(`measuring: ${label} (${cfg.warmup}s warm-up + ${cfg.seconds}s, ${cfg.connections} connections)`);
  // `profile()`, when given, starts a CPU profile of the server and answers with its `stop(label)` (or null).
  const profiler = profile ? await profile() : null;
  const cpuBefore = serverPid ? processCpuSeconds(serverPid) : null;
  const wallBefore = process.hrtime.bigint();
  try {
    const child = spawn(process.execPath, [path.join(__dirname, 'load.js'), file], { stdio: ['ignore', 'pipe', 'pipe'] });
    if (track) track.push(child);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    await new Promise((resolve) => child.on('exit', resolve));
    const m = /LOAD_RESULT (.*)/.exec(out);
    if (!m) throw new Error(`load generator failed for ${label}:\n${out.slice(-3000)}`);
    const r = JSON.parse(m[1]);
    const cpuAfter = cpuBefore === null ? null : processCpuSeconds(serverPid);
    // Share of one core the server used over warm-up and measurement: near 1 means the process is the limit.
    if (cpuBefore !== null && cpuAfter !== null) r.serverCores = (cpuAfter - cpuBefore) / (Number(process.hrtime.bigint() - wallBefore) / 1e9);
    if (profiler) log(`  CPU profile of the CMS process: ${await profiler.stop(label)}`);
    log(`  ${fmt(r.reqPerSec, 1)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}${r.errors ? `, socket errors ${r.errors}` : ''}${r.serverCores != null ? `, server CPU ${fmt(r.serverCores, 2)} cores` : ''}`);
    return r;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/**
 * The compiled CMS booted in this process (production mode, jobs off: a bench drives job bodies itself) on a
 * fresh database with the WeChat emulator, listening on a free port. `state` collects what `closeInProcess`
 * releases: { strapi, emulator, db, children }.
 */
async function startInProcessCms({ tag, log, distDir, state }) {
  state.db = await benchDatabase(tag);
  const { startWechatEmulator } = require('../tests/emulator');
  state.emulator = await startWechatEmulator({ port: 0 });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  Object.assign(process.env, cmsEnv({ db: state.db, emulator: state.emulator, port }));
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir: CMS_DIR, distDir }).load();
  state.strapi = strapi;
  strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(port, '127.0.0.1', resolve));
  log(`CMS on ${base}, database ${state.db.name} (MariaDB ${state.db.version})`);
  return { strapi, base, ts: state.db.ts, version: state.db.version };
}

async function closeInProcess(state, log) {
  for (const c of state.children ?? []) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  if (state.strapi) await Promise.race([state.strapi.destroy().catch(() => undefined), new Promise((r) => setTimeout(r, 15_000).unref())]);
  if (state.emulator) await state.emulator.close().catch(() => undefined);
  if (state.db) {
    await state.db.drop();
    log(`dropped database ${state.db.name} and its Redis keys`);
  }
}

/**
 * A hall open 24/7 with `seats` standard seats (20 to a row) and booking rules lifted so a load's bookings
 * mostly succeed (open-booking limit 50, 24 h quota, `horizonDays` ahead).
 */
async function benchHall(strapi, { name, seats, codePrefix, horizonDays = 30 }) {
  const paramRow = await strapi.db.query('api::parameter.parameter').findOne({});
  const paramData = { open_booking_limit: 50, daily_quota_hours: 24, booking_horizon_days: horizonDays };
  if (paramRow) await strapi.documents('api::parameter.parameter').update({ documentId: paramRow.documentId, data: paramData });
  else await strapi.documents('api::parameter.parameter').create({ data: paramData });
  const room = await strapi.documents('api::room.room').create({
    data: {
      name,
      kind: 'hall',
      state: 'open',
      opening_hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' })),
      prices: [{ seat_type: 'standard', price_per_hour_fen: 800 }],
      layout: { rows: Math.ceil(seats / 20), cols: 20, cells: [] },
    },
  });
  const seatRows = await inPool(4, Array.from({ length: seats }, (_, i) => i), (i) =>
    strapi.documents('api::seat.seat').create({ data: { label: `S${i + 1}`, type: 'standard', row: Math.floor(i / 20), col: i % 20, enabled: true, code: `${codePrefix}-${i}`, room: room.documentId } }),
  );
  return { room, seats: seatRows };
}

/** `n` members logged in through the emulator's WeChat login: [{ userId, auth }]. */
async function loginMembers(base, emulator, n, openidPrefix) {
  return inPool(8, Array.from({ length: n }, (_, i) => i), async (i) => {
    const code = emulator.issueCode({ openid: `${openidPrefix}_${i}` });
    const res = await fetch(`${base}/api/auth/wechat/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(body)}`);
    return { userId: body.user.id, auth: `Bearer ${body.jwt}` };
  });
}

/** Credits each member's wallet with `fen` (a staff adjustment, as the ledger records it). */
async function fundMembers(strapi, members, fen, refPrefix) {
  const wallet = strapi.plugin('payments').service('wallet');
  await inPool(4, members, (m) => wallet.credit({ userId: m.userId, principalFen: fen, bonusFen: 0, type: 'staff_adjustment', ref: { kind: 'bench', id: `${refPrefix}-${m.userId}` }, actor: { type: 'staff', id: null }, note: 'bench funding' }));
}

/**
 * Replaces one section of docs/benchmarks.md: the text between `<!-- key:start -->` and `<!-- key:end -->`
 * (the section carries its markers), or, for a section without markers, from its `## heading` to the next
 * heading. A new section goes before "What each measurement is" (or at the end).
 */
function writeSection({ key, heading }, section) {
  let doc = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const body = section.trimEnd();
  if (key) {
    const start = `<!-- ${key}:start -->`;
    const end = `<!-- ${key}:end -->`;
    const text = body.startsWith(start) ? body : `${start}\n${body}\n${end}`;
    const a = doc.indexOf(start);
    const b = doc.indexOf(end);
    if (a !== -1 && b > a) doc = doc.slice(0, a) + text + doc.slice(b + end.length);
    else doc = `${doc.trimEnd()}\n\n${text}\n`;
  } else {
    const a = doc.indexOf(heading);
    if (a !== -1) {
      const next = doc.indexOf('\n## ', a + 3);
      doc = doc.slice(0, a) + `${body}\n` + (next === -1 ? '' : `\n${doc.slice(next + 1)}`);
    } else {
      const anchor = doc.indexOf('## What each measurement is');
      doc = anchor === -1 ? `${doc.trimEnd()}\n\n${body}\n` : `${doc.slice(0, anchor)}${body}\n\n${doc.slice(anchor)}`;
    }
  }
  fs.writeFileSync(DOC, doc);
  return path.relative(ROOT, DOC);
}

module.exports = {
  ROOT,
  CMS_DIR,
  DOC,
  num,
  fmt,
  ratio,
  pctl,
  loadAverage,
  utcMinute,
  logger,
  freePort,
  inPool,
  rssKb,
  compileUnlessSkipped,
  deleteRedisKeys,
  benchDatabase,
  productionSecrets,
  cmsEnv,
  startChild,
  startCmsProcess,
  measureLoad,
  startInProcessCms,
  closeInProcess,
  benchHall,
  loginMembers,
  fundMembers,
  writeSection,
};
