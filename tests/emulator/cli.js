#!/usr/bin/env node
'use strict';
// Runs the WeChat emulator for local demos (npm run dev:wechat): any wx.login code logs in a stable
// demo member, and refunds settle by themselves shortly after they are requested.
const { startWechatEmulator } = require('./index');
const { cmsEnvFor } = require('./fixtures');

async function main() {
  const port = Number(process.env.WECHAT_EMULATOR_PORT || 9555);
  const emu = await startWechatEmulator({
    port,
    acceptAnyCode: true,
    autoSettleRefunds: 1000,
    log: (line) => console.log(`[wechat-emulator] ${line}`),
  });
  const cmsUrl = process.env.CMS_PUBLIC_URL || 'http://127.0.0.1:1337';
  const env = cmsEnvFor(emu.url, {
    notifyUrl: `${cmsUrl}/api/payments/wechat/notify`,
    refundNotifyUrl: `${cmsUrl}/api/payments/wechat/refund-notify`,
  });
  console.log(`WeChat emulator listening on ${emu.url}`);
  console.log('Environment for the CMS (test keys only, never for production):');
  for (const [k, v] of Object.entries(env)) console.log(`${k}=${v}`);
  console.log('');
  console.log('Hooks: POST /__emulator/pay/<outTradeNo>            the member pays (notification is sent)');
  console.log('       POST /__emulator/refunds/<outRefundNo>/settle  {"status":"SUCCESS"|"ABNORMAL"|"CLOSED"}');
  console.log('       GET  /__emulator/orders | /__emulator/refunds | /__emulator/notifications');

  const stop = async () => {
    await emu.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
