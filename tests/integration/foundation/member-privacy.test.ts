import { useCms, loginMember, banMember, type Member } from '../../support';

describe('members only see and touch their own things', () => {
  const cms = useCms();
  let a: Member;
  let b: Member;
  beforeAll(async () => {
    a = await loginMember(cms);
    b = await loginMember(cms);
  });

  it.each([
    ['GET', () => `/api/users/${b.id}`],
    ['GET', () => '/api/users'],
    ['GET', () => '/api/users/count'],
    ['PUT', () => `/api/users/${b.id}`],
    ['DELETE', () => `/api/users/${b.id}`],
    ['GET', () => `/api/appeals`],
    ['GET', () => `/api/member-tags`],
    ['GET', () => `/api/users-permissions/roles`],
  ])('member A gets no data from %s %s', async (method, path) => {
    const req = (cms.api as any)[method.toLowerCase()](path()).set(a.auth);
    const res = await (method === 'PUT' ? req.send({ nickname: 'hacked' }) : req);
    expect([403, 404]).toContain(res.status);
    expect(res.body.data ?? null).toBeNull();
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(res.body.error.details.code);
    expect(JSON.stringify(res.body)).not.toContain(b.openid);
  });

  it('member B is untouched after A tried to change them', async () => {
    const me = await cms.api.get('/api/users/me').set(b.auth);
    expect(me.body.nickname).not.toBe('hacked');
  });

  it('PUT /api/me/profile changes only my own profile, and rejects unknown fields', async () => {
    const res = await cms.api.put('/api/me/profile').set(a.auth).send({ nickname: '小明', avatar: 'https://example.com/a.png' });
    expect(res.status).toBe(200);
    expect(res.body.data.nickname).toBe('小明');
    const bMe = await cms.api.get('/api/users/me').set(b.auth);
    expect(bMe.body.nickname).not.toBe('小明');

    const sneaky = await cms.api.put('/api/me/profile').set(a.auth).send({ ban_until: null, role: 1 });
    expect(sneaky.status).toBe(400);
    expect(sneaky.body.error.details.code).toBe('VALIDATION');
  });

  it('POST /api/me/avatar stores my photo (the previous one is replaced) and refuses what is not an image', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const first = await cms.api.post('/api/me/avatar').set(b.auth).attach('file', png, { filename: 'me.png', contentType: 'image/png' });
    expect(first.status).toBe(200);
    expect(first.body.data.avatar).toMatch(/^\/uploads\/.+\.png$/);
    const served = await cms.api.get(first.body.data.avatar);
    expect(served.status).toBe(200);
    expect((await cms.api.get('/api/users/me').set(b.auth)).body.avatar).toBe(first.body.data.avatar);

    const second = await cms.api.post('/api/me/avatar').set(b.auth).attach('file', png, { filename: 'me2.png', contentType: 'image/png' });
    expect(second.status).toBe(200);
    expect(second.body.data.avatar).not.toBe(first.body.data.avatar);
    expect((await cms.api.get(first.body.data.avatar)).status).toBe(404);
    expect((await cms.api.get('/api/users/me').set(a.auth)).body.avatar).not.toBe(second.body.data.avatar);

    const pdf = await cms.api.post('/api/me/avatar').set(b.auth).attach('file', Buffer.from('%PDF-1.4'), { filename: 'me.pdf', contentType: 'application/pdf' });
    expect(pdf.status).toBe(400);
    expect(pdf.body.error.details.code).toBe('VALIDATION');
    expect(pdf.body.error.message).toMatch(/JPEG, PNG or WebP/);
    const none = await cms.api.post('/api/me/avatar').set(b.auth).send({});
    expect(none.status).toBe(400);
    expect(none.body.error.details.code).toBe('VALIDATION');
    expect((await cms.api.get('/api/users/me').set(b.auth)).body.avatar).toBe(second.body.data.avatar);
  });

  it("a banned member's /api/users/me shows the ban, and one appeal can be filed", async () => {
    const until = new Date(Date.now() + 3 * 86400e3);
    await banMember(cms, a.id, until, 'Three no-shows in 30 days');
    const me = await cms.api.get('/api/users/me').set(a.auth);
    expect(me.status).toBe(200);
    expect(me.body.ban).toEqual({ until: until.toISOString(), reason: 'Three no-shows in 30 days', appeal: null });

    const appeal = await cms.api.post('/api/me/appeals').set(a.auth).send({ text: 'My train was late, please lift the ban.' });
    expect(appeal.status).toBe(201);
    expect(appeal.body.data.status).toBe('open');

    const second = await cms.api.post('/api/me/appeals').set(a.auth).send({ text: 'Second appeal while one is open.' });
    expect(second.status).toBe(409);
    expect(second.body.error.details.code).toBe('INVALID_STATE');

    const after = await cms.api.get('/api/users/me').set(a.auth);
    expect(after.body.ban.appeal).toMatchObject({ status: 'open', text: 'My train was late, please lift the ban.' });
  });

  it('a member who is not banned cannot file an appeal', async () => {
    const res = await cms.api.post('/api/me/appeals').set(b.auth).send({ text: 'Nothing to appeal here.' });
    expect(res.status).toBe(409);
    expect(res.body.error.details.code).toBe('INVALID_STATE');
  });
});
