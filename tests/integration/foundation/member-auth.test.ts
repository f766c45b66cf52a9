import { useCms, loginMember } from '../../support';

describe('member login through WeChat code2Session', () => {
  const cms = useCms();

  const countMembers = () => cms.strapi.db.query('plugin::users-permissions.user').count({ where: { openid: { $notNull: true } } });

  it('creates the member on first login only, and the JWT opens /api/users/me', async () => {
    const before = await countMembers();
    const first = await loginMember(cms, 'o_same_person');
    const second = await loginMember(cms, 'o_same_person');
    expect(second.id).toBe(first.id);
    expect(await countMembers()).toBe(before + 1);

    const me = await cms.api.get('/api/users/me').set(first.auth);
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(first.id);
    expect(me.body.data.id).toBe(first.id);
    expect(me.body.ban).toBeNull();
    // WeChat identifiers and the session key never reach the client.
    expect(JSON.stringify(me.body)).not.toContain('o_same_person');
  });

  it('returns jwt, refreshToken and user on login', async () => {
    const code = cms.emulator.issueCode({ openid: 'o_shape' });
    const res = await cms.api.post('/api/auth/wechat/login').send({ code });
    expect(res.status).toBe(200);
    expect(typeof res.body.jwt).toBe('string');
    expect(typeof res.body.refreshToken).toBe('string');
    expect(res.body.user.id).toEqual(expect.any(Number));
    expect(res.body.user.openid).toBeUndefined();
    expect(res.body.user.password).toBeUndefined();
  });

  it('rotates the refresh token and rejects a used one', async () => {
    const m = await loginMember(cms);
    const rotated = await cms.api.post('/api/auth/refresh').send({ refreshToken: m.refreshToken });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).toEqual(expect.any(String));
    expect(rotated.body.refreshToken).not.toBe(m.refreshToken);
    const me = await cms.api.get('/api/users/me').set({ Authorization: `Bearer ${rotated.body.jwt}` });
    expect(me.status).toBe(200);

    const reused = await cms.api.post('/api/auth/refresh').send({ refreshToken: m.refreshToken });
    expect(reused.status).toBe(401);
    expect(reused.body.error.details.code).toBe('UNAUTHORIZED');

    const again = await cms.api.post('/api/auth/refresh').send({ refreshToken: rotated.body.refreshToken });
    expect(again.status).toBe(200);
  });

  it('an unknown code is 401 UNAUTHORIZED and nobody is created', async () => {
    const before = await countMembers();
    const res = await cms.api.post('/api/auth/wechat/login').send({ code: 'never-issued' });
    expect(res.status).toBe(401);
    expect(res.body.error.details.code).toBe('UNAUTHORIZED');
    expect(res.body.error.message).toMatch(/log in|again|code/i);
    expect(await countMembers()).toBe(before);
  });

  it('a code used twice is refused the second time', async () => {
    const code = cms.emulator.issueCode({ openid: 'o_code_reuse' });
    expect((await cms.api.post('/api/auth/wechat/login').send({ code })).status).toBe(200);
    const again = await cms.api.post('/api/auth/wechat/login').send({ code });
    expect(again.status).toBe(401);
    expect(again.body.error.details.code).toBe('UNAUTHORIZED');
  });

  it('WeChat busy (-1) is a 503 WECHAT_BUSY telling the member to retry', async () => {
    const code = cms.emulator.issueCode({ openid: 'o_busy' });
    cms.emulator.failNextLogin(-1);
    const res = await cms.api.post('/api/auth/wechat/login').send({ code });
    expect(res.status).toBe(503);
    expect(res.body.error.details.code).toBe('WECHAT_BUSY');
    expect(res.body.error.message).toMatch(/try again/i);
  });

  it('WeChat rate limiting (45011) is 429 RATE_LIMITED; a blocked risky user (40226) is 403', async () => {
    cms.emulator.failNextLogin(45011);
    const limited = await cms.api.post('/api/auth/wechat/login').send({ code: cms.emulator.issueCode({ openid: 'o_rl' }) });
    expect(limited.status).toBe(429);
    expect(limited.body.error.details.code).toBe('RATE_LIMITED');
    cms.emulator.failNextLogin(40226);
    const risky = await cms.api.post('/api/auth/wechat/login').send({ code: cms.emulator.issueCode({ openid: 'o_risky' }) });
    expect(risky.status).toBe(403);
    expect(risky.body.error.details.code).toBe('FORBIDDEN');
  });

  it('a missing or malformed code is 400 VALIDATION', async () => {
    const missing = await cms.api.post('/api/auth/wechat/login').send({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.code).toBe('VALIDATION');
    expect(missing.body.error.details.errors[0].field).toBe('code');
    const wrongType = await cms.api.post('/api/auth/wechat/login').send({ code: 42 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.details.code).toBe('VALIDATION');
  });

  it('an invalid or missing token is 401 UNAUTHORIZED', async () => {
    const bad = await cms.api.get('/api/users/me').set({ Authorization: 'Bearer not-a-token' });
    expect(bad.status).toBe(401);
    expect(bad.body.error.details.code).toBe('UNAUTHORIZED');
    const none = await cms.api.get('/api/users/me');
    expect(none.status).toBe(401);
    expect(none.body.error.details.code).toBe('UNAUTHORIZED');
  });
});
