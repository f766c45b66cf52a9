/**
 * What must hold after any fault, checked with SQL: no seat booked twice, every claim belongs to a booking
 * that still holds that seat time and every such booking is fully claimed, every wallet equals its ledger.
 */
import type { TestCms } from './cms';
import { orphanClaims, overlappingBookings } from './booking';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { checkLedger } = require('../../scripts/check-ledger');

const UNIT_MS = 15 * 60_000;
const SEAT_HOLDING = ['pending_payment', 'confirmed', 'checked_in'];

export async function consistencyReport(cms: TestCms) {
  const knex = cms.strapi.db.connection;
  const bt = cms.strapi.db.metadata.get('plugin::booking.booking').tableName;
  const ct = cms.strapi.db.metadata.get('plugin::booking.seat-claim').tableName;
  const holding = await knex(bt).whereIn('status', SEAT_HOLDING).select('id', 'start_at', 'end_at', 'released_at');
  const expectedUnits = holding.reduce((n: number, b: any) => n + Math.ceil((new Date(b.released_at ?? b.end_at).getTime() - new Date(b.start_at).getTime()) / UNIT_MS), 0);
  const claimRow = await knex(ct).whereIn('booking_id', holding.length ? holding.map((b: any) => b.id) : [0]).count({ n: '*' }).first();
  const ledger = await checkLedger(knex);
  return {
    overlaps: await overlappingBookings(cms),
    orphanClaims: await orphanClaims(cms),
    claimsOfHoldingBookings: Number(claimRow.n),
    expectedUnits,
    ledgerProblems: ledger.problems as unknown[],
  };
}

/** Asserts the report is clean (a failure shows the whole report). */
export async function expectConsistent(cms: TestCms) {
  const r = await consistencyReport(cms);
  expect(r).toEqual({ overlaps: [], orphanClaims: 0, claimsOfHoldingBookings: r.expectedUnits, expectedUnits: r.expectedUnits, ledgerProblems: [] });
  return r;
}
