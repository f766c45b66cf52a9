/** Member routes (API.md). Public only where nothing personal is shown, and WeChat's callbacks. */
export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/wallet', handler: 'member.getWallet' },
    { method: 'GET', path: '/transactions', handler: 'member.listTransactions' },
    { method: 'GET', path: '/transactions/stats', handler: 'member.transactionStats' },
    { method: 'GET', path: '/recharge-packages', handler: 'member.listRechargePackages', config: { auth: false } },
    { method: 'POST', path: '/recharges', handler: 'member.createRecharge' },
    { method: 'GET', path: '/recharges/:outTradeNo', handler: 'member.getRecharge' },
    { method: 'POST', path: '/wechat/notify', handler: 'notify.transaction', config: { auth: false } },
    { method: 'POST', path: '/wechat/refund-notify', handler: 'notify.refund', config: { auth: false } },
    { method: 'GET', path: '/memberships/tiers', handler: 'member.listTiers', config: { auth: false } },
    { method: 'POST', path: '/memberships/purchase', handler: 'member.purchaseMembership' },
    { method: 'GET', path: '/coupons', handler: 'member.listCoupons' },
    { method: 'POST', path: '/refund-requests', handler: 'member.fileRefundRequest' },
    { method: 'GET', path: '/refund-requests', handler: 'member.listRefundRequests' },
  ],
};
