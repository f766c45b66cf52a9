import { ADMIN_ACTIONS } from '../permissions';
import { guarded } from '../../../../../platform/admin-route';

/** Staff reads behind the refund review and member pages (admin JWT, RBAC action per route). */
export default [
  { method: 'GET', path: '/refund-queue', handler: 'review.refundQueue', config: guarded(ADMIN_ACTIONS.readRefunds) },
  { method: 'GET', path: '/refund-queue/:id', handler: 'review.refundDetail', config: guarded(ADMIN_ACTIONS.readRefunds) },
  { method: 'GET', path: '/wallets/:userId/transactions', handler: 'review.memberLedger', config: guarded(ADMIN_ACTIONS.readWallets) },
];
