import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadWechatPayConfig } from '../../../cms/src/plugins/payments/server/src/wechatpay';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const fixtures = require('../../emulator/fixtures');

const base = () => fixtures.cmsEnvFor('http://127.0.0.1:9555/', { notifyUrl: 'https://cms.example.com/api/payments/wechat/notify' });

describe('loadWechatPayConfig', () => {
  it('loads the fixture configuration with defaults', () => {
    const env = base();
    delete env.WECHATPAY_BASE_URL;
    const result = loadWechatPayConfig(env);
    if (!result.ok) throw new Error(result.problems.join('; '));
    const c = result.config;
    expect(c.baseUrl).toBe('https://api.mch.weixin.qq.com');
    expect(c.timeoutMs).toBe(5000);
    expect(c.serialNo).toBe(fixtures.merchantSerialNo);
    expect(c.refundNotifyUrl).toBeNull();
    expect([...c.platformCerts.keys()]).toEqual([fixtures.platformSerialNo]);
  });

  it('strips a trailing slash from the base URL and accepts a lower-case serial', () => {
    const result = loadWechatPayConfig({ ...base(), WECHATPAY_SERIAL_NO: fixtures.merchantSerialNo.toLowerCase(), WECHATPAY_TIMEOUT_MS: '1500' });
    if (!result.ok) throw new Error(result.problems.join('; '));
    expect(result.config.baseUrl).toBe('http://127.0.0.1:9555');
    expect(result.config.serialNo).toBe(fixtures.merchantSerialNo);
    expect(result.config.timeoutMs).toBe(1500);
  });

  it('lists every missing variable when nothing is configured', () => {
    const result = loadWechatPayConfig({});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.missing.sort()).toEqual([
      'WECHATPAY_APIV3_KEY',
      'WECHATPAY_CERT_PATH',
      'WECHATPAY_MCHID',
      'WECHATPAY_NOTIFY_URL',
      'WECHATPAY_PLATFORM_CERT_PATH',
      'WECHATPAY_PRIVATE_KEY_PATH',
      'WECHATPAY_SERIAL_NO',
      'WECHAT_APPID',
    ]);
  });

  it.each([
    ['an APIv3 key of 31 bytes', { WECHATPAY_APIV3_KEY: 'x'.repeat(31) }, 'WECHATPAY_APIV3_KEY'],
    ['an APIv3 key of 32 characters but 33 bytes', { WECHATPAY_APIV3_KEY: 'é' + 'x'.repeat(31) }, 'WECHATPAY_APIV3_KEY'],
    ['a serial that is not the certificate', { WECHATPAY_SERIAL_NO: 'ABCDEF' }, 'WECHATPAY_SERIAL_NO'],
    ['a missing key file', { WECHATPAY_PRIVATE_KEY_PATH: '/nonexistent/key.pem' }, 'WECHATPAY_PRIVATE_KEY_PATH'],
    ['a key from another pair', { WECHATPAY_PRIVATE_KEY_PATH: fixtures.paths.platformKey }, 'WECHATPAY_PRIVATE_KEY_PATH'],
    ['an unreadable platform cert in the list', { WECHATPAY_PLATFORM_CERT_PATH: `${fixtures.paths.platformCert},/nonexistent.pem` }, 'WECHATPAY_PLATFORM_CERT_PATH'],
    ['a zero timeout', { WECHATPAY_TIMEOUT_MS: '0' }, 'WECHATPAY_TIMEOUT_MS'],
    ['a relative notify URL', { WECHATPAY_NOTIFY_URL: '/api/payments/wechat/notify' }, 'WECHATPAY_NOTIFY_URL'],
  ])('is not ok with %s', (_what, override, variable) => {
    const result = loadWechatPayConfig({ ...base(), ...override });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.missing).toEqual([variable]);
  });

  it('trusts exactly the serials of every listed platform certificate', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxcerts-'));
    try {
      // A second certificate as WeChat rotates them: new and old are both valid for a while.
      const second = path.join(dir, 'second.pem');
      fs.writeFileSync(second, fs.readFileSync(fixtures.paths.merchantCert));
      const result = loadWechatPayConfig({ ...base(), WECHATPAY_PLATFORM_CERT_PATH: ` ${fixtures.paths.platformCert} , ${second}` });
      if (!result.ok) throw new Error(result.problems.join('; '));
      expect([...result.config.platformCerts.keys()].sort()).toEqual([fixtures.merchantSerialNo, fixtures.platformSerialNo].sort());
      const key = result.config.platformCerts.get(fixtures.platformSerialNo)!;
      expect(key.equals(new crypto.X509Certificate(fs.readFileSync(fixtures.paths.platformCert)).publicKey)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
