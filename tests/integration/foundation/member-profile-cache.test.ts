/**
 * GET /api/users/me from the in-process profile cache (issue 9): on two CMS processes sharing MariaDB
 * and Redis, a cached profile costs no statements, and whatever changes what a member's profile shows –
 * a tag, a ban and its appeal, a card bought, a tier earned by recharging, their own nickname – shows on
 * the other process within a second. Tags and cards that expire leave the profile at their time.
 */
import path from 'path';
import {
  useCms,
  usingMariaDb,
  DIST_DIR,
  spawnSibling,
  type CmsProcess,
  loginMember,
  loginStaff,
  type Staff,
  createTag,
  createTier,
  inDays,
  isoCst,
  fund,
  rechargeAndPay,
  productClock,
  range,
  iso,
} from '../../support';

const maybe = usingMariaDb() ? describe : describe.skip;

maybe('member profile cache across two processes', () => {
  const cms = useCms({ resetClockAfterEach: true, room: { seats: 2 } });
  let sibling: CmsProcess;
  let desk: Staff;
  beforeAll(async () => {
    sibling = await spawnSibling(cms);
    desk = await loginStaff(cms, 'store-manager');
    await createTag(cms, '夜猫子', 'night-owl');
    await createTier(cms, { code: 'silver', name: 'Silver', level: 1, price_month_fen: 3000, earn_by_recharge_fen: 50000 });
    await createTier(cms, { code: 'gold', name: 'Gold', level: 2, price_month_fen: 6000 });
    // This process trusts its caches once it hears its own heartbeat through Redis.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { runtime } = require(path.join(DIST_DIR, 'src', 'platform', 'runtime'));
    for (let i = 0; i < 100 && !runtime().bus.trusted(); i += 1) await new Promise((r) => setTimeout(r, 50));
  }, 300_000);
  afterAll(async () => {
    await sibling?.stop();
  });

  const siblingMe = async (auth: Record<string, string>) => {
    const res = await fetch(`${sibling.url}/api/users/me`, { headers: auth });
    expect(res.status).toBe(200);
    return (await res.json()) as any;
  };

  /** Polls the sibling's /users/me until `seen(profile)`; returns how long that took (ms), or -1. */
  async function untilSiblingShows(auth: Record<string, string>, seen: (me: any) => boolean, limitMs = 5000) {
    const t0 = Date.now();
    while (Date.now() - t0 < limitMs) {
      if (seen(await siblingMe(auth))) return Date.now() - t0;
      await new Promise((r) => setTimeout(r, 20));
    }
    return -1;
  }

  /** The sibling has the profile cached (asked twice), then `change` runs here; answers the delay there. */
  async function seenOnSibling(auth: Record<string, string>, change: () => Promise<unknown>, seen: (me: any) => boolean, what: string) {
    await siblingMe(auth);
    expect(seen(await siblingMe(auth))).toBe(false);
    await change();
    const after = await untilSiblingShows(auth, seen);
    console.log(`${what} seen by the other process after ${after} ms`);
    expect(after).toBeGreaterThanOrEqual(0);
    expect(after).toBeLessThan(1000);
  }

  it('a profile served from the cache costs no statements', async () => {
    const m = await loginMember(cms);
    await cms.api.get('/api/users/me').set(m.auth); // fills the caches
    let statements = 0;
    const count = () => (statements += 1);
    cms.strapi.db.connection.on('query', count);
    try {
      const me = await cms.api.get('/api/users/me').set(m.auth);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: m.id, tier: null, tags: [], ban: null });
    } finally {
      cms.strapi.db.connection.off('query', count);
    }
    console.log(`statements per cached /users/me: ${statements}`);
    expect(statements).toBe(0);
  });

  it('a tag added and removed by staff on one process shows on the other within a second', async () => {
    const m = await loginMember(cms);
    const names = (me: any) => me.tags.map((t: any) => t.code);
    await seenOnSibling(
      m.auth,
      () => cms.api.post(`/booking/members/${m.id}/tags`).set(desk.auth).send({ tag: 'night-owl', expiresAt: isoCst(inDays(30)) }).expect(200),
      (me) => names(me).includes('night-owl'),
      'a tag added',
    );
    await seenOnSibling(m.auth, () => cms.api.delete(`/booking/members/${m.id}/tags/night-owl`).set(desk.auth).expect(200), (me) => names(me).length === 0, 'a tag removed');
  });

  it('a ban, the appeal filed against it and the staff reply show on the other process within a second', async () => {
    const m = await loginMember(cms);
    await seenOnSibling(
      m.auth,
      () => cms.api.post(`/booking/members/${m.id}/ban`).set(desk.auth).send({ until: isoCst(inDays(7)), reason: '多次占座不到 Repeated no-shows' }).expect(200),
      (me) => me.ban?.reason === '多次占座不到 Repeated no-shows' && me.ban.appeal === null,
      'a ban',
    );
    let appealId = '';
    await seenOnSibling(
      m.auth,
      async () => (appealId = (await cms.api.post('/api/me/appeals').set(m.auth).send({ text: '那天生病了 I was ill that day' }).expect(201)).body.data.id),
      (me) => me.ban?.appeal?.status === 'open',
      'an appeal filed',
    );
    await seenOnSibling(
      m.auth,
      () => cms.api.post(`/booking/appeals/${appealId}/reject`).set(desk.auth).send({ reason: '记录无误 The records stand' }).expect(200),
      (me) => me.ban?.appeal?.reply === '记录无误 The records stand',
      'an appeal decided',
    );
    await seenOnSibling(m.auth, () => cms.api.post(`/booking/members/${m.id}/lift-ban`).set(desk.auth).send({ reason: 'ok' }).expect(200), (me) => me.ban === null, 'a ban lifted');
  });

  it('a card bought, a tier earned by recharging and a nickname edit show on the other process within a second', async () => {
    const buyer = await loginMember(cms);
    await fund(cms, buyer.id, 10_000);
    await seenOnSibling(
      buyer.auth,
      () => cms.api.post('/api/payments/memberships/purchase').set(buyer.auth).send({ tier: 'gold', plan: 'month', payWith: 'wallet' }).expect(201),
      (me) => me.tier?.code === 'gold' && me.tier.source === 'purchased',
      'a card bought',
    );

    const saver = await loginMember(cms);
    await fund(cms, saver.id, 100); // the wallet exists: the recharge only updates it (raw SQL)
    await seenOnSibling(saver.auth, () => rechargeAndPay(cms, saver, 50_000), (me) => me.tier?.code === 'silver' && me.tier.source === 'earned', 'a tier earned');

    await seenOnSibling(saver.auth, () => cms.api.put('/api/me/profile').set(saver.auth).send({ nickname: '早起的鸟' }).expect(200), (me) => me.nickname === '早起的鸟', 'a nickname edit');
  });

  it('a tier earned on one process prices the next booking on the other at once, and a card stops discounting at its end', async () => {
    const m = await loginMember(cms);
    await fund(cms, m.id, 100); // the wallet exists: the recharge only updates it (raw SQL)
    const { start, end } = range(30, 2);
    const body = JSON.stringify({ seat: cms.seats[0].documentId, start: iso(start), end: iso(end) });
    const siblingQuote = async () => {
      const res = await fetch(`${sibling.url}/api/booking/quotes`, { method: 'POST', headers: { ...m.auth, 'content-type': 'application/json' }, body });
      expect(res.status).toBe(200);
      return ((await res.json()) as any).data;
    };
    // The sibling has the member's benefit facts cached (asked twice): no discount yet.
    await siblingQuote();
    const before = await siblingQuote();
    expect(before.member_discount_fen).toBe(0);
    await rechargeAndPay(cms, m, 50_000); // earns Silver here: 10 % off
    const t0 = Date.now();
    let after = before;
    while (after.member_discount_fen === 0 && Date.now() - t0 < 5000) after = await siblingQuote();
    console.log(`a tier earned priced the other process's quote after ${Date.now() - t0} ms`);
    expect(after.member_discount_fen).toBeGreaterThan(0);
    expect(after.total_fen).toBe(before.total_fen - after.member_discount_fen);
    expect(Date.now() - t0).toBeLessThan(1000);

    // A card bought here discounts here until its end on the product clock, then no longer.
    const buyer = await loginMember(cms);
    await fund(cms, buyer.id, 10_000);
    const quote = async () => (await cms.api.post('/api/booking/quotes').set(buyer.auth).send(JSON.parse(body)).expect(200)).body.data;
    expect((await quote()).member_discount_fen).toBe(0);
    await cms.api.post('/api/payments/memberships/purchase').set(buyer.auth).send({ tier: 'gold', plan: 'month', payWith: 'wallet' }).expect(201);
    expect((await quote()).member_discount_fen).toBeGreaterThan(0);
    productClock().advance(40 * 86400_000);
    const later = { start: new Date(start.getTime() + 40 * 86400_000), end: new Date(end.getTime() + 40 * 86400_000) };
    const afterEnd = (await cms.api.post('/api/booking/quotes').set(buyer.auth).send({ seat: cms.seats[0].documentId, start: iso(later.start), end: iso(later.end) }).expect(200)).body.data;
    expect(afterEnd.member_discount_fen).toBe(0);
  });

  it('a tag that expires leaves the cached profile at its time, on both processes', async () => {
    const m = await loginMember(cms);
    // Real time for the other process (its clock cannot be moved from here): a tag of a few seconds.
    const expiresAt = new Date(Date.now() + 3000);
    await cms.api.post(`/booking/members/${m.id}/tags`).set(desk.auth).send({ tag: 'night-owl', expiresAt: expiresAt.toISOString() }).expect(200);
    expect((await siblingMe(m.auth)).tags.map((t: any) => t.code)).toEqual(['night-owl']);
    expect((await cms.api.get('/api/users/me').set(m.auth)).body.tags.map((t: any) => t.code)).toEqual(['night-owl']);
    const gone = await untilSiblingShows(m.auth, (me) => me.tags.length === 0, 10_000);
    const late = Date.now() - expiresAt.getTime();
    console.log(`an expired tag left the other process's profile ${late} ms after its expiry`);
    expect(gone).toBeGreaterThanOrEqual(0);
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(1000);
  });

  it('a card and a tag leave the profile when the clock passes their expiry', async () => {
    const m = await loginMember(cms);
    await fund(cms, m.id, 10_000);
    await cms.api.post('/api/payments/memberships/purchase').set(m.auth).send({ tier: 'gold', plan: 'month', payWith: 'wallet' }).expect(201);
    await cms.api.post(`/booking/members/${m.id}/tags`).set(desk.auth).send({ tag: 'night-owl', expiresAt: isoCst(inDays(3)) }).expect(200);
    const before = (await cms.api.get('/api/users/me').set(m.auth)).body;
    expect(before).toMatchObject({ tier: { code: 'gold' }, tags: [expect.objectContaining({ code: 'night-owl' })] });
    expect((await cms.api.get('/api/users/me').set(m.auth)).body).toEqual(before); // cached

    productClock().advance(4 * 86400_000);
    const later = (await cms.api.get('/api/users/me').set(m.auth)).body;
    expect(later.tags).toEqual([]);
    expect(later.tier).toMatchObject({ code: 'gold' });

    productClock().advance(40 * 86400_000);
    expect((await cms.api.get('/api/users/me').set(m.auth)).body.tier).toBeNull();
  });
});
