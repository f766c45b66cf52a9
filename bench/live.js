'use strict';
/**
 * Live seat status under many sockets (issue 11): `node bench/live.js` (BENCH_SOCKETS=1000).
 *
 * One CMS process (compiled tree, fresh MariaDB database with the demo rooms, Redis pub/sub) and, in this
 * process, BENCH_SOCKETS WebSocket clients authenticated as 20 members and subscribed to one room-day.
 * It reports the server's memory per socket (process RSS and V8 heap used, from /api/metrics, before
 * and after opening the sockets) and, for BENCH_CHANGES committed changes (a hold, then its
 * cancellation, alternately), the time from sending the booking request to the last subscriber's
 * message (p50 / p99) – the commit lies between the request and its answer, so the booking's own answer
 * time is given too. It replaces the "Live seat status" section of docs/benchmarks.md. Only 127.0.0.1.
 */
const os = require('os');
const { DateTime } = require('luxon');
const WebSocket = require('ws');
const B = require('./lib');

const { num, fmt, pctl } = B;
const CFG = { sockets: num('BENCH_SOCKETS', 1000), changes: num('BENCH_CHANGES', 40), members: 20 };
const log = B.logger('bench:live');

async function main() {
  const cleanups = [];
  const sockets = [];
  let cms = null;
  const loadStart = B.loadAverage();
  try {
    B.compileUnlessSkipped(log);
    const db = await B.benchDatabase('live');
    cleanups.push(() => db.drop());
    const { ts } = db;
    const { startWechatEmulator } = require('../tests/emulator');
    const emulator = await startWechatEmulator({ port: 0 });
    cleanups.push(() => emulator.close());
    const port = await B.freePort();
    const token = require('crypto').randomBytes(16).toString('hex');
    log(`starting one CMS process (database ${db.name}, demo rooms)`);
    cms = B.startCmsProcess('CMS', B.cmsEnv({ db, emulator, port, extra: { SEED_DEMO_DATA: 'true', METRICS_TOKEN: token } }));
    await cms.ready;
    const base = cms.url;

    const call = async (method, p, { auth, body } = {}) => {
      const res = await fetch(`${base}${p}`, { method, headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body: body ? JSON.stringify(body) : undefined });
      const text = await res.text();
      return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text };
    };
    const members = [];
    for (let i = 0; i < CFG.members + 1; i += 1) {
      const code = emulator.issueCode({ openid: `o_live_${ts}_${i}` });
      const res = await call('POST', '/api/auth/wechat/login', { body: { code } });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
      members.push({ jwt: res.body.jwt, auth: `Bearer ${res.body.jwt}` });
    }
    const booker = members.pop();
    const rooms = (await call('GET', '/api/booking/rooms')).body.data;
    const hall = rooms.find((r) => r.kind === 'hall');
    const detail = (await call('GET', `/api/booking/rooms/${hall.id}`)).body.data;
    const seatIds = detail.layout.cells.filter((c) => c.seat && c.seat.enabled !== false).map((c) => c.seat.id);
    const day = DateTime.now().setZone('Asia/Shanghai').plus({ days: 2 }).startOf('day');
    const date = day.toISODate();

    const metrics = async () => {
      const text = (await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text()));
      const v = (name) => Number((new RegExp(`^${name} (\\S+)$`, 'm').exec(text) || [])[1]);
      return { rss: v('process_resident_memory_bytes'), heap: v('nodejs_heap_size_used_bytes'), open: v('live_sockets_open') };
    };
    await new Promise((r) => setTimeout(r, 2000));
    const before = await metrics();

    log(`opening ${CFG.sockets} sockets (auth + subscribe ${hall.id} ${date})`);
    const received = new Map(); // version → count of subscribers that got it, and when the last did
    let opened = 0;
    for (let i = 0; i < CFG.sockets; i += 1) {
      const ws = new WebSocket(`${base.replace('http', 'ws')}/api/live`);
      sockets.push(ws);
      ws.on('message', (data) => {
        const m = JSON.parse(data.toString());
        if (m.type === 'subscribed') opened += 1;
        if (m.type !== 'seats') return;
        const r = received.get(m.version) || { n: 0, last: 0 };
        r.n += 1;
        r.last = Date.now();
        received.set(m.version, r);
      });
      ws.on('open', () => {
        ws.send(JSON.stringify({ type: 'auth', token: members[i % members.length].jwt }));
        ws.send(JSON.stringify({ type: 'subscribe', room: hall.id, date }));
      });
      ws.on('error', () => undefined);
      if (i % 50 === 49) await new Promise((r) => setTimeout(r, 50));
    }
    for (let i = 0; i < 600 && opened < CFG.sockets; i += 1) await new Promise((r) => setTimeout(r, 100));
    if (opened < CFG.sockets) throw new Error(`only ${opened} of ${CFG.sockets} sockets subscribed`);
    await new Promise((r) => setTimeout(r, 2000));
    const after = await metrics();
    log(`${opened} sockets subscribed; server RSS ${fmt(before.rss / 2 ** 20, 1)} → ${fmt(after.rss / 2 ** 20, 1)} MiB, heap ${fmt(before.heap / 2 ** 20, 1)} → ${fmt(after.heap / 2 ** 20, 1)} MiB`);

    const toLast = [];
    const answers = [];
    let missing = 0;
    for (let i = 0; i < CFG.changes; i += 2) {
      const seat = seatIds[(i / 2) % seatIds.length];
      const start = day.plus({ hours: 10 + ((i / 2) % 10) });
      const sent = Date.now();
      const res = await call('POST', '/api/booking/bookings', { auth: booker.auth, body: { seat, start: start.toISO(), end: start.plus({ hours: 1 }).toISO(), payWith: 'wechat' } });
      if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${JSON.stringify(res.body)}`);
      answers.push(Date.now() - sent);
      for (const [label, act] of [['hold', null], ['cancel', res.body.data.id]]) {
        let t0 = sent;
        if (act) {
          t0 = Date.now();
          const c = await call('POST', `/api/booking/bookings/${act}/cancel`, { auth: booker.auth, body: {} });
          if (c.status !== 200) throw new Error(`cancel failed: ${c.status} ${JSON.stringify(c.body)}`);
          answers.push(Date.now() - t0);
        }
        // Wait until every socket has the push of the newest version.
        const newest = () => Math.max(...received.keys());
        let waited = 0;
        while (waited < 5000) {
          const v = received.size ? newest() : null;
          const r = v === null ? null : received.get(v);
          if (r && r.n >= CFG.sockets && r.last >= t0) break;
          await new Promise((ok) => setTimeout(ok, 5));
          waited += 5;
        }
        const r = received.get(newest());
        if (!r || r.n < CFG.sockets) missing += 1;
        else toLast.push(r.last - t0);
        void label;
      }
    }
    log(`request → last of ${CFG.sockets} subscribers: p50 ${pctl(toLast, 50)} ms, p99 ${pctl(toLast, 99)} ms over ${toLast.length} changes (${missing} incomplete); booking/cancel answer p50 ${pctl(answers, 50)} ms`);
    const loadAfter = B.loadAverage();

    const perSocket = (a, b) => (after[a] - before[a]) / CFG.sockets / 1024;
    const t = [];
    t.push('## Live seat status');
    t.push('');
    t.push(`Measured on its own by \`node bench/live.js\` on ${B.utcMinute()} (${os.cpus().length} cores, Node ${process.version}, MariaDB and Redis on 127.0.0.1); load average (1/5/15 min) at its start ${loadStart}, at its end ${loadAfter}. One CMS process with Redis pub/sub; ${fmt(CFG.sockets)} WebSocket clients in the bench process (${CFG.members} members), all subscribed to one room-day of the demo hall.`);
    t.push('');
    t.push('| measurement | value |');
    t.push('|---|--:|');
    t.push(`| sockets open and subscribed | ${fmt(opened)} (server's \`live_sockets_open\`: ${fmt(after.open)}) |`);
    t.push(`| server RSS before → after | ${fmt(before.rss / 2 ** 20, 1)} → ${fmt(after.rss / 2 ** 20, 1)} MiB |`);
    t.push(`| server V8 heap used before → after | ${fmt(before.heap / 2 ** 20, 1)} → ${fmt(after.heap / 2 ** 20, 1)} MiB |`);
    t.push(`| memory per socket (RSS / heap difference ÷ sockets) | ${fmt(perSocket('rss'), 1)} KiB / ${fmt(perSocket('heap'), 1)} KiB |`);
    t.push(`| committed changes pushed (${CFG.changes / 2} holds + their cancellations) | ${fmt(toLast.length + missing)} (${missing} did not reach every socket within 5 s) |`);
    t.push(`| request sent → last of ${fmt(CFG.sockets)} subscribers has the push, p50 / p99 | ${fmt(pctl(toLast, 50))} / ${fmt(pctl(toLast, 99))} ms |`);
    t.push(`| the booking / cancellation request's own answer, p50 / p99 | ${fmt(pctl(answers, 50))} / ${fmt(pctl(answers, 99))} ms |`);
    t.push('');
    if (os.loadavg()[0] > os.cpus().length) t.push(`The load average during this run was far above the ${os.cpus().length} cores (other work on the machine): the times mostly measure waiting for a CPU and are upper bounds; the memory figures do not depend on it.`, '');
    t.push('The commit happens inside the request, before its answer (the push is published after the commit, before the answer is sent), so commit → last subscriber is at most the request → last subscriber figure and at least that minus the answer time. The heap figure is a difference of two samples without a forced GC: read it as an order of magnitude.');
    t.push('');
    log(`wrote the "Live seat status" section of ${B.writeSection({ key: 'live-bench' }, t.join('\n'))}`);
  } finally {
    for (const ws of sockets) ws.terminate();
    if (cms) await cms.stop();
    for (const fn of cleanups.reverse()) await Promise.resolve().then(fn).catch((e) => log(`cleanup: ${e.message}`));
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`✖ ${e && e.stack ? e.stack : e}\n`);
    process.exit(1);
  },
);
