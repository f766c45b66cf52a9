import { ADMIN_ACTIONS } from '../permissions';

/** Staff reads behind the refund review and member pages (admin JWT, RBAC action per route). */
const guarded = (action: string) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
  middlewares: ['plugin::payments.domain-errors'],
});

export default [
  { method: 'GET', path: '/refund-queue', handler: 'review.refundQueue', config: guarded(ADMIN_ACTIONS.readRefunds) },
  { method: 'GET', path: '/refund-queue/:id', handler: 'review.refundDetail', config: guarded(ADMIN_ACTIONS.readRefunds) },
  { method: 'GET', path: '/wallets/:userId/transactions', handler: 'review.memberLedger', config: guarded(ADMIN_ACTIONS.readWallets) },
];
