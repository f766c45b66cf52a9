/**
 * Through the real proxy (issue 9, item 11): Debian's nginx runs the repository's deploy/nginx.conf
 * (support/nginx.ts points its upstreams at this test's processes) in front of three CMS processes on
 * MariaDB + Redis. Shows that:
 * - a process killed under load costs members no failed GET (nginx retries it on another process) and no
 *   duplicated POST (a booking whose answer was lost is retried by the member with its Idempotency-Key);
 * - a WeChat Pay notification still verifies through the proxy (the signed body arrives byte-exact);
 * - the member's own address reaches the rate limits (a forged X-Forwarded-For does not escape them) and
 *   the access log.
 * Skipped on SQLite and where nginx is not installed (`.ci/run` installs it).
 */
import { startCms, freePort, usingMariaDb, type TestCms } from '../../support/cms';
import { spawnSibling, type CmsProcess } from '../../support/cms-process';
import { createRoom } from '../../support/fixtures';
import type { Member } from '../../support/members';
import { iso, setParameters, slotFromNow } from '../../support/booking';
import { fundedMembers } from '../../support/money';
import { expectConsistent } from '../../support/consistency';
import { nginxAvailable, requestFrom, startNginx, type RunningNginx } from '../../support/nginx';
import { within } from '../../support/polling';

const maybe = usingMariaDb() && nginxAvailable() ? describe : describe.skip;

