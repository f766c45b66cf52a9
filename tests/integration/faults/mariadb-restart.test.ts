/**
 * MariaDB restarted mid-run (issue 9, item 11): a private `mariadbd` of this test (never the shared one)
 * crashes with SIGKILL while two CMS processes take bookings, then starts again on the same data. The
 * processes recover without a restart: /api/health says 503 while it is down and 200 once it is back;
 * every request meanwhile answers 201 or 503 SERVICE_UNAVAILABLE, never a bare 500; and no request
 * leaves a partial write (wallet = ledger, claims = seat-holding bookings, no acknowledged booking lost).
 */
import { startCms, usingMariaDb, type TestCms } from '../../support/cms';
import { spawnSibling, type CmsProcess } from '../../support/cms-process';
import { createRoom } from '../../support/fixtures';
import type { Member } from '../../support/members';
import { iso, setParameters, slotFromNow } from '../../support/booking';
import { fundedMembers } from '../../support/money';
import { expectConsistent } from '../../support/consistency';
import { privateMariaDbAvailable, startPrivateMariaDb, type PrivateServer } from '../../support/private-services';

const maybe = usingMariaDb() && privateMariaDbAvailable() ? describe : describe.skip;

maybe('MariaDB restarted under two CMS processes', () => {
  let db: PrivateServer;
  let cms: TestCms;
  let sibling: CmsProcess;
  let seats: any[];
  let members: Member[];
  const saved = { host: process.env.TEST_MYSQL_HOST, port: process.env.TEST_MYSQL_PORT };

  beforeAll(async () => {
    db = await startPrivateMariaDb();
    // The test's database is created on the private server (support/db-config reads these).
    process.env.TEST_MYSQL_HOST = db.host;
    process.env.TEST_MYSQL_PORT = String(db.port);
    cms = await startCms({ env: { DATABASE_CONNECTION_TIMEOUT: '3000' } });
    sibling = await spawnSibling(cms);
    ({ seats } = await createRoom(cms, { seats: 10 }));
    await setParameters(cms, { open_booking_limit: 50, daily_quota_hours: 24 });
    members = await fundedMembers(cms, 10, 1_000_000);
  }, 300_000);
  afterAll(async () => {
    await db?.start().catch(() => undefined);
    await sibling?.stop();
    await cms?.close();
    await db?.close();
    process.env.TEST_MYSQL_HOST = saved.host;
    process.env.TEST_MYSQL_PORT = saved.port;
    if (saved.host === undefined) delete process.env.TEST_MYSQL_HOST;
    if (saved.port === undefined) delete process.env.TEST_MYSQL_PORT;
  });

  const health = async (url: string) => {
    try {
      return (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) })).status;
    } catch {
      return 0;
    }
  };

  it('health goes 503 then 200 on both processes, with no partial write and no restart', async () => {
    const processes = [cms.url, sibling.url];
    const first = slotFromNow(3);
    let n = 0;
    const answers: { i: number; status: number; code?: string; id?: string }[] = [];
    const request = async (i: number, url: string) => {
      const start = new Date(first.getTime() + Math.floor(i / seats.length) * 3600_000);
      const res = await fetch(`${url}/api/booking/bookings`, {
        method: 'POST',
        headers: { ...members[i % members.length].auth, 'Content-Type': 'application/json', 'Idempotency-Key': `restart-${i}` },
        body: JSON.stringify({ seat: seats[i % seats.length].documentId, start: iso(start), end: iso(new Date(start.getTime() + 3600_000)), payWith: 'wallet' }),
      });
      const body = (await res.json()) as any;
      return { i, status: res.status, code: body?.error?.details?.code as string | undefined, id: body?.data?.id as string | undefined };
    };
    // A steady stream of wallet bookings, each on its own seat-hour, alternating between the processes.
    let running = true;
    const stream = (async () => {
      while (running) {
        const i = n++;
        answers.push(await request(i, processes[i % 2]));
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    await new Promise((r) => setTimeout(r, 2000));
    const beforeCrash = answers.length;
    await db.kill();
    const downSince = Date.now();
    const downHealth: number[] = [];
    for (const url of processes) {
      let status = 0;
      for (let i = 0; i < 50 && status !== 503; i += 1) status = await health(url);
      downHealth.push(status);
    }
    await new Promise((r) => setTimeout(r, Math.max(0, 3000 - (Date.now() - downSince))));
    await db.start();
    const upAt = Date.now();
    const recovery: number[] = [];
    for (const url of processes) {
      let status = 0;
      while (status !== 200 && Date.now() - upAt < 30_000) {
        status = await health(url);
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(200);
      recovery.push(Date.now() - upAt);
    }
    const atRecovery = answers.length;
    await new Promise((r) => setTimeout(r, 2000));
    running = false;
    await stream;

    expect(downHealth).toEqual([503, 503]);
    const unexpected = answers.filter((a) => a.status !== 201 && !(a.status === 503 && a.code === 'SERVICE_UNAVAILABLE'));
    expect(unexpected).toEqual([]);
    expect(answers.slice(0, beforeCrash).every((a) => a.status === 201)).toBe(true);
    expect(answers.filter((a) => a.status === 503).length).toBeGreaterThan(0);
    // Bookings succeed again on both processes after the restart, without restarting the CMS.
    const afterRecovery = answers.slice(atRecovery);
    expect(afterRecovery.length).toBeGreaterThan(2);
    expect(afterRecovery.every((a) => a.status === 201)).toBe(true);

    // Members retry what was refused with 503, with the same key: a booking whose commit reached the disk
    // just before the crash is replayed (200), the others are made now (201).
    const retried = await Promise.all(answers.filter((a) => a.status === 503).map((a) => request(a.i, cms.url)));
    expect(retried.filter((a) => a.status !== 200 && a.status !== 201)).toEqual([]);
    const acknowledged = [...answers.filter((a) => a.status === 201), ...retried].map((a) => a.id);

    // No partial write: every acknowledged booking is there, and only those; claims and wallets agree.
    const knex = cms.strapi.db.connection;
    const bt = cms.strapi.db.metadata.get('plugin::booking.booking').tableName;
    const ids = (await knex(bt).select('document_id')).map((b: any) => b.document_id);
    expect(new Set(ids)).toEqual(new Set(acknowledged));
    await expectConsistent(cms);
    console.log(`MariaDB restart: ${answers.length} requests, ${answers.filter((a) => a.status === 503).length} answered 503 while it was down; health 200 again ${recovery.join(' / ')} ms after it restarted`);
  }, 240_000);
});
