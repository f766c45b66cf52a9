import crypto from 'node:crypto';
import fs from 'node:fs';
import {
  createWechatPayClient,
  loadWechatPayConfig,
  NotificationRejected,
  verifyNotification,
  type WechatPayClient,
  type WechatPayConfig,
} from '../../../cms/src/plugins/payments/server/src/wechatpay';
import { DomainError } from '../../../cms/src/platform/errors';
import { startNotifyReceiver, tradeNo } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { startWechatEmulator } = require('../../emulator');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const fixtures = require('../../emulator/fixtures');

let emu: any;
let receiver: Awaited<ReturnType<typeof startNotifyReceiver>>;
let config: WechatPayConfig;
let client: WechatPayClient;

beforeAll(async () => {
  emu = await startWechatEmulator({ port: 0 });
  receiver = await startNotifyReceiver();
  const loaded = loadWechatPayConfig({
    ...emu.env({ notifyUrl: receiver.notifyUrl, refundNotifyUrl: receiver.refundNotifyUrl }),
    WECHATPAY_TIMEOUT_MS: '300',
  });
  if (!loaded.ok) throw new Error(`fixture config rejected: ${loaded.problems.join('; ')}`);
  config = loaded.config;
  client = createWechatPayClient(config);
});
afterAll(async () => {
  await emu.close();
  await receiver.close();
});
afterEach(() => emu.clearFaults());

const verify = (n: { rawBody: Buffer; headers: any }, now = new Date()) =>
  verifyNotification({ rawBody: n.rawBody, headers: n.headers, platformCerts: config.platformCerts, apiV3Key: config.apiV3Key, now });

function rejection(fn: () => unknown): NotificationRejected {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(NotificationRejected);
    return err as NotificationRejected;
  }
  throw new Error('expected the notification to be rejected');
}

async function providerFailure(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  throw new Error('expected a provider failure');
}

async function placeOrder(amountFen = 1990, extra: Partial<Parameters<WechatPayClient['createJsapiOrder']>[0]> = {}) {
  const outTradeNo = tradeNo();
  const created = await client.createJsapiOrder({ outTradeNo, description: '自习室充值 100 元', amountFen, openid: 'oPayer0001', ...extra });
  return { outTradeNo, ...created };
}

describe('JSAPI order', () => {
  it('creates an order whose wx.requestPayment parameters are signed by the merchant key', async () => {
    const { outTradeNo, prepayId, payment } = await placeOrder(1990, { attach: 'recharge:pkg-100', expiresAt: new Date(Date.now() + 15 * 60 * 1000) });
    expect(prepayId).toBe(emu.orders.get(outTradeNo).prepay_id);
    expect(payment.package).toBe(`prepay_id=${prepayId}`);
    expect(payment.appId).toBe(fixtures.appid);
    expect(payment.signType).toBe('RSA');
    expect(Math.abs(Number(payment.timeStamp) - Date.now() / 1000)).toBeLessThan(5);
    const message = `${payment.appId}\n${payment.timeStamp}\n${payment.nonceStr}\n${payment.package}\n`;
    const merchantCert = new crypto.X509Certificate(fs.readFileSync(fixtures.paths.merchantCert));
    expect(crypto.verify('sha256', Buffer.from(message), merchantCert.publicKey, Buffer.from(payment.paySign, 'base64'))).toBe(true);
    expect(crypto.verify('sha256', Buffer.from(message + 'x'), merchantCert.publicKey, Buffer.from(payment.paySign, 'base64'))).toBe(false);

    const order = emu.orders.get(outTradeNo);
    expect(order.amount.total).toBe(1990);
    expect(order.notify_url).toBe(receiver.notifyUrl);
    expect(order.attach).toBe('recharge:pkg-100');
    expect(order.time_expire).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
  });

  it('reaches the emulator with a request signature it accepts (and the emulator refuses a forged one)', async () => {
    await placeOrder();
    const req = emu.requests.at(-1);
    expect(req.headers.authorization).toMatch(/^WECHATPAY2-SHA256-RSA2048 /);
    expect(req.headers.authorization).toContain(`serial_no="${fixtures.merchantSerialNo}"`);
    const forged = await fetch(`${emu.url}/v3/pay/transactions/jsapi`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: req.headers.authorization },
      body: req.body.replace('1990', '1'),
    });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as any).code).toBe('SIGN_ERROR');
  });

  it('answers a retried identical order with the same prepay_id and refuses a changed one', async () => {
    const outTradeNo = tradeNo();
    const input = { outTradeNo, description: '包月卡', amountFen: 9900, openid: 'oPayer0002' };
    const first = await client.createJsapiOrder(input);
    const again = await client.createJsapiOrder(input);
    expect(again.prepayId).toBe(first.prepayId);
    const err = await providerFailure(client.createJsapiOrder({ ...input, amountFen: 100 }));
    expect(err.code).toBe('PAYMENT_PROVIDER');
    expect(err.details).toMatchObject({ providerCode: 'INVALID_REQUEST', httpStatus: 400 });
  });

  it('refuses a description over 127 characters at the provider', async () => {
    const err = await providerFailure(placeOrder(100, { description: '座'.repeat(128) }));
    expect(err.details).toMatchObject({ providerCode: 'PARAM_ERROR', httpStatus: 400 });
  });

  it('refuses amounts that are not positive whole fen before calling WeChat', async () => {
    const before = emu.requests.length;
    const err = await providerFailure(placeOrder(12.5));
    expect(err.code).toBe('VALIDATION');
    expect(emu.requests.length).toBe(before);
  });
});

