import crypto from 'node:crypto';
import WxPay from 'wechatpay-node-v3';
import { DomainError } from '../../../../../platform/errors';
import type { WechatPayConfig } from './config';
import { checkWechatpaySignature, decryptAeadAes256Gcm, DEFAULT_WINDOW_SECONDS } from './signature';

/** The host the library hard-codes; every call is re-pointed at the configured base URL. */
const LIBRARY_ORIGIN = 'https://api.mch.weixin.qq.com';

export interface JsapiPaymentParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export interface CreateJsapiOrderInput {
  outTradeNo: string;
  description: string;
  amountFen: number;
  openid: string;
  expiresAt?: Date;
  attach?: string;
}

export interface WechatTransaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_type?: string;
  trade_state: 'SUCCESS' | 'NOTPAY' | 'CLOSED' | 'REFUND' | 'USERPAYING' | 'REVOKED' | 'PAYERROR' | string;
  trade_state_desc?: string;
  success_time?: string;
  attach?: string;
  payer?: { openid: string };
  amount: { total: number; payer_total?: number; currency: string; payer_currency?: string };
  [field: string]: unknown;
}

export interface CreateRefundInput {
  outTradeNo: string;
  outRefundNo: string;
  refundFen: number;
  totalFen: number;
  reason?: string;
}

export interface WechatRefund {
  refund_id: string;
  out_refund_no: string;
  out_trade_no: string;
  transaction_id: string;
  status: 'SUCCESS' | 'PROCESSING' | 'CLOSED' | 'ABNORMAL' | string;
  success_time?: string;
  create_time?: string;
  user_received_account?: string;
  amount: { total: number; refund: number; payer_total?: number; payer_refund?: number; currency?: string };
  [field: string]: unknown;
}

export interface DownloadedPlatformCert {
  serialNo: string;
  effectiveTime: string;
  expireTime: string;
  certificatePem: string;
}

export interface WechatPayClient {
  createJsapiOrder(input: CreateJsapiOrderInput): Promise<{ prepayId: string; payment: JsapiPaymentParams }>;
  queryOrder(outTradeNo: string): Promise<WechatTransaction>;
  closeOrder(outTradeNo: string): Promise<void>;
  createRefund(input: CreateRefundInput): Promise<WechatRefund>;
  queryRefund(outRefundNo: string): Promise<WechatRefund>;
  /**
   * Downloads the platform certificates (for rotation). The answer is itself verified with an already
   * known certificate, so a new one is only learnt through an old one.
   */
  fetchPlatformCertificates(): Promise<DownloadedPlatformCert[]>;
}

export interface WechatPayClientOptions {
  /** For tests; the response timestamp window is measured against it. */
  now?: () => Date;
  userAgent?: string;
}

type ProviderFailure = { providerCode: string; httpStatus: number | null; providerMessage?: string };

function providerError(failure: ProviderFailure): DomainError {
  const { providerCode, httpStatus } = failure;
  let message: string;
  if (providerCode === 'TIMEOUT') {
    message = 'WeChat Pay did not answer in time; please try again in a minute.';
  } else if (providerCode === 'NETWORK_ERROR') {
    message = 'WeChat Pay cannot be reached right now; please try again in a minute.';
  } else if (providerCode === 'BAD_SIGNATURE' || providerCode === 'BAD_RESPONSE') {
    message = 'The answer from WeChat Pay could not be verified; please try again later or contact the front desk.';
  } else if (httpStatus !== null && httpStatus >= 500) {
    message = 'WeChat Pay is having trouble; please try again in a minute.';
  } else {
    message = `WeChat Pay refused the request (${providerCode}); please try again later or contact the front desk.`;
  }
  return new DomainError('PAYMENT_PROVIDER', message, {
    providerCode,
    httpStatus,
    ...(failure.providerMessage ? { providerMessage: failure.providerMessage } : {}),
  });
}

/** WeChat expects yyyy-MM-DDTHH:mm:ss+08:00 (no milliseconds); Beijing time keeps it readable for support. */
export function formatWechatTime(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 3600 * 1000);
  return shifted.toISOString().slice(0, 19) + '+08:00';
}

/**
 * The HTTP layer handed to wechatpay-node-v3 through `createHttp`: the library builds and signs requests,
 * this sends them to the configured base URL with a timeout and only lets through answers that carry a
 * valid signature from a known platform certificate. It throws instead of returning `{ status, error }`,
 * so no caller can mistake a failure for a result.
 */
