import path from 'path';
import type { TestCms } from './cms';
import { DIST_DIR } from './cms';
import type { Member } from './members';

const SLOT = 30 * 60_000;

/** The product's clock (the same module instance the in-test CMS uses), to move time forward. */
export function productClock(): { now(): Date; advance(ms: number): void; set(at: Date): void; reset(): void; nowMs(): number } {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require(path.join(DIST_DIR, 'src', 'platform', 'clock')).clock;
}

/** A slot-aligned instant `hours` from now (rounded up to the next 30-minute boundary). */
export function slotFromNow(hours: number, base = productClock().nowMs()): Date {
  return new Date(Math.ceil((base + hours * 3600_000) / SLOT) * SLOT);
}

export function range(startHoursFromNow: number, lengthHours: number) {
  const start = slotFromNow(startHoursFromNow);
  return { start, end: new Date(start.getTime() + lengthHours * 3600_000) };
}

export const iso = (d: Date) => d.toISOString();

export async function balance(cms: TestCms, member: Member): Promise<number> {
  const res = await cms.api.get('/api/payments/wallet').set(member.auth);
  if (res.status !== 200) throw new Error(`wallet: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.balance_fen;
}

export async function setParameters(cms: TestCms, data: Record<string, unknown>) {
  const row = await cms.strapi.db.query('api::parameter.parameter').findOne({});
  await cms.strapi.documents('api::parameter.parameter').update({ documentId: row.documentId, data });
}

export function book(cms: TestCms, member: Member, body: Record<string, unknown>, key?: string) {
  const req = cms.api.post('/api/booking/bookings').set(member.auth);
  if (key) req.set('Idempotency-Key', key);
  return req.send(body);
}

/** Bookings of one seat whose seat time overlaps another's: must always be empty. */
export async function overlappingBookings(cms: TestCms): Promise<unknown[]> {
  const knex = cms.strapi.db.connection;
  const t = cms.strapi.db.metadata.get('plugin::booking.booking').tableName;
  const active = ['pending_payment', 'confirmed', 'checked_in', 'completed'];
  const rows = await knex(`${t} as a`)
    .join(`${t} as b`, function join() {
      this.on('a.seat_id', '=', 'b.seat_id').andOn('a.id', '<', 'b.id');
    })
    .whereIn('a.status', active)
    .whereIn('b.status', active)
    .whereRaw('a.start_at < COALESCE(b.released_at, b.end_at)')
    .whereRaw('b.start_at < COALESCE(a.released_at, a.end_at)')
    .select('a.id as a', 'b.id as b', 'a.seat_id as seat');
  return rows;
}

/**
 * Claims that no booking should hold any more (must be none): claims of missing, cancelled, expired or
 * no-show bookings, and claims of completed bookings at or after the time they released.
 */
export async function orphanClaims(cms: TestCms): Promise<number> {
  const knex = cms.strapi.db.connection;
  const claims = cms.strapi.db.metadata.get('plugin::booking.seat-claim').tableName;
  const bookings = cms.strapi.db.metadata.get('plugin::booking.booking').tableName;
  const rows = await knex(`${claims} as c`)
    .leftJoin(`${bookings} as b`, 'b.id', 'c.booking_id')
    .select('c.unit_no', 'b.id', 'b.status', 'b.released_at', 'b.end_at');
  return rows.filter((r: any) => {
    if (!r.id || ['cancelled', 'expired', 'no_show'].includes(r.status)) return true;
    if (r.status !== 'completed') return false;
    const releasedFrom = new Date(r.released_at ?? r.end_at).getTime();
    return Number(r.unit_no) * 15 * 60_000 >= releasedFrom;
  }).length;
}

/** Runs a scheduled job now, in this process's CMS, the way the scheduler would (lease and all). */
export async function runJob(name: string) {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { runtime } = require(path.join(DIST_DIR, 'src', 'platform', 'runtime'));
  return runtime().scheduler.runNow(name);
}