maybe('three CMS processes behind deploy/nginx.conf', () => {
  let cms: TestCms;
  let siblings: CmsProcess[];
  let proxy: RunningNginx;
  let room: any;
  let seats: any[];
  let members: Member[];

  beforeAll(async () => {
    const proxyPort = await freePort();
    const proxyUrl = `http://127.0.0.1:${proxyPort}`;
    cms = await startCms({
      env: {
        TRUST_PROXY: 'true',
        RATE_LIMIT_ENABLED: 'true',
        RATE_LIMIT_IP_SENSITIVE: '40',
        RATE_LIMIT_IP_READ: '100000',
        RATE_LIMIT_IP_WRITE: '100000',
        RATE_LIMIT_READ: '100000',
        RATE_LIMIT_SENSITIVE: '1000',
        // WeChat calls back through the proxy, as in production.
        WECHATPAY_NOTIFY_URL: `${proxyUrl}/api/payments/wechat/notify`,
        WECHATPAY_REFUND_NOTIFY_URL: `${proxyUrl}/api/payments/wechat/refund-notify`,
      },
    });
    // The other processes write their access lines (the in-test CMS logs warnings only).
    siblings = [await spawnSibling(cms, { LOG_LEVEL: 'http' }), await spawnSibling(cms, { LOG_LEVEL: 'http' })];
    proxy = await startNginx({ port: proxyPort, upstreams: [cms.url, ...siblings.map((s) => s.url)].map((u) => new URL(u).host) });
    ({ room, seats } = await createRoom(cms, { seats: 10 }));
    await setParameters(cms, { open_booking_limit: 50, daily_quota_hours: 24 });
    members = await fundedMembers(cms, 8, 1_000_000);
  }, 300_000);
  afterAll(async () => {
    await proxy?.stop();
    for (const s of siblings ?? []) await s.stop();
    await cms?.close();
  });

  it('a process killed under load: no failed GET, no duplicated booking', async () => {
    const first = slotFromNow(3);
    const date = new Date(first.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    let running = true;
    const gets: number[] = [];
    const readers = Array.from({ length: 6 }, async (_, w) => {
      const from = `127.0.0.${10 + w}`;
      for (let i = 0; running; i += 1) {
        const path = i % 2 ? '/api/booking/rooms' : `/api/booking/rooms/${room.documentId}/availability?date=${date}`;
        const res = await requestFrom(from, `${proxy.url}${path}`, { headers: members[w % members.length].auth }).catch(() => ({ status: 0 }));
        gets.push(res.status);
      }
    });
    // 60 bookings, each on its own seat-hour (all should succeed), five at a time.
    const book = (i: number) =>
      requestFrom(`127.0.0.${20 + (i % 10)}`, `${proxy.url}/api/booking/bookings`, {
        method: 'POST',
        headers: { ...members[i % members.length].auth, 'content-type': 'application/json', 'idempotency-key': `proxy-kill-${i}` },
        body: JSON.stringify({ seat: seats[i % seats.length].documentId, start: iso(new Date(first.getTime() + Math.floor(i / seats.length) * 3600_000)), end: iso(new Date(first.getTime() + (Math.floor(i / seats.length) + 1) * 3600_000)), payWith: 'wallet' }),
      }).catch(() => ({ status: 0, body: null }));
    const posts: { i: number; status: number; id?: string; error?: unknown }[] = [];
    let next = 0;
    const writers = Array.from({ length: 5 }, async () => {
      while (next < 60) {
        const i = next++;
        const res = await book(i);
        posts.push({ i, status: res.status, id: res.body?.data?.id, ...(res.status >= 400 ? { error: res.body?.error?.details?.code ?? res.body } : {}) });
        await new Promise((r) => setTimeout(r, 50));
      }
    });

    await new Promise((r) => setTimeout(r, 1500));
    siblings[0].child.kill('SIGKILL');
    await Promise.all(writers);
    await new Promise((r) => setTimeout(r, 1500));
    running = false;
    await Promise.all(readers);

    // Every GET answered 200: nginx passed the ones the dead process dropped to another one.
    expect(gets.length).toBeGreaterThan(20);
    expect(gets.filter((s) => s !== 200)).toEqual([]);
    const retried = proxy.accessLog().split('\n').filter((l) => /GET .* 200 .* \S+, \S+ /.test(l)).length;

    // POSTs: 201, or 502 when the process died holding the request (nginx does not resend a POST).
    expect(posts.filter((p) => p.status !== 201 && p.status !== 502)).toEqual([]);
    const lost = posts.filter((p) => p.status === 502);
    const again = await Promise.all(lost.map(async (p) => ({ i: p.i, ...(await book(p.i)) })));
    expect(again.filter((a) => a.status !== 200 && a.status !== 201)).toEqual([]);
    const acknowledged = new Set([...posts.filter((p) => p.status === 201).map((p) => p.id), ...again.map((a) => a.body.data.id)]);
    expect(acknowledged.size).toBe(60);
    const knex = cms.strapi.db.connection;
    const bt = cms.strapi.db.metadata.get('plugin::booking.booking').tableName;
    const ids = (await knex(bt).where('room_id', room.id).where('pay_method', 'wallet').select('document_id')).map((b: any) => b.document_id);
    expect(new Set(ids)).toEqual(acknowledged);
    await expectConsistent(cms);
    console.log(`proxy: ${gets.length} GETs all 200 (${retried} retried on another process), ${posts.length} POSTs, ${lost.length} lost with the process and retried with their key`);
  }, 120_000);

  it('a WeChat Pay notification verifies through the proxy and confirms the booking', async () => {
    const start = slotFromNow(30);
    const res = await requestFrom('127.0.0.5', `${proxy.url}/api/booking/bookings`, {
      method: 'POST',
      headers: { ...members[0].auth, 'content-type': 'application/json' },
      body: JSON.stringify({ seat: seats[0].documentId, start: iso(start), end: iso(new Date(start.getTime() + 3600_000)), payWith: 'wechat' }),
    });
    expect(res.status).toBe(201);
    expect(res.body.data.status).toBe('pending_payment');
    const row = await cms.strapi.db.query('plugin::booking.booking').findOne({ where: { documentId: res.body.data.id } });
    const delivery = await cms.emulator.pay(row.out_trade_no);
    expect([200, 204]).toContain(delivery.status);
    // nginx writes the access-log line when it finalises the request, which may be just after WeChat has
    // its answer: wait for the line rather than read the file at once.
    const notified = /POST \/api\/payments\/wechat\/notify HTTP\/1\.1" 20[04]/;
    await within(async () => proxy.accessLog(), (log) => notified.test(log), 3000);
    expect(proxy.accessLog()).toMatch(notified);
    const after = await requestFrom('127.0.0.5', `${proxy.url}/api/booking/bookings/${res.body.data.id}`, { headers: members[0].auth });
    expect(after.body.data.status).toBe('confirmed');
  }, 60_000);

  it('rate limits count the member\u2019s own address, which a forged X-Forwarded-For cannot change, and the log shows it', async () => {
    const attempt = (from: string, forged?: string) =>
      requestFrom(from, `${proxy.url}/api/auth/wechat/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(forged ? { 'x-forwarded-for': forged } : {}) },
        body: JSON.stringify({ code: 'not-a-code' }),
      });
    const answers = [];
    for (let i = 0; i < 41; i += 1) answers.push(await attempt('127.0.0.2', `203.0.113.${i}`));
    expect(answers.slice(0, 40).filter((a) => a.status === 429)).toEqual([]);
    expect(answers[40].status).toBe(429);
    expect(answers[40].body.error.details).toMatchObject({ code: 'RATE_LIMITED', scope: 'ip' });
    // Another member's address has its own budget.
    expect((await attempt('127.0.0.3')).status).not.toBe(429);
    await new Promise((r) => setTimeout(r, 200)); // nginx writes the log line after the answer
    expect(proxy.accessLog()).toMatch(/^127\.0\.0\.2 - \[.*POST \/api\/auth\/wechat\/login HTTP\/1\.1" 429/m);
    expect(proxy.accessLog()).toMatch(/^127\.0\.0\.3 - \[.*POST \/api\/auth\/wechat\/login/m);
    // The CMS's own access lines name the member's address too, never the forged one.
    const cmsLog = siblings.map((s) => s.output()).join('\n');
    expect(cmsLog).toMatch(/127\.0\.0\.2 POST \/api\/auth\/wechat\/login \(\d+ ms\) (4\d\d)/);
    expect(cmsLog).not.toMatch(/203\.0\.113\.\d+ POST/);
  }, 60_000);
});