describe('payment notification', () => {
  it('pay → the notify endpoint receives a notification verifyNotification accepts', async () => {
    const { outTradeNo } = await placeOrder(2500, { attach: 'pkg:200' });
    const delivery = await emu.pay(outTradeNo);
    expect(delivery.status).toBe(204);
    const n = receiver.last();
    expect(n.path).toBe('/api/payments/wechat/notify');
    const verified = verify(n);
    expect(verified.eventType).toBe('TRANSACTION.SUCCESS');
    expect(verified.resourceType).toBe('encrypt-resource');
    expect(verified.originalType).toBe('transaction');
    expect(verified.id).toMatch(/^EV-/);
    expect(verified.resource).toMatchObject({
      appid: fixtures.appid,
      mchid: fixtures.mchid,
      out_trade_no: outTradeNo,
      trade_state: 'SUCCESS',
      attach: 'pkg:200',
      payer: { openid: 'oPayer0001' },
      amount: { total: 2500, payer_total: 2500, currency: 'CNY' },
    });
    expect(verified.resource.transaction_id).toBe(emu.orders.get(outTradeNo).transaction_id);
  });

  it('a duplicate delivery verifies again with the same transaction (the handler must credit once)', async () => {
    const { outTradeNo } = await placeOrder(800);
    await emu.pay(outTradeNo);
    const first = verify(receiver.last());
    await emu.deliverTransactionNotification(outTradeNo);
    const second = verify(receiver.last());
    expect(second.resource.transaction_id).toBe(first.resource.transaction_id);
    expect(second.id).not.toBe(first.id);
  });

  it('verifies a body with \\u escapes byte for byte (re-serialising would break it)', async () => {
    const { outTradeNo } = await placeOrder(600, { attach: '充值套餐' });
    await emu.pay(outTradeNo, { escapedUnicode: true });
    const n = receiver.last();
    const text = n.rawBody.toString('utf8');
    expect(text).toContain('\\u652f\\u4ed8\\u6210\\u529f'); // 支付成功
    const verified = verify(n);
    expect(verified.summary).toBe('支付成功');
    expect(verified.resource.attach).toBe('充值套餐');
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(text)));
    expect(rejection(() => verify({ rawBody: reserialised, headers: n.headers })).reason).toBe('bad_signature');
  });

  it.each([
    ['signature', 'bad_signature'],
    ['timestamp', 'stale_timestamp'],
    ['serial', 'unknown_serial'],
    ['ciphertext', 'bad_ciphertext'],
    ['signtest', 'signtest'],
  ])('rejects a notification with a forged %s as %s', async (tamper, reason) => {
    const { outTradeNo } = await placeOrder(300);
    await emu.pay(outTradeNo, { deliver: false });
    await emu.deliverTransactionNotification(outTradeNo, { tamper });
    expect(rejection(() => verify(receiver.last())).reason).toBe(reason);
  });

  it('rejects an authentic notification replayed after the window, and a clock far behind', async () => {
    const { outTradeNo } = await placeOrder(300);
    await emu.pay(outTradeNo);
    const n = receiver.last();
    expect(verify(n).resource.out_trade_no).toBe(outTradeNo);
    expect(rejection(() => verify(n, new Date(Date.now() + 301 * 1000))).reason).toBe('stale_timestamp');
    expect(rejection(() => verify(n, new Date(Date.now() - 301 * 1000))).reason).toBe('stale_timestamp');
  });

  it('rejects a body that is not what was signed, and missing headers as malformed', async () => {
    const { outTradeNo } = await placeOrder(300);
    await emu.pay(outTradeNo);
    const n = receiver.last();
    const edited = Buffer.from(n.rawBody.toString('utf8').replace('"summary":"支付成功"', '"summary":"支付成功 "'));
    expect(edited.equals(n.rawBody)).toBe(false);
    expect(rejection(() => verify({ rawBody: edited, headers: n.headers })).reason).toBe('bad_signature');
    const { ['wechatpay-nonce']: _dropped, ...withoutNonce } = n.headers;
    expect(rejection(() => verify({ rawBody: n.rawBody, headers: withoutNonce })).reason).toBe('malformed');
  });

  it('rejects with a different APIv3 key as bad_ciphertext (the GCM tag is checked)', async () => {
    const { outTradeNo } = await placeOrder(300);
    await emu.pay(outTradeNo);
    const n = receiver.last();
    const err = rejection(() =>
      verifyNotification({ rawBody: n.rawBody, headers: n.headers as any, platformCerts: config.platformCerts, apiV3Key: 'X'.repeat(32), now: new Date() }),
    );
    expect(err.reason).toBe('bad_ciphertext');
  });

  it('hands over out-of-order and odd notifications verbatim for the handler to judge', async () => {
    const { outTradeNo } = await placeOrder(1000);
    await emu.pay(outTradeNo, { deliver: false });
    await emu.deliverTransactionNotification(outTradeNo, { amountTotal: 1, appid: 'wxOther', tradeState: 'NOTPAY' });
    const verified = verify(receiver.last());
    expect(verified.resource).toMatchObject({ amount: { total: 1 }, appid: 'wxOther', trade_state: 'NOTPAY' });
  });

  it('accepts platform certificates given as PEM strings too', async () => {
    const { outTradeNo } = await placeOrder(300);
    await emu.pay(outTradeNo);
    const n = receiver.last();
    const pem = fs.readFileSync(fixtures.paths.platformCert, 'utf8');
    const verified = verifyNotification({
      rawBody: n.rawBody.toString('utf8'),
      headers: n.headers as any,
      platformCerts: new Map([[fixtures.platformSerialNo.toLowerCase(), pem]]),
      apiV3Key: fixtures.apiV3Key,
      now: new Date(),
    });
    expect(verified.resource.out_trade_no).toBe(outTradeNo);
  });
});

