'use strict';
// Test-only identities shared by the WeChat emulator, the unit tests and local demos. The keys under
// ./keys were generated once with the openssl CLI for this repository; they protect nothing real.
const path = require('node:path');

const KEYS_DIR = path.join(__dirname, 'keys');

const fixtures = {
  appid: 'wx0000000000test01',
  secret: '5f0c1e9d2a7b4c3e8f6a0d1b2c3e4f5a',
  mchid: '1900000001',
  // APIv3 keys are exactly 32 bytes; ASCII keeps "bytes" and "characters" the same.
  apiV3Key: 'StudyRoomEmulatorApiV3Key0000001',
  // Upper-case hex, as WeChat prints serials (openssl x509 -noout -serial).
  merchantSerialNo: '3C3E4068C19C735DEEBEC759DE8D0066CE2D79AD',
  platformSerialNo: '549A4409F0D415C0ED23EA72E094A71793AFD59F',
  paths: {
    merchantKey: path.join(KEYS_DIR, 'apiclient_key.pem'),
    merchantCert: path.join(KEYS_DIR, 'apiclient_cert.pem'),
    platformKey: path.join(KEYS_DIR, 'platform_key.pem'),
    platformCert: path.join(KEYS_DIR, 'platform_cert.pem'),
  },
};

/**
 * The environment the CMS reads (see cms/src/plugins/payments/server/src/wechatpay/config.ts) for a CMS
 * pointed at an emulator listening on `baseUrl`.
 */
function cmsEnvFor(baseUrl, { notifyUrl, refundNotifyUrl } = {}) {
  const env = {
    WECHAT_APPID: fixtures.appid,
    WECHAT_SECRET: fixtures.secret,
    WECHAT_API_BASE_URL: baseUrl,
    WECHATPAY_MCHID: fixtures.mchid,
    WECHATPAY_SERIAL_NO: fixtures.merchantSerialNo,
    WECHATPAY_PRIVATE_KEY_PATH: fixtures.paths.merchantKey,
    WECHATPAY_CERT_PATH: fixtures.paths.merchantCert,
    WECHATPAY_APIV3_KEY: fixtures.apiV3Key,
    WECHATPAY_PLATFORM_CERT_PATH: fixtures.paths.platformCert,
    WECHATPAY_BASE_URL: baseUrl,
  };
  if (notifyUrl) env.WECHATPAY_NOTIFY_URL = notifyUrl;
  if (refundNotifyUrl) env.WECHATPAY_REFUND_NOTIFY_URL = refundNotifyUrl;
  return env;
}

module.exports = { ...fixtures, fixtures, cmsEnvFor, KEYS_DIR };
