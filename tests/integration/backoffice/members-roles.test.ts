import { useCms, loginMember, type Member, loginStaff, createTag, inDays, isoCst, type Staff } from '../../support';

type Role = 'store-manager' | 'front-desk' | 'content-editor';

describe('who may use the member back office: each staff role against each route', () => {
  const cms = useCms();
  const staff = {} as Record<Role, Staff>;

  beforeAll(async () => {
    for (const role of ['store-manager', 'front-desk', 'content-editor'] as Role[]) staff[role] = await loginStaff(cms, role);
    await createTag(cms, '常客', 'regular');
  });
  // [method, path, body, expected status for manager, front desk, content editor]
  const routes = (m: Member): [string, string, any, number, number, number][] => [
    ['GET', '/booking/members', null, 200, 200, 403],
    ['GET', `/booking/members/${m.id}`, null, 200, 200, 403],
    ['GET', `/booking/members/${m.id}/violations`, null, 200, 200, 403],
    ['GET', `/booking/members/${m.id}/bans`, null, 200, 200, 403],
    ['POST', `/booking/members/${m.id}/ban`, { until: isoCst(inDays(2)), reason: 'role matrix' }, 200, 200, 403],
    ['POST', `/booking/members/${m.id}/lift-ban`, { reason: 'role matrix' }, 200, 200, 403],
    ['GET', '/booking/member-tags', null, 200, 200, 403],
    ['POST', `/booking/members/${m.id}/tags`, { tag: 'regular' }, 200, 200, 403],
    ['DELETE', `/booking/members/${m.id}/tags/regular`, null, 200, 200, 403],
    ['GET', '/booking/appeals', null, 200, 200, 403],
    ['POST', '/booking/appeals/nosuchappeal/accept', {}, 404, 404, 403],
    ['POST', '/booking/appeals/nosuchappeal/reject', { reason: 'no' }, 404, 404, 403],
    ['GET', '/booking/member-batches', null, 200, 403, 403],
    ['POST', '/booking/member-batches', { action: { operation: 'add_tag', tag: 'regular' }, selection: { by: 'list', list: '987654' } }, 400, 403, 403],
    ['GET', '/booking/member-batches/nosuchbatch', null, 404, 403, 403],
    ['GET', '/payments/refund-queue', null, 200, 200, 403],
    ['GET', '/payments/refund-queue/nosuchrequest', null, 404, 404, 403],
    ['GET', '/payments/refund-requests', null, 200, 200, 403],
    ['GET', '/payments/refund-requests/nosuchrequest', null, 404, 404, 403],
    ['POST', '/payments/refund-requests/nosuchrequest/approve', {}, 404, 403, 403],
    ['POST', '/payments/refund-requests/nosuchrequest/reject', { reason: 'no' }, 404, 403, 403],
    ['GET', `/payments/wallets/${m.id}`, null, 200, 200, 403],
    ['GET', `/payments/wallets/${m.id}/transactions`, null, 200, 200, 403],
    ['POST', `/payments/wallets/${m.id}/adjust`, { amount_fen: 100, part: 'principal', reason: 'role matrix' }, 201, 403, 403],
  ];

  const call = (method: string, path: string, body: any, who: Staff) => {
    const req = (cms.api as any)[method.toLowerCase()](path).set(who.auth);
    return body ? req.send(body) : req;
  };

  it.each([
    ['store-manager', 3],
    ['front-desk', 4],
    ['content-editor', 5],
  ] as [Role, number][])('%s gets exactly the routes of its role', async (role, column) => {
    // A member of its own per role, so each role's ban → lift and tag → untag run on a clean slate.
    const member = await loginMember(cms);
    const got: string[] = [];
    const want: string[] = [];
    for (const row of routes(member)) {
      const res = await call(row[0], row[1], row[2], staff[role]);
      const path = row[1].replace(String(member.id), ':id');
      got.push(`${row[0]} ${path} → ${res.status}`);
      want.push(`${row[0]} ${path} → ${row[column]}`);
      // Strapi's admin policy answers its own 403 (PolicyError) before our code runs.
      if (res.status === 403) expect(res.body.error.name).toMatch(/PolicyError|ForbiddenError/);
    }
    expect(got).toEqual(want);
  });
});