describe('query and close', () => {
  it('queries NOTPAY, then SUCCESS after a lost notification', async () => {
    const { outTradeNo } = await placeOrder(4200);
    const before = await client.queryOrder(outTradeNo);
    expect(before).toMatchObject({ out_trade_no: outTradeNo, trade_state: 'NOTPAY', amount: { total: 4200 } });
    expect(before.transaction_id).toBeUndefined();
    const deliveries = receiver.received.length;
    expect(await emu.pay(outTradeNo, { deliver: false })).toBeNull();
    expect(receiver.received.length).toBe(deliveries);
    const after = await client.queryOrder(outTradeNo);
    expect(after).toMatchObject({ trade_state: 'SUCCESS', amount: { total: 4200, payer_total: 4200 }, payer: { openid: 'oPayer0001' } });
    expect(after.transaction_id).toMatch(/^4200\d{24}$/);
  });

  it('closes an unpaid order; a closed order cannot be paid; a paid order cannot be closed', async () => {
    const unpaid = await placeOrder(100);
    await client.closeOrder(unpaid.outTradeNo);
    expect((await client.queryOrder(unpaid.outTradeNo)).trade_state).toBe('CLOSED');
    await expect(emu.pay(unpaid.outTradeNo)).rejects.toThrow(/closed/);

    const paid = await placeOrder(100);
    await emu.pay(paid.outTradeNo, { deliver: false });
    const err = await providerFailure(client.closeOrder(paid.outTradeNo));
    expect(err.details).toMatchObject({ providerCode: 'ORDERPAID', httpStatus: 400 });
  });

  it('reports an unknown order as ORDER_NOT_EXIST', async () => {
    const err = await providerFailure(client.queryOrder('NEVER_CREATED_01'));
    expect(err.code).toBe('PAYMENT_PROVIDER');
    expect(err.status).toBe(502);
    expect(err.details).toMatchObject({ providerCode: 'ORDER_NOT_EXIST', httpStatus: 404 });
  });
});

