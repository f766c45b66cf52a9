import type crypto from 'node:crypto';
import { checkWechatpaySignature, decryptAeadAes256Gcm, DEFAULT_WINDOW_SECONDS } from './signature';

export type NotificationRejectReason =
  | 'signtest'
  | 'unknown_serial'
  | 'stale_timestamp'
  | 'bad_signature'
  | 'bad_ciphertext'
  | 'malformed';

const EXPLANATIONS: Record<NotificationRejectReason, string> = {
  signtest: 'WeChat Pay signature probe (WECHATPAY/SIGNTEST/): refused on purpose',
  unknown_serial: 'signed with a platform certificate serial this deployment does not know',
  stale_timestamp: 'signature timestamp outside the accepted window',
  bad_signature: 'signature does not verify against the platform certificate',
  bad_ciphertext: 'resource does not decrypt with the APIv3 key (GCM tag mismatch)',
  malformed: 'not a WeChat Pay v3 notification',
};

/** A notification that must not be acted on; answer it with a 4xx so WeChat (or the forger) is told no. */
export class NotificationRejected extends Error {
  readonly reason: NotificationRejectReason;

  constructor(reason: NotificationRejectReason, detail?: string) {
    super(detail ? `${EXPLANATIONS[reason]}: ${detail}` : EXPLANATIONS[reason]);
    this.name = 'NotificationRejected';
    this.reason = reason;
  }
}

export interface VerifiedNotification<T = any> {
  id: string;
  eventType: string;
  resourceType: string;
  createTime: string | null;
  summary: string | null;
  originalType: string | null;
  /** The decrypted resource: a transaction or a refund, in WeChat's field names. */
  resource: T;
}

export interface VerifyNotificationInput {
  /** The request body exactly as received; never a re-serialised object. */
  rawBody: Buffer | string;
  headers: Record<string, string | string[] | undefined>;
  /** Serial → platform public key or certificate PEM; only these serials are trusted. */
  platformCerts: Map<string, crypto.KeyObject | string>;
  apiV3Key: string;
  now: Date;
  windowSeconds?: number;
}

/**
 * Verifies and decrypts a WeChat Pay v3 notification with Node's crypto only: the library's own helpers
 * skip the GCM tag and the timestamp window and trust any serial, so they are not used here.
 */
export function verifyNotification(input: VerifyNotificationInput): VerifiedNotification {
  const body = typeof input.rawBody === 'string' ? Buffer.from(input.rawBody, 'utf8') : input.rawBody;
  if (!Buffer.isBuffer(body) || body.length === 0) throw new NotificationRejected('malformed', 'empty body');

  const failure = checkWechatpaySignature({
    body,
    headers: input.headers,
    platformCerts: input.platformCerts,
    now: input.now,
    windowSeconds: input.windowSeconds ?? DEFAULT_WINDOW_SECONDS,
  });
  if (failure) throw new NotificationRejected(failure);

  let envelope: any;
  try {
    envelope = JSON.parse(body.toString('utf8'));
  } catch {
    throw new NotificationRejected('malformed', 'body is not JSON');
  }
  const resource = envelope?.resource;
  if (
    typeof envelope?.id !== 'string' ||
    typeof envelope?.event_type !== 'string' ||
    !resource ||
    typeof resource.ciphertext !== 'string' ||
    typeof resource.nonce !== 'string' ||
    resource.algorithm !== 'AEAD_AES_256_GCM'
  ) {
    throw new NotificationRejected('malformed', 'missing id, event_type or an AEAD_AES_256_GCM resource');
  }

  let plaintext: Buffer;
  try {
    plaintext = decryptAeadAes256Gcm({
      apiV3Key: input.apiV3Key,
      ciphertext: resource.ciphertext,
      nonce: resource.nonce,
      associatedData: typeof resource.associated_data === 'string' ? resource.associated_data : '',
    });
  } catch (err) {
    throw new NotificationRejected('bad_ciphertext', (err as Error).message);
  }

  let decrypted: unknown;
  try {
    decrypted = JSON.parse(plaintext.toString('utf8'));
  } catch {
    throw new NotificationRejected('malformed', 'decrypted resource is not JSON');
  }

  return {
    id: envelope.id,
    eventType: envelope.event_type,
    resourceType: typeof envelope.resource_type === 'string' ? envelope.resource_type : 'encrypt-resource',
    createTime: typeof envelope.create_time === 'string' ? envelope.create_time : null,
    summary: typeof envelope.summary === 'string' ? envelope.summary : null,
    originalType: typeof resource.original_type === 'string' ? resource.original_type : null,
    resource: decrypted,
  };
}
