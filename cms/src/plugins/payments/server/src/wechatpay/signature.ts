import crypto from 'node:crypto';

/** WeChat's deliberately invalid probe signatures start with this; they must be refused, not "fixed". */
export const SIGNTEST_PREFIX = 'WECHATPAY/SIGNTEST/';
export const DEFAULT_WINDOW_SECONDS = 300;

export type PlatformCerts = Map<string, crypto.KeyObject | string>;

export type SignatureFailure = 'signtest' | 'unknown_serial' | 'stale_timestamp' | 'bad_signature' | 'malformed';

export type HeaderBag = Record<string, string | string[] | undefined> | { get(name: string): string | null };

export function headerValue(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as any).get === 'function') {
    const v = (headers as { get(name: string): string | null }).get(name);
    return v === null ? undefined : v;
  }
  const bag = headers as Record<string, string | string[] | undefined>;
  const wanted = name.toLowerCase();
  for (const key of Object.keys(bag)) {
    if (key.toLowerCase() !== wanted) continue;
    const v = bag[key];
    // A repeated signature header is not something WeChat sends: treat it as absent.
    if (Array.isArray(v)) return v.length === 1 ? v[0] : undefined;
    return v;
  }
  return undefined;
}

/** Serials are hex; WeChat prints them upper-case, some tools lower-case. Compare one way only. */
export const normaliseSerial = (serial: string) => serial.trim().toUpperCase();

function publicKeyOf(entry: crypto.KeyObject | string): crypto.KeyObject {
  if (typeof entry !== 'string') return entry;
  return entry.includes('BEGIN CERTIFICATE') ? new crypto.X509Certificate(entry).publicKey : crypto.createPublicKey(entry);
}

export function findPlatformKey(certs: PlatformCerts, serial: string): crypto.KeyObject | null {
  const wanted = normaliseSerial(serial);
  for (const [key, value] of certs) {
    if (normaliseSerial(key) === wanted) return publicKeyOf(value);
  }
  return null;
}

/**
 * Checks WeChat's signature over `TIMESTAMP\nNONCE\nBODY\n` on the body bytes exactly as received: any
 * re-serialisation (key order, \u escapes, whitespace) would change them. Returns null when it holds.
 */
export function checkWechatpaySignature(args: {
  body: Buffer;
  headers: HeaderBag;
  platformCerts: PlatformCerts;
  now: Date;
  windowSeconds?: number;
}): SignatureFailure | null {
  const timestamp = headerValue(args.headers, 'wechatpay-timestamp');
  const nonce = headerValue(args.headers, 'wechatpay-nonce');
  const signature = headerValue(args.headers, 'wechatpay-signature');
  const serial = headerValue(args.headers, 'wechatpay-serial');
  if (!timestamp || !nonce || !signature || !serial) return 'malformed';
  if (signature.startsWith(SIGNTEST_PREFIX)) return 'signtest';
  const key = findPlatformKey(args.platformCerts, serial);
  if (!key) return 'unknown_serial';
  if (!/^\d{1,12}$/.test(timestamp)) return 'malformed';
  const skew = Math.abs(Math.floor(args.now.getTime() / 1000) - Number(timestamp));
  if (skew > (args.windowSeconds ?? DEFAULT_WINDOW_SECONDS)) return 'stale_timestamp';
  const message = Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`, 'utf8'), args.body, Buffer.from('\n', 'utf8')]);
  try {
    return crypto.verify('sha256', message, key, Buffer.from(signature, 'base64')) ? null : 'bad_signature';
  } catch {
    return 'bad_signature';
  }
}

/** AEAD_AES_256_GCM as WeChat uses it: base64(ciphertext || 16-byte tag); throws unless the tag verifies. */
export function decryptAeadAes256Gcm(args: { apiV3Key: string; ciphertext: string; nonce: string; associatedData: string }): Buffer {
  const key = Buffer.from(args.apiV3Key, 'utf8');
  if (key.length !== 32) throw new Error('the APIv3 key must be exactly 32 bytes');
  const data = Buffer.from(args.ciphertext, 'base64');
  if (data.length < 17) throw new Error('ciphertext too short');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(args.nonce, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  decipher.setAAD(Buffer.from(args.associatedData ?? '', 'utf8'));
  // final() is what throws on a wrong tag; without it a forged ciphertext "decrypts".
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]);
}