describe('refunds', () => {
  async function paidOrder(total: number) {
    const o = await placeOrder(total);
    await emu.pay(o.outTradeNo, { deliver: false });
    return o.outTradeNo;
  }

  it('never refunds more than the order total, summed over refunds', async () => {
    const outTradeNo = await paidOrder(1000);
    const first = await client.createRefund({ outTradeNo, outRefundNo: tradeNo('RF'), refundFen: 600, totalFen: 1000, reason: '提现' });
    expect(first).toMatchObject({ status: 'PROCESSING', out_trade_no: outTradeNo, amount: { refund: 600, total: 1000 } });
    const over = await providerFailure(client.createRefund({ outTradeNo, outRefundNo: tradeNo('RF'), refundFen: 401, totalFen: 1000 }));
    expect(over.details).toMatchObject({ providerCode: 'NOT_ENOUGH', httpStatus: 403 });
    const rest = await client.createRefund({ outTradeNo, outRefundNo: tradeNo('RF'), refundFen: 400, totalFen: 1000 });
    expect(rest.amount.refund).toBe(400);
  });

  it('refuses a total that differs from the original order, and an unpaid order', async () => {
    const outTradeNo = await paidOrder(1000);
    const wrongTotal = await providerFailure(client.createRefund({ outTradeNo, outRefundNo: tradeNo('RF'), refundFen: 100, totalFen: 999 }));
    expect(wrongTotal.details).toMatchObject({ providerCode: 'INVALID_REQUEST', httpStatus: 400 });
    const unpaid = await placeOrder(500);
    const notPaid = await providerFailure(client.createRefund({ outTradeNo: unpaid.outTradeNo, outRefundNo: tradeNo('RF'), refundFen: 100, totalFen: 500 }));
    expect(notPaid.details).toMatchObject({ providerCode: 'INVALID_REQUEST', httpStatus: 400 });
  });

  it('returns the same refund when out_refund_no is retried, without refunding twice', async () => {
    const outTradeNo = await paidOrder(1000);
    const outRefundNo = tradeNo('RF');
    const first = await client.createRefund({ outTradeNo, outRefundNo, refundFen: 700, totalFen: 1000 });
    const retry = await client.createRefund({ outTradeNo, outRefundNo, refundFen: 700, totalFen: 1000 });
    expect(retry.refund_id).toBe(first.refund_id);
    expect([...emu.refunds.values()].filter((r: any) => r.out_trade_no === outTradeNo)).toHaveLength(1);
    const reused = await providerFailure(client.createRefund({ outTradeNo, outRefundNo, refundFen: 300, totalFen: 1000 }));
    expect(reused.details).toMatchObject({ providerCode: 'INVALID_REQUEST' });
    expect((await client.queryRefund(outRefundNo)).status).toBe('PROCESSING');
  });

  it('settleRefund delivers a verifiable refund notification and the refund reads SUCCESS', async () => {
    const outTradeNo = await paidOrder(1000);
    const outRefundNo = tradeNo('RF');
    await client.createRefund({ outTradeNo, outRefundNo, refundFen: 1000, totalFen: 1000 });
    expect(emu.refunds.get(outRefundNo).notify_url).toBe(receiver.refundNotifyUrl);
    const delivery = await emu.settleRefund(outRefundNo, 'SUCCESS');
    expect(delivery.status).toBe(204);
    const n = receiver.last();
    expect(n.path).toBe('/api/payments/wechat/refund-notify');
    const verified = verify(n);
    expect(verified.eventType).toBe('REFUND.SUCCESS');
    expect(verified.originalType).toBe('refund');
    expect(verified.resource).toMatchObject({
      mchid: fixtures.mchid,
      out_trade_no: outTradeNo,
      out_refund_no: outRefundNo,
      refund_status: 'SUCCESS',
      amount: { total: 1000, refund: 1000, payer_total: 1000, payer_refund: 1000 },
    });
    expect(verified.resource.success_time).toMatch(/\+08:00$/);
    expect((await client.queryRefund(outRefundNo)).status).toBe('SUCCESS');
    expect((await client.queryOrder(outTradeNo)).trade_state).toBe('REFUND');
  });

  it('an ABNORMAL refund notifies REFUND.ABNORMAL; a CLOSED refund frees the amount again', async () => {
    const outTradeNo = await paidOrder(500);
    const abnormal = tradeNo('RF');
    await client.createRefund({ outTradeNo, outRefundNo: abnormal, refundFen: 500, totalFen: 500 });
    await emu.settleRefund(abnormal, 'ABNORMAL');
    expect(verify(receiver.last()).eventType).toBe('REFUND.ABNORMAL');
    await emu.settleRefund(abnormal, 'CLOSED');
    expect(verify(receiver.last()).resource.refund_status).toBe('CLOSED');
    const again = await client.createRefund({ outTradeNo, outRefundNo: tradeNo('RF'), refundFen: 500, totalFen: 500 });
    expect(again.status).toBe('PROCESSING');
  });
});

