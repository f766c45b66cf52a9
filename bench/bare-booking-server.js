'use strict';
/**
 * Baseline for the booking benchmark: the same booking transaction as the booking plugin's core,
 * written as directly as possible – bare Koa (no middleware) and mysql2/promise, no ORM, no validation
 * library, no auth. It runs in its own process, on its own tables (bare_*) in the benchmark database.
 *
 *   GET  /ping  -> {"pong":true}                                   (the floor of bare Koa)
 *   POST /book  {userId, seatId, start, end}                        (ISO instants, 15-minute grid)
 *     BEGIN
 *       INSERT bare_bookings
 *       INSERT bare_seat_claims (one row per 15-minute unit, ascending, one statement)
 *            -- UNIQUE (seat_id, unit_no): duplicate key -> ROLLBACK, 409 SEAT_TAKEN
 *       UPDATE bare_wallets SET balance_fen = balance_fen - ? WHERE user_id = ? AND balance_fen >= ?
 *            -- no row -> ROLLBACK, 402 INSUFFICIENT_BALANCE
 *       INSERT bare_ledger
 *     COMMIT
 *   A deadlock / lock-wait timeout retries the whole transaction (up to 5 attempts), as the plugin does.
 *
 * Environment: PORT, BARE_DB_NAME, BARE_USERS (wallets 1..N are created), BARE_POOL (default 20, the
 * CMS's DATABASE_POOL_MAX), BARE_DB_HOST/PORT/USER/PASSWORD (default 127.0.0.1:3306 root, empty).
 * Prints "BARE_READY <port>" when listening.
 */
const Koa = require('koa');
const mysql = require('mysql2/promise');

const UNIT_MS = 15 * 60_000;
const PRICE_PER_HOUR_FEN = 800;
const MAX_ATTEMPTS = 5;

const pool = mysql.createPool({
  host: process.env.BARE_DB_HOST || '127.0.0.1',
  port: Number(process.env.BARE_DB_PORT || 3306),
  user: process.env.BARE_DB_USER || 'root',
  password: process.env.BARE_DB_PASSWORD || '',
  database: process.env.BARE_DB_NAME,
  connectionLimit: Number(process.env.BARE_POOL || 20),
  timezone: 'Z',
});

async function createSchema() {
  await pool.query(`CREATE TABLE IF NOT EXISTS bare_bookings (
    id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    user_id INT NOT NULL, seat_id INT NOT NULL,
    start_at DATETIME(3) NOT NULL, end_at DATETIME(3) NOT NULL,
    status VARCHAR(20) NOT NULL, total_fen INT NOT NULL,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    KEY bare_bookings_seat_time (seat_id, start_at)
  ) ENGINE=InnoDB`);
  await pool.query(`CREATE TABLE IF NOT EXISTS bare_seat_claims (
    seat_id INT NOT NULL, unit_no BIGINT NOT NULL, booking_id INT UNSIGNED NOT NULL,
    UNIQUE KEY bare_claims_seat_unit (seat_id, unit_no), KEY bare_claims_booking (booking_id)
  ) ENGINE=InnoDB`);
  await pool.query(`CREATE TABLE IF NOT EXISTS bare_wallets (
    user_id INT NOT NULL PRIMARY KEY, balance_fen BIGINT NOT NULL
  ) ENGINE=InnoDB`);
  await pool.query(`CREATE TABLE IF NOT EXISTS bare_ledger (
    id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    user_id INT NOT NULL, type VARCHAR(30) NOT NULL, amount_fen BIGINT NOT NULL, balance_after_fen BIGINT NOT NULL,
    ref_kind VARCHAR(20) NOT NULL, ref_id VARCHAR(40) NOT NULL,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    KEY bare_ledger_user (user_id)
  ) ENGINE=InnoDB`);
  const users = Number(process.env.BARE_USERS || 200);
  const rows = [];
  for (let u = 1; u <= users; u += 1) rows.push([u, 10_000_000]);
  await pool.query('INSERT IGNORE INTO bare_wallets (user_id, balance_fen) VALUES ?', [rows]);
}

class HttpError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new HttpError(400, 'VALIDATION', 'body must be JSON'));
      }
    });
    req.on('error', reject);
  });
}