class VerifyingHttp {
  constructor(
    private readonly config: WechatPayConfig,
    private readonly now: () => Date,
  ) {}

  private target(url: string): string {
    // The library signed path + query only, so swapping the origin keeps the signature valid.
    const pathAndQuery = url.startsWith(LIBRARY_ORIGIN) ? url.slice(LIBRARY_ORIGIN.length) : new URL(url).pathname + new URL(url).search;
    return this.config.baseUrl + pathAndQuery;
  }

  private async send(method: 'GET' | 'POST', url: string, headers: Record<string, any>, body?: string) {
    const outgoing: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers)) {
      // fetch negotiates compression itself and hands back the decoded bytes the signature covers.
      if (k.toLowerCase() === 'accept-encoding' || v === undefined) continue;
      outgoing[k] = String(v);
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.config.timeoutMs);
    let res: Response;
    let raw: Buffer;
    try {
      res = await fetch(this.target(url), { method, headers: outgoing, body, signal: controller.signal });
      raw = Buffer.from(await res.arrayBuffer());
    } catch (err) {
      throw providerError({
        providerCode: controller.signal.aborted ? 'TIMEOUT' : 'NETWORK_ERROR',
        httpStatus: null,
        providerMessage: (err as any)?.cause?.code ?? (err as Error)?.message,
      });
    } finally {
      clearTimeout(timer);
    }

    let parsed: any = null;
    if (raw.length > 0) {
      try {
        parsed = JSON.parse(raw.toString('utf8'));
      } catch {
        parsed = null;
      }
    }
    if (res.status < 200 || res.status >= 300) {
      throw providerError({
        providerCode: typeof parsed?.code === 'string' ? parsed.code : `HTTP_${res.status}`,
        httpStatus: res.status,
        providerMessage: typeof parsed?.message === 'string' ? parsed.message : undefined,
      });
    }
    const failure = checkWechatpaySignature({
      body: raw,
      headers: res.headers,
      platformCerts: this.config.platformCerts,
      now: this.now(),
      windowSeconds: DEFAULT_WINDOW_SECONDS,
    });
    if (failure) {
      throw providerError({ providerCode: 'BAD_SIGNATURE', httpStatus: res.status, providerMessage: failure });
    }
    if (raw.length > 0 && parsed === null) {
      throw providerError({ providerCode: 'BAD_RESPONSE', httpStatus: res.status, providerMessage: 'body is not JSON' });
    }
    return { status: res.status, data: parsed ?? undefined };
  }

  // The library signs JSON.stringify(params); sending that same string keeps body and signature in step.
  post(url: string, params: Record<string, any>, headers: Record<string, any>) {
    return this.send('POST', url, headers, JSON.stringify(params));
  }

  get(url: string, headers: Record<string, any>) {
    return this.send('GET', url, headers);
  }

  async upload(): Promise<never> {
    throw providerError({ providerCode: 'UNSUPPORTED', httpStatus: null, providerMessage: 'uploads are not used' });
  }
}

function assertId(kind: string, value: string, pattern: RegExp) {
  if (typeof value !== 'string' || !pattern.test(value)) {
    // Other characters would be percent-encoded on the wire and no longer match the signed path.
    throw new DomainError('VALIDATION', `The ${kind} is not valid.`, { errors: [{ path: [kind], message: `must match ${pattern}` }] });
  }
}
const OUT_TRADE_NO = /^[A-Za-z0-9_-]{6,32}$/;
const OUT_REFUND_NO = /^[A-Za-z0-9_-]{1,64}$/;

function assertFen(kind: string, value: number) {
  if (!Number.isInteger(value) || value <= 0) {
    throw new DomainError('VALIDATION', `The ${kind} must be a positive whole number of fen.`, {
      errors: [{ path: [kind], message: 'must be a positive integer (fen)' }],
    });
  }
}

