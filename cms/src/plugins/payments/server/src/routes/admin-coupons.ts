import { ADMIN_ACTIONS } from '../permissions';
import { guarded } from '../../../../../platform/admin-route';

/** 优惠券 Coupons pages: template editor, hand-outs with the audience counted first, analytics. */
export default [
  { method: 'GET', path: '/coupon-templates', handler: 'coupon-admin.list', config: guarded(ADMIN_ACTIONS.readCoupons) },
  { method: 'POST', path: '/coupon-templates', handler: 'coupon-admin.create', config: guarded(ADMIN_ACTIONS.manageCoupons) },
  { method: 'GET', path: '/coupon-templates/:id', handler: 'coupon-admin.get', config: guarded(ADMIN_ACTIONS.readCoupons) },
  { method: 'PUT', path: '/coupon-templates/:id', handler: 'coupon-admin.update', config: guarded(ADMIN_ACTIONS.manageCoupons) },
  { method: 'GET', path: '/coupon-templates/:id/audience', handler: 'coupon-admin.audience', config: guarded(ADMIN_ACTIONS.issueCoupons) },
  { method: 'POST', path: '/coupon-templates/:id/distribute', handler: 'coupon-admin.distribute', config: guarded(ADMIN_ACTIONS.issueCoupons) },
  { method: 'GET', path: '/coupon-templates/:id/analytics', handler: 'coupon-admin.analytics', config: guarded(ADMIN_ACTIONS.readCoupons) },
];
