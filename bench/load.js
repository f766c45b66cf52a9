'use strict';
/**
 * One load measurement, run as its own process so the load generator does not share an event loop
 * with the server under test: `node bench/load.js <spec.json>`. It runs a short warm-up, then the
 * measurement, and prints one line `LOAD_RESULT <json>`.
 *
 * spec = {
 *   url, connections, seconds, warmupSeconds,
 *   kind: 'get' | 'book',
 *   // get: fixed path, a random caller per request (auths may be empty), a response header to tally
 *   path, auths: ['Bearer …'], countHeader: 'x-availability-source',
 *   // book: random caller, random seat, random slot-aligned start, fixed length
 *   body: 'strapi' | 'bare', members: [{ auth, userId }], seats: [...], warmupSeats: [...],
 *   starts: [epochMs…], lengthMs
 * }
 */
const fs = require('fs');
const autocannon = require('autocannon');

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
let keySeq = 0;
const pick = (list) => list[Math.floor(Math.random() * list.length)];

function tally() {
  return { headers: {}, codes: {} };
}

function requestsFor(seats, t) {
  if (spec.kind === 'get') {
    return [
      {
        method: 'GET',
        path: spec.path,
        setupRequest(req) {
          req.headers = spec.auths && spec.auths.length ? { authorization: pick(spec.auths) } : {};
          return req;
        },
        onResponse(status, _body, _ctx, headers) {
          if (!spec.countHeader) return;
          const want = spec.countHeader.toLowerCase();
          const key = Object.keys(headers).find((k) => k.toLowerCase() === want);
          const v = key ? String(headers[key]) : '(none)';
          t.headers[v] = (t.headers[v] || 0) + 1;
        },
      },
    ];
  }
  return [
    {
      method: 'POST',
      path: spec.path,
      setupRequest(req) {
        const m = pick(spec.members);
        const start = pick(spec.starts);
        const seat = pick(seats);
        const range = { start: new Date(start).toISOString(), end: new Date(start + spec.lengthMs).toISOString() };
        req.headers = { 'content-type': 'application/json' };
        // The mini program sends a fresh Idempotency-Key with every booking (API.md); so does the load.
        if (m.auth) Object.assign(req.headers, { authorization: m.auth, 'idempotency-key': `bench-${process.pid}-${++keySeq}-${Math.random().toString(36).slice(2, 8)}` });
        req.body = JSON.stringify(spec.body === 'bare' ? { userId: m.userId, seatId: seat, ...range } : { seat, ...range, payWith: 'wallet' });
        return req;
      },
      onResponse(status, body) {
        if (status < 400) return;
        let code = '(unparsed)';
        try {
          const e = JSON.parse(body).error;
          code = (e && ((e.details && e.details.code) || e.name)) || '(none)';
        } catch {
          /* keep (unparsed) */
        }
        const k = `${status} ${code}`;
        t.codes[k] = (t.codes[k] || 0) + 1;
      },
    },
  ];
}

function run(seconds, seats) {
  const t = tally();
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: seconds,
        requests: requestsFor(seats, t),
      },
      (err, result) => (err ? reject(err) : resolve({ result, t })),
    );
  });
}

(async () => {
  const seats = spec.seats || [];
  if (spec.warmupSeconds > 0) await run(spec.warmupSeconds, spec.warmupSeats || seats);
  const { result: r, t } = await run(spec.seconds, seats);
  const statusCodes = {};
  for (const [code, v] of Object.entries(r.statusCodeStats || {})) statusCodes[code] = Number(v.count);
  const total = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  const ok = Object.entries(statusCodes).filter(([c]) => c >= 200 && c < 300).reduce((a, [, n]) => a + n, 0);
  const out = {
    seconds: r.duration,
    total,
    ok,
    reqPerSec: total / r.duration,
    okPerSec: ok / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
    errorCodes: t.codes,
    headers: t.headers,
  };
  process.stdout.write(`LOAD_RESULT ${JSON.stringify(out)}\n`);
})().catch((e) => {
  process.stderr.write(`LOAD_FAILED ${(e && e.stack) || e}\n`);
  process.exit(1);
});
