import { createWx, fail, installWx, ok, type FakeRequest } from '../support/wx';
import { apiRequest, apiUpload, logout } from '../../../miniprogram/services/http';
import { currentSession, saveSession } from '../../../miniprogram/services/session';
import { ApiError } from '../../../miniprogram/services/errors';
import { bookings, me, wallet } from '../../../miniprogram/services/api';
import { configure } from '../../../miniprogram/config';

configure({ apiBaseUrl: 'https://cms.example.test' });

/** A fake CMS that accepts exactly one JWT at a time and rotates tokens on refresh. */
function fakeAuthServer() {
  const state = { valid: 'jwt-1', refresh: 'r-1', refreshCalls: 0, logins: 0, n: 1 };
  const handler = async (req: FakeRequest) => {
    if (req.path === '/api/auth/refresh') {
      state.refreshCalls += 1;
      await new Promise((r) => setTimeout(r, 20)); // slow enough for parallel calls to pile up
      if (req.body.refreshToken !== state.refresh) return fail(401, 'UNAUTHORIZED');
      state.n += 1;
      state.valid = `jwt-${state.n}`;
      state.refresh = `r-${state.n}`;
      return { status: 200, body: { jwt: state.valid, refreshToken: state.refresh } };
    }
    if (req.path === '/api/auth/wechat/login') {
      state.logins += 1;
      state.n += 1;
      state.valid = `jwt-${state.n}`;
      state.refresh = `r-${state.n}`;
      return { status: 200, body: { jwt: state.valid, refreshToken: state.refresh, user: { id: 7 } } };
    }
    if (req.headers.Authorization !== `Bearer ${state.valid}`) return fail(401, 'UNAUTHORIZED');
    return ok({ balance_fen: 1234, tier: null, tierExpiresAt: null });
  };
  return { state, handler };
}