describe('business records are read-only in the content manager, for the super admin too', () => {
  const cms = useCms();
  let admin: Staff;
  let bookingDoc: string;

  beforeAll(async () => {
    admin = await loginStaff(cms, 'strapi-super-admin');
    const b = await cms.strapi.db.query('plugin::booking.booking').create({
      data: { user_id: 1, room_id: 1, seat_id: 1, start_at: new Date('2026-12-02T02:00:00Z'), end_at: new Date('2026-12-02T04:00:00Z'), status: 'confirmed', total_fen: 3000, base_fen: 3000 },
    });
    bookingDoc = b.documentId;
  });
  const CM = '/content-manager/collection-types';

  it('editing, creating or deleting a booking through the content manager is refused with FORBIDDEN and changes nothing', async () => {
    const edit = await cms.api.put(`${CM}/plugin::booking.booking/${bookingDoc}`).set(admin.auth).send({ status: 'cancelled', total_fen: 0 });
    expect(edit.status).toBe(403);
    expect(edit.body.error.details).toMatchObject({ code: 'FORBIDDEN', contentType: 'plugin::booking.booking' });
    expect(edit.body.error.message).toMatch(/read-only/);

    const encoded = await cms.api.put(`${CM}/${encodeURIComponent('plugin::booking.booking')}/${bookingDoc}`).set(admin.auth).send({ status: 'cancelled' });
    expect(encoded.status).toBe(403);
    const create = await cms.api.post(`${CM}/plugin::booking.booking`).set(admin.auth).send({ user_id: 1, room_id: 1, seat_id: 1, status: 'confirmed' });
    expect(create.status).toBe(403);
    const del = await cms.api.delete(`${CM}/plugin::booking.booking/${bookingDoc}`).set(admin.auth);
    expect(del.status).toBe(403);
    const bulk = await cms.api.post(`${CM}/plugin::booking.booking/actions/bulkDelete`).set(admin.auth).send({ documentIds: [bookingDoc] });
    expect(bulk.status).toBe(403);

    // Reading stays possible (the admin's API, e.g. for a benchmark of the generic listing).
    const read = await cms.api.get(`${CM}/plugin::booking.booking`).set(admin.auth);
    expect(read.status).toBe(200);
    expect(read.body.results.map((b: any) => b.documentId)).toEqual([bookingDoc]);

    const row = await cms.strapi.db.query('plugin::booking.booking').findOne({ where: { documentId: bookingDoc } });
    expect(row).toMatchObject({ status: 'confirmed', total_fen: 3000 });
    expect(await cms.strapi.db.query('plugin::booking.booking').count()).toBe(1);
  });

  it.each(['plugin::booking.violation', 'plugin::booking.seat-claim', 'plugin::payments.wallet', 'plugin::payments.ledger-entry', 'plugin::payments.payment-order', 'plugin::payments.refund-request', 'plugin::payments.membership', 'plugin::payments.coupon'])(
    'a content-manager write of %s is refused',
    async (uid) => {
      const res = await cms.api.post(`${CM}/${uid}`).set(admin.auth).send({ user_id: 1 });
      expect(res.status).toBe(403);
      expect(res.body.error.details.code).toBe('FORBIDDEN');
    },
  );

  it('business records are not offered in the content manager; content staff edit still works', async () => {
    const types = await cms.api.get('/content-manager/content-types').set(admin.auth);
    const visible = types.body.data.filter((t: any) => t.isDisplayed).map((t: any) => t.uid);
    expect(visible.filter((uid: string) => uid.startsWith('plugin::booking.') || uid.startsWith('plugin::payments.'))).toEqual([]);
    const tag = await cms.api.post(`${CM}/api::tag.tag`).set(admin.auth).send({ name: '学霸', code: 'xueba' });
    expect(tag.status).toBe(201);
  });
});
