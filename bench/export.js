'use strict';
/**
 * Export benchmark: a CSV export of 100,000 bookings streamed from the database, with the CMS process's
 * peak memory and the duration. Runs alone (`node bench/export.js`) and as the last step of `npm run bench`.
 *
 *   1. a fresh MariaDB database (BENCH_EXPORT_DB=sqlite for a temporary SQLite file instead) and a CMS
 *      child process on it (tests/support/serve-cms.js), demo data off, jobs off
 *   2. a super admin, one room with 40 seats (through the admin API), 2,000 members and BENCH_EXPORT_ROWS
 *      (100,000) bookings spread over 100 days, inserted with multi-row SQL
 *   3. GET /booking/exports/bookings for 10 days (~10 %) and for all 100 days, read as a stream by this
 *      process (never held in memory here); the child's RSS is sampled every 25 ms from /proc
 *   4. the figures go into the "CSV export" section of docs/benchmarks.md (between its markers)
 *   5. the child is stopped and the database dropped, also on failure
 *
 * Benchmarks report; they never fail on a time. Only 127.0.0.1 is contacted.
 */
const path = require('path');
const fs = require('fs');
const os = require('os');
const http = require('http');
const B = require('./lib');

const { ROOT, CMS_DIR: CMS, rssKb } = B;
const ROWS = Number(process.env.BENCH_EXPORT_ROWS) > 0 ? Number(process.env.BENCH_EXPORT_ROWS) : 100_000;
const DAYS = 100;
const MEMBERS = 2000;
const USE_SQLITE = process.env.BENCH_EXPORT_DB === 'sqlite';
// The CMS runs with a capped V8 heap by default (0 lifts the cap): an export that kept rows would fail.
const HEAP_MB = process.env.BENCH_EXPORT_MAX_OLD_SPACE_MB === '0' ? null : Number(process.env.BENCH_EXPORT_MAX_OLD_SPACE_MB) > 0 ? Number(process.env.BENCH_EXPORT_MAX_OLD_SPACE_MB) : 160;
const LOAD_BEFORE = os.loadavg()[0];
const START_MARK = '<!-- export-bench:start -->';
const END_MARK = '<!-- export-bench:end -->';

const log = B.logger('bench:export');

function request(port, method, urlPath, { token, body } = {}) {
  return new Promise((resolve, reject) => {
    const data = body ? Buffer.from(JSON.stringify(body)) : null;
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {}) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try {
          json = JSON.parse(text);
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode, json, text });
      });
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

/** Streams an export, counting bytes and lines; samples the CMS's RSS meanwhile. */
function streamExport(port, token, pid, from, to) {
  return new Promise((resolve, reject) => {
    const before = rssKb(pid);
    let peak = before;
    const timer = setInterval(() => {
      peak = Math.max(peak, rssKb(pid));
    }, 25);
    const started = process.hrtime.bigint();
    let bytes = 0;
    let lines = 0;
    let firstByteMs = null;
    const req = http.get({ host: '127.0.0.1', port, path: `/booking/exports/bookings?from=${from}&to=${to}`, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) {
        clearInterval(timer);
        reject(new Error(`export answered ${res.statusCode}`));
        return;
      }
      res.on('data', (c) => {
        if (firstByteMs === null) firstByteMs = Number(process.hrtime.bigint() - started) / 1e6;
        bytes += c.length;
        for (let i = 0; i < c.length; i += 1) if (c[i] === 10) lines += 1;
      });
      res.on('end', () => {
        clearInterval(timer);
        peak = Math.max(peak, rssKb(pid));
        resolve({ rows: lines - 1, bytes, ms: Number(process.hrtime.bigint() - started) / 1e6, firstByteMs, rssBeforeMb: before / 1024, rssPeakMb: peak / 1024 });
      });
    });
    req.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
  });
}

const cleanups = [];
async function cleanup() {
  while (cleanups.length) await cleanups.pop()().catch(() => undefined);
}

