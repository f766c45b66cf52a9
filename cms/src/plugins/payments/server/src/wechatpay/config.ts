import crypto from 'node:crypto';
import fs from 'node:fs';
import { normaliseSerial } from './signature';

export const DEFAULT_WECHATPAY_BASE_URL = 'https://api.mch.weixin.qq.com';
export const DEFAULT_WECHATPAY_TIMEOUT_MS = 5000;

export interface WechatPayConfig {
  appid: string;
  mchid: string;
  /** Merchant certificate serial, upper-case hex. */
  serialNo: string;
  /** PEM of apiclient_key.pem. */
  privateKey: Buffer;
  /** PEM of apiclient_cert.pem. */
  merchantCert: Buffer;
  /** Exactly 32 bytes. */
  apiV3Key: string;
  /** Upper-case serial → platform public key. The only signers whose answers and notifications are trusted. */
  platformCerts: Map<string, crypto.KeyObject>;
  baseUrl: string;
  notifyUrl: string;
  /** Optional in WeChat's API (the merchant platform's setting applies); recommended. */
  refundNotifyUrl: string | null;
  timeoutMs: number;
}

export type WechatPayConfigResult =
  | { ok: true; config: WechatPayConfig }
  /** `missing` names the variables to fix; `problems` says why, for the operator's log. */
  | { ok: false; missing: string[]; problems: string[] };

const REQUIRED = [
  'WECHAT_APPID',
  'WECHATPAY_MCHID',
  'WECHATPAY_SERIAL_NO',
  'WECHATPAY_PRIVATE_KEY_PATH',
  'WECHATPAY_CERT_PATH',
  'WECHATPAY_APIV3_KEY',
  'WECHATPAY_PLATFORM_CERT_PATH',
  'WECHATPAY_NOTIFY_URL',
] as const;

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Platform certificates from files; the map key is each certificate's own serial, not a file name. */
export function loadPlatformCerts(paths: string[]): Map<string, crypto.KeyObject> {
  const certs = new Map<string, crypto.KeyObject>();
  for (const p of paths) {
    const cert = new crypto.X509Certificate(fs.readFileSync(p));
    certs.set(normaliseSerial(cert.serialNumber), cert.publicKey);
  }
  return certs;
}

/**
 * Reads WeChat Pay settings from the environment. Not configured is a normal state (the zero-setup demo
 * has no merchant account): callers report PAYMENTS_NOT_CONFIGURED instead of failing to start.
 */
export function loadWechatPayConfig(env: NodeJS.ProcessEnv): WechatPayConfigResult {
  const missing = new Set<string>();
  const problems: string[] = [];
  const value = (name: string) => (env[name] ?? '').trim();
  for (const name of REQUIRED) {
    if (!value(name)) {
      missing.add(name);
      problems.push(`${name} is not set`);
    }
  }
  const reject = (name: string, why: string) => {
    missing.add(name);
    problems.push(`${name}: ${why}`);
  };

  const apiV3Key = value('WECHATPAY_APIV3_KEY');
  if (apiV3Key && Buffer.byteLength(apiV3Key, 'utf8') !== 32) {
    reject('WECHATPAY_APIV3_KEY', `must be exactly 32 bytes (got ${Buffer.byteLength(apiV3Key, 'utf8')})`);
  }

  let privateKey: Buffer | null = null;
  if (value('WECHATPAY_PRIVATE_KEY_PATH')) {
    try {
      privateKey = fs.readFileSync(value('WECHATPAY_PRIVATE_KEY_PATH'));
      crypto.createPrivateKey(privateKey);
    } catch (err) {
      privateKey = null;
      reject('WECHATPAY_PRIVATE_KEY_PATH', `not a readable PEM private key (${(err as Error).message})`);
    }
  }

  let merchantCert: Buffer | null = null;
  let merchantX509: crypto.X509Certificate | null = null;
  if (value('WECHATPAY_CERT_PATH')) {
    try {
      merchantCert = fs.readFileSync(value('WECHATPAY_CERT_PATH'));
      merchantX509 = new crypto.X509Certificate(merchantCert);
    } catch (err) {
      merchantCert = null;
      reject('WECHATPAY_CERT_PATH', `not a readable PEM certificate (${(err as Error).message})`);
    }
  }

  const serialNo = value('WECHATPAY_SERIAL_NO') ? normaliseSerial(value('WECHATPAY_SERIAL_NO')) : '';
  if (serialNo && merchantX509 && normaliseSerial(merchantX509.serialNumber) !== serialNo) {
    // WeChat rejects every request signed under the wrong serial; better to say so at start-up.
    reject('WECHATPAY_SERIAL_NO', `does not match the merchant certificate (its serial is ${normaliseSerial(merchantX509.serialNumber)})`);
  }
  if (privateKey && merchantX509) {
    const probe = Buffer.from('wechatpay key pair check');
    const signature = crypto.sign('sha256', probe, crypto.createPrivateKey(privateKey));
    if (!crypto.verify('sha256', probe, merchantX509.publicKey, signature)) {
      reject('WECHATPAY_PRIVATE_KEY_PATH', 'the private key does not belong to the merchant certificate');
    }
  }

  let platformCerts = new Map<string, crypto.KeyObject>();
  const platformPaths = value('WECHATPAY_PLATFORM_CERT_PATH')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (platformPaths.length) {
    try {
      platformCerts = loadPlatformCerts(platformPaths);
    } catch (err) {
      reject('WECHATPAY_PLATFORM_CERT_PATH', `every entry must be a readable PEM certificate (${(err as Error).message})`);
    }
  }

  const baseUrl = (value('WECHATPAY_BASE_URL') || DEFAULT_WECHATPAY_BASE_URL).replace(/\/+$/, '');
  if (!isHttpUrl(baseUrl)) reject('WECHATPAY_BASE_URL', 'must be an http(s) URL');

  const notifyUrl = value('WECHATPAY_NOTIFY_URL');
  if (notifyUrl && !isHttpUrl(notifyUrl)) reject('WECHATPAY_NOTIFY_URL', 'must be an absolute http(s) URL');
  const refundNotifyUrl = value('WECHATPAY_REFUND_NOTIFY_URL') || null;
  if (refundNotifyUrl && !isHttpUrl(refundNotifyUrl)) reject('WECHATPAY_REFUND_NOTIFY_URL', 'must be an absolute http(s) URL');

  let timeoutMs = DEFAULT_WECHATPAY_TIMEOUT_MS;
  if (value('WECHATPAY_TIMEOUT_MS')) {
    timeoutMs = Number(value('WECHATPAY_TIMEOUT_MS'));
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) reject('WECHATPAY_TIMEOUT_MS', 'must be a positive integer (milliseconds)');
  }

  if (missing.size > 0) return { ok: false, missing: [...missing], problems };
  return {
    ok: true,
    config: {
      appid: value('WECHAT_APPID'),
      mchid: value('WECHATPAY_MCHID'),
      serialNo,
      privateKey: privateKey!,
      merchantCert: merchantCert!,
      apiV3Key,
      platformCerts,
      baseUrl,
      notifyUrl,
      refundNotifyUrl,
      timeoutMs,
    },
  };
}