describe('the wx.request wrapper', () => {
  it('sends the JWT and answers the body', async () => {
    const server = fakeAuthServer();
    const fake = installWx(createWx({ handler: server.handler }));
    saveSession({ jwt: 'jwt-1', refreshToken: 'r-1', userId: 7 });
    const res = await wallet.summary();
    expect(res.data.balance_fen).toBe(1234);
    expect(fake.requests[0].url).toBe('https://cms.example.test/api/payments/wallet');
    expect(fake.requests[0].headers.Authorization).toBe('Bearer jwt-1');
  });

  it('ten parallel calls that meet an expired JWT cause exactly one refresh, then all succeed', async () => {
    const server = fakeAuthServer();
    const fake = installWx(createWx({ handler: server.handler }));
    saveSession({ jwt: 'jwt-0-expired', refreshToken: 'r-1', userId: 7 });
    const results = await Promise.all(Array.from({ length: 10 }, () => wallet.summary()));
    expect(results.map((r) => r.data.balance_fen)).toEqual(Array(10).fill(1234));
    expect(server.state.refreshCalls).toBe(1);
    expect(server.state.logins).toBe(0);
    expect(currentSession()).toMatchObject({ jwt: 'jwt-2', refreshToken: 'r-2' });
    expect(fake.storage.get('studyroom.session')).toMatchObject({ jwt: 'jwt-2' });
  });

  it('when the refresh token is rejected too, logs in again with wx.login (once) and carries on', async () => {
    const server = fakeAuthServer();
    const fake = installWx(createWx({ handler: server.handler }));
    saveSession({ jwt: 'old', refreshToken: 'revoked', userId: 7 });
    const results = await Promise.all([wallet.summary(), wallet.summary(), wallet.summary()]);
    expect(results).toHaveLength(3);
    expect(server.state.refreshCalls).toBe(1);
    expect(server.state.logins).toBe(1);
    expect(fake.loginCodes).toBe(1);
  });

  it('without any session, parallel first calls log in once', async () => {
    const server = fakeAuthServer();
    const fake = installWx(createWx({ handler: server.handler }));
    await Promise.all([wallet.summary(), wallet.summary(), me.profile().catch(() => null)]);
    expect(fake.loginCodes).toBe(1);
    expect(server.state.logins).toBe(1);
  });

  it('a second 401 after the refresh is an error the member can act on, not a loop', async () => {
    let calls = 0;
    installWx(
      createWx({
        handler: (req) => {
          calls += 1;
          if (req.path === '/api/auth/refresh') return { status: 200, body: { jwt: 'new', refreshToken: 'r2' } };
          return fail(401, 'UNAUTHORIZED');
        },
      }),
    );
    saveSession({ jwt: 'old', refreshToken: 'r1', userId: 7 });
    const err = await wallet.summary().catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('UNAUTHORIZED');
    expect(err.message).toBe('登录已失效，请重新进入小程序。');
    expect(calls).toBe(3);
  });

  it('maps error codes to Chinese sentences, keeping the details (BANNED says why and until when)', async () => {
    installWx(createWx({ handler: () => fail(403, 'BANNED', { until: '2026-12-08T00:00:00+08:00', reason: '多次未签到' }, 'You are banned') }));
    saveSession({ jwt: 'j', refreshToken: 'r', userId: 7 });
    const err = await bookings.checkIn({ seatCode: 'A1' }).catch((e) => e);
    expect(err.code).toBe('BANNED');
    expect(err.status).toBe(403);
    expect(err.message).toBe('你的账号已被限制使用，至 12月8日 00:00 解除。原因：多次未签到。如有异议，可以提交申诉。');
    expect(err.serverMessage).toBe('You are banned');
  });

  it('a network failure is NETWORK, and 429 tells how long to wait', async () => {
    installWx(createWx({ handler: () => Promise.reject(new Error('timeout')) }));
    saveSession({ jwt: 'j', refreshToken: 'r', userId: 7 });
    expect(await wallet.summary().catch((e) => e.code)).toBe('NETWORK');
    installWx(createWx({ handler: () => ({ ...fail(429, 'RATE_LIMITED'), headers: { 'Retry-After': '30' } }) }));
    saveSession({ jwt: 'j', refreshToken: 'r', userId: 7 });
    expect(await wallet.summary().catch((e) => e.message)).toBe('操作太频繁，请 30 秒后再试。');
  });

  it('a 5xx without a code is a plain "try later" sentence, never a raw server message', async () => {
    installWx(createWx({ handler: () => ({ status: 500, body: 'Internal Server Error' }) }));
    saveSession({ jwt: 'j', refreshToken: 'r', userId: 7 });
    const err = await apiRequest({ method: 'GET', path: '/api/x' }).catch((e) => e);
    expect(err.code).toBe('SERVER');
    expect(err.message).toBe('服务暂时出了点问题，请稍后再试。');
  });

  it('uploads a file as multipart field `file` with the JWT, and refreshes on 401 like any call', async () => {
    const server = fakeAuthServer();
    const fake = installWx(
      createWx({
        handler: (req) => {
          if (req.path.endsWith('/offline-proof')) {
            if (req.headers.Authorization !== `Bearer ${server.state.valid}`) return fail(401, 'UNAUTHORIZED');
            return ok({ id: 'b1', offlineProof: { url: '/uploads/p.jpg', uploadedAt: 'x' } });
          }
          return server.handler(req);
        },
      }),
    );
    saveSession({ jwt: 'expired', refreshToken: 'r-1', userId: 7 });
    const res = await apiUpload<any>('/api/booking/bookings/b1/offline-proof', 'wxfile://tmp/proof.jpg');
    expect(res.data.offlineProof.url).toBe('/uploads/p.jpg');
    const upload = fake.requests.filter((r) => r.path.endsWith('/offline-proof'));
    expect(upload).toHaveLength(2);
    expect(upload[1].body).toMatchObject({ file: 'wxfile://tmp/proof.jpg', field: 'file' });
  });

  it('logout revokes the refresh token on the server and forgets the tokens', async () => {
    const fake = installWx(createWx({ handler: () => ok({}) }));
    saveSession({ jwt: 'j', refreshToken: 'r', userId: 7 });
    await logout();
    expect(fake.requests[0]).toMatchObject({ path: '/api/auth/logout', body: { refreshToken: 'r' } });
    expect(currentSession()).toBeNull();
    expect(fake.storage.has('studyroom.session')).toBe(false);
  });
});
