import { exchangeLoginCode } from '../../../cms/src/platform/wechat/code2session';
import { DomainError } from '../../../cms/src/platform/errors';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { startWechatEmulator, openidForCode } = require('../../emulator');
const fixtures = require('../../emulator/fixtures');

let emu: any;
beforeAll(async () => {
  emu = await startWechatEmulator({ port: 0 });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => emu.reset());

const exchange = (code: string, over: Partial<Parameters<typeof exchangeLoginCode>[0]> = {}) =>
  exchangeLoginCode({ baseUrl: emu.url, appid: fixtures.appid, secret: fixtures.secret, code, ...over });

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  throw new Error('expected the login exchange to be refused');
}

describe('exchangeLoginCode against the emulator', () => {
  it('returns the openid and unionid of the member and never the session key', async () => {
    const code = emu.issueCode({ openid: 'oMember0001', unionid: 'uUnion0001' });
    const identity = await exchange(code);
    expect(identity).toEqual({ openid: 'oMember0001', unionid: 'uUnion0001' });
    expect(Object.keys(identity).sort()).toEqual(['openid', 'unionid']);
    const logged = emu.requests.at(-1);
    expect(logged.path).toBe('/sns/jscode2session');
    expect(logged.url).toContain('grant_type=authorization_code');
  });

  it('gives null unionid when WeChat has none', async () => {
    const code = emu.issueCode({ openid: 'oMember0002' });
    await expect(exchange(code)).resolves.toEqual({ openid: 'oMember0002', unionid: null });
  });

  it('refuses a reused code as UNAUTHORIZED (40163)', async () => {
    const code = emu.issueCode({ openid: 'oMember0003' });
    await exchange(code);
    const err = await refusal(exchange(code));
    expect(err.code).toBe('UNAUTHORIZED');
    expect(err.status).toBe(401);
    expect(err.details.wechatErrcode).toBe(40163);
  });

  it('refuses an unknown code as UNAUTHORIZED (40029)', async () => {
    const err = await refusal(exchange('never-issued'));
    expect(err.code).toBe('UNAUTHORIZED');
    expect(err.details.wechatErrcode).toBe(40029);
  });

  it('refuses a code older than five minutes (40029)', async () => {
    let now = Date.now();
    const aged = await startWechatEmulator({ port: 0, clock: () => now });
    try {
      const code = aged.issueCode({ openid: 'oMember0004' });
      now += 5 * 60 * 1000 + 1;
      const err = await refusal(exchange(code, { baseUrl: aged.url }));
      expect(err.details.wechatErrcode).toBe(40029);
    } finally {
      await aged.close();
    }
  });

  it('maps busy (-1) to WECHAT_BUSY, and the code still works on retry', async () => {
    const code = emu.issueCode({ openid: 'oMember0005' });
    emu.failNextLogin(-1);
    const err = await refusal(exchange(code));
    expect(err.code).toBe('WECHAT_BUSY');
    expect(err.status).toBe(503);
    expect(err.message).toBe('WeChat login is busy; please try again in a few seconds.');
    expect(err.details.wechatErrcode).toBe(-1);
    await expect(exchange(code)).resolves.toEqual({ openid: 'oMember0005', unionid: null });
  });

  it('reads the errcode even when the HTTP status is 200 or 500', async () => {
    emu.failNextLogin(45011, { httpStatus: 200 });
    const limited = await refusal(exchange('x'));
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.headers['Retry-After']).toBe('60');
    emu.failNextLogin(40226, { httpStatus: 500 });
    const blocked = await refusal(exchange('x'));
    expect(blocked.code).toBe('FORBIDDEN');
    expect(blocked.details.wechatErrcode).toBe(40226);
  });

  it('reports a wrong appid or secret as a provider configuration problem', async () => {
    const badAppid = await refusal(exchange(emu.issueCode({ openid: 'o1' }), { appid: 'wx_wrong' }));
    expect(badAppid.code).toBe('PAYMENT_PROVIDER');
    expect(badAppid.details.wechatErrcode).toBe(40013);
    const badSecret = await refusal(exchange(emu.issueCode({ openid: 'o1' }), { secret: 'nope' }));
    expect(badSecret.code).toBe('PAYMENT_PROVIDER');
    expect(badSecret.details.wechatErrcode).toBe(40125);
    expect(badSecret.message).toMatch(/rejected the login configuration/);
  });

  it('maps a timeout and an unreachable service to WECHAT_BUSY', async () => {
    emu.inject({ pathPrefix: '/sns/', timeoutMs: 400 });
    const slow = await refusal(exchange(emu.issueCode({ openid: 'o1' }), { timeoutMs: 100 }));
    expect(slow.code).toBe('WECHAT_BUSY');
    expect(slow.details.cause).toBe('timeout');
    const down = await refusal(exchange('x', { baseUrl: 'http://127.0.0.1:9' }));
    expect(down.code).toBe('WECHAT_BUSY');
    expect(down.details.cause).toBe('network');
  });

  it('logs in a stable openid for any code when acceptAnyCode is on (demos)', async () => {
    const demo = await startWechatEmulator({ port: 0, acceptAnyCode: true });
    try {
      const first = await exchange('demo-code-1', { baseUrl: demo.url });
      expect(first.openid).toBe(openidForCode(fixtures.appid, 'demo-code-1'));
      const err = await refusal(exchange('demo-code-1', { baseUrl: demo.url }));
      expect(err.details.wechatErrcode).toBe(40163);
    } finally {
      await demo.close();
    }
  });
});
