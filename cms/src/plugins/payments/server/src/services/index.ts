import checkout from './checkout';
import coupons from './coupons';
import memberships from './memberships';
import notifications from './notifications';
import pricing from './pricing';
import recharges from './recharges';
import refunds from './refunds';
import reports from './reports';
import exportsService from './exports';
import refundReview from './refund-review';
import wallet from './wallet';
import wechat from './wechat';
import couponAdmin from './coupon-admin';
import reconciliation from './reconciliation';
import memberPayments from './member-payments';
import staffPayments from './staff-payments';

/**
 * Declared services. The booking plugin calls wallet, pricing, coupons and checkout (inside its own
 * transaction) and reports (dashboard money figures); the app calls memberships.currentTier; the rest serve this plugin's routes and jobs.
 */
const services = { wallet, pricing, coupons, checkout, memberships, recharges, refunds, notifications, wechat, reports, exports: exportsService, 'refund-review': refundReview, 'coupon-admin': couponAdmin, reconciliation, 'member-payments': memberPayments, 'staff-payments': staffPayments };
export default services;

export { getPaymentsService } from './accessor';