async function main() {
  if (process.env.BENCH_SKIP_BUILD !== 'true' && !process.env.BENCH_FROM_RUN) {
    log('compiling the server');
    require(path.join(ROOT, 'scripts', 'lib')).compileServer();
  }
  const dbName = `sr_export_${Date.now()}`;
  let dbEnv;
  let knex;
  const knexFactory = require(require.resolve('knex', { paths: [CMS, ROOT] }));
  if (USE_SQLITE) {
    const file = path.join(os.tmpdir(), `${dbName}.db`);
    dbEnv = { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file };
    cleanups.push(async () => ['', '-wal', '-shm'].forEach((s) => fs.rmSync(file + s, { force: true })));
  } else {
    const cfg = require(path.join(ROOT, 'tests', 'support', 'db-config')).adminConnection();
    const admin = knexFactory({ client: 'mysql2', connection: cfg });
    await admin.raw(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.destroy();
    cleanups.push(async () => {
      const a = knexFactory({ client: 'mysql2', connection: cfg });
      await a.raw(`DROP DATABASE IF EXISTS \`${dbName}\``);
      await a.destroy();
    });
    dbEnv = { DATABASE_CLIENT: 'mysql', DATABASE_HOST: cfg.host, DATABASE_PORT: String(cfg.port), DATABASE_USERNAME: cfg.user, DATABASE_PASSWORD: cfg.password, DATABASE_NAME: dbName };
  }

  const port = await B.freePort();
  log(`starting the CMS on ${USE_SQLITE ? 'SQLite' : `MariaDB (${dbName})`}`);
  const cms = B.startCmsProcess('the CMS', { ...process.env, ...dbEnv, PORT: String(port), NODE_ENV: 'test', SEED_DEMO_DATA: 'false', JOBS_ENABLED: 'false', STRAPI_TELEMETRY_DISABLED: 'true', LOG_LEVEL: 'warn', BROWSER: 'none', REDIS_URL: '' }, {
    nodeArgs: HEAP_MB ? [`--max-old-space-size=${HEAP_MB}`] : [],
    timeoutMs: 180_000,
  });
  cleanups.push(cms.stop);
  await cms.ready;
  const { child } = cms;
  const idleRss = rssKb(child.pid) / 1024;

  log('creating a super admin, a room and 40 seats');
  const reg = await request(port, 'POST', '/admin/register-admin', { body: { firstname: 'Bench', lastname: 'Admin', email: 'bench@studyroom.local', password: 'BenchPassw0rd!' } });
  const token = reg.json?.data?.token ?? reg.json?.data?.accessToken;
  if (!token) throw new Error(`admin registration failed: ${reg.status} ${reg.text.slice(0, 200)}`);
  const cm = (uid, data) => request(port, 'POST', `/content-manager/collection-types/${uid}`, { token, body: data });
  const room = await cm('api::room.room', { name: '压测自习室 Bench hall', kind: 'hall', state: 'open', layout: { rows: 4, cols: 10, cells: [] } });
  const roomDoc = room.json?.data?.documentId;
  if (!roomDoc) throw new Error(`room creation failed: ${room.status} ${room.text.slice(0, 200)}`);
  for (let i = 0; i < 40; i += 1) await cm('api::seat.seat', { label: `B${i + 1}`, type: 'standard', row: Math.floor(i / 10), col: i % 10, enabled: true, code: `BENCH-${i}`, room: { connect: [roomDoc] } });

  knex = knexFactory(USE_SQLITE ? { client: 'better-sqlite3', connection: { filename: dbEnv.DATABASE_FILENAME }, useNullAsDefault: true } : { client: 'mysql2', connection: { host: dbEnv.DATABASE_HOST, port: Number(dbEnv.DATABASE_PORT), user: dbEnv.DATABASE_USERNAME, password: dbEnv.DATABASE_PASSWORD, database: dbName } });
  cleanups.push(() => knex.destroy());
  const roomRow = await knex('rooms').where({ document_id: roomDoc }).first();
  const seats = await knex('seats').select('id').orderBy('id');

  log(`inserting ${MEMBERS} members and ${ROWS.toLocaleString('en-US')} bookings`);
  const now = new Date();
  const doc = (p, i) => `${p}${String(i).padStart(20, '0')}`.slice(0, 24);
  const users = Array.from({ length: MEMBERS }, (_, i) => ({ document_id: doc('u', i), username: `bench_${i}`, email: `bench${i}@members.invalid`, provider: 'wechat', confirmed: true, blocked: false, nickname: `会员${i}`, created_at: now, updated_at: now, published_at: now }));
  for (let i = 0; i < users.length; i += 500) await knex('up_users').insert(users.slice(i, i + 500));
  const firstUser = (await knex('up_users').min({ id: 'id' }).first()).id;
  const day0 = Date.UTC(2026, 0, 1) - 8 * 3600_000; // 2026-01-01 00:00 +08:00
  const statuses = ['completed', 'completed', 'completed', 'cancelled', 'no_show', 'confirmed', 'expired'];
  const batch = USE_SQLITE ? 400 : 2000;
  for (let i = 0; i < ROWS; i += batch) {
    const rows = [];
    for (let j = i; j < Math.min(ROWS, i + batch); j += 1) {
      const day = j % DAYS;
      const start = new Date(day0 + day * 86400_000 + (8 + (j % 12)) * 3600_000);
      const status = statuses[j % statuses.length];
      rows.push({
        document_id: doc('b', j),
        user_id: Number(firstUser) + (j % MEMBERS),
        room_id: roomRow.id,
        seat_id: seats[j % seats.length].id,
        start_at: start,
        end_at: new Date(start.getTime() + 2 * 3600_000),
        status,
        pay_method: 'wallet',
        base_fen: 1600,
        member_discount_fen: 80,
        coupon_discount_fen: 0,
        total_fen: 1520,
        refund_fen: status === 'cancelled' ? 1216 : 0,
        fee_fen: status === 'cancelled' ? 304 : 0,
        cancelled_at: status === 'cancelled' ? start : null,
        cancel_reason: status === 'cancelled' ? '临时有事' : null,
        checked_in_at: status === 'completed' ? start : null,
        created_at: now,
        updated_at: now,
        published_at: now,
      });
    }
    await knex('bookings').insert(rows);
  }

  const fromDate = '2026-01-01';
  const tenDays = '2026-01-10';
  const allDays = new Date(day0 + (DAYS - 1) * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);
  log('exporting 10 days, then all 100 days');
  const small = await streamExport(port, token, child.pid, fromDate, tenDays);
  const large = await streamExport(port, token, child.pid, fromDate, allDays);
  log(`10 days: ${small.rows} rows, ${(small.bytes / 1e6).toFixed(1)} MB in ${(small.ms / 1000).toFixed(2)} s, RSS ${small.rssBeforeMb.toFixed(0)} → peak ${small.rssPeakMb.toFixed(0)} MB`);
  log(`100 days: ${large.rows} rows, ${(large.bytes / 1e6).toFixed(1)} MB in ${(large.ms / 1000).toFixed(2)} s, RSS ${large.rssBeforeMb.toFixed(0)} → peak ${large.rssPeakMb.toFixed(0)} MB`);
  writeSection({ db: USE_SQLITE ? 'SQLite' : 'MariaDB 10.11', idleRss, small, large });
  log('wrote the CSV export section of docs/benchmarks.md');
}

function writeSection({ db, idleRss, small, large }) {
  const f = (n, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  const row = (label, r) => `| ${label} | ${f(r.rows)} | ${f(r.bytes / 1e6, 1)} MB | ${f(r.ms / 1000, 2)} s | ${f(r.rows / (r.ms / 1000))} rows/s | ${f(r.firstByteMs)} ms | ${f(r.rssBeforeMb)} MB | ${f(r.rssPeakMb)} MB | +${f(r.rssPeakMb - r.rssBeforeMb)} MB |`;
  const section = [
    START_MARK,
    '## CSV export (bounded memory)',
    '',
    `\`node bench/export.js\` (also the last step of \`npm run bench\`), ${new Date().toISOString().slice(0, 10)}, ${db}, ${os.cpus().length} cores, Node ${process.version}. ` +
      `${f(ROWS)} bookings over ${DAYS} days (${MEMBERS} members, one room of 40 seats) exported through \`GET /booking/exports/bookings\` by a super admin; ` +
      'the CMS runs in its own process, whose resident memory is sampled every 25 ms from `/proc` while this process reads the answer as a stream. ' +
      `Load average ${LOAD_BEFORE.toFixed(1)} when the run started: durations on a shared machine vary a lot, the memory figures much less.`,
    '',
    '| export | rows | CSV size | duration | throughput | first byte | RSS before | RSS peak | growth |',
    '|---|---|---|---|---|---|---|---|---|',
    row('10 days', small),
    row(`${DAYS} days`, large),
    '',
    `The CMS idles at about ${f(idleRss)} MB after boot${HEAP_MB ? `; this run limited its V8 old space to ${HEAP_MB} MB (\`BENCH_EXPORT_MAX_OLD_SPACE_MB\`), so an export that kept its rows in memory would have failed` : ''}. ` +
      'The export reads keyset pages of 1,000 rows (`WHERE id > last ORDER BY id LIMIT 1000`, joined to seats, rooms and members) and pipes them through csv-stringify to the socket, so at most one page is referenced at a time and the socket\'s backpressure paces the reads. ' +
      `RSS counts garbage V8 has not collected yet, so it grows with the work done between collections: ${f(large.rows / Math.max(1, small.rows), 0)}× the rows took ${f(large.ms / Math.max(1, small.ms), 1)}× the time and ${f((large.rssPeakMb - large.rssBeforeMb) / Math.max(0.1, small.rssPeakMb - small.rssBeforeMb), 1)}× the RSS growth. ` +
      'The first byte leaves after the first page. Ledger, refund-request and member exports use the same helper (`cms/src/platform/csv-export.ts`).',
    END_MARK,
  ].join('\n');
  B.writeSection({ key: 'export-bench' }, section);
}

module.exports = { START_MARK, END_MARK };

if (require.main === module) {
  process.on('SIGINT', () => cleanup().finally(() => process.exit(130)));
  process.on('SIGTERM', () => cleanup().finally(() => process.exit(130)));
  main()
    .then(() => cleanup())
    .then(() => {
      log('done');
      process.exit(0);
    })
    .catch(async (e) => {
      process.stderr.write(`\n✖ export bench failed: ${(e && e.stack) || e}\n`);
      await cleanup();
      process.exit(1);
    });
}
