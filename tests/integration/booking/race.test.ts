import { useCms, usingMariaDb, spawnSibling, type CmsProcess, createRoom, type Member, fundedMembers, iso, orphanClaims, overlappingBookings, setParameters, slotFromNow } from '../../support';

/**
 * 500 concurrent booking requests from 100 members for overlapping ranges of the same 3 seats. On
 * MariaDB they are spread over two CMS processes sharing the database; on SQLite one process.
 */
describe(`no double booking under a race (${usingMariaDb() ? 'MariaDB, two CMS processes' : 'SQLite, one process'})`, () => {
  // The emulator answers from this (busy) test process: a generous WeChat timeout keeps a slow prepay
  // answer from turning a would-be winner into a 502, which is not what this test is about.
  const RACE_ENV = { DATABASE_POOL_MAX: '30', WECHATPAY_TIMEOUT_MS: '60000' };
  const cms = useCms({ env: RACE_ENV });
  let sibling: CmsProcess | null = null;
  let seats: any[];
  let members: Member[];
  const FUNDS = 20_000;

  beforeAll(async () => {
    ({ seats } = await createRoom(cms, { seats: 3 }));
    await setParameters(cms, { open_booking_limit: 50, daily_quota_hours: 24 });
    members = await fundedMembers(cms, 100, FUNDS);
    if (usingMariaDb()) sibling = await spawnSibling(cms, RACE_ENV);
  });
  afterAll(async () => {
    await sibling?.stop();
  });

  it('produces zero overlaps, every loser gets SEAT_TAKEN, wallets equal their ledgers, no orphan holds', async () => {
    const base = slotFromNow(3);
    const HALF = 30 * 60_000;
    const requests = Array.from({ length: 500 }, (_, i) => {
      const member = members[i % members.length];
      const seat = seats[i % seats.length];
      const offset = (i * 7) % 16; // starts within an 8-hour band, 1–2 h long: heavy overlap
      const start = new Date(base.getTime() + offset * HALF);
      const end = new Date(start.getTime() + (2 + (i % 3)) * HALF);
      const url = sibling && i % 2 === 1 ? sibling.url : cms.url;
      return { url, member, body: { seat: seat.documentId, start: iso(start), end: iso(end), payWith: i % 5 === 0 ? 'wechat' : 'wallet' } };
    });

    const results = await Promise.all(
      requests.map(async (r) => {
        const res = await fetch(`${r.url}/api/booking/bookings`, {
          method: 'POST',
          headers: { ...r.member.auth, 'Content-Type': 'application/json' },
          body: JSON.stringify(r.body),
        });
        return { status: res.status, body: (await res.json()) as any };
      }),
    );

    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status !== 201);
    expect(won.length).toBeGreaterThan(0);
    expect(lost.length).toBeGreaterThan(0);
    for (const r of lost) {
      expect({ status: r.status, code: r.body.error?.details?.code, message: r.body.error?.message }).toMatchObject({ status: 409, code: 'SEAT_TAKEN' });
    }
    expect(await overlappingBookings(cms)).toEqual([]);
    expect(await orphanClaims(cms)).toBe(0);

    // Every winner's seat time is claimed exactly once: claims = sum of 15-min units of active bookings.
    const knex = cms.strapi.db.connection;
    const bt = cms.strapi.db.metadata.get('plugin::booking.booking').tableName;
    const ct = cms.strapi.db.metadata.get('plugin::booking.seat-claim').tableName;
    const active = await knex(bt).whereIn('status', ['pending_payment', 'confirmed']);
    const units = active.reduce((n: number, b: any) => n + (new Date(b.end_at).getTime() - new Date(b.start_at).getTime()) / (15 * 60_000), 0);
    const claimRow = await knex(ct).count({ n: '*' }).first();
    expect(Number(claimRow.n)).toBe(units);
    expect(active.length).toBe(won.length);

    // Money: each wallet equals its ledger, and equals its funds minus its confirmed wallet bookings.
    const walletService = cms.strapi.plugin('payments').service('wallet');
    for (const m of members) {
      const mine = active.filter((b: any) => Number(b.user_id) === m.id && b.pay_method === 'wallet');
      const spent = mine.reduce((n: number, b: any) => n + Number(b.total_fen), 0);
      const bal = await walletService.balance(m.id);
      expect(bal.balance_fen).toBe(FUNDS - spent);
    }
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { checkLedger } = require('../../../scripts/check-ledger');
    const report = await checkLedger(knex);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    console.log(`race: ${won.length} bookings won, ${lost.length} SEAT_TAKEN, 0 overlaps`);
  });
});
