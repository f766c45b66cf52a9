/**
 * A CMS process killed with SIGKILL in the middle of a 500-request booking race (issue 9, item 11), on
 * MariaDB + Redis with both processes serving. Members whose request died with the process retry it on
 * the survivor with the same Idempotency-Key, as the mini program does. Afterwards, and once the jobs
 * have run: no seat booked twice, no orphan claim, no stale hold, every wallet equal to its ledger,
 * every acknowledged booking in the database and no booking nobody was told about.
 */
import { startCms, usingMariaDb, type TestCms } from '../../support/cms';
import { spawnSibling, type CmsProcess } from '../../support/cms-process';
import { createRoom } from '../../support/fixtures';
import type { Member } from '../../support/members';
import { iso, productClock, runJob, setParameters, slotFromNow } from '../../support/booking';
import { fundedMembers } from '../../support/money';
import { expectConsistent } from '../../support/consistency';

const maybe = usingMariaDb() ? describe : describe.skip;

maybe('a CMS process killed mid-race', () => {
  let cms: TestCms;
  let victim: CmsProcess;
  let seats: any[];
  let members: Member[];
  const FUNDS = 20_000;

  beforeAll(async () => {
    // The emulator answers from this busy test process; a generous WeChat timeout keeps slow prepay
    // answers from muddying a test about a killed process.
    cms = await startCms({ env: { DATABASE_POOL_MAX: '30', WECHATPAY_TIMEOUT_MS: '60000' } });
    ({ seats } = await createRoom(cms, { seats: 3 }));
    await setParameters(cms, { open_booking_limit: 50, daily_quota_hours: 24 });
    members = await fundedMembers(cms, 100, FUNDS);
    victim = await spawnSibling(cms, { DATABASE_POOL_MAX: '30', WECHATPAY_TIMEOUT_MS: '60000' });
  }, 300_000);
  afterEach(() => productClock().reset());
  afterAll(async () => {
    await victim?.stop();
    await cms?.close();
  });

  it('loses no acknowledged booking, duplicates none, and leaves seats, claims and wallets consistent', async () => {
    const base = slotFromNow(3);
    const HALF = 30 * 60_000;
    const requests = Array.from({ length: 500 }, (_, i) => {
      const start = new Date(base.getTime() + ((i * 7) % 16) * HALF);
      const end = new Date(start.getTime() + (2 + (i % 3)) * HALF);
      return {
        member: members[i % members.length],
        key: `kill-race-${i}`,
        body: { seat: seats[i % seats.length].documentId, start: iso(start), end: iso(end), payWith: i % 5 === 0 ? 'wechat' : 'wallet' },
        toVictim: i % 2 === 1,
      };
    });
    const send = async (url: string, r: (typeof requests)[number]) => {
      const res = await fetch(`${url}/api/booking/bookings`, {
        method: 'POST',
        headers: { ...r.member.auth, 'Content-Type': 'application/json', 'Idempotency-Key': r.key },
        body: JSON.stringify(r.body),
      });
      return { status: res.status, body: (await res.json()) as any };
    };

    // The victim dies once a fifth of its share has been answered, with the rest in flight or queued.
    let victimAnswers = 0;
    let killedAt = -1;
    const results = await Promise.all(
      requests.map(async (r) => {
        if (!r.toVictim) return { r, first: await send(cms.url, r) };
        try {
          const first = await send(victim.url, r);
          victimAnswers += 1;
          if (victimAnswers === 50 && killedAt < 0) {
            killedAt = victimAnswers;
            victim.child.kill('SIGKILL');
          }
          return { r, first };
        } catch {
          return { r, first: null }; // the connection died with the process: no answer
        }
      }),
    );
    expect(killedAt).toBe(50);
    const unanswered = results.filter((x) => x.first === null);
    expect(unanswered.length).toBeGreaterThan(0);

    // Members retry what got no answer, on the survivor, with the same key.
    const final = await Promise.all(results.map(async (x) => ({ ...x, answer: x.first ?? (await send(cms.url, x.r)) })));
    for (const x of final) {
      const code = x.answer.body?.error?.details?.code;
      expect([200, 201, 409].includes(x.answer.status) ? 'answered' : `${x.answer.status} ${code}`).toBe('answered');
      if (x.answer.status === 409) expect(code).toBe('SEAT_TAKEN');
    }
    const acknowledged = new Set(final.filter((x) => x.answer.status < 300).map((x) => x.answer.body.data.id as string));
    const replays = final.filter((x) => x.first === null && x.answer.status === 200).length;

    // Every acknowledged booking exists; no booking exists that no member was told about.
    const knex = cms.strapi.db.connection;
    const bt = cms.strapi.db.metadata.get('plugin::booking.booking').tableName;
    const rows = await knex(bt).select('document_id', 'status', 'user_id', 'pay_method', 'total_fen');
    expect(new Set(rows.map((b: any) => b.document_id))).toEqual(acknowledged);

    // The jobs run (holds of the race, from both processes, time out): no stale hold, nothing left inconsistent.
    productClock().advance(16 * 60_000);
    expect((await runJob('booking.release-expired-holds')).ran).toBe(true);
    const stale = await knex(bt).where('status', 'pending_payment').where('hold_expires_at', '<', productClock().now()).count({ n: '*' }).first();
    expect(Number(stale.n)).toBe(0);
    await expectConsistent(cms);

    // Each wallet: its funds minus its confirmed wallet bookings.
    const after = await knex(bt).select('user_id', 'status', 'pay_method', 'total_fen');
    const wallet = cms.strapi.plugin('payments').service('wallet');
    for (const m of members) {
      const spent = after.filter((b: any) => Number(b.user_id) === m.id && b.pay_method === 'wallet' && b.status === 'confirmed').reduce((n: number, b: any) => n + Number(b.total_fen), 0);
      expect((await wallet.balance(m.id)).balance_fen).toBe(FUNDS - spent);
    }
    console.log(`kill mid-race: ${acknowledged.size} bookings acknowledged, ${unanswered.length} requests died with the process, ${replays} of their retries replayed a committed booking`);
  }, 240_000);
});