describe('provider failures', () => {
  it('maps an injected 500 to PAYMENT_PROVIDER and recovers after it', async () => {
    emu.inject({ method: 'POST', pathPrefix: '/v3/pay/transactions/jsapi', status: 500 });
    const err = await providerFailure(placeOrder(100));
    expect(err.code).toBe('PAYMENT_PROVIDER');
    expect(err.details).toMatchObject({ providerCode: 'SYSTEM_ERROR', httpStatus: 500 });
    expect(err.message).toMatch(/try again/);
    await expect(placeOrder(100)).resolves.toHaveProperty('prepayId');
  });

  it('maps a timeout to PAYMENT_PROVIDER with providerCode TIMEOUT', async () => {
    const { outTradeNo } = await placeOrder(100);
    emu.inject({ pathPrefix: '/v3/pay/transactions/out-trade-no/', timeoutMs: 800 });
    const started = Date.now();
    const err = await providerFailure(client.queryOrder(outTradeNo));
    expect(Date.now() - started).toBeLessThan(700);
    expect(err.details).toMatchObject({ providerCode: 'TIMEOUT', httpStatus: null });
  });

  it('maps an unreachable WeChat Pay to PAYMENT_PROVIDER with providerCode NETWORK_ERROR', async () => {
    const offline = createWechatPayClient({ ...config, baseUrl: 'http://127.0.0.1:9' });
    const err = await providerFailure(offline.queryOrder('ANY_ORDER_0001'));
    expect(err.details).toMatchObject({ providerCode: 'NETWORK_ERROR', httpStatus: null });
  });

  it.each(['signature', 'serial', 'timestamp'])('refuses a 200 answer with a forged %s as PAYMENT_PROVIDER', async (tamperResponse) => {
    const { outTradeNo } = await placeOrder(100);
    emu.inject({ pathPrefix: '/v3/pay/transactions/out-trade-no/', tamperResponse });
    const err = await providerFailure(client.queryOrder(outTradeNo));
    expect(err.code).toBe('PAYMENT_PROVIDER');
    expect(err.details).toMatchObject({ providerCode: 'BAD_SIGNATURE', httpStatus: 200 });
  });

  it('refuses answers signed by a platform key it does not know', async () => {
    const stranger = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const distrusting = createWechatPayClient({
      ...config,
      platformCerts: new Map([[fixtures.platformSerialNo, stranger.publicKey]]),
    });
    const err = await providerFailure(distrusting.createJsapiOrder({ outTradeNo: tradeNo(), description: 'x', amountFen: 1, openid: 'o' }));
    expect(err.details).toMatchObject({ providerCode: 'BAD_SIGNATURE' });
  });
});

describe('platform certificates', () => {
  it('downloads and decrypts the platform certificate, verified by the known one', async () => {
    const certs = await client.fetchPlatformCertificates();
    expect(certs).toHaveLength(1);
    expect(certs[0].serialNo).toBe(fixtures.platformSerialNo);
    expect(certs[0].certificatePem).toBe(fs.readFileSync(fixtures.paths.platformCert, 'utf8'));
  });
});
