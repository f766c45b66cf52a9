import { useCms, usingMariaDb, loginMember, loginStaff } from '../../support';

describe('health, errors and staff roles', () => {
  const cms = useCms();

  it('GET /api/health reports the database up and the Redis mode', async () => {
    const res = await cms.api.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ db: 'up', redis: usingMariaDb() ? 'up' : 'none' });
    expect(res.body.uptime).toEqual(expect.any(Number));
  });

  it('malformed JSON is 400 VALIDATION with a sentence, and nothing is written', async () => {
    const m = await loginMember(cms);
    const res = await cms.api.put('/api/me/profile').set(m.auth).set('Content-Type', 'application/json').send('{"nickname": "half');
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('VALIDATION');
    expect(res.body.error.message).toMatch(/JSON/);
    const me = await cms.api.get('/api/users/me').set(m.auth);
    expect(me.body.nickname).not.toBe('half');
  });

  it('out-of-range input is 400 VALIDATION listing the field', async () => {
    const m = await loginMember(cms);
    const res = await cms.api.put('/api/me/profile').set(m.auth).send({ nickname: 'x'.repeat(41) });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ code: 'VALIDATION', errors: [expect.objectContaining({ field: 'nickname' })] });
  });

  it('unknown routes are 404 NOT_FOUND in the API error body', async () => {
    const res = await cms.api.get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ data: null, error: expect.objectContaining({ status: 404, details: { code: 'NOT_FOUND' } }) });
  });

  it('public settings carry the store parameters', async () => {
    const res = await cms.api.get('/api/settings/public');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ storeTimezone: 'Asia/Shanghai', slotMinutes: 30, holdMinutes: 15 });
  });

  it('staff roles exist with matching powers: the content editor edits announcements only', async () => {
    const editor = await loginStaff(cms, 'content-editor');
    const rooms = await cms.api.get('/content-manager/collection-types/api::room.room').set(editor.auth);
    expect(rooms.status).toBe(403);
    const announcements = await cms.api.get('/content-manager/collection-types/api::announcement.announcement').set(editor.auth);
    expect(announcements.status).toBe(200);
    const created = await cms.api
      .post('/content-manager/collection-types/api::announcement.announcement')
      .set(editor.auth)
      .send({ title: 'Editor note', audience: 'all' });
    expect(created.status).toBe(201);
  });

  it('front desk reads rooms but cannot change them; the store manager can', async () => {
    const desk = await loginStaff(cms, 'front-desk');
    const list = await cms.api.get('/content-manager/collection-types/api::room.room').set(desk.auth);
    expect(list.status).toBe(200);
    const create = await cms.api.post('/content-manager/collection-types/api::room.room').set(desk.auth).send({ name: 'Nope', kind: 'hall', state: 'open' });
    expect(create.status).toBe(403);
    const params = await cms.api.get('/content-manager/single-types/api::parameter.parameter').set(desk.auth);
    expect(params.status).toBe(403);

    const manager = await loginStaff(cms, 'store-manager');
    const made = await cms.api.post('/content-manager/collection-types/api::room.room').set(manager.auth).send({ name: 'Manager room', kind: 'hall', state: 'open' });
    expect(made.status).toBe(201);
  });

  it('returns 503 when the database is unreachable', async () => {
    await cms.strapi.db.connection.destroy();
    const res = await cms.api.get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body.db).toBe('down');
  });
});
