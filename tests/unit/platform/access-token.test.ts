import { AccessTokens, AccessTokenUnavailable } from '../../../cms/src/platform/wechat/access-token';
import { MemoryStore } from '../../../cms/src/platform/kv-store';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { startWechatEmulator } = require('../../emulator');

describe('the WeChat access token (stable_token)', () => {
  let emu: any;
  beforeAll(async () => {
    emu = await startWechatEmulator({ port: 0 });
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.reset());
  const config = () => ({ baseUrl: emu.url, appid: emu.config.appid, secret: emu.config.secret });

  it('is fetched once and then served from the shared store', async () => {
    const store = new MemoryStore();
    const a = new AccessTokens(store, config);
    const b = new AccessTokens(store, config); // a second process on the same store
    const tokens = await Promise.all([a.current(), b.current(), a.current(), b.current()]);
    expect(new Set(tokens).size).toBe(1);
    expect(emu.tokenFetches).toHaveLength(1);
  });

  it('is refreshed before it expires, not after', async () => {
    emu.setAccessTokenLifetime(200); // already in its last 5 minutes: the next read asks for the next token
    const store = new MemoryStore();
    const tokens = new AccessTokens(store, config);
    await tokens.current();
    emu.setAccessTokenLifetime(7200);
    await tokens.current();
    expect(emu.tokenFetches).toHaveLength(2);
    await tokens.current();
    expect(emu.tokenFetches).toHaveLength(2);
  });

  it('a rejected token is replaced once with force_refresh, even when several senders report it', async () => {
    const store = new MemoryStore();
    const a = new AccessTokens(store, config);
    const b = new AccessTokens(store, config);
    const first = await a.current();
    const [x, y] = await Promise.all([a.replace(first), b.replace(first)]);
    expect(x).toBe(y);
    expect(x).not.toBe(first);
    expect(emu.tokenFetches.map((f: any) => f.forceRefresh)).toEqual([false, true]);
  });

  it('a wrong secret is reported as unavailable, with WeChat\'s errcode', async () => {
    const tokens = new AccessTokens(new MemoryStore(), () => ({ ...config(), secret: 'wrong' }));
    await expect(tokens.current()).rejects.toThrow(AccessTokenUnavailable);
    await expect(tokens.current()).rejects.toMatchObject({ reason: 'errcode_40125' });
  });
});
