import { exchangeLoginCode } from '../../../cms/src/platform/wechat/code2session';
import { createWechatPayClient, loadWechatPayConfig, verifyNotification } from '../../../cms/src/plugins/payments/server/src/wechatpay';
import { startNotifyReceiver, tradeNo } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { startWechatEmulator } = require('../../emulator');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const fixtures = require('../../emulator/fixtures');

// The HTTP hooks exist for a CMS under test in another process (integration tests, demos): drive the
// emulator only through them here.
let emu: any;
let receiver: Awaited<ReturnType<typeof startNotifyReceiver>>;

beforeAll(async () => {
  emu = await startWechatEmulator({ port: 0, autoSettleRefunds: 10 });
  receiver = await startNotifyReceiver();
});
afterAll(async () => {
  await emu.close();
  await receiver.close();
});

const hook = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${emu.url}/__emulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};

function client() {
  const loaded = loadWechatPayConfig(emu.env({ notifyUrl: receiver.notifyUrl, refundNotifyUrl: receiver.refundNotifyUrl }));
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  return { pay: createWechatPayClient(loaded.config), config: loaded.config };
}

it('issues login codes and injects login failures over HTTP', async () => {
  const { body } = await hook('POST', '/login-codes', { openid: 'oHook0001', unionid: 'uHook0001' });
  expect(body.code).toEqual(expect.any(String));
  expect((await hook('POST', '/login-failures', { errcode: -1 })).status).toBe(204);
  const login = { baseUrl: emu.url, appid: fixtures.appid, secret: fixtures.secret, code: body.code };
  await expect(exchangeLoginCode(login)).rejects.toMatchObject({ code: 'WECHAT_BUSY' });
  await expect(exchangeLoginCode(login)).resolves.toEqual({ openid: 'oHook0001', unionid: 'uHook0001' });
});

it('pays over HTTP and reports the delivery', async () => {
  const { pay, config } = client();
  const outTradeNo = tradeNo();
  await pay.createJsapiOrder({ outTradeNo, description: '充值', amountFen: 500, openid: 'oHook0002' });
  const { status, body } = await hook('POST', `/pay/${outTradeNo}`);
  expect(status).toBe(200);
  expect(body.delivery.status).toBe(204);
  const n = receiver.last();
  const verified = verifyNotification({ rawBody: n.rawBody, headers: n.headers as any, platformCerts: config.platformCerts, apiV3Key: config.apiV3Key, now: new Date() });
  expect(verified.resource).toMatchObject({ out_trade_no: outTradeNo, trade_state: 'SUCCESS', amount: { total: 500 } });
  const order = await hook('GET', `/orders/${outTradeNo}`);
  expect(order.body.trade_state).toBe('SUCCESS');
});

it('auto-settles refunds and settles by hand over HTTP', async () => {
  const { pay } = client();
  const outTradeNo = tradeNo();
  await pay.createJsapiOrder({ outTradeNo, description: '充值', amountFen: 500, openid: 'oHook0003' });
  await hook('POST', `/pay/${outTradeNo}`, { deliver: false });
  const outRefundNo = tradeNo('RF');
  const created = await pay.createRefund({ outTradeNo, outRefundNo, refundFen: 200, totalFen: 500 });
  expect(created.status).toBe('PROCESSING');
  for (let i = 0; i < 50 && emu.refunds.get(outRefundNo).status === 'PROCESSING'; i++) await new Promise((r) => setTimeout(r, 10));
  expect((await pay.queryRefund(outRefundNo)).status).toBe('SUCCESS');
  expect(receiver.last().path).toBe('/api/payments/wechat/refund-notify');
  const settledTwice = await hook('POST', `/refunds/${outRefundNo}/settle`, { status: 'SUCCESS' });
  expect(settledTwice.status).toBe(400);
  expect(settledTwice.body.message).toMatch(/already SUCCESS/);
});

it('injects and clears faults over HTTP', async () => {
  const { pay } = client();
  expect((await hook('POST', '/faults', { pathPrefix: '/v3/refund/', status: 503, times: 5 })).status).toBe(204);
  await expect(pay.queryRefund('RF_UNKNOWN')).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER', details: { httpStatus: 503 } });
  expect((await hook('DELETE', '/faults')).status).toBe(204);
  await expect(pay.queryRefund('RF_UNKNOWN')).rejects.toMatchObject({ details: { providerCode: 'RESOURCE_NOT_EXISTS', httpStatus: 404 } });
});