function parseBooking(body) {
  const userId = Number(body && body.userId);
  const seatId = Number(body && body.seatId);
  const start = new Date(body && body.start);
  const end = new Date(body && body.end);
  if (!Number.isInteger(userId) || userId <= 0 || !Number.isInteger(seatId) || seatId <= 0) throw new HttpError(400, 'VALIDATION', 'userId and seatId must be positive integers');
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start) throw new HttpError(400, 'VALIDATION', 'start/end must be instants, end after start');
  if (start.getTime() % UNIT_MS || end.getTime() % UNIT_MS) throw new HttpError(400, 'VALIDATION', 'start/end must be on the 15-minute grid');
  return { userId, seatId, start, end };
}

const isDuplicate = (e) => e && (e.code === 'ER_DUP_ENTRY' || e.errno === 1062);
const isRetryable = (e) => e && (e.code === 'ER_LOCK_DEADLOCK' || e.errno === 1213 || e.code === 'ER_LOCK_WAIT_TIMEOUT' || e.errno === 1205);

async function bookOnce({ userId, seatId, start, end }) {
  const minutes = (end - start) / 60_000;
  const totalFen = Math.round((PRICE_PER_HOUR_FEN * minutes) / 60);
  const conn = await pool.getConnection();
  try {
    await conn.query('BEGIN');
    try {
      const [ins] = await conn.query('INSERT INTO bare_bookings (user_id, seat_id, start_at, end_at, status, total_fen) VALUES (?, ?, ?, ?, ?, ?)', [userId, seatId, start, end, 'confirmed', totalFen]);
      const bookingId = ins.insertId;
      const claims = [];
      for (let u = start.getTime() / UNIT_MS; u < end.getTime() / UNIT_MS; u += 1) claims.push([seatId, u, bookingId]);
      try {
        await conn.query('INSERT INTO bare_seat_claims (seat_id, unit_no, booking_id) VALUES ?', [claims]);
      } catch (e) {
        if (isDuplicate(e)) throw new HttpError(409, 'SEAT_TAKEN', 'seat already held or booked for part of this time');
        throw e;
      }
      const [upd] = await conn.query('UPDATE bare_wallets SET balance_fen = balance_fen - ? WHERE user_id = ? AND balance_fen >= ?', [totalFen, userId, totalFen]);
      if (upd.affectedRows !== 1) throw new HttpError(402, 'INSUFFICIENT_BALANCE', 'wallet balance too low');
      await conn.query(
        'INSERT INTO bare_ledger (user_id, type, amount_fen, balance_after_fen, ref_kind, ref_id) SELECT user_id, ?, ?, balance_fen, ?, ? FROM bare_wallets WHERE user_id = ?',
        ['booking_payment', -totalFen, 'booking', String(bookingId), userId],
      );
      await conn.query('COMMIT');
      return { id: bookingId, userId, seatId, start: start.toISOString(), end: end.toISOString(), status: 'confirmed', total_fen: totalFen };
    } catch (e) {
      await conn.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  } finally {
    conn.release();
  }
}

async function book(input) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await bookOnce(input);
    } catch (e) {
      if (attempt < MAX_ATTEMPTS && isRetryable(e)) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
        continue;
      }
      throw e;
    }
  }
}

const app = new Koa();
app.use(async (ctx) => {
  try {
    if (ctx.method === 'GET' && ctx.path === '/ping') {
      ctx.body = { pong: true };
      return;
    }
    if (ctx.method === 'POST' && ctx.path === '/book') {
      const booking = await book(parseBooking(await readJson(ctx.req)));
      ctx.status = 201;
      ctx.body = { data: booking };
      return;
    }
    ctx.status = 404;
    ctx.body = { error: { status: 404, code: 'NOT_FOUND' } };
  } catch (e) {
    if (e instanceof HttpError) {
      ctx.status = e.status;
      ctx.body = { data: null, error: { status: e.status, name: e.code, message: e.message, details: { code: e.code } } };
    } else {
      ctx.status = 500;
      ctx.body = { data: null, error: { status: 500, message: String((e && e.message) || e) } };
    }
  }
});

(async () => {
  await createSchema();
  const server = app.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
    process.stdout.write(`BARE_READY ${server.address().port}\n`);
  });
  const stop = () => server.close(() => pool.end().finally(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
})().catch((e) => {
  process.stderr.write(`BARE_FAILED ${(e && e.stack) || e}\n`);
  process.exit(1);
});