export function createWechatPayClient(config: WechatPayConfig, options: WechatPayClientOptions = {}): WechatPayClient {
  const now = options.now ?? (() => new Date());
  const pay = new WxPay({
    appid: config.appid,
    mchid: config.mchid,
    publicKey: config.merchantCert,
    privateKey: config.privateKey,
    // Passed explicitly: the library would derive it from the certificate in lower case.
    serial_no: config.serialNo,
    key: config.apiV3Key,
    userAgent: options.userAgent ?? 'studyroom-cms (wechatpay-node-v3)',
  });
  const http = new VerifyingHttp(config, now);
  pay.createHttp(http as any);

  const expectData = <T>(result: { status: number; data?: any }, what: string): T => {
    if (!result || result.data === undefined || result.data === null) {
      throw providerError({ providerCode: 'BAD_RESPONSE', httpStatus: result?.status ?? null, providerMessage: `${what} returned no body` });
    }
    return result.data as T;
  };

  return {
    async createJsapiOrder(input) {
      assertId('outTradeNo', input.outTradeNo, OUT_TRADE_NO);
      assertFen('amountFen', input.amountFen);
      const params: Record<string, any> = {
        description: input.description,
        out_trade_no: input.outTradeNo,
        notify_url: config.notifyUrl,
        amount: { total: input.amountFen, currency: 'CNY' },
        payer: { openid: input.openid },
      };
      if (input.expiresAt) params.time_expire = formatWechatTime(input.expiresAt);
      if (input.attach !== undefined) params.attach = input.attach;
      const result = await pay.transactions_jsapi(params as any);
      const payment = expectData<JsapiPaymentParams>(result, 'JSAPI order');
      const prepayId = typeof payment.package === 'string' && payment.package.startsWith('prepay_id=')
        ? payment.package.slice('prepay_id='.length)
        : '';
      if (!prepayId || !payment.paySign) {
        throw providerError({ providerCode: 'BAD_RESPONSE', httpStatus: result.status, providerMessage: 'no prepay_id in the answer' });
      }
      return {
        prepayId,
        payment: {
          appId: payment.appId,
          timeStamp: payment.timeStamp,
          nonceStr: payment.nonceStr,
          package: payment.package,
          signType: 'RSA',
          paySign: payment.paySign,
        },
      };
    },

    async queryOrder(outTradeNo) {
      assertId('outTradeNo', outTradeNo, OUT_TRADE_NO);
      return expectData<WechatTransaction>(await pay.query({ out_trade_no: outTradeNo } as any), 'order query');
    },

    async closeOrder(outTradeNo) {
      assertId('outTradeNo', outTradeNo, OUT_TRADE_NO);
      await pay.close(outTradeNo);
    },

    async createRefund(input) {
      assertId('outTradeNo', input.outTradeNo, OUT_TRADE_NO);
      assertId('outRefundNo', input.outRefundNo, OUT_REFUND_NO);
      assertFen('refundFen', input.refundFen);
      assertFen('totalFen', input.totalFen);
      const params: Record<string, any> = {
        out_trade_no: input.outTradeNo,
        out_refund_no: input.outRefundNo,
        amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
      };
      if (input.reason) params.reason = input.reason;
      if (config.refundNotifyUrl) params.notify_url = config.refundNotifyUrl;
      return expectData<WechatRefund>(await pay.refunds(params as any), 'refund');
    },

    async queryRefund(outRefundNo) {
      assertId('outRefundNo', outRefundNo, OUT_REFUND_NO);
      return expectData<WechatRefund>(await pay.find_refunds(outRefundNo), 'refund query');
    },

    async fetchPlatformCertificates() {
      // Not pay.get_certificates(): it skips the GCM tag and fills the library's process-wide cache.
      const url = `${LIBRARY_ORIGIN}/v3/certificates`;
      const authorization = (pay as any).buildAuthorization('GET', url);
      const result = await http.get(url, (pay as any).getHeaders(authorization));
      const list = expectData<{ data?: any[] }>(result, 'certificate download').data;
      if (!Array.isArray(list)) {
        throw providerError({ providerCode: 'BAD_RESPONSE', httpStatus: result.status, providerMessage: 'no certificate list' });
      }
      return list.map((item) => {
        const enc = item.encrypt_certificate ?? {};
        let pem: string;
        try {
          pem = decryptAeadAes256Gcm({
            apiV3Key: config.apiV3Key,
            ciphertext: enc.ciphertext,
            nonce: enc.nonce,
            associatedData: enc.associated_data ?? '',
          }).toString('utf8');
          const cert = new crypto.X509Certificate(pem);
          if (cert.serialNumber.toUpperCase() !== String(item.serial_no).toUpperCase()) throw new Error('serial mismatch');
        } catch (err) {
          throw providerError({ providerCode: 'BAD_RESPONSE', httpStatus: result.status, providerMessage: `certificate ${item.serial_no}: ${(err as Error).message}` });
        }
        return { serialNo: String(item.serial_no).toUpperCase(), effectiveTime: item.effective_time, expireTime: item.expire_time, certificatePem: pem };
      });
    },
  };
}
