import { ADMIN_ACTIONS } from '../permissions';
import { guarded } from '../../../../../platform/admin-route';
import reviewRoutes from './admin-review';
import couponRoutes from './admin-coupons';

/** Staff routes under /payments/…, for the admin panel (JWT of an admin user, RBAC action per route). */
export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/refund-requests', handler: 'staff.listRefundRequests', config: guarded(ADMIN_ACTIONS.readRefunds) },
    { method: 'GET', path: '/refund-requests/:id', handler: 'staff.getRefundRequest', config: guarded(ADMIN_ACTIONS.readRefunds) },
    { method: 'POST', path: '/refund-requests/:id/approve', handler: 'staff.approveRefundRequest', config: guarded(ADMIN_ACTIONS.reviewRefunds) },
    { method: 'POST', path: '/refund-requests/:id/reject', handler: 'staff.rejectRefundRequest', config: guarded(ADMIN_ACTIONS.reviewRefunds) },
    { method: 'POST', path: '/coupons/issue', handler: 'staff.issueCoupons', config: guarded(ADMIN_ACTIONS.issueCoupons) },
    { method: 'GET', path: '/coupon-templates/:id/stats', handler: 'staff.couponTemplateStats', config: guarded(ADMIN_ACTIONS.issueCoupons) },
    { method: 'GET', path: '/wallets/:userId', handler: 'staff.getWallet', config: guarded(ADMIN_ACTIONS.readWallets) },
    { method: 'POST', path: '/wallets/:userId/adjust', handler: 'staff.adjustWallet', config: guarded(ADMIN_ACTIONS.adjustWallets) },
    { method: 'GET', path: '/exports/ledger', handler: 'exports.ledger', config: guarded(ADMIN_ACTIONS.exportMoney) },
    { method: 'GET', path: '/exports/refund-requests', handler: 'exports.refundRequests', config: guarded(ADMIN_ACTIONS.exportMoney) },
    { method: 'GET', path: '/exports/members', handler: 'exports.members', config: guarded(ADMIN_ACTIONS.exportMoney) },
    ...reviewRoutes,
    ...couponRoutes,
  ],
};
